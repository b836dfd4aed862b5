import Foundation
import KvittoCore
import Testing

@Suite("Rate limits: the token bucket")
struct TokenBucketTests {
    @Test func aBurstIsAllowedThenTheRateAndTheWaitIsTold() {
        let start = Date(timeIntervalSince1970: 1_000)
        var bucket = TokenBucket(rate: 10, capacity: 3, now: start)
        #expect(bucket.take(at: start) == .allowed(remaining: 2))
        #expect(bucket.take(at: start) == .allowed(remaining: 1))
        #expect(bucket.take(at: start) == .allowed(remaining: 0))
        guard case .refused(let wait) = bucket.take(at: start) else { Issue.record("the fourth at once is refused"); return }
        #expect(abs(wait - 0.1) < 1e-6, "one token comes back in a tenth of a second at 10 a second")
        #expect(bucket.take(at: start.addingTimeInterval(0.1)) == .allowed(remaining: 0), "and then one request passes")
        #expect(abs(bucket.secondsUntilFull - 0.3) < 1e-6)
        #expect(bucket.take(at: start.addingTimeInterval(60)) == .allowed(remaining: 2), "a long pause fills it, no further")
    }

    @Test func aClockThatStepsBackRefillsNothing() {
        let start = Date(timeIntervalSince1970: 1_000)
        var bucket = TokenBucket(rate: 1, capacity: 1, now: start)
        #expect(bucket.take(at: start) == .allowed(remaining: 0))
        if case .allowed = bucket.take(at: start.addingTimeInterval(-30)) { Issue.record("a step back must not refill") }
    }
}
