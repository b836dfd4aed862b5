import Foundation

/// Reads a receiver's `Retry-After` header (RFC 9110 §10.2.3): either a number of seconds or an HTTP-date.
public enum RetryAfter {
    /// The largest delay taken from a seconds value. RFC 9111 §1.2.2 tells caches to read larger
    /// delta-seconds as 2³¹; the same cap keeps absurd values from overflowing. ``RetryPolicy`` clamps far
    /// below this anyway.
    public static let maximumSeconds: TimeInterval = 2_147_483_648

    /// The delay a `Retry-After` value asks for, measured from `now`.
    ///
    /// Accepts `delay-seconds` (ASCII digits only: no sign, no fraction) and the three HTTP-date forms. A date
    /// in the past gives 0. Surrounding white space is ignored.
    /// - Returns: seconds, or `nil` when the value is neither form — the caller then ignores the header.
    public static func delay(from header: String, now: Date) -> TimeInterval? {
        let value = header.trimmedWhitespace
        guard !value.isEmpty else { return nil }
        if value.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            var seconds = 0.0
            for digit in value.utf8 {
                seconds = seconds * 10 + Double(digit - UInt8(ascii: "0"))
                if seconds >= maximumSeconds { return maximumSeconds }
            }
            return seconds
        }
        guard let date = HTTPDate.parse(value, now: now) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}

/// HTTP-date parsing (RFC 9110 §5.6.7), pure: no `DateFormatter`, no locale, no time zone database.
public enum HTTPDate {
    private static let shortDays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    private static let longDays = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Parses the three forms a recipient must accept:
    /// `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate), `Sunday, 06-Nov-94 08:49:37 GMT` (obsolete RFC 850) and
    /// `Sun Nov  6 08:49:37 1994` (asctime). Names are matched case-insensitively; the weekday must be a real
    /// day name but is not checked against the date, as the RFC does not require it.
    /// - Parameter now: only for the RFC 850 two-digit year, which is read as the latest year with those
    ///   digits that is not more than 50 years in the future.
    /// - Returns: the instant, or `nil` when the text is none of the forms or names an impossible date.
    public static func parse(_ text: String, now: Date) -> Date? {
        let tokens = text.lowercased().split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        switch tokens.count {
        case 6:  // IMF-fixdate
            guard tokens[0].hasSuffix(","), shortDays.contains(String(tokens[0].dropLast())), tokens[5] == "gmt",
                  tokens[1].count == 2, let day = number(tokens[1]), let month = months.firstIndex(of: tokens[2]),
                  tokens[3].count == 4, let year = number(tokens[3])
            else { return nil }
            return instant(year: year, month: month + 1, day: day, time: tokens[4])
        case 4:  // RFC 850
            let parts = tokens[1].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard tokens[0].hasSuffix(","), longDays.contains(String(tokens[0].dropLast())), tokens[3] == "gmt",
                  parts.count == 3, parts[0].count == 2, let day = number(parts[0]),
                  let month = months.firstIndex(of: parts[1]), parts[2].count == 2, let twoDigitYear = number(parts[2])
            else { return nil }
            let year = fullYear(twoDigitYear, now: now)
            return instant(year: year, month: month + 1, day: day, time: tokens[2])
        case 5:  // asctime
            guard shortDays.contains(tokens[0]), let month = months.firstIndex(of: tokens[1]),
                  (1...2).contains(tokens[2].count), let day = number(tokens[2]),
                  tokens[4].count == 4, let year = number(tokens[4])
            else { return nil }
            return instant(year: year, month: month + 1, day: day, time: tokens[3])
        default:
            return nil
        }
    }

    /// `hh:mm:ss` on a valid calendar day, as an instant in UTC. Second 60 (a leap second) is accepted.
    private static func instant(year: Int, month: Int, day: Int, time: String) -> Date? {
        let parts = time.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, parts.allSatisfy({ $0.count == 2 }),
              let hour = number(parts[0]), let minute = number(parts[1]), let second = number(parts[2]),
              hour < 24, minute < 60, second <= 60,
              (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month)
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    /// Decimal ASCII digits only (so `"+1"` or `" 1"` is not a number).
    private static func number(_ text: String) -> Int? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return Int(text)
    }

    private static func fullYear(_ twoDigits: Int, now: Date) -> Int {
        let currentYear = civilYear(daysSinceEpoch: Int((now.timeIntervalSince1970 / 86_400).rounded(.down)))
        var year = currentYear - currentYear % 100 + twoDigits
        if year > currentYear + 50 { year -= 100 }
        return year
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The Gregorian year of a day count since 1970-01-01 (the year part of Hinnant's `civil_from_days`).
    private static func civilYear(daysSinceEpoch: Int) -> Int {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        return yearOfEra + era * 400 + (monthIndex >= 10 ? 1 : 0)
    }
}
