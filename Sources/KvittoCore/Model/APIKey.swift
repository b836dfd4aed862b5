import Crypto
import Foundation

/// What a key may do. `admin` implies every other scope.
public enum Scope: String, Sendable, CaseIterable, Comparable {
    case admin, ingest, read, pos
    public static func < (lhs: Scope, rhs: Scope) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A stored API key: only the SHA-256 of the secret is kept. The secret has 256 bits of entropy, so a
/// fast hash is enough; a slow password hash would only cost every request time.
public struct APIKey: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var name: String
    /// The first characters of the secret, shown in lists so a person can tell keys apart.
    public var prefix: String
    public var hash: String
    public var scopes: Set<Scope>
    public var createdAt: Date
    public var lastUsedAt: Date?
    public var revokedAt: Date?

    public init(id: String, accountID: String, name: String, prefix: String, hash: String, scopes: Set<Scope>,
                createdAt: Date, lastUsedAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id; self.accountID = accountID; self.name = name; self.prefix = prefix; self.hash = hash
        self.scopes = scopes; self.createdAt = createdAt; self.lastUsedAt = lastUsedAt; self.revokedAt = revokedAt
    }

    public func allows(_ scope: Scope) -> Bool { revokedAt == nil && (scopes.contains(.admin) || scopes.contains(scope)) }

    public var json: JSONValue {
        [
            "id": .string(id), "account_id": .string(accountID), "name": .string(name), "prefix": .string(prefix),
            "scopes": .array(scopes.sorted().map { .string($0.rawValue) }),
            "created_at": .string(Timestamp.format(createdAt)),
            "last_used_at": .string(lastUsedAt.map(Timestamp.format)),
            "revoked_at": .string(revokedAt.map(Timestamp.format)),
        ]
    }
}

public enum APIKeySecret {
    /// A new secret (`kvt_` + 43 base64url characters) and the values stored for it.
    public static func generate() -> (secret: String, prefix: String, hash: String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let secret = "kvt_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return (secret, String(secret.prefix(12)), hash(secret))
    }

    public static func hash(_ secret: String) -> String {
        SHA256.hash(data: Array(secret.utf8)).map { byte in
            let hex = Array("0123456789abcdef".utf8)
            return String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]], as: UTF8.self)
        }.joined()
    }

    public static func parseScopes(_ list: String) throws(KvittoError) -> Set<Scope> {
        var scopes = Set<Scope>()
        for part in list.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let scope = Scope(rawValue: name) else {
                throw KvittoError.invalid([FieldError("/scopes", "unknown scope '\(name)'; use admin, ingest, read, pos")])
            }
            scopes.insert(scope)
        }
        if scopes.isEmpty { throw KvittoError.invalid([FieldError("/scopes", "at least one scope is required")]) }
        return scopes
    }
}
