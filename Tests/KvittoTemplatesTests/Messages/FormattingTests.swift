import Foundation
import KvittoCore
import Testing

@testable import KvittoTemplates

@Suite struct MoneyTextTests {
    let nbsp = "\u{00A0}"

    func format(_ text: String, _ currency: String, _ locale: String) -> String {
        let amount = Money(parsing: text) ?? .zero
        return MoneyText.format(amount, currency: currency, MessageFormatting(currency: currency, localeIdentifier: locale, timeZoneIdentifier: "UTC"))
    }

    @Test func localesFromTheBrief() {
        #expect(format("647.00", "SEK", "sv-SE") == "647,00\(nbsp)kr")
        #expect(format("12.5", "EUR", "en-GB") == "€12.50")
        #expect(format("12.5", "EUR", "en-US") == "€12.50")
        #expect(format("12.5", "EUR", "en-IE") == "€12.50")
        #expect(format("1234", "CZK", "cs-CZ") == "1\(nbsp)234,00\(nbsp)Kč")
    }

    @Test func groupingEveryThreeDigits() {
        #expect(format("1234567.891", "SEK", "sv-SE") == "1\(nbsp)234\(nbsp)567,891\(nbsp)kr")
        #expect(format("1234567", "USD", "en-US") == "$1,234,567.00")
        #expect(format("1234567", "USD", "en-GB") == "US$1,234,567.00")
        #expect(format("1234.5", "DKK", "da-DK") == "1.234,50\(nbsp)kr.")
        #expect(format("1234.5", "EUR", "de-DE") == "1.234,50\(nbsp)€")
        #expect(format("1234.5", "NOK", "nb-NO") == "1\(nbsp)234,50\(nbsp)kr")
        #expect(format("1234.5", "EUR", "fi-FI") == "1\(nbsp)234,50\(nbsp)€")
        #expect(format("999", "SEK", "sv-SE") == "999,00\(nbsp)kr")
        #expect(format("0.05", "SEK", "sv-SE") == "0,05\(nbsp)kr")
    }

    @Test func negativeAndZeroDecimalCurrencies() {
        #expect(format("-49", "SEK", "sv-SE") == "-49,00\(nbsp)kr")
        #expect(format("-12.5", "EUR", "en-GB") == "-€12.50")
        #expect(format("1500", "JPY", "en-GB") == "1,500\(nbsp)JPY")
    }

    @Test func fallbacks() {
        #expect(format("12.5", "XYZ", "sv-SE") == "12,50\(nbsp)XYZ")
        #expect(format("12.5", "XYZ", "en-GB") == "12.50\(nbsp)XYZ")
        // A home-only symbol is written as the code elsewhere.
        #expect(format("647", "SEK", "en-GB") == "647.00\(nbsp)SEK")
        // An unknown language uses English rules; a bare language its own.
        #expect(format("1234.5", "EUR", "xx-YY") == "€1,234.50")
        #expect(format("1234.5", "SEK", "sv") == "1\(nbsp)234,50\(nbsp)kr")
        #expect(format("1234.5", "SEK", "sv_SE") == "1\(nbsp)234,50\(nbsp)kr")
    }

    @Test func exactBeyondDouble() {
        #expect(format("90071992547409.93", "SEK", "sv-SE") == "90\(nbsp)071\(nbsp)992\(nbsp)547\(nbsp)409,93\(nbsp)kr")
    }
}

@Suite struct LocalDateTextTests {
    func formatting(_ locale: String, _ zone: String = "Europe/Stockholm") -> MessageFormatting {
        MessageFormatting(currency: "SEK", localeIdentifier: locale, timeZoneIdentifier: zone)
    }

    let december = Timestamp.parse("2026-12-02T13:05:00Z") ?? Date.distantPast

    @Test func languages() {
        #expect(LocalDateText.dateTime(december, formatting("sv-SE")) == "2 december 2026 14:05")
        #expect(LocalDateText.dateTime(december, formatting("en-GB")) == "2 December 2026, 14:05")
        #expect(LocalDateText.dateTime(december, formatting("en-US", "America/New_York")) == "December 2, 2026, 8:05\u{00A0}AM")
        #expect(LocalDateText.dateTime(december, formatting("da-DK", "Europe/Copenhagen")) == "2. december 2026 kl. 14.05")
        #expect(LocalDateText.dateTime(december, formatting("nb-NO", "Europe/Oslo")) == "2. desember 2026 kl. 14:05")
        #expect(LocalDateText.dateTime(december, formatting("fi-FI", "Europe/Helsinki")) == "2. joulukuuta 2026 klo 15.05")
        #expect(LocalDateText.dateTime(december, formatting("de-DE", "Europe/Berlin")) == "2. Dezember 2026 um 14:05")
        #expect(LocalDateText.dateTime(december, formatting("cs-CZ", "Europe/Prague")) == "2. prosince 2026 14:05")
        #expect(LocalDateText.date(december, formatting("sv-SE")) == "2 december 2026")
        #expect(LocalDateText.date(december, formatting("xx")) == "2 December 2026")
    }

    @Test func daylightSavingTime() {
        // Stockholm: CEST (+2) until 25 October 2026 03:00, CET (+1) after; summer time starts 29 March.
        let beforeChange = Timestamp.parse("2026-10-25T00:30:00Z") ?? .distantPast
        let afterChange = Timestamp.parse("2026-10-25T01:30:00Z") ?? .distantPast
        let spring = Timestamp.parse("2026-03-29T01:30:00Z") ?? .distantPast
        #expect(LocalDateText.dateTime(beforeChange, formatting("sv-SE")) == "25 oktober 2026 02:30")
        #expect(LocalDateText.dateTime(afterChange, formatting("sv-SE")) == "25 oktober 2026 02:30")
        #expect(LocalDateText.dateTime(spring, formatting("sv-SE")) == "29 mars 2026 03:30")
        // The local date can differ from the UTC date.
        let lateEvening = Timestamp.parse("2026-06-30T22:30:00Z") ?? .distantPast
        #expect(LocalDateText.date(lateEvening, formatting("sv-SE")) == "1 juli 2026")
        #expect(LocalDateText.date(lateEvening, formatting("en-GB", "Unknown/Zone")) == "30 June 2026")
    }
}

@Suite struct TrackingLinkTests {
    @Test func knownCarriers() {
        #expect(TrackingLink.url(carrier: "PostNord", trackingNumber: "RR123") == "https://tracking.postnord.com/se/?id=RR123")
        #expect(TrackingLink.url(carrier: "postnord", trackingNumber: "RR123", region: "DK") == "https://tracking.postnord.com/dk/?id=RR123")
        #expect(TrackingLink.url(carrier: "DB Schenker", trackingNumber: "1 2")?.hasSuffix("refNumber=1%202") == true)
        for carrier in ["DHL", "Bring", "UPS", "GLS", "Budbee", "Instabox", "Schenker"] {
            #expect(TrackingLink.url(carrier: carrier, trackingNumber: "X1")?.hasPrefix("https://") == true, "\(carrier)")
        }
    }

    @Test func unknownCarrierOrNumber() {
        #expect(TrackingLink.url(carrier: "Bud & Co", trackingNumber: "X1") == nil)
        #expect(TrackingLink.url(carrier: "DHL", trackingNumber: " ") == nil)
    }
}
