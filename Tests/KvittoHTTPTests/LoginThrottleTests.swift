import Foundation
import Testing

@testable import KvittoHTTP

@Suite("Admin: the sign-in throttle")
struct LoginThrottleTests {
    @Test func fiveFailuresWithinTheWindowBlockUntilItHasPassedSinceTheLast() {
        let throttle = LoginThrottle()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for minute in 0..<4 { throttle.failed("email:anna@butiken.se", at: start.addingTimeInterval(Double(minute) * 60)) }
        #expect(throttle.blockedUntil("email:anna@butiken.se", now: start.addingTimeInterval(240)) == nil, "four failures: still allowed")
        let last = start.addingTimeInterval(300)
        throttle.failed("email:anna@butiken.se", at: last)
        #expect(throttle.blockedUntil("email:anna@butiken.se", now: last.addingTimeInterval(1)) == last.addingTimeInterval(LoginThrottle.window))
        #expect(throttle.blockedUntil("email:erik@butiken.se", now: last) == nil, "per address")
        #expect(throttle.blockedUntil("email:anna@butiken.se", now: last.addingTimeInterval(LoginThrottle.window)) == nil, "the window passed")
        throttle.failed("email:erik@butiken.se", at: last)
        throttle.succeeded("email:erik@butiken.se")
        #expect(throttle.blockedUntil("email:erik@butiken.se", now: last) == nil)
    }

    @Test func madeUpAddressesDoNotPileUpPastTheLimit() {
        let throttle = LoginThrottle()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        for index in 0..<LoginThrottle.remembered { throttle.failed("email:\(index)@example.se", at: start) }
        let later = start.addingTimeInterval(LoginThrottle.window + 1)
        for index in 0..<5 { throttle.failed("email:anna@butiken.se", at: later.addingTimeInterval(Double(index))) }
        #expect(throttle.count <= 2, "the aged-out addresses were forgotten (\(throttle.count) left)")
        #expect(throttle.blockedUntil("email:anna@butiken.se", now: later.addingTimeInterval(10)) != nil, "the recent ones are kept")
    }
}
