import Hummingbird
import KvittoCore
import KvittoStorage

/// `POST|GET|DELETE /v1/api-keys`, for admin keys. The secret appears once, in the answer to the create.
struct APIKeysController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("api-keys", use: create)
        group.get("api-keys", use: list)
        group.delete("api-keys/{id}", use: revoke)
    }

    func create(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        var request = request
        let log = FieldErrorLog()
        guard var reader = ObjectReader.make(try await request.jsonBody(), at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        let name = reader.string("name", required: true, maxLength: 200)
        let scopeNames = reader.stringArray("scopes")
        reader.finish()
        var scopes = Set<Scope>()
        for (i, scopeName) in (scopeNames ?? []).enumerated() {
            if let scope = Scope(rawValue: scopeName) { scopes.insert(scope) } else { log.add("/scopes/\(i)", "unknown scope; use admin, ingest, read or pos") }
        }
        if scopeNames == nil { log.add("/scopes", "is required") }
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        let now = services.clock.now()
        let (key, secret) = try await services.store.write { [scopes] w in
            try Accounts.createKey(account: account.id, name: name ?? "", scopes: scopes, in: w, now: now)
        }
        var body = key.json.objectValue!
        body["key"] = .string(secret)
        return JSONResponse.make(.object(body), status: .created)
    }

    func list(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let keys = try await services.store.read { r in try r.apiKeys(account: account.id) }
        return JSONResponse.page(keys.map(\.json), cursor: nil)
    }

    func revoke(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        let now = services.clock.now()
        let revoked = try await services.store.write { w in try w.revokeAPIKey(account: account.id, id: id, at: now) }
        guard revoked else { throw KvittoError.notFound("API key \(id)") }
        services.authenticator.forget(keyID: id)
        return Response(status: .noContent)
    }
}
