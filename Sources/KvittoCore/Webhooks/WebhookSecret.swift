import Foundation

/// A trigger's Standard Webhooks signing secret: `whsec_` followed by the base64 of the raw key bytes.
///
/// The HMAC key is the *decoded* bytes, not the text after the prefix — that is what every Standard Webhooks
/// receiver library does, so a secret Kvitto shows once at creation can be pasted into any of them.
///
/// `description` is redacted so a secret that ends up in a log line or an error message does not leak;
/// ask for ``encoded`` explicitly when the secret must be shown or stored.
public struct WebhookSecret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The prefix Standard Webhooks uses for symmetric (HMAC) secrets.
    public static let prefix = "whsec_"
    /// The fewest key bytes accepted. The Standard Webhooks spec asks for 24 to 64; fewer would make the
    /// HMAC key guessable, more is pointless for SHA-256 and usually a paste error.
    public static let minimumByteCount = 24
    /// The most key bytes accepted (see ``minimumByteCount``).
    public static let maximumByteCount = 64
    /// The size of a generated key: 32 bytes, the output size of SHA-256 and the upper end of the 24–32 bytes
    /// the webhook libraries generate.
    public static let generatedByteCount = 32

    /// The raw HMAC key.
    public let bytes: [UInt8]

    /// A secret from raw key bytes; `nil` when there are fewer than 24 or more than 64 of them.
    public init?(bytes: some Collection<UInt8>) {
        guard (Self.minimumByteCount...Self.maximumByteCount).contains(bytes.count) else { return nil }
        self.bytes = Array(bytes)
    }

    /// Parses `whsec_<base64>`.
    ///
    /// The prefix is required: Kvitto generates every secret itself, so text without it is a sign of a
    /// mix-up (an API key, a public key `whpk_…`) rather than a secret to be guessed at. The base64 is
    /// standard (`+/`, padded as needed); surrounding whitespace is not accepted.
    /// - Returns: `nil` when the prefix is missing, the base64 is malformed or the key has the wrong size.
    public init?(encoded: String) {
        guard encoded.hasPrefix(Self.prefix) else { return nil }
        let base64 = encoded.dropFirst(Self.prefix.count)
        guard let data = Data(base64Encoded: String(base64)) else { return nil }
        self.init(bytes: data)
    }

    /// A new random secret of ``generatedByteCount`` bytes.
    ///
    /// `SystemRandomNumberGenerator` is the operating system's cryptographically secure generator
    /// (`getrandom` on Linux, `arc4random` on Apple platforms), which is what a signing key needs.
    public static func generate() -> WebhookSecret {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(generatedByteCount)
        while bytes.count < generatedByteCount {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        // 32 bytes lies inside 24...64, so the validating initializer (and an optional) is not needed here.
        return WebhookSecret(validatedBytes: Array(bytes.prefix(generatedByteCount)))
    }

    /// `whsec_<base64>`, the form shown to the user once and accepted by ``init(encoded:)``.
    public var encoded: String { Self.prefix + Data(bytes).base64EncodedString() }

    /// Redacted: never the key itself.
    public var description: String { "whsec_…(\(bytes.count) bytes, redacted)" }
    public var debugDescription: String { "WebhookSecret(redacted)" }

    private init(validatedBytes: [UInt8]) { self.bytes = validatedBytes }
}

extension WebhookSecret {
    /// How long a rotated-out secret keeps signing next to its successor (SPEC §5: 24 h), so receivers can
    /// switch to the new secret without dropping a message.
    public static let rotationOverlap: TimeInterval = 24 * 60 * 60

    /// The secrets that sign a message sent at `now`: the current one first, then the previous one while its
    /// overlap lasts.
    /// - Parameters:
    ///   - current: the trigger's secret.
    ///   - previous: the secret it replaced at the last rotation, if any.
    ///   - previousExpiresAt: when `previous` stops signing (rotation time + ``rotationOverlap``). A previous
    ///     secret without an expiry is ignored: an overlap that never ends would defeat the rotation.
    ///   - now: the time of sending.
    public static func signingSecrets(
        current: WebhookSecret, previous: WebhookSecret?, previousExpiresAt: Date?, now: Date
    ) -> [WebhookSecret] {
        guard let previous, let previousExpiresAt, now < previousExpiresAt, previous != current else { return [current] }
        return [current, previous]
    }
}
