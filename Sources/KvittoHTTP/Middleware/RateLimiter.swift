import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import Synchronization

/// Per-key rate limits (`KVITTO_RATE_LIMIT`, `KVITTO_RATE_BURST`): a token bucket for each API key in this
/// process. A key over its limit is answered 429 with `Retry-After`; every answer to a key carries
/// `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (the IETF draft's fields), so a client
/// can slow down before it is refused. Each process counts alone: behind a balancer of N processes a key
/// may make up to N times the rate.
public final class RateLimiter: Sendable {
    public let rate: Double
    public let burst: Double
    private let buckets = Mutex<[String: TokenBucket]>([:])

    /// - Parameter burst: requests at once; twice the rate (at least one) when nil.
    public init(rate: Double, burst: Double?) {
        self.rate = rate
        self.burst = max(1, burst ?? rate * 2)
    }

    struct Outcome {
        var decision: TokenBucket.Decision
        var secondsUntilFull: TimeInterval
    }

    func take(keyID: String, at now: Date) -> Outcome {
        buckets.withLock { buckets in
            var bucket = buckets[keyID] ?? TokenBucket(rate: rate, capacity: burst, now: now)
            let decision = bucket.take(at: now)
            buckets[keyID] = bucket
            return Outcome(decision: decision, secondsUntilFull: bucket.secondsUntilFull)
        }
    }

    /// The headers of an answer to a request that `outcome` let through or refused.
    func headers(_ outcome: Outcome) -> HTTPFields {
        var headers = HTTPFields()
        headers[.rateLimitLimit] = String(Int(burst))
        switch outcome.decision {
        case .allowed(let remaining):
            headers[.rateLimitRemaining] = String(remaining)
        case .refused(let wait):
            headers[.rateLimitRemaining] = "0"
            headers[.retryAfter] = String(Int(wait.rounded(.up)))
        }
        headers[.rateLimitReset] = String(Int(outcome.secondsUntilFull.rounded(.up)))
        return headers
    }
}

extension HTTPField.Name {
    static let rateLimitLimit = HTTPField.Name("RateLimit-Limit")!
    static let rateLimitRemaining = HTTPField.Name("RateLimit-Remaining")!
    static let rateLimitReset = HTTPField.Name("RateLimit-Reset")!
}
