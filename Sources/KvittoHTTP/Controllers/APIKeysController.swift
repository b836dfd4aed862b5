import Hummingbird
import KvittoCore
import KvittoStorage

/// `POST|GET|DELETE /v1/api-keys`, for admin keys. The secret appears once, in the answer to the create.
struct APIKeysController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("api-keys", .admin, create)
        group.get("api-keys", .admin, list)
        group.delete("api-keys/{id}", .admin, revoke)
    }

    static func read(_ r: inout ObjectReader) -> (name: String, scopes: Set<Scope>)? {
        let name = r.string("name", required: true, maxLength: 200)
        guard let names = r.stringArray("scopes") else {
            r.fail("/scopes", "is required")
            return nil
        }
        var scopes = Set<Scope>()
        for (i, scopeName) in names.enumerated() {
            if let scope = Scope(rawValue: scopeName) { scopes.insert(scope) } else { r.fail("/scopes/\(i)", "unknown scope; use admin, ingest, read or pos") }
        }
        return name.map { ($0, scopes) }
    }

    func create(_ call: APICall) async throws -> JSONAnswer {
        let input = try await call.decode(Self.read)
        let now = services.clock.now()
        let (key, secret) = try await services.store.write { w in
            try Accounts.createKey(account: call.account.id, name: input.name, scopes: input.scopes, in: w, now: now)
        }
        return .created(key.json.adding(["key": .string(secret)]))
    }

    func list(_ call: APICall) async throws -> Page {
        try await services.page(call) { try $0.apiKeys(account: $1, page: $2) }
    }

    func revoke(_ call: APICall) async throws -> HTTPResponse.Status {
        let id = try call.parameter()
        let now = services.clock.now()
        guard try await services.store.write({ w in try w.revokeAPIKey(account: call.account.id, id: id, at: now) }) else {
            throw KvittoError.notFound("API key \(id)")
        }
        services.authenticator.forget(keyID: id)
        return .noContent
    }
}
