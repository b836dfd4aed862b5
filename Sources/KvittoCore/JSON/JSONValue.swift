import Foundation

/// A JSON document as Kvitto handles it everywhere: numbers keep the exact text they arrived with,
/// so money (`299.00`) and 64-bit platform ids (`820982911946154508`) never pass through a `Double`.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON number kept as its literal text. Arithmetic views are derived on demand.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number as written in the source document (already validated as a JSON number).
    public let text: String

    public init(validatedText: String) { self.text = validatedText }
    public init(_ value: Int) { self.text = String(value) }
    public init(_ value: Int64) { self.text = String(value) }
    public init(_ value: Decimal) { self.text = value.description }
    /// Doubles appear only where JMESPath arithmetic needs them (`avg`, `floor`); integral values print
    /// without a fraction so `3.0` round-trips as `3`.
    public init(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            self.text = String(Int64(value))
        } else {
            self.text = String(value)
        }
    }

    public var description: String { text }
    public var double: Double { Double(text) ?? .nan }
    public var decimal: Decimal? { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }
    /// The value as a 64-bit integer when the literal is an integer that fits.
    public var int64: Int64? { Int64(text) }
    public var isInteger: Bool { !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) }

    /// Numeric equality, so `1`, `1.0` and `1e0` are the same number.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if lhs.text == rhs.text { return true }
        if let l = lhs.decimal, let r = rhs.decimal { return l == r }
        return lhs.double == rhs.double
    }

    public func hash(into hasher: inout Hasher) {
        if let d = decimal { hasher.combine(d) } else { hasher.combine(double) }
    }

    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool {
        if let l = lhs.int64, let r = rhs.int64 { return l < r }
        if let l = lhs.decimal, let r = rhs.decimal { return l < r }
        return lhs.double < rhs.double
    }
}

/// A JSON object that remembers the order its keys were written in, so output reads like input.
/// Members live in an array; objects past `indexThreshold` members also keep a hash index. Most objects
/// Kvitto builds are small, and for those a linear scan is cheaper than hashing every key.
public struct JSONObject: Sendable, Hashable, Sequence {
    private var members: [(key: String, value: JSONValue)] = []
    private var index: [String: Int]?
    static let indexThreshold = 16

    public init() {}
    public init(_ pairs: [(String, JSONValue)]) {
        members.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }
    public var values: [JSONValue] { members.map(\.value) }

    /// Reserves room for `minimumCapacity` members, so building an object of known size does not reallocate.
    public mutating func reserveCapacity(_ minimumCapacity: Int) { members.reserveCapacity(minimumCapacity) }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        // Lengths first: comparing two different strings goes through the standard library's slow path.
        let length = key.utf8.count
        return members.firstIndex { $0.key.utf8.count == length && $0.key == key }
    }

    /// Setting a key hashes it once where the object keeps an index (a repeated key, which is rare, twice): a
    /// look-up and then an insert hashed every new key twice, a sixth of parsing a large webhook.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let newValue {
                if index != nil {
                    if let earlier = index!.updateValue(members.count, forKey: key) {
                        index![key] = earlier
                        members[earlier].value = newValue
                    } else {
                        members.append((key, newValue))
                    }
                } else if let i = position(of: key) {
                    members[i].value = newValue
                } else {
                    members.append((key, newValue))
                    if members.count > Self.indexThreshold {
                        var built = [String: Int](minimumCapacity: members.count * 2)
                        for (position, member) in members.enumerated() { built[member.key] = position }
                        index = built
                    }
                }
            } else if let i = position(of: key) {
                members.remove(at: i)
                if index != nil {
                    index = Dictionary(members.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { _, last in last })
                }
            }
        }
    }

    /// Replaces the value of the member at `position`, its place in iteration order (the offset `enumerated()`
    /// gives). For objects filled in from a prototype (a compiled postback template): no key is hashed or
    /// compared, and the index stays shared with the prototype instead of being copied on the first change.
    public mutating func setValue(_ value: JSONValue, atPosition position: Int) {
        members[position].value = value
    }

    /// The members' own iterator: a type-erased one cost a closure call per member, which serialising
    /// every document paid.
    public func makeIterator() -> IndexingIterator<[(key: String, value: JSONValue)]> {
        members.makeIterator()
    }

    /// Objects compare as sets of members: key order carries no meaning in JSON.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for member in lhs.members {
            guard let other = rhs[member.key], other == member.value else { return false }
        }
        return true
    }

    /// Order-independent, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var memberHasher = Hasher()
            memberHasher.combine(member.key)
            memberHasher.combine(member.value)
            combined ^= memberHasher.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
    public init(nilLiteral: ()) { self = .null }
}

extension JSONValue {
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
    public var objectValue: JSONObject? { if case .object(let o) = self { return o } else { return nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a } else { return nil } }
    public var numberValue: JSONNumber? { if case .number(let n) = self { return n } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { return b } else { return nil } }
    public var isNull: Bool { if case .null = self { return true } else { return false } }

    /// A string when present, `nil` for a JSON null or a missing value.
    public static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self.init(elements) }
}
