import Foundation

extension JMESPath {
    /// Arithmetic on numbers kept as literal text. Comparison, `abs`, `ceil` and `floor` work on the
    /// decimal digits themselves, so they are exact for any JSON number (64-bit ids, long fractions);
    /// `sum` and `avg` use integers or `Decimal`, falling back to `Double` only beyond `Decimal`'s range.
    enum NumberMath {
        /// A JSON number as sign, significant digits and a power of ten: value = ±digits × 10^exponent.
        struct Decomposed {
            var negative: Bool
            /// Digit values (0...9) without leading or trailing zeros; empty for zero.
            var digits: [UInt8]
            var exponent: Int

            var isZero: Bool { digits.isEmpty }

            /// Parses text following the JSON number grammar strictly; `nil` for anything else.
            init?(_ text: String) {
                let bytes = Array(text.utf8)
                var index = 0
                func digit(at position: Int) -> UInt8? {
                    guard position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9")
                    else { return nil }
                    return bytes[position] - UInt8(ascii: "0")
                }
                var isNegative = bytes.first == UInt8(ascii: "-")
                if isNegative { index += 1 }
                var digits: [UInt8] = []
                digits.reserveCapacity(bytes.count)
                guard let first = digit(at: index) else { return nil }
                if first == 0 {
                    index += 1
                    // JSON forbids leading zeros ("01").
                    if digit(at: index) != nil { return nil }
                } else {
                    while let next = digit(at: index) {
                        digits.append(next)
                        index += 1
                    }
                }
                var exponent = 0
                if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                    index += 1
                    guard digit(at: index) != nil else { return nil }
                    while let next = digit(at: index) {
                        digits.append(next)
                        exponent -= 1
                        index += 1
                    }
                }
                if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                    index += 1
                    var exponentNegative = false
                    if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                        exponentNegative = bytes[index] == UInt8(ascii: "-")
                        index += 1
                    }
                    guard digit(at: index) != nil else { return nil }
                    var written = 0
                    while let next = digit(at: index) {
                        // Saturate: beyond a billion the magnitude is past any meaningful comparison anyway.
                        written = Swift.min(written * 10 + Int(next), 1_000_000_000)
                        index += 1
                    }
                    exponent += exponentNegative ? -written : written
                }
                guard index == bytes.count else { return nil }
                let leadingZeros = digits.prefix { $0 == 0 }.count
                digits.removeFirst(leadingZeros)
                while digits.last == 0 {
                    digits.removeLast()
                    exponent += 1
                }
                if digits.isEmpty { isNegative = false }
                self.negative = isNegative
                self.digits = digits
                self.exponent = exponent
            }

            var text: String {
                var bytes: [UInt8] = negative ? [UInt8(ascii: "-")] : []
                bytes += digits.map { $0 + UInt8(ascii: "0") }
                if bytes.isEmpty || bytes == [UInt8(ascii: "-")] { return "0" }
                return String(decoding: bytes, as: UTF8.self) + (exponent == 0 ? "" : "e\(exponent)")
            }
        }

        /// -1, 0 or 1 as `lhs` is less than, equal to or greater than `rhs`, exactly.
        static func compare(_ lhs: JSONNumber, _ rhs: JSONNumber) -> Int {
            if let l = Int64(lhs.text), let r = Int64(rhs.text) { return l < r ? -1 : (l == r ? 0 : 1) }
            guard let l = Decomposed(lhs.text), let r = Decomposed(rhs.text) else {
                // Only reachable for numbers built from non-JSON text; best effort.
                let (l, r) = (lhs.double, rhs.double)
                return l < r ? -1 : (l > r ? 1 : 0)
            }
            let lSign = l.isZero ? 0 : (l.negative ? -1 : 1)
            let rSign = r.isZero ? 0 : (r.negative ? -1 : 1)
            if lSign != rSign { return lSign < rSign ? -1 : 1 }
            if lSign == 0 { return 0 }
            return lSign * compareMagnitude(l, r)
        }

        private static func compareMagnitude(_ l: Decomposed, _ r: Decomposed) -> Int {
            // Position of the most significant digit decides first.
            let lScale = l.digits.count + l.exponent
            let rScale = r.digits.count + r.exponent
            if lScale != rScale { return lScale < rScale ? -1 : 1 }
            for (a, b) in zip(l.digits, r.digits) where a != b { return a < b ? -1 : 1 }
            // Equal prefix: the one with more (necessarily non-zero) digits is larger.
            return l.digits.count == r.digits.count ? 0 : (l.digits.count < r.digits.count ? -1 : 1)
        }

        static func abs(_ number: JSONNumber) -> JSONNumber {
            guard number.text.hasPrefix("-") else { return number }
            return JSONNumber(validatedText: String(number.text.dropFirst()))
        }

        /// `ceil` (`up`) or `floor`, printing the result as a plain integer.
        static func round(_ number: JSONNumber, up: Bool) -> JSONNumber {
            if Int64(number.text) != nil { return number }
            guard let value = Decomposed(number.text) else {
                return JSONNumber(up ? number.double.rounded(.up) : number.double.rounded(.down))
            }
            if value.exponent >= 0 {
                // Already an integer; spell it out unless that would be absurdly long (1e999).
                guard value.digits.count + value.exponent <= 64 else { return number }
                let integer = Decomposed(digits: value.digits + Array(repeating: 0, count: value.exponent), negative: value.negative)
                return JSONNumber(validatedText: integer.text)
            }
            // A fraction remains (trailing zeros are stripped): keep the integer digits, then step one
            // away from zero when rounding in the number's own direction (ceil of 1.2, floor of -1.2).
            let integerCount = value.digits.count + value.exponent
            var integerDigits = integerCount > 0 ? Array(value.digits.prefix(integerCount)) : []
            if up != value.negative {
                var position = integerDigits.count - 1
                while position >= 0, integerDigits[position] == 9 {
                    integerDigits[position] = 0
                    position -= 1
                }
                if position >= 0 { integerDigits[position] += 1 } else { integerDigits.insert(1, at: 0) }
            }
            let leadingZeros = integerDigits.prefix { $0 == 0 }.count
            integerDigits.removeFirst(leadingZeros)
            return JSONNumber(validatedText: Decomposed(digits: integerDigits, negative: value.negative).text)
        }

        static func sum(_ numbers: [JSONNumber]) -> JSONNumber {
            if let total = integerSum(numbers) { return JSONNumber(total) }
            if let total = decimalSum(numbers) { return JSONNumber(total) }
            return JSONNumber(numbers.reduce(0) { $0 + $1.double })
        }

        /// The mean of a non-empty array: exact when it is representable in `Decimal` (2.75, 0.15);
        /// otherwise (1/3) the nearest `Double`, which prints shorter than 38 digits of `Decimal`.
        static func average(_ numbers: [JSONNumber]) -> JSONNumber {
            let count = Decimal(numbers.count)
            if let total = integerSum(numbers).map({ Decimal($0) }) ?? decimalSum(numbers) {
                let mean = total / count
                if !mean.isNaN, mean * count == total { return JSONNumber(mean) }
                if let approximate = Double(mean.description), approximate.isFinite { return JSONNumber(approximate) }
            }
            return JSONNumber(numbers.reduce(0) { $0 + $1.double } / Double(numbers.count))
        }

        private static func integerSum(_ numbers: [JSONNumber]) -> Int64? {
            var total: Int64 = 0
            for number in numbers {
                guard let value = Int64(number.text) else { return nil }
                let (next, overflow) = total.addingReportingOverflow(value)
                if overflow { return nil }
                total = next
            }
            return total
        }

        private static func decimalSum(_ numbers: [JSONNumber]) -> Decimal? {
            var total = Decimal.zero
            for number in numbers {
                guard let value = number.decimal, !value.isNaN else { return nil }
                total += value
            }
            return total.isNaN ? nil : total
        }

        /// `to_number` for strings: JSON number syntax only, keeping the text so no precision is lost.
        static func parse(_ string: String) -> JSONNumber? {
            Decomposed(string) == nil ? nil : JSONNumber(validatedText: string)
        }
    }
}

extension JMESPath.NumberMath.Decomposed {
    /// An integer from its digits.
    fileprivate init(digits: [UInt8], negative: Bool) {
        self.digits = digits
        self.negative = negative && !digits.isEmpty
        self.exponent = 0
    }
}
