import Crypto
import Foundation
import KvittoCore

/// Checks that an inbound webhook came from the platform, on the raw request bytes before anything parses
/// them: re-serialising parsed JSON never reproduces what was signed (WooCommerce signs PHP's `\/` escapes).
/// Every comparison is constant-time, so response timing tells a forger nothing about how close a guess was.
public enum PlatformSignature {
    /// Shopify's signature header: base64 of HMAC-SHA256 over the body, keyed with the app's secret.
    public static let shopifyHeader = "X-Shopify-Hmac-Sha256"
    /// WooCommerce's signature header: the same construction, keyed with the webhook's secret.
    public static let wooCommerceHeader = "X-WC-Webhook-Signature"

    /// `base64(HMAC-SHA256(secret, body))`, what Shopify and WooCommerce send.
    public static func base64HMAC(body: some DataProtocol, secret: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return Data(code).base64EncodedString()
    }

    /// Whether a Shopify `X-Shopify-Hmac-Sha256` or WooCommerce `X-WC-Webhook-Signature` header matches.
    /// - Parameters:
    ///   - header: the header value; a missing or non-base64 value never matches.
    ///   - body: the exact request body bytes.
    ///   - secret: the connection's webhook secret.
    public static func isValidBase64HMAC(_ header: String?, body: some DataProtocol, secret: String) -> Bool {
        guard let header, let presented = Data(base64Encoded: header.trimmedWhitespace) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(presented, authenticating: body,
                                                      using: SymmetricKey(data: Data(secret.utf8)))
    }

    /// Cartum signs nothing; its webhook URL carries a secret token instead. Both sides are hashed first so
    /// the comparison takes the same time whatever the token's length or the first differing byte.
    public static func isValidURLToken(_ presented: String, expected: String) -> Bool {
        guard !expected.isEmpty else { return false }
        return equalInConstantTime(presented, expected)
    }

    /// Compares two secrets through their SHA-256 digests: digest equality in swift-crypto is constant-time,
    /// and the digests have one length whatever the inputs' lengths.
    static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        SHA256.hash(data: Data(a.utf8)) == Data(SHA256.hash(data: Data(b.utf8)))
    }
}
