/// An exact decimal amount as an integer count of units at a decimal scale (`299.00` is 29900 at scale 2).
/// It is read from a JSON string (`"299.00"`) or number (`299`, `299.5`) without ever passing through a
/// binary float, and written as a string with at least two decimals. Fixed point instead of Foundation's
/// `Decimal` because formatting and parsing sit on the ingest hot path, and this is several times faster.
public struct Money: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The amount in units of 10^-scale.
    public let units: Int64
    /// Decimal places, 0…18.
    public let scale: Int

    public init(units: Int64, scale: Int) { self.units = units; self.scale = scale }

    /// The magnitude an amount in a request stays below: 10^12, a million millions, far beyond any order
    /// and far below what the fixed point can hold, so sums of many lines never overflow.
    public static let inputLimit: Double = 1e12

    /// Whether the amount is below `inputLimit` either way.
    public var isWithinInputLimit: Bool {
        var whole = units.magnitude
        for _ in 0..<scale { whole /= 10 }
        return whole < UInt64(Self.inputLimit)
    }
    public init(_ integer: Int) { self.init(units: Int64(integer), scale: 0) }
    public static let zero = Money(units: 0, scale: 0)

    /// The amount in hundredths (öre, cents), rounded toward zero past two decimals: what engagement sums.
    public var minorUnits: Int64 {
        if scale <= 2 {
            var value = units
            for _ in scale..<2 { value = value.multipliedReportingOverflow(by: 10).partialValue }
            return value
        }
        var value = units
        for _ in 2..<scale { value /= 10 }
        return value
    }

    /// Accepts an optional sign, digits and an optional fraction; no exponent, no thousands separator.
    public init?(parsing text: some StringProtocol) {
        var units: Int64 = 0
        var scale = 0
        var negative = false
        var sawDigit = false, sawDot = false
        var index = 0
        for byte in text.utf8 {
            defer { index += 1 }
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let (shifted, o1) = units.multipliedReportingOverflow(by: 10)
                let (next, o2) = shifted.addingReportingOverflow(Int64(byte - UInt8(ascii: "0")))
                guard !o1, !o2 else { return nil }
                units = next
                sawDigit = true
                if sawDot { scale += 1; if scale > 18 { return nil } }
            case UInt8(ascii: "."):
                guard !sawDot, sawDigit else { return nil }
                sawDot = true
            case UInt8(ascii: "-"), UInt8(ascii: "+"):
                guard index == 0 else { return nil }
                negative = byte == UInt8(ascii: "-")
            default:
                return nil
            }
        }
        guard sawDigit, !(sawDot && scale == 0) else { return nil }
        self.init(units: negative ? -units : units, scale: scale)
    }

    /// From a JSON value that is a number or a numeric string.
    public init?(json: JSONValue) {
        switch json {
        case .string(let s): self.init(parsing: s)
        case .number(let n): self.init(number: n.text)
        default: return nil
        }
    }

    /// A JSON number's text, an exponent allowed (`1e-7`, as JavaScript writes small numbers): read exactly,
    /// so `4.9295e+3` is 4929.5. Nil when it is not exact at 18 decimals or does not fit.
    init?(number text: String) {
        guard let e = text.utf8.firstIndex(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) else {
            self.init(parsing: text)
            return
        }
        guard let mantissa = Money(parsing: text[..<e]), let exponent = Int(text[text.utf8.index(after: e)...]),
              (-36...36).contains(exponent) else { return nil }
        var units = mantissa.units, scale = mantissa.scale - exponent
        while scale < 0 {
            let (shifted, overflow) = units.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            units = shifted; scale += 1
        }
        guard scale <= 18 else { return nil }
        self.init(units: units, scale: scale)
    }

    /// Two decimals at least; more are kept when the input had them, so nothing is rounded away.
    public var description: String { format(minimumScale: 2) }

    /// The shortest exact form (`2`, `1.5`): for quantities, which are numbers rather than prices.
    public var plainDescription: String { normalized.format(minimumScale: 0) }

    func format(minimumScale: Int) -> String {
        let magnitude = units.magnitude
        var digits = Array(String(magnitude).utf8)
        if digits.count <= scale { digits = Array(repeating: UInt8(ascii: "0"), count: scale - digits.count + 1) + digits }
        var out: [UInt8] = []
        out.reserveCapacity(digits.count + 4)
        if units < 0 { out.append(UInt8(ascii: "-")) }
        out.append(contentsOf: digits[0..<(digits.count - scale)])
        let fraction = digits[(digits.count - scale)...]
        if scale > 0 || minimumScale > 0 {
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: fraction)
            if scale < minimumScale { out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: minimumScale - scale)) }
        }
        if out.last == UInt8(ascii: ".") { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    public var json: JSONValue { .string(description) }

    /// The same amount without trailing zero decimals, so `2.00 == 2`.
    public var normalized: Money {
        var units = self.units, scale = self.scale
        while scale > 0, units % 10 == 0 { units /= 10; scale -= 1 }
        return Money(units: units, scale: scale)
    }

    /// Both amounts at the larger scale, or `nil` when that would overflow.
    static func aligned(_ a: Money, _ b: Money) -> (Int64, Int64, Int)? {
        let scale = max(a.scale, b.scale)
        func widen(_ m: Money) -> Int64? {
            var units = m.units
            for _ in 0..<(scale - m.scale) {
                let (next, overflow) = units.multipliedReportingOverflow(by: 10)
                if overflow { return nil }
                units = next
            }
            return units
        }
        guard let x = widen(a), let y = widen(b) else { return nil }
        return (x, y, scale)
    }

    /// Exact sum; amounts beyond ±9.2·10^18 units saturate rather than wrap (no real order gets there).
    public static func + (lhs: Money, rhs: Money) -> Money {
        guard let (a, b, scale) = aligned(lhs, rhs) else { return lhs.units < 0 ? Money(units: .min, scale: 0) : Money(units: .max, scale: 0) }
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Money(units: a < 0 ? .min : .max, scale: scale) : Money(units: sum, scale: scale).trimmed(to: max(lhs.scale, rhs.scale))
    }

    /// Exact product (price × quantity), kept at the price's scale when the quantity is whole.
    public static func * (lhs: Money, rhs: Money) -> Money {
        let (product, overflow) = lhs.units.multipliedReportingOverflow(by: rhs.units)
        guard !overflow, lhs.scale + rhs.scale <= 18 else { return Money(units: .max, scale: 0) }
        return Money(units: product, scale: lhs.scale + rhs.scale).trimmed(to: lhs.scale)
    }

    /// Drops trailing zero decimals down to `minimum` places.
    func trimmed(to minimum: Int) -> Money {
        var units = self.units, scale = self.scale
        while scale > minimum, units % 10 == 0 { units /= 10; scale -= 1 }
        return Money(units: units, scale: scale)
    }

    public var isPositive: Bool { units > 0 }

    public static func == (lhs: Money, rhs: Money) -> Bool {
        let l = lhs.normalized, r = rhs.normalized
        return l.units == r.units && l.scale == r.scale
    }

    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.units)
        hasher.combine(n.scale)
    }

    public static func < (lhs: Money, rhs: Money) -> Bool {
        if let (a, b, _) = aligned(lhs, rhs) { return a < b }
        return Double(lhs.units) / pow10(lhs.scale) < Double(rhs.units) / pow10(rhs.scale)
    }

    static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { value, _ in value * 10 } }
}
