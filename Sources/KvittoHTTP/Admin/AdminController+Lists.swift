import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// Lists of contacts, and bulk actions over a selection (a list or no list, a tag, a segment): move to a
/// list, blacklist, or erase, by the same rules as `POST /v1/contacts/bulk`.
extension AdminController {
    func lists(_ call: AdminCall, error: String? = nil, notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let account = call.user.accountID
        let lists = try await services.store.read { r in try r.lists(account: account) }
        var values: [String: Any] = [
            "title": "Lists",
            "lists": lists.map { ["id": $0.id, "name": $0.name, "created": Self.when($0.createdAt)] },
            "selections": [["value": "", "label": "any list or none"], ["value": "none", "label": "in no list"]]
                + lists.map { ["value": $0.id, "label": "in \($0.name)"] },
            "targets": lists.map { ["value": $0.id, "label": $0.name] },
            "segments": [["value": "", "label": "any"]] + EngagementSegment.allCases.map { ["value": $0.rawValue, "label": $0.rawValue] },
        ]
        if call.user.mayChange { values["mayCreate"] = true }
        if call.user.mayAdminister { values["mayBulk"] = true }
        if let error { values["error"] = error }
        if let notice { values["notice"] = notice }
        return AdminPages.render("lists", call.layout.merging(values) { _, new in new }, status: status)
    }

    func createList(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let name = (form?["name"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200 else { return try await lists(call, error: "Give the list a name of 1–200 characters.", status: .unprocessableContent) }
        let (user, now) = (call.user, services.clock.now())
        try await services.store.write { w in
            let list = try Lists.create(name: name, account: user.accountID, in: w, now: now)
            try AdminUsers.audit("list.create", subject: list.id, detail: "created the list \(name)", by: user, in: w, now: now)
        }
        return try await lists(call, notice: "The list \(name) is made.")
    }

    /// A bulk action over a selection; an empty selection is refused (a bulk erase must never take every contact
    /// by accident).
    func bulk(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        var selection = Lists.BulkSelection()
        if let list = form?["list"], !list.isEmpty { selection.membership = list == "none" ? .noList : .inList(list) }
        if let tag = form?["tag"]?.trimmingCharacters(in: .whitespaces), !tag.isEmpty { selection.tag = tag }
        if let segment = form?["segment"], !segment.isEmpty { selection.segment = EngagementSegment(rawValue: segment) }
        guard selection != Lists.BulkSelection() else {
            return try await lists(call, error: "Choose a list, a tag or a segment: a bulk action never takes every contact.", status: .unprocessableContent)
        }
        let action: Lists.BulkAction
        switch form?["action"] {
        case "move":
            guard let target = form?["target"], !target.isEmpty else { return try await lists(call, error: "Choose the list to move them to.", status: .unprocessableContent) }
            action = .move(to: target)
        case "blacklist": action = .blacklist
        case "delete":
            guard form?["confirm"] != nil else { return try await lists(call, error: "Tick the box to confirm the erasure.", status: .unprocessableContent) }
            action = .delete
        default: return try await lists(call, error: "Choose an action.", status: .unprocessableContent)
        }
        let (user, now, secrets) = (call.user, services.clock.now(), services.secrets)
        guard let account = try await services.store.read({ r in try r.account(user.accountID) }) else { return Self.forbidden("No such account.") }
        let selected = try await Lists.bulk(action, selection: selection, account: account, store: services.store,
                                            suppressionHash: { secrets.suppressionHash(account: account.id, recipient: $0) },
                                            lookupHash: { secrets.lookupHash(account: account.id, key: $0) }, now: now)
        try await services.store.write { w in
            try AdminUsers.audit("contacts.bulk", subject: nil, detail: "\(action.name) over \(selected) contacts", by: user, in: w, now: now)
        }
        if case .delete = action, selected > 0 { await services.reclaimErasedSpace() }
        services.deliveriesQueued()
        return try await lists(call, notice: "\(action.name): \(selected) contacts.")
    }
}
