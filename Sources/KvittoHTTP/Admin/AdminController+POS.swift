import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// The point of sale: what to enter in Sitoo's back office (the API URL and a key that may only serve tills),
/// and what the till shows: the custom field groups on the customer card, and whether web orders are part of a
/// customer's purchases there.
extension AdminController {
    /// The groups offered as checkboxes: the till's own, engagement, and any the account chose before.
    static let tillGroups = [POSGroups.contact, POSGroups.address, POSGroups.order, Engagement.group]

    func pos(_ call: AdminCall, created: (name: String, secret: String)? = nil, notice: String? = nil, error: String? = nil) async throws -> Response {
        let account = call.user.accountID
        let (keys, settings) = try await services.store.read { r in (try r.apiKeys(account: account), try r.settings(account: account)) }
        let chosen = settings?.pos.sectionGroups
        let groups = Self.tillGroups + (chosen ?? []).filter { !Self.tillGroups.contains($0) }
        var values: [String: Any] = [
            "title": "Point of sale", "apiURL": (services.imports?.publicURL ?? "") + "/pos/v2",
            "keys": keys.filter { $0.scopes == [.pos] && $0.revokedAt == nil }.map { key -> [String: Any] in
                ["name": key.name, "prefix": key.prefix, "lastUsed": key.lastUsedAt.map(Self.when) ?? "never"]
            },
            "everyGroup": chosen == nil, "ownPurchasesOnly": settings?.pos.ownPurchasesOnly ?? false,
            "groups": groups.map { ["name": $0, "checked": chosen?.contains($0) ?? false] },
        ]
        if let created { values["created"] = ["name": created.name, "secret": created.secret] }
        if let notice { values["notice"] = notice }
        if let error { values["groupsError"] = error }
        if call.user.mayAdminister { values["mayChange"] = true }
        return AdminPages.render("pos", call.layout.merging(values) { _, new in new }, status: error == nil ? .ok : .unprocessableContent)
    }

    /// A key with only the `pos` scope, shown once: what Sitoo's back office takes as its API token.
    func createPOSKey(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let name = (form?["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let (user, now, chosen) = (call.user, services.clock.now(), name.isEmpty ? "Sitoo" : String(name.prefix(200)))
        let created = try await services.store.write { w in
            let (key, secret) = try Accounts.createKey(account: user.accountID, name: chosen, scopes: [.pos], in: w, now: now)
            try AdminUsers.audit("api_key.create", subject: key.id, detail: "created API key \(chosen) (pos) for the tills", by: user, in: w, now: now)
            return secret
        }
        return try await pos(call, created: (chosen, created))
    }

    /// What the till shows, saved by the API's rules (`PATCH /v1/settings` with `pos`).
    func savePOS(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        guard let form else { return try await pos(call) }
        var groups = Self.tillGroups.filter { form["group_" + $0] != nil }
        groups += (form["other_groups"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if form["every_group"] == nil, groups.isEmpty { return try await pos(call, error: "Choose a group, or show every group.") }
        let request: JSONValue = ["pos": ["own_purchases_only": .bool(form["own_purchases_only"] != nil),
                                          "sections": form["every_group"] != nil ? .null : .array(groups.map(JSONValue.string))]]
        let (user, now, secrets) = (call.user, services.clock.now(), services.secrets)
        do {
            try await services.store.write { w in
                guard let account = try w.account(user.accountID) else { throw KvittoError.notFound("account \(user.accountID)") }
                _ = try Accounts.updateSettings(account: account, in: w, now: now) { settings in
                    try SettingsController.apply(request, to: &settings, secrets: secrets)
                }
                try AdminUsers.audit("settings.pos", subject: user.accountID, detail: "changed what the tills show", by: user, in: w, now: now)
            }
        } catch let error as KvittoError {
            return try await pos(call, error: error.fieldErrors.map(\.detail).joined(separator: "; ").nonEmpty ?? error.detail)
        }
        return try await pos(call, notice: "Saved.")
    }
}

extension String {
    /// nil for the empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
