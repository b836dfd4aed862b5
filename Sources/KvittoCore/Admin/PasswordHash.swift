import Crypto
import Foundation
import _CryptoExtras

/// Admin passwords, kept as PBKDF2-HMAC-SHA256 with a 16-byte random salt: `pbkdf2-sha256$ROUNDS$SALT$HASH`
/// (base64). 600,000 rounds is OWASP's 2023 figure for this hash; it costs about a quarter of a second on a
/// server core, which a person signing in does not notice and which makes guessing from a stolen database
/// slow (sign-in itself is throttled after failures as well). The rounds are stored with each hash, so a
/// later, higher figure applies to new passwords without breaking old ones. Scrypt would resist GPUs better,
/// but PBKDF2 is the one the FIPS lists that merchants' auditors ask about know.
public enum PasswordHash {
    public static let rounds = 600_000

    public static func make(_ password: String, rounds: Int = PasswordHash.rounds) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let key = try derive(password, salt: salt, rounds: rounds)
        return "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(Data(key).base64EncodedString())"
    }

    /// Whether `password` is the one `stored` was made from; any stored text of another form is no match.
    public static func verify(_ password: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds > 0,
              let salt = Data(base64Encoded: String(parts[2])), let expected = Data(base64Encoded: String(parts[3])),
              let key = try? derive(password, salt: Array(salt), rounds: rounds) else { return false }
        // Compared in constant time: a timing difference would tell an attacker how much of the hash matched.
        guard key.count == expected.count else { return false }
        return zip(key, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private static func derive(_ password: String, salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let key = try KDF.Insecure.PBKDF2.deriveKey(from: Array(password.utf8), salt: salt, using: .sha256, outputByteCount: 32,
                                                    unsafeUncheckedRounds: rounds)
        return key.withUnsafeBytes { Array($0) }
    }
}
