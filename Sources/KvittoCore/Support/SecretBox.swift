import Crypto
import Foundation

/// Seals secrets (signing secrets, connection credentials) for storage with AES-GCM under the process's
/// secret key (`KVITTO_SECRET_KEY`), so a copy of the database alone does not reveal them.
public struct SecretBox: Sendable {
    /// The 256-bit key's bytes; `SymmetricKey` itself is not `Sendable` in this swift-crypto version.
    private let keyBytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

    /// - Parameter keyMaterial: any string; it is stretched to a 256-bit key with SHA-256. Use 32+ random bytes.
    /// The keys `keyedHash` derives for the purposes used on every till look-up and every message: derived
    /// once here rather than on each call.
    private let derivedKeys: [String: [UInt8]]

    /// - Parameter keyMaterial: any string; it is stretched to a 256-bit key with SHA-256. Use 32+ random bytes.
    public init(keyMaterial: String) {
        let keyBytes = Array(SHA256.hash(data: Array(keyMaterial.utf8)))
        self.keyBytes = keyBytes
        derivedKeys = Dictionary(uniqueKeysWithValues: ["lookup", "suppression"].map { purpose in
            (purpose, Self.derive(purpose, from: SymmetricKey(data: keyBytes)))
        })
    }

    private static func derive(_ purpose: String, from key: SymmetricKey) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(purpose.utf8), using: key))
    }

    /// `v1:` + base64 of nonce, ciphertext and tag.
    public func seal(_ plaintext: String) throws -> String {
        let box = try AES.GCM.seal(Array(plaintext.utf8), using: key)
        guard let combined = box.combined else { throw KvittoError(code: .invalid, detail: "could not seal secret") }
        return "v1:" + combined.base64EncodedString()
    }

    /// A keyed hash of `text` (HMAC-SHA256 under a key derived from the secret key for `purpose`), base64url
    /// without padding: what the suppression list keeps of an address, and what signs unsubscribe links.
    public func keyedHash(_ text: String, purpose: String) -> String {
        let derived = SymmetricKey(data: derivedKeys[purpose] ?? Self.derive(purpose, from: key))
        let code = HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: derived)
        // base64url without padding, in one pass over standard base64's bytes.
        let url = Data(code).base64EncodedData().compactMap { byte -> UInt8? in
            switch byte {
            case UInt8(ascii: "+"): UInt8(ascii: "-")
            case UInt8(ascii: "/"): UInt8(ascii: "_")
            case UInt8(ascii: "="): nil
            default: byte
            }
        }
        return String(decoding: url, as: UTF8.self)
    }

    /// The suppression list's entry for an e-mail address or an E.164 number in an account: the same for
    /// every spelling of one address (its e-mail key), and nothing an attacker with the database can reverse.
    public func suppressionHash(account: String, recipient: String) -> String {
        let normalized = recipient.contains("@") ? (EmailKey.make(recipient) ?? recipient.lowercased()) : recipient
        return keyedHash(account + "\u{0}" + normalized, purpose: "suppression")
    }

    /// What the tills' look-up log keeps of a look-up key (normalised: an e-mail key, an E.164 number, a
    /// member number, a customer id): it ties the log to a person for erasure, but cannot be read back.
    public func lookupHash(account: String, key: String) -> String {
        keyedHash(account + "\u{0}" + key, purpose: "lookup")
    }

    public func open(_ sealed: String) throws -> String {
        guard sealed.hasPrefix("v1:"), let data = Data(base64Encoded: String(sealed.dropFirst(3))) else {
            throw KvittoError(code: .invalid, detail: "not a sealed secret")
        }
        let plaintext = try AES.GCM.open(try AES.GCM.SealedBox(combined: data), using: key)
        return String(decoding: plaintext, as: UTF8.self)
    }
}
