/// Collects every field error of one request, so a client learns all its mistakes in one answer.
public final class FieldErrorLog {
    public private(set) var errors: [FieldError] = []
    public init() {}
    /// Records an error; the same error at the same place twice is recorded once.
    public func add(_ pointer: String, _ detail: String) {
        let error = FieldError(pointer, detail)
        if !errors.contains(error) { errors.append(error) }
    }
    public var isEmpty: Bool { errors.isEmpty }
}

/// Reads one JSON object of a request. Every accessor records a type error at its JSON pointer instead of
/// throwing, and `finish()` reports members nobody asked for: unknown fields are an error, not ignored.
public struct ObjectReader {
    public let object: JSONObject
    public let pointer: String
    let log: FieldErrorLog
    private var known: Set<String> = []

    public init(_ object: JSONObject, at pointer: String, log: FieldErrorLog) {
        self.object = object; self.pointer = pointer; self.log = log
    }

    /// Reads `value` as an object, or records that it is not one.
    public static func make(_ value: JSONValue, at pointer: String, log: FieldErrorLog) -> ObjectReader? {
        guard case .object(let object) = value else {
            log.add(pointer, "must be an object")
            return nil
        }
        return ObjectReader(object, at: pointer, log: log)
    }

    /// The one decode step from a request body to an input. `read` takes the members it knows and records
    /// errors of its own with `fail`; members nobody read are errors too; every error comes back together in
    /// one 422 with a JSON pointer each. `read` returns `nil` only after recording why.
    public static func decode<Input>(_ body: JSONValue, _ read: (inout ObjectReader) throws -> Input?) throws -> Input {
        let log = FieldErrorLog()
        guard var reader = ObjectReader.make(body, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        let input = try read(&reader)
        reader.finish()
        guard log.isEmpty, let input else { throw KvittoError.invalid(log.errors) }
        return input
    }

    /// Records an error at `pointer` (a rule between members, say, that no single accessor checks).
    public func fail(_ pointer: String, _ detail: String) { log.add(pointer, detail) }

    /// `value` when present; when it is missing (and nothing else was wrong so far, so one mistake is not
    /// reported twice), records that `key` is required.
    public func required<Value>(_ value: Value?, _ key: String) -> Value? {
        if value == nil, !hasErrors { fail(path(key), "is required") }
        return value
    }

    /// A reader of `value` (an element of an array member, say) whose errors go where this reader's go.
    public func nested(_ value: JSONValue, at pointer: String) -> ObjectReader? {
        ObjectReader.make(value, at: pointer, log: log)
    }

    /// Whether anything read so far was wrong.
    public var hasErrors: Bool { !log.isEmpty }

    public func path(_ key: String) -> String {
        jsonPointer(pointer, appending: key)
    }

    /// The raw member, marking it known. JSON null counts as absent.
    public mutating func value(_ key: String) -> JSONValue? {
        known.insert(key)
        guard let value = object[key], !value.isNull else { return nil }
        return value
    }

    public mutating func string(_ key: String, required: Bool = false, maxLength: Int = 1000) -> String? {
        guard let value = value(key) else {
            if required { log.add(path(key), "is required") }
            return nil
        }
        guard case .string(let s) = value else { log.add(path(key), "must be a string"); return nil }
        guard s.count <= maxLength else { log.add(path(key), "is longer than \(maxLength) characters"); return nil }
        return s
    }

    /// Platform ids arrive as strings or integers; integers keep every digit (`820982911946154508`).
    public mutating func identifier(_ key: String, required: Bool = false) -> String? {
        guard let value = value(key) else {
            if required { log.add(path(key), "is required") }
            return nil
        }
        switch value {
        case .string(let s) where !s.isEmpty && s.count <= 255: return s
        case .number(let n) where n.isInteger: return n.text
        default: log.add(path(key), "must be a non-empty string or an integer"); return nil
        }
    }

    public mutating func bool(_ key: String) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let b) = value else { log.add(path(key), "must be true or false"); return nil }
        return b
    }

    public mutating func money(_ key: String, required: Bool = false) -> Money? {
        guard let value = value(key) else {
            if required { log.add(path(key), "is required") }
            return nil
        }
        guard let money = Money(json: value), money.isWithinInputLimit else {
            log.add(path(key), "must be a decimal amount such as \"299.00\", below a million millions either way")
            return nil
        }
        return money
    }

    /// A positive quantity: an integer or an exact decimal.
    public mutating func quantity(_ key: String) -> Money? {
        guard let value = value(key) else { log.add(path(key), "is required"); return nil }
        guard let q = Money(json: value), q.isPositive else { log.add(path(key), "must be a positive number"); return nil }
        return q
    }

    public mutating func timestamp(_ key: String) -> Date? {
        guard let text = string(key) else { return nil }
        guard let date = Timestamp.parse(text) else { log.add(path(key), "must be an RFC 3339 timestamp"); return nil }
        return date
    }

    public mutating func object(_ key: String) -> ObjectReader? {
        guard let value = value(key) else { return nil }
        return ObjectReader.make(value, at: path(key), log: log)
    }

    public mutating func array(_ key: String, maxCount: Int = 1000) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        guard case .array(let items) = value else { log.add(path(key), "must be an array"); return nil }
        guard items.count <= maxCount else { log.add(path(key), "has more than \(maxCount) items"); return nil }
        return items
    }

    public mutating func stringArray(_ key: String) -> [String]? {
        guard let items = array(key) else { return nil }
        var strings: [String] = []
        for (i, item) in items.enumerated() {
            guard case .string(let s) = item else { log.add(path(key) + "/\(i)", "must be a string"); continue }
            strings.append(s)
        }
        return strings
    }

    public mutating func enumeration<E: RawRepresentable>(_ key: String, _ type: E.Type) -> E?
    where E.RawValue == String, E: CaseIterable {
        guard let text = string(key) else { return nil }
        guard let value = E(rawValue: text) else {
            log.add(path(key), "must be one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return value
    }

    /// Reports members that were never read.
    public func finish() {
        for key in object.keys where !known.contains(key) {
            log.add(path(key), "is not a known field")
        }
    }
}

import Foundation

/// `base` with one more reference token, escaped as RFC 6901 asks (`~` → `~0`, `/` → `~1`). Input readers
/// and template compilers make one for every nested object and array they read, and nearly every key needs
/// no escape, so those keys are only appended (Foundation's replacingOccurrences for every key was a
/// twentieth of an order's ingest CPU).
public func jsonPointer(_ base: String, appending key: String) -> String {
    guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return base + "/" + key }
    var escaped = base + "/"
    for scalar in key.unicodeScalars {
        switch scalar {
        case "~": escaped += "~0"
        case "/": escaped += "~1"
        default: escaped.unicodeScalars.append(scalar)
        }
    }
    return escaped
}
