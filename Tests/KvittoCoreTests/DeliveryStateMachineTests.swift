import Foundation
import KvittoCore
import Testing

/// One row of the retry table: the inputs of one `decide` call and what must come out.
struct RetryCase: Sendable, CustomTestStringConvertible {
    /// The fixed clock of every row: 2027-01-15T08:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 24 * 3600

    enum Expected: Sendable {
        case succeeded
        /// A retry this many seconds after `now` (compared to the millisecond).
        case retry(after: TimeInterval)
        case failed(DeliveryFailureReason)
        case gone
        /// Disabled by the 5-day rule; `since` is `now` minus the row's `failingFor`.
        case failingTooLong
    }

    let name: String
    var attempt = 1
    var result: DeliveryAttemptResult
    var retryEnabled = true
    /// How long the endpoint has been failing before this attempt; `nil` when its last attempt succeeded.
    var failingFor: TimeInterval?
    /// The jitter source's value; 0.5 is no jitter at all.
    var random = 0.5
    let expected: Expected

    var testDescription: String { name }

    static func status(_ code: Int, retryAfter: String? = nil) -> DeliveryAttemptResult {
        .response(statusCode: code, retryAfter: retryAfter)
    }
}

@Suite("Delivery retry state machine")
struct DeliveryStateMachineTests {
    static let cases: [RetryCase] = [
        // 2xx is success, whatever else is true.
        RetryCase(name: "200 succeeds", result: RetryCase.status(200), expected: .succeeded),
        RetryCase(name: "204 succeeds", result: RetryCase.status(204), expected: .succeeded),
        RetryCase(name: "299 succeeds", result: RetryCase.status(299), expected: .succeeded),
        RetryCase(name: "success on the last attempt", attempt: 8, result: RetryCase.status(200), expected: .succeeded),
        RetryCase(name: "success with retry off", result: RetryCase.status(201), retryEnabled: false, expected: .succeeded),
        RetryCase(name: "success after 6 days of failures", result: RetryCase.status(200), failingFor: 6 * RetryCase.day,
                  expected: .succeeded),

        // Everything else is a failure and is retried on the schedule.
        RetryCase(name: "199 is a failure", result: RetryCase.status(199), expected: .retry(after: 5)),
        RetryCase(name: "300 is a failure", result: RetryCase.status(300), expected: .retry(after: 5)),
        RetryCase(name: "301 redirect is a failure", result: RetryCase.status(301), expected: .retry(after: 5)),
        RetryCase(name: "302 redirect is a failure", result: RetryCase.status(302), expected: .retry(after: 5)),
        RetryCase(name: "308 redirect is a failure", result: RetryCase.status(308), expected: .retry(after: 5)),
        RetryCase(name: "400 is a failure", result: RetryCase.status(400), expected: .retry(after: 5)),
        RetryCase(name: "404 is a failure", result: RetryCase.status(404), expected: .retry(after: 5)),
        RetryCase(name: "429 is a failure", result: RetryCase.status(429), expected: .retry(after: 5)),
        RetryCase(name: "500 is a failure", result: RetryCase.status(500), expected: .retry(after: 5)),
        RetryCase(name: "503 is a failure", result: RetryCase.status(503), expected: .retry(after: 5)),
        RetryCase(name: "timeout is a failure", result: .transportError(.timeout), expected: .retry(after: 5)),
        RetryCase(name: "connect error is a failure", result: .transportError(.connectFailed), expected: .retry(after: 5)),
        RetryCase(name: "DNS error is a failure", result: .transportError(.dnsFailure), expected: .retry(after: 5)),
        RetryCase(name: "TLS error is a failure", result: .transportError(.tlsFailure), expected: .retry(after: 5)),
        RetryCase(name: "refused address is a failure", result: .transportError(.addressRefused), expected: .retry(after: 5)),

        // The schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, then give up.
        RetryCase(name: "attempt 0 counts as 1", attempt: 0, result: RetryCase.status(500), expected: .retry(after: 5)),
        RetryCase(name: "after attempt 2: 5 min", attempt: 2, result: RetryCase.status(500), expected: .retry(after: 300)),
        RetryCase(name: "after attempt 3: 30 min", attempt: 3, result: RetryCase.status(500), expected: .retry(after: 1800)),
        RetryCase(name: "after attempt 4: 2 h", attempt: 4, result: RetryCase.status(500), expected: .retry(after: 7200)),
        RetryCase(name: "after attempt 5: 5 h", attempt: 5, result: RetryCase.status(500), expected: .retry(after: 18_000)),
        RetryCase(name: "after attempt 6: 10 h", attempt: 6, result: RetryCase.status(500), expected: .retry(after: 36_000)),
        RetryCase(name: "after attempt 7: 10 h", attempt: 7, result: .transportError(.timeout), expected: .retry(after: 36_000)),
        RetryCase(name: "attempt 8 exhausts the schedule", attempt: 8, result: RetryCase.status(500),
                  expected: .failed(.retriesExhausted(attempts: 8))),
        RetryCase(name: "an attempt past the schedule fails", attempt: 9, result: .transportError(.timeout),
                  expected: .failed(.retriesExhausted(attempts: 9))),

        // Jitter: ±20 % around the nominal wait.
        RetryCase(name: "jitter low end: 0.8x", attempt: 2, result: RetryCase.status(500), random: 0, expected: .retry(after: 240)),
        RetryCase(name: "jitter high end: just under 1.2x", attempt: 2, result: RetryCase.status(500), random: 0.999_999,
                  expected: .retry(after: 300 * (1 + 0.2 * (2 * 0.999_999 - 1)))),
        RetryCase(name: "jitter 0.25: 0.9x", attempt: 4, result: RetryCase.status(500), random: 0.25, expected: .retry(after: 6480)),
        RetryCase(name: "jitter source out of range is clamped", attempt: 2, result: RetryCase.status(500), random: -3,
                  expected: .retry(after: 240)),

        // Retry switched off: one attempt only.
        RetryCase(name: "retry off: 500 fails at once", result: RetryCase.status(500), retryEnabled: false,
                  expected: .failed(.retryDisabled)),
        RetryCase(name: "retry off: timeout fails at once", result: .transportError(.timeout), retryEnabled: false,
                  expected: .failed(.retryDisabled)),
        RetryCase(name: "retry off: redirect fails at once", result: RetryCase.status(302), retryEnabled: false,
                  expected: .failed(.retryDisabled)),

        // 410 Gone disables the trigger at once, in every situation.
        RetryCase(name: "410 on the first attempt", result: RetryCase.status(410), expected: .gone),
        RetryCase(name: "410 with retry off", result: RetryCase.status(410), retryEnabled: false, expected: .gone),
        RetryCase(name: "410 on the last attempt", attempt: 8, result: RetryCase.status(410), expected: .gone),
        RetryCase(name: "410 after 6 failing days is still reported as gone", result: RetryCase.status(410),
                  failingFor: 6 * RetryCase.day, expected: .gone),

        // Five days of continuous failure disable the trigger.
        RetryCase(name: "failing exactly 5 days", attempt: 3, result: RetryCase.status(500), failingFor: 5 * RetryCase.day,
                  expected: .failingTooLong),
        RetryCase(name: "failing 5 days minus 1 s keeps retrying", attempt: 3, result: RetryCase.status(500),
                  failingFor: 5 * RetryCase.day - 1, expected: .retry(after: 1800)),
        RetryCase(name: "failing 6 days with retry off", result: .transportError(.connectFailed), retryEnabled: false,
                  failingFor: 6 * RetryCase.day, expected: .failingTooLong),
        RetryCase(name: "failing 5 days on the last attempt", attempt: 8, result: RetryCase.status(502),
                  failingFor: 5 * RetryCase.day, expected: .failingTooLong),
        RetryCase(name: "not failing before: a failure starts the clock", result: RetryCase.status(500), failingFor: nil,
                  expected: .retry(after: 5)),

        // Retry-After is honoured within 1x–2x of the scheduled (jittered) wait.
        RetryCase(name: "Retry-After inside the window is used", result: RetryCase.status(503, retryAfter: "7"),
                  expected: .retry(after: 7)),
        RetryCase(name: "Retry-After shorter than scheduled is raised", result: RetryCase.status(429, retryAfter: "1"),
                  expected: .retry(after: 5)),
        RetryCase(name: "Retry-After 0 is raised", result: RetryCase.status(429, retryAfter: "0"), expected: .retry(after: 5)),
        RetryCase(name: "Retry-After longer than 2x is capped", result: RetryCase.status(503, retryAfter: "3600"),
                  expected: .retry(after: 10)),
        RetryCase(name: "Retry-After at 2x", attempt: 2, result: RetryCase.status(503, retryAfter: "600"),
                  expected: .retry(after: 600)),
        RetryCase(name: "Retry-After capped relative to the jittered wait", attempt: 2, result: RetryCase.status(503, retryAfter: "1000"),
                  random: 0, expected: .retry(after: 480)),
        RetryCase(name: "Retry-After raised to the jittered wait", attempt: 2, result: RetryCase.status(503, retryAfter: "100"),
                  random: 0, expected: .retry(after: 240)),
        RetryCase(name: "Retry-After as an HTTP-date", result: RetryCase.status(503, retryAfter: "Fri, 15 Jan 2027 08:00:08 GMT"),
                  expected: .retry(after: 8)),
        RetryCase(name: "Retry-After date in the past is raised", result: RetryCase.status(503, retryAfter: "Sun, 06 Nov 1994 08:49:37 GMT"),
                  expected: .retry(after: 5)),
        RetryCase(name: "unparseable Retry-After is ignored", result: RetryCase.status(503, retryAfter: "soon"),
                  expected: .retry(after: 5)),
        RetryCase(name: "negative Retry-After is ignored", attempt: 2, result: RetryCase.status(503, retryAfter: "-30"),
                  expected: .retry(after: 300)),
        RetryCase(name: "Retry-After on a redirect counts too", result: RetryCase.status(307, retryAfter: "9"),
                  expected: .retry(after: 9)),
        RetryCase(name: "Retry-After does not extend the schedule", attempt: 8, result: RetryCase.status(503, retryAfter: "5"),
                  expected: .failed(.retriesExhausted(attempts: 8))),
        RetryCase(name: "Retry-After does not override retry off", result: RetryCase.status(503, retryAfter: "5"),
                  retryEnabled: false, expected: .failed(.retryDisabled)),
    ]

