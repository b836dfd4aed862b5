import Foundation
import KvittoCore
import Testing

/// Formatting on the ingest path written by hand for speed, checked against the general way it replaced.
@Suite("Hot path: timestamps and JSON pointers")
struct HotPathFormattingTests {
    /// Digit by digit, a timestamp is what the padded-strings formatter made of it: known instants, the
    /// edges of a second, a day and the range, and 20,000 instants spread over years 1 to 9999.
    @Test func timestampsWrittenDigitByDigitMatchTheGeneralWay() {
        let known: [(Double, String)] = [
            (0, "1970-01-01T00:00:00.000Z"),
            (-0.001, "1969-12-31T23:59:59.999Z"),
            (1_793_529_000.25, "2026-11-01T10:30:00.250Z"),
            (951_782_400, "2000-02-29T00:00:00.000Z"),
            (253_402_300_799.5, "9999-12-31T23:59:59.500Z"),
            (-62_135_596_800, "0001-01-01T00:00:00.000Z"),
        ]
        for (seconds, text) in known { #expect(Timestamp.format(Date(timeIntervalSince1970: seconds)) == text) }
        var generator = SystemRandomNumberGenerator()
        var differing: [String] = []
        for _ in 0..<20_000 {
            let millis = Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &generator)
            let date = Date(timeIntervalSince1970: Double(millis) / 1000)
            let general = Self.general(date)
            if Timestamp.format(date) != general { differing.append(general) }
        }
        #expect(differing.count == 0, "differs from the general way at \(differing.prefix(5))")
    }

    /// A year past 9999 is written in full, as before.
    @Test func yearsPastFourDigitsAreWrittenInFull() {
        #expect(Timestamp.format(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00.000Z")
    }

    @Test func pointersEscapeOnlyTildeAndSlash() {
        #expect(jsonPointer("", appending: "lines") == "/lines")
        #expect(jsonPointer("/customer", appending: "email") == "/customer/email")
        #expect(jsonPointer("/a", appending: "b/c~d") == "/a/b~1c~0d")
        #expect(jsonPointer("/a", appending: "~1") == "/a/~01")
        #expect(jsonPointer("/a", appending: "åäö ✓") == "/a/åäö ✓")
    }

    /// What `Timestamp.format` was before it wrote digit by digit: C's calendar, seven padded strings.
    static func general(_ date: Date) -> String {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        let millis = Int((date.timeIntervalSince1970 - Double(seconds)) * 1000 + 0.0005) % 1000
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let s = String(value)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }
}
