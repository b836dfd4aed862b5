import Foundation

/// Writes an order's status to its platform (WooCommerce, Cartum): the delivery worker's port to the platform
/// connectors, which know each platform's API and hold the connection's credentials.
public protocol PlatformStatusWriting: Sendable {
    /// Writes the order's status as it is now (not as it was when the write was queued: of several quick
    /// changes, whichever write goes last leaves the platform with the latest).
    func writeStatus(of delivery: Delivery) async -> PlatformStatusWrite
}

/// One attempt to write a status to a platform.
public struct PlatformStatusWrite: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// The platform answered (or the request failed on the way, `transportError`).
        case answered(DeliveryAttemptResult)
        /// The platform answered `statusCode` (a success to HTTP) with a body that refuses the write (Cartum
        /// says so in its JSON): it will refuse it again.
        case refused(statusCode: Int)
        /// Nothing is sent, for good: the order, the connection or its credentials are gone, write-back was
        /// switched off, or the order's status has no counterpart on the platform any more.
        case nothingToWrite(String)
    }

    public var outcome: Outcome
    /// The platform status sent, for the attempt log.
    public var platformStatus: String?
    public var latencyMilliseconds: Int
    public var responseExcerpt: String?
    public var error: String?

    public init(_ outcome: Outcome, platformStatus: String? = nil, latencyMilliseconds: Int = 0, responseExcerpt: String? = nil,
                error: String? = nil) {
        self.outcome = outcome; self.platformStatus = platformStatus; self.latencyMilliseconds = latencyMilliseconds
        self.responseExcerpt = responseExcerpt; self.error = error
    }
}

extension DeliveryStateMachine {
    /// What follows a status write's answer. Unlike a postback there is no trigger to switch off: a 2xx is
    /// done; a 4xx other than a timeout or throttling (408, 425, 429) is the platform refusing this write
    /// (an unknown status, an order it deleted, wrong credentials), which it will refuse again: failed, to be
    /// replayed once fixed; anything else is retried on the schedule.
    public static func decideStatusWrite(attempt: Int, result: DeliveryAttemptResult, now: Date, policy: RetryPolicy = .standard,
                                         unitRandom: () -> Double = { Double.random(in: 0..<1) }) -> DeliveryDecision {
        if result.isSuccess { return .succeeded }
        if let code = result.statusCode, (400...499).contains(code), ![408, 425, 429].contains(code) { return .failed(reason: .refused) }
        return decide(attempt: attempt, result: result, retryEnabled: true, endpointFailingSince: nil, now: now, policy: policy,
                      unitRandom: unitRandom)
            .withoutTriggerSwitchOff
    }
}

extension DeliveryDecision {
    /// A status write has no trigger to switch off; a platform that says Gone refuses the write.
    var withoutTriggerSwitchOff: DeliveryDecision {
        if case .disableTrigger = self { return .failed(reason: .refused) }
        return self
    }
}