    @Test(arguments: cases)
    func everyRetryRuleDecidesAsSpecified(_ row: RetryCase) {
        let since = row.failingFor.map { RetryCase.now.addingTimeInterval(-$0) }
        let decision = DeliveryStateMachine.decide(
            attempt: row.attempt, result: row.result, retryEnabled: row.retryEnabled, endpointFailingSince: since,
            now: RetryCase.now, unitRandom: { row.random }
        )
        switch (row.expected, decision) {
        case (.succeeded, .succeeded):
            break
        case (.retry(let after), .retry(let at)):
            #expect(abs(at.timeIntervalSince(RetryCase.now) - after) < 0.001,
                    "expected a retry after \(after) s, got \(at.timeIntervalSince(RetryCase.now)) s")
        case (.failed(let reason), .failed(let actual)):
            #expect(actual == reason)
        case (.gone, .disableTrigger(let reason)):
            #expect(reason == .gone)
        case (.failingTooLong, .disableTrigger(let reason)):
            #expect(reason == .failingContinuously(since: since ?? .distantPast))
        default:
            Issue.record("expected \(row.expected), got \(decision)")
        }
        // Only a retry leaves the delivery open.
        if case .retry = row.expected { #expect(!decision.isFinal) } else { #expect(decision.isFinal) }
    }

