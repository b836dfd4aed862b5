import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// API keys: made with a name and scopes (the secret shown once) and revoked, by owners and admins.
extension AdminController {
    /// The account's keys (never their secrets), and for owners and admins the form to make one; `created`
    /// is a key just made, whose secret this answer shows once.
    func keys(_ call: AdminCall, created: (APIKey, String)? = nil, errors: [String: String] = [:]) async throws -> Response {
        let keys = try await services.store.read { r in try r.apiKeys(account: call.user.accountID) }
        var values: [String: Any] = [
            "title": "API keys", "errors": errors,
            "keys": keys.map { key -> [String: Any] in
                var row: [String: Any] = ["id": key.id, "name": key.name, "prefix": key.prefix, "scopes": key.scopes.sorted().map(\.rawValue).joined(separator: ", "),
                                          "created": Self.when(key.createdAt), "lastUsed": key.lastUsedAt.map(Self.when) ?? "never"]
                if let revoked = key.revokedAt { row["revoked"] = Self.when(revoked) } else if call.user.mayAdminister { row["revocable"] = true }
                return row
            },
            "scopes": Scope.allCases.map { ["name": $0.rawValue] },
        ]
        if call.user.mayAdminister { values["mayCreate"] = true }
        if let (key, secret) = created { values["created"] = ["name": key.name, "secret": secret] }
        return AdminPages.render("keys", call.layout.merging(values) { _, new in new }, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    func createKey(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let name = (form?["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let scopes = Set(Scope.allCases.filter { form?["scope_\($0.rawValue)"] != nil })
        var errors: [String: String] = [:]
        if name.isEmpty || name.count > 200 { errors["name"] = "Give the key a name of 1–200 characters." }
        if scopes.isEmpty { errors["scopes"] = "Choose at least one scope." }
        guard errors.isEmpty else { return try await keys(call, errors: errors) }
        let (user, now) = (call.user, services.clock.now())
        let created = try await services.store.write { w in
            let (key, secret) = try Accounts.createKey(account: user.accountID, name: name, scopes: scopes, in: w, now: now)
            try AdminUsers.audit("api_key.create", subject: key.id,
                                 detail: "created API key \(name) (\(scopes.sorted().map(\.rawValue).joined(separator: ", ")))", by: user, in: w, now: now)
            return (key, secret)
        }
        return try await keys(call, created: created)
    }

    func revokeKey(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let id = try call.context.parameters.require("id")
        let (user, now) = (call.user, services.clock.now())
        let revoked = try await services.store.write { w -> Bool in
            guard try w.revokeAPIKey(account: user.accountID, id: id, at: now) else { return false }
            try AdminUsers.audit("api_key.revoke", subject: id, detail: "revoked API key \(id)", by: user, in: w, now: now)
            return true
        }
        if revoked { services.authenticator.forget(keyID: id) }
        return Self.redirect(to: "/admin/keys")
    }
}
