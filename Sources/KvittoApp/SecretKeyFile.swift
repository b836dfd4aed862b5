import Foundation
import KvittoCore

/// Where the at-rest secret key comes from when `KVITTO_SECRET_KEY` is not set.
enum SecretKeyFile {
    /// For SQLite: `PATH.key` beside the database, created with 32 random bytes and mode 0600 on first use,
    /// so a single-machine install works out of the box and the key travels with a backup of the folder.
    /// PostgreSQL deployments run several processes that must share the key, so they must set it.
    static func resolve(_ configuration: KvittoConfiguration) throws -> String {
        if !configuration.secretKey.isEmpty { return configuration.secretKey }
        let path: String
        switch DatabaseLocation(configuration.database) {
        case .memory: return "memory-store-ephemeral-key"
        case .postgres: throw KvittoError.invalid([FieldError("/secret_key", "KVITTO_SECRET_KEY must be set when the database is PostgreSQL")])
        case .sqlite(let database): path = database + ".key"
        }
        if let existing = try? String(contentsOfFile: path, encoding: .utf8), !existing.trimmedWhitespace.isEmpty {
            return existing.trimmedWhitespace
        }
        var generator = SystemRandomNumberGenerator()
        let key = Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
        guard FileManager.default.createFile(atPath: path, contents: Data((key + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            throw KvittoError.invalid([FieldError("/secret_key", "could not create the key file \(path); set KVITTO_SECRET_KEY")])
        }
        return key
    }
}