    @Test(arguments: 1...7)
    func jitteredWaitsStayWithinTwentyPercentOfTheSchedule(attempt: Int) throws {
        let policy = RetryPolicy.standard
        let nominal = try #require(policy.nominalWait(afterAttempt: attempt))
        for random in [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999_999_9, 1, -1, 7, .nan, .infinity] {
            let wait = try #require(policy.jitteredWait(afterAttempt: attempt, unitRandom: random))
            #expect(wait >= nominal * 0.8 - 1e-9 && wait <= nominal * 1.2 + 1e-9, "random \(random) gave \(wait) for \(nominal)")
        }
        #expect(abs((policy.jitteredWait(afterAttempt: attempt, unitRandom: 0) ?? 0) - nominal * 0.8) < 1e-6)
        #expect(policy.jitteredWait(afterAttempt: attempt, unitRandom: 0.5) == nominal)
    }

    @Test func theStandardPolicyIsTheSpecsSchedule() {
        let policy = RetryPolicy.standard
        #expect(policy.schedule == [5, 300, 1800, 7200, 18_000, 36_000, 36_000])
        #expect(policy.maxAttempts == 8)
        #expect(policy.jitter == 0.2)
        #expect(policy.disableAfter == 5 * 24 * 3600)
        #expect(policy.nominalWait(afterAttempt: 8) == nil)
    }

    @Test func aCustomPolicyDrivesTheDecision() {
        let policy = RetryPolicy(schedule: [60], jitter: 0, disableAfter: 3600)
        let now = RetryCase.now
        func decide(_ attempt: Int, failingFor: TimeInterval? = nil) -> DeliveryDecision {
            DeliveryStateMachine.decide(attempt: attempt, result: .response(statusCode: 500), retryEnabled: true,
                                        endpointFailingSince: failingFor.map { now.addingTimeInterval(-$0) }, now: now,
                                        policy: policy, unitRandom: { 0.9 })
        }
        #expect(decide(1) == .retry(at: now.addingTimeInterval(60)))
        #expect(decide(2) == .failed(reason: .retriesExhausted(attempts: 2)))
        #expect(decide(1, failingFor: 3600) == .disableTrigger(reason: .failingContinuously(since: now.addingTimeInterval(-3600))))
    }

    @Test func reasonsHaveStableCodes() {
        #expect(TriggerDisableReason.gone.code == "endpoint-gone")
        #expect(TriggerDisableReason.failingContinuously(since: RetryCase.now).code == "endpoint-failing")
        #expect(DeliveryFailureReason.retryDisabled.code == "retry-disabled")
        #expect(DeliveryFailureReason.retriesExhausted(attempts: 8).code == "retries-exhausted")
        // Given up without an attempt, each for what it is: the codes are what the metrics count by.
        let codes = [DeliveryFailureReason.triggerDeleted, .triggerSwitchedOff, .eventGone, .renderFailed, .refused].map(\.code)
        #expect(codes == ["trigger-deleted", "trigger-switched-off", "event-gone", "render-failed", "refused"])
        #expect(DeliveryAttemptResult.response(statusCode: 503).summary == "HTTP 503")
        #expect(DeliveryAttemptResult.transportError(.timeout).summary == "timeout")
    }
}
