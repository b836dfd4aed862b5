import Foundation

/// A token bucket (the rate limit of one API key): `capacity` requests at once, refilled at `rate` a second.
/// A pure value: the caller keeps it and gives it the time, so a test sets the clock.
public struct TokenBucket: Sendable, Equatable {
    public let rate: Double
    public let capacity: Double
    public private(set) var tokens: Double
    public private(set) var updatedAt: Date

    public enum Decision: Sendable, Equatable {
        /// Taken; `remaining` whole requests are left now.
        case allowed(remaining: Int)
        /// Refused; a request is possible again after `retryAfter` seconds.
        case refused(retryAfter: TimeInterval)
    }

    /// A full bucket.
    public init(rate: Double, capacity: Double, now: Date) {
        precondition(rate > 0 && capacity >= 1, "a bucket needs a positive rate and room for one request")
        self.rate = rate
        self.capacity = capacity
        tokens = capacity
        updatedAt = now
    }

    /// Takes one request's token if there is one.
    public mutating func take(at now: Date) -> Decision {
        refill(at: now)
        guard tokens >= 1 else { return .refused(retryAfter: (1 - tokens) / rate) }
        tokens -= 1
        return .allowed(remaining: Int(tokens.rounded(.down)))
    }

    /// Seconds until the bucket is full again (the `RateLimit-Reset` a client is told).
    public var secondsUntilFull: TimeInterval { (capacity - tokens) / rate }

    private mutating func refill(at now: Date) {
        let elapsed = now.timeIntervalSince(updatedAt)
        guard elapsed > 0 else { return }  // a clock that steps back refills nothing
        tokens = min(capacity, tokens + elapsed * rate)
        updatedAt = now
    }
}
