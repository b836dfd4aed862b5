import Foundation

/// Timestamps as a customer reads them, in the account's time zone and language:
/// `2 december 2026 14:05` (sv), `2 December 2026, 14:05` (en-GB), `December 2, 2026, 2:05 PM` (en-US).
///
/// The wall-clock time comes from Foundation's `TimeZone` rules through a fixed Gregorian calendar, so
/// daylight-saving changes are right; the words and their order come from the tables below rather than
/// `DateFormatter`, whose ICU patterns change between releases and machines.
public enum LocalDateText {
    /// Date and time of day, to the minute.
    public static func dateTime(_ date: Date, _ formatting: MessageFormatting) -> String {
        let parts = components(of: date, in: formatting.timeZone)
        let style = DateStyle.style(for: formatting.language, region: formatting.region)
        return style.date(parts) + style.dateTimeJoiner + style.time(parts)
    }

    /// The calendar date alone.
    public static func date(_ date: Date, _ formatting: MessageFormatting) -> String {
        let parts = components(of: date, in: formatting.timeZone)
        return DateStyle.style(for: formatting.language, region: formatting.region).date(parts)
    }

    static func components(of date: Date, in timeZone: TimeZone) -> DateComponents {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
    }
}

/// One language's way of writing a date and a time.
struct DateStyle: Sendable {
    enum Order: Sendable {
        /// `2 december 2026`, or `2. december 2026` with `dayPeriod`.
        case dayMonthYear
        /// `December 2, 2026`.
        case monthDayYear
    }

    /// Month names in the form used after a day number (genitive where the language has one: `prosince`).
    let months: [String]
    let order: Order
    /// Whether the day is an ordinal written with a full stop (`2.`), as in Danish, Norwegian, Finnish,
    /// German and Czech.
    let dayPeriod: Bool
    /// What stands between the date and the time (`, `, ` kl. `, ` um `).
    let dateTimeJoiner: String
    /// Between hours and minutes: `:` or, in Danish and Finnish, `.`.
    let timeSeparator: String
    let twelveHourClock: Bool

    func date(_ parts: DateComponents) -> String {
        let day = parts.day ?? 1, year = parts.year ?? 1970
        let month = months[((parts.month ?? 1) - 1).clamped(to: 0...11)]
        switch order {
        case .dayMonthYear: return "\(day)\(dayPeriod ? "." : "") \(month) \(year)"
        case .monthDayYear: return "\(month) \(day), \(year)"
        }
    }

    func time(_ parts: DateComponents) -> String {
        let hour = parts.hour ?? 0, minute = parts.minute ?? 0
        let minutes = minute < 10 ? "0\(minute)" : "\(minute)"
        guard twelveHourClock else { return (hour < 10 ? "0\(hour)" : "\(hour)") + timeSeparator + minutes }
        let clockHour = hour % 12 == 0 ? 12 : hour % 12
        return "\(clockHour)\(timeSeparator)\(minutes)\u{00A0}\(hour < 12 ? "AM" : "PM")"
    }

    static func style(for language: String, region: String?) -> DateStyle {
        if language == "en", region == "US" { return americanEnglish }
        return byLanguage[language] ?? english
    }

    static let english = DateStyle(
        months: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
        order: .dayMonthYear, dayPeriod: false, dateTimeJoiner: ", ", timeSeparator: ":", twelveHourClock: false
    )

    static let americanEnglish = DateStyle(
        months: english.months, order: .monthDayYear, dayPeriod: false, dateTimeJoiner: ", ", timeSeparator: ":", twelveHourClock: true
    )

    private static let byLanguage: [String: DateStyle] = [
        "en": english,
        "sv": DateStyle(
            months: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"],
            order: .dayMonthYear, dayPeriod: false, dateTimeJoiner: " ", timeSeparator: ":", twelveHourClock: false
        ),
        "da": DateStyle(
            months: ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"],
            order: .dayMonthYear, dayPeriod: true, dateTimeJoiner: " kl. ", timeSeparator: ".", twelveHourClock: false
        ),
        "nb": DateStyle(
            months: ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "desember"],
            order: .dayMonthYear, dayPeriod: true, dateTimeJoiner: " kl. ", timeSeparator: ":", twelveHourClock: false
        ),
        "fi": DateStyle(
            months: ["tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta", "elokuuta",
                     "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"],
            order: .dayMonthYear, dayPeriod: true, dateTimeJoiner: " klo ", timeSeparator: ".", twelveHourClock: false
        ),
        "de": DateStyle(
            months: ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"],
            order: .dayMonthYear, dayPeriod: true, dateTimeJoiner: " um ", timeSeparator: ":", twelveHourClock: false
        ),
        "cs": DateStyle(
            months: ["ledna", "února", "března", "dubna", "května", "června", "července", "srpna", "září", "října", "listopadu", "prosince"],
            order: .dayMonthYear, dayPeriod: true, dateTimeJoiner: " ", timeSeparator: ":", twelveHourClock: false
        ),
    ]
}

private extension Int {
    func clamped(to range: ClosedRange<Int>) -> Int { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}
