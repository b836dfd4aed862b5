import Foundation
import KvittoCore
import Testing

@Suite("Retry-After parsing")
struct RetryAfterTests {
    /// 2027-01-15T08:00:00Z, a Friday.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [
        ("120", 120.0), (" 120\t", 120), ("0", 0), ("007", 7),
        ("99999999999999999999999999", 2_147_483_648),
        ("Fri, 15 Jan 2027 08:00:30 GMT", 30),      // IMF-fixdate
        ("fri, 15 jan 2027 08:00:30 gmt", 30),      // names in any case
        ("Friday, 15-Jan-27 08:01:00 GMT", 60),     // RFC 850
        ("Fri Jan 15 08:02:00 2027", 120),          // asctime
        ("Tue Jan  5 08:00:00 2027", 0),            // asctime, one-digit day, in the past
        ("Sun, 06 Nov 1994 08:49:37 GMT", 0),       // the past is "now"
    ])
    func validValuesGiveTheirDelay(header: String, seconds: Double) {
        #expect(RetryAfter.delay(from: header, now: Self.now) == seconds)
    }

    @Test(arguments: [
        "", "   ", "soon", "-1", "+5", "1.5", "12a", "1e3", "0x10",
        "Fri, 30 Feb 2027 08:00:00 GMT",   // no such day
        "Fri, 15 Jan 2027 24:00:00 GMT",   // no such hour
        "Fri, 15 Jan 2027 08:60:00 GMT",   // no such minute
        "Fri, 15 Jan 2027 08:00:00 UTC",   // must be GMT
        "Fri, 15 Foo 2027 08:00:00 GMT",   // no such month
        "Xyz, 15 Jan 2027 08:00:00 GMT",   // no such day name
        "Fri, 15 Jan 27 08:00:00 GMT",     // IMF-fixdate needs four year digits
        "Fri 15 Jan 2027 08:00:00 GMT",    // comma missing
        "Fri, 5 Jan 2027 08:00:00 GMT",    // IMF-fixdate needs two day digits
        "Fri, 15 Jan 2027 8:00:00 GMT",    // two hour digits
        "2027-01-15T08:00:00Z",            // RFC 3339 is not an HTTP-date
    ])
    func malformedValuesAreNotUnderstood(header: String) {
        #expect(RetryAfter.delay(from: header, now: Self.now) == nil)
    }

    @Test func theThreeDateFormsNameTheSameInstant() {
        let expected = Date(timeIntervalSince1970: 784_111_777)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT", now: Self.now) == expected)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT", now: Self.now) == expected)
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994", now: Self.now) == expected)
    }

    @Test func leapDaysExistOnlyInLeapYears() {
        #expect(HTTPDate.parse("Tue, 29 Feb 2028 00:00:00 GMT", now: Self.now) == Date(timeIntervalSince1970: 1_835_395_200))
        #expect(HTTPDate.parse("Thu, 29 Feb 2029 00:00:00 GMT", now: Self.now) == nil)
        #expect(HTTPDate.parse("Thu, 29 Feb 2100 00:00:00 GMT", now: Self.now) == nil)
        #expect(HTTPDate.parse("Tue, 29 Feb 2000 00:00:00 GMT", now: Self.now) != nil)
    }

    /// RFC 9110: a two-digit year more than 50 years in the future means the century before.
    @Test func twoDigitYearsAreReadRelativeToNow() {
        #expect(HTTPDate.parse("Tuesday, 01-Jan-30 00:00:00 GMT", now: Self.now) == Date(timeIntervalSince1970: 1_893_456_000))
        #expect(HTTPDate.parse("Friday, 01-Jan-77 00:00:00 GMT", now: Self.now) == Date(timeIntervalSince1970: 3_376_684_800))
        #expect(HTTPDate.parse("Sunday, 01-Jan-78 00:00:00 GMT", now: Self.now) == Date(timeIntervalSince1970: 252_460_800))
    }
}
