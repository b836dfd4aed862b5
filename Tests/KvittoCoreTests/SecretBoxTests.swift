import KvittoCore
import Testing

/// Keyed hashes are stored (the suppression list, the look-up log) and compared later: the same key and text
/// must give the same hash in every version. The expected values were computed independently with Python's
/// hmac module: HMAC-SHA256(HMAC-SHA256(SHA-256(key material), purpose), text), base64url without padding.
@Suite("Secret box: keyed hashes")
struct SecretBoxTests {
    let box = SecretBox(keyMaterial: "test-key")

    @Test func lookupAndSuppressionHashesAreStableAcrossVersions() {
        #expect(box.lookupHash(account: "acc_1", key: "+46701234567") == "_5mcMKzdx5XhZELWIbbyDZ7FZR-Mo59ABQYZF_VNqz0")
        #expect(box.suppressionHash(account: "acc_1", recipient: "Anna@Example.se") == "ysMICdhBdmMPFgYcyVfsOPgTByOO7Ow9LynjR4ooF1o")
    }

    @Test func otherPurposesDeriveTheirOwnKey() {
        #expect(box.keyedHash("acc_1\u{0}+46701234567", purpose: "lookup") == box.lookupHash(account: "acc_1", key: "+46701234567"))
        #expect(box.keyedHash("acc_1\u{0}+46701234567", purpose: "unsubscribe") != box.lookupHash(account: "acc_1", key: "+46701234567"))
    }
}
