import Foundation

/// The unsubscribe link of one marketing message: `…/unsubscribe/{account}.{delivery}.{signature}`. It names
/// the delivery (which knows the contact and the address) and is signed with the server's secret key, so
/// nobody can unsubscribe someone else by guessing, and nothing in it is personal data.
public struct UnsubscribeLink: Sendable, Equatable {
    public let accountID: String
    public let deliveryID: String

    public init(accountID: String, deliveryID: String) { self.accountID = accountID; self.deliveryID = deliveryID }

    public func token(secrets: SecretBox) -> String {
        "\(accountID).\(deliveryID).\(Self.signature(accountID, deliveryID, secrets))"
    }

    public func url(publicURL: String, secrets: SecretBox) -> String {
        (publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL) + "/unsubscribe/" + token(secrets: secrets)
    }

    /// The link a token stands for, when its signature is right.
    public init?(token: String, secrets: SecretBox) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 3, KvittoID.isWellFormed(parts[0], .account), KvittoID.isWellFormed(parts[1], .delivery) else { return nil }
        let expected = Self.signature(parts[0], parts[1], secrets)
        // Constant time: the signature is the only secret here.
        guard expected.utf8.count == parts[2].utf8.count,
              zip(expected.utf8, parts[2].utf8).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { return nil }
        self.init(accountID: parts[0], deliveryID: parts[1])
    }

    static func signature(_ account: String, _ delivery: String, _ secrets: SecretBox) -> String {
        String(secrets.keyedHash(account + "." + delivery, purpose: "unsubscribe").prefix(27))
    }
}
