import Foundation

/// When a failed postback is tried again (SPEC §5), as plain numbers; ``DeliveryStateMachine`` applies it.
///
/// The defaults are the spec's: retries after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (8 attempts in all,
/// about 28 hours), each wait moved by up to ±20 % at random so that receivers coming back after an outage
/// are not hit by every queued delivery in the same second; an endpoint failing for 5 days is disabled.
public struct RetryPolicy: Sendable, Hashable {
    /// The wait after attempt *n* failed before attempt *n + 1*, in seconds: `schedule[n - 1]`.
    public var schedule: [TimeInterval]
    /// The relative jitter: a wait `w` becomes a value in `[w × (1 − jitter), w × (1 + jitter))`.
    /// Kept within `0..<1` so a jittered wait is never zero or negative.
    public var jitter: Double
    /// How long an endpoint may fail without a single success before its trigger is disabled: 5 days.
    public var disableAfter: TimeInterval

    /// The spec's policy.
    public static let standard = RetryPolicy(
        schedule: [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600, 10 * 3600],
        jitter: 0.2,
        disableAfter: 5 * 24 * 3600
    )

    /// - Parameters:
    ///   - schedule: waits in seconds between consecutive attempts; negative values are treated as 0.
    ///   - jitter: relative jitter, clamped into `0...0.99`.
    ///   - disableAfter: seconds of continuous failure after which the trigger is disabled.
    public init(schedule: [TimeInterval], jitter: Double, disableAfter: TimeInterval) {
        self.schedule = schedule.map { max(0, $0) }
        self.jitter = min(max(jitter, 0), 0.99)
        self.disableAfter = disableAfter
    }

    /// The first attempt plus one retry per schedule entry.
    public var maxAttempts: Int { schedule.count + 1 }

    /// The wait after the failed attempt `attempt` (1-based) before the next one, before jitter; `nil` when
    /// `attempt` was the last one.
    public func nominalWait(afterAttempt attempt: Int) -> TimeInterval? {
        guard attempt >= 1, attempt <= schedule.count else { return nil }
        return schedule[attempt - 1]
    }

    /// The nominal wait moved by jitter.
    /// - Parameters:
    ///   - attempt: the 1-based number of the attempt that just failed.
    ///   - unitRandom: a value in `0..<1` (values outside are clamped); 0.5 gives exactly the nominal wait.
    /// - Returns: `nil` when `attempt` was the last one.
    public func jitteredWait(afterAttempt attempt: Int, unitRandom: Double) -> TimeInterval? {
        guard let nominal = nominalWait(afterAttempt: attempt) else { return nil }
        // `!(x >= 0)` also catches NaN from a misbehaving source.
        let u = !(unitRandom >= 0) ? 0 : min(unitRandom, 1)
        return nominal * (1 + jitter * (2 * u - 1))
    }

    /// Honours a receiver's `Retry-After` only within 1×–2× of the wait Kvitto scheduled anyway: a receiver may
    /// slow Kvitto down (up to double), but never make it retry sooner than planned, nor park the delivery for
    /// longer than the schedule allows.
    /// - Parameters:
    ///   - requested: the delay the receiver asked for, in seconds (``RetryAfter/delay(from:now:)``).
    ///   - scheduled: the jittered wait Kvitto would otherwise use.
    public func clampRetryAfter(_ requested: TimeInterval, scheduled: TimeInterval) -> TimeInterval {
        min(max(requested, scheduled), 2 * scheduled)
    }
}
