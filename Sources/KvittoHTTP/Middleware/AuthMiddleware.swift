import Foundation
import Hummingbird
import KvittoCore
import KvittoStorage
import Logging
import Synchronization

/// Resolves API keys to their account, with a short-lived cache so a busy ingest path does not read the
/// key table on every request. A revoke in this process drops the key from the cache at once; other
/// processes (PostgreSQL deployments) see it within `ttl`.
public final class Authenticator: Sendable {
    struct Entry { var principal: Principal; var fetchedAt: Date; var touchedAt: Date? }

    let store: any KvittoStore
    let clock: any KvittoClock
    let ttl: TimeInterval
    let logger: Logger
    private let cache = Mutex<[String: Entry]>([:])

    /// - Parameter ttl: how long a resolved key is trusted before it is read again (default 1 s).
    public init(store: any KvittoStore, clock: any KvittoClock, ttl: TimeInterval = 1, logger: Logger = Logger(label: "kvitto")) {
        self.store = store; self.clock = clock; self.ttl = ttl; self.logger = logger
    }

    /// The principal for a presented secret, or `nil` for an unknown or revoked key.
    func principal(secret: String) async throws -> Principal? {
        let hash = APIKeySecret.hash(secret)
        let now = clock.now()
        if let entry = cache.withLock({ $0[hash] }), now.timeIntervalSince(entry.fetchedAt) < ttl {
            return entry.principal
        }
        let found = try await store.read { r -> Principal? in
            guard let key = try r.apiKey(hash: hash), key.revokedAt == nil, let account = try r.account(key.accountID) else { return nil }
            return Principal(account: account, key: key)
        }
        cache.withLock { entries in
            if let found {
                entries[hash] = Entry(principal: found, fetchedAt: now, touchedAt: entries[hash]?.touchedAt)
            } else {
                entries[hash] = nil
            }
        }
        if let found { recordUse(found.key, hash: hash, now: now) }
        return found
    }

    /// `last_used_at` is written at most once a minute per key: precise enough to tell a key is in use,
    /// without a write per request.
    private func recordUse(_ key: APIKey, hash: String, now: Date) {
        let due = cache.withLock { entries -> Bool in
            guard var entry = entries[hash] else { return false }
            if let touched = entry.touchedAt, now.timeIntervalSince(touched) < 60 { return false }
            entry.touchedAt = now
            entries[hash] = entry
            return true
        }
        guard due else { return }
        // Not awaited: the request does not wait for bookkeeping. A failed write is logged and tried again
        // by the next request with this key, rather than left looking done for a minute.
        Task {
            do {
                try await self.store.write { w in try w.touchAPIKey(id: key.id, at: now) }
            } catch {
                self.cache.withLock { entries in entries[hash]?.touchedAt = nil }
                self.logger.error("could not record the key's last use", metadata: ["key": "\(key.id)", "error": "\(error)"])
            }
        }
    }

    /// Forgets a key at once (after a revoke).
    func forget(keyID: String) {
        cache.withLock { entries in entries = entries.filter { $0.value.principal.key.id != keyID } }
    }

    /// Forgets an account's keys, so the next request reads the account as it now is (after a change).
    func forget(accountID: String) {
        cache.withLock { entries in entries = entries.filter { $0.value.principal.account.id != accountID } }
    }
}

/// Reads `Authorization: Bearer <key>` (or Basic with the key as password, for POS systems) and sets the
/// principal. Endpoints then demand their scope; a bad key is refused here.
struct AuthMiddleware: RouterMiddleware {
    typealias Context = KvittoRequestContext
    let authenticator: Authenticator
    /// Per-key limits; nil when the process has none.
    var rateLimiter: RateLimiter?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization] else {
            throw KvittoError(code: .unauthorized, detail: "an API key is required: Authorization: Bearer <key>")
        }
        guard let secret = Self.secret(from: header), let principal = try await authenticator.principal(secret: secret) else {
            throw KvittoError(code: .unauthorized, detail: "the API key is not valid or has been revoked")
        }
        var context = context
        context.principal = principal
        context.logger[metadataKey: "account"] = .string(principal.account.id)
        guard let limiter = rateLimiter else { return try await next(request, context) }
        let outcome = limiter.take(keyID: principal.key.id, at: Date())
        if case .refused(let wait) = outcome.decision {
            let error = KvittoError(code: .rateLimited, detail: "this key made more than \(Self.rate(limiter.rate)) requests a second "
                                    + "(bursts of \(Int(limiter.burst))); try again in \(Int(wait.rounded(.up))) s")
            var response = try error.response(from: request, context: context)
            response.headers.append(contentsOf: limiter.headers(outcome))
            return response
        }
        var response = try await next(request, context)
        response.headers.append(contentsOf: limiter.headers(outcome))
        return response
    }

    static func rate(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }

    static func secret(from header: String) -> String? {
        // Every API request comes through here: the common `Bearer <ASCII key>` is read without Foundation's
        // lowercasing and trimming (which went through the slow, Unicode-general string paths).
        if let token = bearerToken(header) { return token.isEmpty ? nil : token }
        if header.lowercased().hasPrefix("bearer ") {
            let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces)
            return token.isEmpty ? nil : token
        }
        if header.lowercased().hasPrefix("basic "),
           let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
           let decoded = String(data: data, encoding: .utf8), let colon = decoded.firstIndex(of: ":") {
            let password = String(decoded[decoded.index(after: colon)...])
            return password.isEmpty ? nil : password
        }
        return nil
    }

    /// The token of an all-ASCII `Bearer` header (the scheme in any case), trimmed of spaces and tabs; nil
    /// for another scheme or a header with other characters, which `secret(from:)` reads the general way.
    static func bearerToken(_ header: String) -> String? {
        let bytes = Array(header.utf8)
        let scheme = Array("bearer ".utf8)
        guard bytes.count >= scheme.count, bytes.allSatisfy({ $0 < 0x80 }),
              zip(bytes, scheme).allSatisfy({ byte, expected in byte == expected || (byte >= 0x41 && byte <= 0x5A && byte + 0x20 == expected) })
        else { return nil }
        let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
        var token = bytes[scheme.count...]
        while let first = token.first, isBlank(first) { token = token.dropFirst() }
        while let last = token.last, isBlank(last) { token = token.dropLast() }
        return String(decoding: token, as: UTF8.self)
    }
}
