import Foundation

/// Strict readers of the members of a document Kvitto stored, for the models' `init(stored:)`.
///
/// A member every version has written (ids, names, timestamps) is read with a required reader, and a
/// missing or JSON-null one is an error. The `optional…` readers take absent or null as `nil`. Either kind
/// throws when a member is present but of the wrong type or does not parse. Read leniently, a damaged
/// document would come back as an empty id or a 1970-01-01 date, and the damage would spread to whatever
/// is written from it next.
public struct StoredDocument {
    public let json: JSONValue
    /// What the document holds, for error messages: "contact", "order".
    public let what: String

    /// Every document Kvitto stores is a JSON object; anything else is an error.
    public init(_ json: JSONValue, what: String) throws {
        guard case .object = json else { throw MalformedRecord(what: what, member: nil, problem: "not a JSON object") }
        self.json = json
        self.what = what
    }

    public func string(_ key: String) throws -> String { try required(key, optionalString(key)) }
    public func optionalString(_ key: String) throws -> String? { try member(key, "not a string") { $0.stringValue } }

    public func int(_ key: String) throws -> Int { try required(key, optionalInt(key)) }
    /// An integer member; a fraction or a number past 64 bits is an error.
    public func optionalInt(_ key: String) throws -> Int? { try member(key, "not an integer") { $0.numberValue?.int64.map(Int.init) } }

    /// A boolean member; absent or null is `absent`, a value of another type an error.
    public func bool(_ key: String, absent: Bool) throws -> Bool { try optionalBool(key) ?? absent }
    public func optionalBool(_ key: String) throws -> Bool? { try member(key, "not a boolean") { $0.boolValue } }

    public func timestamp(_ key: String) throws -> Date { try required(key, optionalTimestamp(key)) }
    public func optionalTimestamp(_ key: String) throws -> Date? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = Timestamp.parse(text) else { throw problem(key, "not a timestamp: \(Self.quoted(text))") }
        return date
    }

    /// An amount (`Money.json`: a decimal number).
    public func money(_ key: String) throws -> Money { try required(key, optionalMoney(key)) }
    public func optionalMoney(_ key: String) throws -> Money? { try member(key, "not an amount") { Money(json: $0) } }

    /// `key`'s value as `read` takes it; absent or null is `nil`, a value `read` refuses is an error.
    private func member<T>(_ key: String, _ refused: String, _ read: (JSONValue) -> T?) throws -> T? {
        guard let value = json[key], !value.isNull else { return nil }
        guard let taken = read(value) else { throw wrong(key, refused, value) }
        return taken
    }

    /// `value`, or the error that the required member `key` is missing.
    private func required<T>(_ key: String, _ value: T?) throws -> T {
        guard let value else { throw missing(key) }
        return value
    }

    /// An enumerated member: a raw value this version does not know is an error, never a default.
    public func value<T: RawRepresentable>(_ key: String, as type: T.Type) throws -> T where T.RawValue == String {
        try required(key, optionalValue(key, as: type))
    }

    public func optionalValue<T: RawRepresentable>(_ key: String, as type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = try optionalString(key) else { return nil }
        guard let value = T(rawValue: text) else { throw problem(key, "not a \(T.self): \(Self.quoted(text))") }
        return value
    }

    /// An array member; absent or null is the empty array.
    public func array(_ key: String) throws -> [JSONValue] {
        switch json[key] {
        case .none, .some(.null): return []
        case .some(.array(let values)): return values
        case .some(let other): throw wrong(key, "not an array", other)
        }
    }

    /// An object member; absent or null is `nil`.
    public func optionalObject(_ key: String) throws -> JSONObject? {
        switch json[key] {
        case .none, .some(.null): return nil
        case .some(.object(let members)): return members
        case .some(let other): throw wrong(key, "not an object", other)
        }
    }

    /// Custom field groups (`FieldGroups.json`): an object of objects; absent or null is none.
    public func fieldGroups(_ key: String) throws -> FieldGroups {
        guard let groups = try optionalObject(key) else { return [:] }
        var result: FieldGroups = [:]
        for (group, members) in groups {
            guard case .object(let values) = members else { throw wrong("\(key).\(group)", "not an object", members) }
            result[group] = Dictionary(values.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        }
        return result
    }

    /// A nested document, read strictly too; its errors name the member it sits in.
    public func nested(_ key: String, _ json: JSONValue) throws -> StoredDocument {
        try StoredDocument(json, what: "\(what) \(key)")
    }

    public func problem(_ key: String, _ problem: String) -> MalformedRecord {
        MalformedRecord(what: what, member: key, problem: problem)
    }

    private func missing(_ key: String) -> MalformedRecord { problem(key, "missing") }

    private func wrong(_ key: String, _ what: String, _ value: JSONValue) -> MalformedRecord {
        problem(key, "\(what): \(Self.quoted(JSONWriter.string(value)))")
    }

    /// A stored value quoted for an error message, cut short so that a long value cannot flood a log.
    static func quoted(_ text: String) -> String {
        text.count <= 64 ? "'\(text)'" : "'\(text.prefix(64))…'"
    }
}

/// A stored document that lacks a member its type needs, or holds one that does not parse: the database
/// was changed by hand or is damaged. It names the member, never the document (which holds personal data
/// and sealed credentials).
public struct MalformedRecord: Error, Sendable, CustomStringConvertible {
    public var what: String
    public var member: String?
    public var problem: String

    public init(what: String, member: String?, problem: String) {
        self.what = what; self.member = member; self.problem = problem
    }

    public var description: String {
        "a stored \(what) is malformed: " + (member.map { "member '\($0)': \(problem)" } ?? problem)
    }
}
