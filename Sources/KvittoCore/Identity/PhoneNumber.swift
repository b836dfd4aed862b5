/// The phone identity rule of SPEC §2: E.164 using the account's default country.
public enum PhoneNumber {
    /// Calling codes and national number lengths (without the trunk `0`) of the countries Kvitto's
    /// merchants sell in. Lengths bound what can be a real number, so `0000000` or `12` never match.
    static let countries: [String: (code: String, lengths: ClosedRange<Int>)] = [
        "SE": ("46", 7...9), "DK": ("45", 8...8), "NO": ("47", 8...8), "FI": ("358", 5...10),
        "CZ": ("420", 9...9), "SK": ("421", 9...9), "PL": ("48", 9...9), "DE": ("49", 6...11),
        "GB": ("44", 9...10), "UA": ("380", 9...9), "US": ("1", 10...10), "CA": ("1", 10...10),
        "NL": ("31", 9...9), "BE": ("32", 8...9), "FR": ("33", 9...9), "ES": ("34", 9...9), "IT": ("39", 6...11),
        "AT": ("43", 4...13), "CH": ("41", 9...9), "IE": ("353", 7...9), "EE": ("372", 7...8),
        "LV": ("371", 8...8), "LT": ("370", 8...8), "IS": ("354", 7...9), "HU": ("36", 8...9),
    ]

    public static func isSupportedCountry(_ country: String) -> Bool { countries[country.uppercased()] != nil }

    /// The E.164 form (`+46701234567`), or `nil` when the input cannot be a phone number.
    public static func normalize(_ raw: String, defaultCountry: String) -> String? {
        var digits = ""
        var international = false
        var seenDigit = false
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "0"..."9":
                digits.unicodeScalars.append(scalar)
                seenDigit = true
            case "+":
                guard !seenDigit, !international else { return nil }
                international = true
            case " ", "-", "(", ")", ".", "/", "\u{00A0}", "\t":
                continue
            default:
                return nil
            }
        }
        if !international, digits.hasPrefix("00") {
            international = true
            digits.removeFirst(2)
        }
        let national: String
        if international {
            guard (7...15).contains(digits.count), !digits.hasPrefix("0") else { return nil }
            // A national trunk 0 written after the country code (`+46 (0)70…`) is dropped.
            var normalized = digits
            if let (_, country) = countries.first(where: { digits.hasPrefix($0.value.code) }) {
                let rest = digits.dropFirst(country.code.count)
                if rest.hasPrefix("0"), country.code != "39" { normalized = country.code + rest.dropFirst() }
            }
            guard !isJunk(normalized) else { return nil }
            return "+" + normalized
        } else {
            guard let country = countries[defaultCountry.uppercased()] else { return nil }
            national = digits.hasPrefix("0") && country.code != "39" ? String(digits.dropFirst()) : digits
            guard country.lengths.contains(national.count), !isJunk(national) else { return nil }
            return "+" + country.code + national
        }
    }

    /// A run of one repeated digit (`0000000`, `1111111`) is a placeholder, not a number.
    static func isJunk(_ digits: String) -> Bool {
        guard let first = digits.first else { return true }
        let tail = digits.dropFirst(digits.count > 3 ? 3 : 0)
        return digits.allSatisfy { $0 == first } || (tail.count >= 6 && tail.allSatisfy { $0 == "0" })
    }
}
