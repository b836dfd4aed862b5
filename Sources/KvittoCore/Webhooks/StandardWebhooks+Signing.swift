import Crypto
import Foundation

/// Signing and verifying postbacks the Standard Webhooks way (https://www.standardwebhooks.com/).
///
/// The signed content is `"<webhook-id>.<webhook-timestamp>.<body>"`, the MAC is HMAC-SHA256 keyed with the
/// secret's raw bytes, and the `webhook-signature` header carries `v1,<base64 MAC>` entries separated by
/// spaces. This is what the `standardwebhooks` and `svix` receiver libraries check, byte for byte.
public enum StandardWebhooks {
    /// Header names, lower-case as HTTP/2 sends them (HTTP/1 receivers compare case-insensitively).
    public enum Header {
        /// The message id: stable across retries and replays, the receiver's de-duplication key.
        public static let id = "webhook-id"
        /// Unix seconds at the time of *this* attempt (a retry gets a fresh timestamp and signature).
        public static let timestamp = "webhook-timestamp"
        /// One or more space-separated `v1,<base64>` signatures.
        public static let signature = "webhook-signature"
    }

    /// The version tag of an HMAC-SHA256 signature.
    public static let signatureVersion = "v1"
    /// How far a timestamp may be from the receiver's clock, in either direction: 5 minutes, as the
    /// reference libraries use. It bounds how long a captured request can be replayed.
    public static let defaultTolerance: TimeInterval = 5 * 60

    /// Signs one message with one secret.
    /// - Parameters:
    ///   - id: the `webhook-id` header value.
    ///   - timestamp: the `webhook-timestamp` header value, Unix seconds.
    ///   - body: the exact bytes sent as the request body.
    ///   - secret: the signing secret.
    /// - Returns: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`.
    public static func sign(id: String, timestamp: Int64, body: some Collection<UInt8>, secret: WebhookSecret) -> String {
        let mac = authenticationCode(id: id, timestamp: timestamp, body: body, secret: secret)
        return "\(signatureVersion),\(Data(mac).base64EncodedString())"
    }

    /// The `webhook-signature` header value: one signature per secret, space-separated, in the order given.
    ///
    /// During a rotation both the new and the old secret sign (see ``WebhookSecret/signingSecrets(current:previous:previousExpiresAt:now:)``),
    /// so a receiver still configured with either one accepts the message. An empty `secrets` gives an empty
    /// string, which no receiver accepts — callers always have at least the trigger's current secret.
    public static func signatureHeader(
        id: String, timestamp: Int64, body: some Collection<UInt8>, secrets: [WebhookSecret]
    ) -> String {
        // The body may be a lazy or non-contiguous collection; copy it once rather than once per secret.
        let bytes = Array(body)
        return secrets.map { sign(id: id, timestamp: timestamp, body: bytes, secret: $0) }.joined(separator: " ")
    }

    /// Checks a received message the way a Standard Webhooks receiver does.
    ///
    /// The timestamp must be within `tolerance` of `now` in either direction, and at least one `v1,` entry of
    /// the header must match. Entries with another version (`v1a,` is Ed25519) or malformed base64 are
    /// skipped, not fatal, so a header that also carries signatures of a newer scheme still verifies. The MAC
    /// comparison is constant-time (swift-crypto's `safeCompare`), so response timing reveals nothing about
    /// how much of a forged signature was right.
    /// - Parameters:
    ///   - id: the `webhook-id` header value.
    ///   - timestamp: the `webhook-timestamp` header value, Unix seconds.
    ///   - body: the exact request body bytes.
    ///   - signatureHeader: the `webhook-signature` header value.
    ///   - secret: the secret to check against.
    ///   - now: the receiver's current time (injected so tests are deterministic).
    ///   - tolerance: the largest accepted distance between `timestamp` and `now`; default 5 minutes.
    public static func verify(
        id: String, timestamp: Int64, body: some Collection<UInt8>, signatureHeader: String,
        secret: WebhookSecret, now: Date, tolerance: TimeInterval = defaultTolerance
    ) -> Bool {
        guard abs(now.timeIntervalSince1970 - Double(timestamp)) <= tolerance else { return false }
        let expected = authenticationCode(id: id, timestamp: timestamp, body: body, secret: secret)
        let prefix = signatureVersion + ","
        for entry in signatureHeader.split(separator: " ", omittingEmptySubsequences: true) {
            guard entry.hasPrefix(prefix), let candidate = Data(base64Encoded: String(entry.dropFirst(prefix.count))) else {
                continue
            }
            // `==` between a MAC and bytes is swift-crypto's constant-time comparison (length mismatch → false).
            if expected == candidate { return true }
        }
        return false
    }

    /// HMAC-SHA256 over `id.timestamp.body`, streamed so the body is not copied into a joined buffer.
    private static func authenticationCode(
        id: String, timestamp: Int64, body: some Collection<UInt8>, secret: WebhookSecret
    ) -> HMAC<SHA256>.MAC {
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: secret.bytes))
        hmac.update(data: Array("\(id).\(timestamp).".utf8))
        let streamed: Void? = body.withContiguousStorageIfAvailable { hmac.update(data: UnsafeRawBufferPointer($0)) }
        if streamed == nil { hmac.update(data: Array(body)) }
        return hmac.finalize()
    }
}
