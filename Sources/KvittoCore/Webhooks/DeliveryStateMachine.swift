import Foundation

/// What the delivery worker does after an attempt. The worker owns all I/O (HTTP, storage, the job queue);
/// ``DeliveryStateMachine`` only decides.
public enum DeliveryDecision: Sendable, Hashable {
    /// 2xx: mark the delivery succeeded and clear the trigger's `failing_since`.
    case succeeded
    /// Schedule the next attempt at this time (millisecond precision); the delivery stays pending.
    case retry(at: Date)
    /// Give up on this delivery: mark it failed (it can still be replayed by hand). The trigger stays active.
    case failed(reason: DeliveryFailureReason)
    /// Switch the trigger off and record a `trigger.disabled` notice with the reason. **The delivery is
    /// marked failed as well** (with the reason's ``TriggerDisableReason/code``): no attempt follows, and
    /// once someone re-enables the trigger it can be replayed like any failed delivery. Other pending
    /// deliveries of the trigger are the worker's to stop.
    case disableTrigger(reason: TriggerDisableReason)

    /// Whether the delivery is finished (no further attempt is scheduled).
    public var isFinal: Bool {
        if case .retry = self { return false }
        return true
    }
}

/// Why a delivery was given up without a further attempt. Each case is what happened, so the log, the
/// metrics and `last_error` say *why* (a deleted trigger is not a failed attempt with retries off).
public enum DeliveryFailureReason: Sendable, Hashable, CustomStringConvertible {
    /// The trigger's *retry on failure* switch is off, so the first attempt was the only one.
    case retryDisabled
    /// Every attempt of the schedule failed; the payload is how many were made.
    case retriesExhausted(attempts: Int)
    /// The trigger was deleted while the delivery waited.
    case triggerDeleted
    /// The trigger was switched off (by a user, or disabled by Kvitto) while the delivery waited.
    case triggerSwitchedOff
    /// The event the delivery carries no longer exists (erased).
    case eventGone
    /// The template could not produce a body for this event; another attempt would fail the same way.
    case renderFailed
    /// The receiving server or gateway refused the message for good (a 5xx SMTP reply, an invalid number).
    case refused
    /// A status write-back found nothing to write (the order, its connection or write-back is gone, or its
    /// status has no counterpart on the platform any more).
    case nothingToWrite

    /// A stable code for metrics and logs (`last_error` stays the attempt's own summary).
    public var code: String {
        switch self {
        case .retryDisabled: "retry-disabled"
        case .retriesExhausted: "retries-exhausted"
        case .triggerDeleted: "trigger-deleted"
        case .triggerSwitchedOff: "trigger-switched-off"
        case .eventGone: "event-gone"
        case .renderFailed: "render-failed"
        case .refused: "refused"
        case .nothingToWrite: "nothing-to-write"
        }
    }

    public var description: String {
        switch self {
        case .retryDisabled: "the attempt failed and retry on failure is switched off"
        case .retriesExhausted(let attempts): "all \(attempts) attempts failed"
        case .triggerDeleted: "the trigger was deleted"
        case .triggerSwitchedOff: "the trigger is switched off"
        case .eventGone: "the event is gone"
        case .renderFailed: "the template could not be rendered"
        case .refused: "the message was refused"
        case .nothingToWrite: "there was nothing to write to the platform"
        }
    }
}

/// Why a trigger was switched off by Kvitto rather than by a user.
public enum TriggerDisableReason: Sendable, Hashable, CustomStringConvertible {
    /// The endpoint answered `410 Gone`.
    case gone
    /// Every attempt to the endpoint has failed since this time, for at least ``RetryPolicy/disableAfter``.
    case failingContinuously(since: Date)

    /// A stable code for `disabled_reason` and the `trigger.disabled` notice.
    public var code: String {
        switch self {
        case .gone: "endpoint-gone"
        case .failingContinuously: "endpoint-failing"
        }
    }

    public var description: String {
        switch self {
        case .gone: "the endpoint answered 410 Gone"
        case .failingContinuously(let since): "every attempt since \(Timestamp.format(since)) has failed"
        }
    }
}

/// The retry rules of SPEC §5 as one pure function: an attempt's outcome in, the next step out.
///
/// Rules, in the order they are applied:
/// 1. 2xx → ``DeliveryDecision/succeeded`` (whatever came before).
/// 2. 410 Gone → ``DeliveryDecision/disableTrigger(reason:)`` at once, even with retry switched off.
/// 3. Any other failure (1xx, 3xx, 4xx, 5xx, transport error) when the endpoint has been failing for at least
///    ``RetryPolicy/disableAfter`` (5 days) → ``DeliveryDecision/disableTrigger(reason:)``.
/// 4. Retry switched off → ``DeliveryDecision/failed(reason:)`` after the single attempt.
/// 5. Last attempt of the schedule → ``DeliveryDecision/failed(reason:)``.
/// 6. Otherwise ``DeliveryDecision/retry(at:)`` after the scheduled wait with jitter, stretched towards the
///    receiver's `Retry-After` within 1×–2× of that wait.
public enum DeliveryStateMachine {
    /// Decides what follows an attempt.
    /// - Parameters:
    ///   - attempt: the 1-based number of the attempt that just finished (values below 1 count as 1).
    ///   - result: what the attempt came back with.
    ///   - retryEnabled: the trigger's *retry on failure* switch.
    ///   - endpointFailingSince: when the current unbroken run of failures to this endpoint began, *not*
    ///     counting this attempt; `nil` when the last attempt to it succeeded (or there was none). The caller
    ///     keeps it: it sets it to the attempt time on the first failure and clears it on
    ///     ``DeliveryDecision/succeeded`` — a single success resets the 5-day clock.
    ///   - now: the current time, from the injected clock.
    ///   - policy: the schedule, jitter and disable threshold.
    ///   - unitRandom: the jitter source, returning a value in `0..<1`; injected so tests are deterministic.
    public static func decide(
        attempt: Int,
        result: DeliveryAttemptResult,
        retryEnabled: Bool,
        endpointFailingSince: Date?,
        now: Date,
        policy: RetryPolicy = .standard,
        unitRandom: () -> Double = { Double.random(in: 0..<1) }
    ) -> DeliveryDecision {
        if result.isSuccess { return .succeeded }
        // A receiver that says Gone will not come back; retrying would only pile up failed deliveries.
        if result.isGone { return .disableTrigger(reason: .gone) }
        if let since = endpointFailingSince, now.timeIntervalSince(since) >= policy.disableAfter {
            return .disableTrigger(reason: .failingContinuously(since: since))
        }
        guard retryEnabled else { return .failed(reason: .retryDisabled) }

        let attempt = max(attempt, 1)
        guard var wait = policy.jitteredWait(afterAttempt: attempt, unitRandom: unitRandom()) else {
            return .failed(reason: .retriesExhausted(attempts: attempt))
        }
        if let header = result.retryAfter, let requested = RetryAfter.delay(from: header, now: now) {
            wait = policy.clampRetryAfter(requested, scheduled: wait)
        }
        // Truncated to the millisecond Kvitto stores, so the time written is the time read back.
        return .retry(at: Timestamp.truncated(now.addingTimeInterval(wait)))
    }
}
