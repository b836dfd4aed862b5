import Foundation

/// An exact decimal amount. It is read from a JSON string (`"299.00"`) or number (`299`, `299.5`) without
/// ever passing through a binary float, and written as a string with at least two decimals.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let value: Decimal

    public init(_ value: Decimal) { self.value = value }
    public static let zero = Money(0)

    /// Accepts an optional sign, digits, and an optional fraction; nothing else (no exponent, no comma).
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        var sawDigit = false, sawDot = false
        for (i, c) in trimmed.utf8.enumerated() {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "."): if sawDot { return nil }; sawDot = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"): if i != 0 { return nil }
            default: return nil
            }
        }
        guard sawDigit, trimmed.utf8.count <= 40,
              let decimal = Decimal(string: trimmed, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        self.value = decimal
    }

    /// From a JSON value that is a number or a numeric string.
    public init?(json: JSONValue) {
        switch json {
        case .string(let s): self.init(parsing: s)
        case .number(let n):
            guard let d = n.decimal, n.text.count <= 40, !n.text.contains(where: { $0 == "e" || $0 == "E" }) else { return nil }
            self.init(d)
        default: return nil
        }
    }

    /// Two decimals at least; more are kept when the input had them, so nothing is rounded away.
    public var description: String {
        var text = value.description
        if text.contains("e") || text.contains("E") {
            text = NSDecimalNumber(decimal: value).stringValue
        }
        guard let dot = text.firstIndex(of: ".") else { return text + ".00" }
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        return decimals >= 2 ? text : text + String(repeating: "0", count: 2 - decimals)
    }

    public var json: JSONValue { .string(description) }

    public static func + (lhs: Money, rhs: Money) -> Money { Money(lhs.value + rhs.value) }
    public static func * (lhs: Money, rhs: Decimal) -> Money { Money(lhs.value * rhs) }
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.value < rhs.value }
}
