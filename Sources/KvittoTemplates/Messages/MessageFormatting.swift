import Foundation
import KvittoCore

/// How an account's messages show amounts and times: its currency, its locale (`sv-SE`, `en-GB`, …) and
/// its IANA time zone (`Europe/Stockholm`).
///
/// Formatting is table-driven on purpose rather than delegated to ICU through `NumberFormatter` or
/// `DateFormatter`: ICU data differs between machines and releases (grouping characters, month forms, the
/// `kr`/`SEK` choice), and a message preview must read the same on every server and in every test.
/// Supported languages are Swedish, English, Danish, Norwegian (Bokmål), Finnish, German and Czech; any
/// other language falls back to English rules.
public struct MessageFormatting: Sendable, Hashable {
    /// ISO 4217 code of the account's currency, used when an amount does not name its own.
    public var currency: String
    /// BCP 47 identifier as the account stores it (`sv-SE`; `sv_SE` is read the same way).
    public var localeIdentifier: String
    /// IANA time-zone identifier; an unknown one means UTC.
    public var timeZoneIdentifier: String

    public init(currency: String, localeIdentifier: String, timeZoneIdentifier: String) {
        self.currency = currency.uppercased()
        self.localeIdentifier = localeIdentifier
        self.timeZoneIdentifier = timeZoneIdentifier
    }

    /// The lower-cased language subtag (`sv` of `sv-SE`); `nb` also for the macro-language `no`.
    public var language: String {
        let language = localeIdentifier.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
        return language == "no" ? "nb" : language
    }

    /// The upper-cased region subtag (`SE` of `sv-SE`), when the identifier has one.
    public var region: String? {
        let parts = localeIdentifier.split(whereSeparator: { $0 == "-" || $0 == "_" })
        // A script subtag (`sr-Latn-RS`) has four letters; the region is the two-letter or three-digit part.
        return parts.dropFirst().first(where: { $0.count == 2 || ($0.count == 3 && $0.allSatisfy(\.isNumber)) })
            .map { $0.uppercased() }
    }

    /// The account's time zone, or UTC when the identifier is unknown to this machine.
    public var timeZone: TimeZone { TimeZone(identifier: timeZoneIdentifier) ?? TimeZone(identifier: "UTC") ?? .current }

    /// The settings as the `account` object of a message context.
    public var json: JSONValue {
        ["currency": .string(currency), "locale": .string(localeIdentifier), "language": .string(language),
         "time_zone": .string(timeZoneIdentifier)]
    }

    /// What an account of `country` formats with until its settings say otherwise: the country's main
    /// language and time zone, English and UTC for a country not listed.
    public static func defaults(currency: String, country: String) -> MessageFormatting {
        let (locale, zone): (String, String) = switch country.uppercased() {
        case "SE": ("sv-SE", "Europe/Stockholm")
        case "NO": ("nb-NO", "Europe/Oslo")
        case "DK": ("da-DK", "Europe/Copenhagen")
        case "FI": ("fi-FI", "Europe/Helsinki")
        case "DE": ("de-DE", "Europe/Berlin")
        case "AT": ("de-AT", "Europe/Vienna")
        case "CZ": ("cs-CZ", "Europe/Prague")
        case "GB": ("en-GB", "Europe/London")
        case "IE": ("en-IE", "Europe/Dublin")
        case "US": ("en-US", "America/New_York")
        default: ("en-GB", "UTC")
        }
        return MessageFormatting(currency: currency, localeIdentifier: locale, timeZoneIdentifier: zone)
    }

    /// What `account`'s messages are formatted in: its settings where they say, its country's defaults
    /// otherwise, always in its currency.
    public static func of(account: Account, settings: AccountSettings?) -> MessageFormatting {
        var formatting = defaults(currency: account.currency, country: account.defaultCountry)
        if let locale = settings?.locale { formatting.localeIdentifier = locale }
        if let zone = settings?.timeZone { formatting.timeZoneIdentifier = zone }
        return formatting
    }
}
