import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// Contacts: upsert by identity, exact look-up, the customer card, changes, tags, erasure and export.
struct ContactsController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("contacts", .ingest, upsert)
        group.get("contacts", .read, list)
        group.get("contacts/{id}", .read, card)
        group.patch("contacts/{id}", .ingest, patch)
        group.delete("contacts/{id}", .admin, erase)
        group.get("contacts/{id}/export", .read, export)
        group.post("contacts/{id}/tags", .ingest) { call in try await changeTags(call, adding: true) }
        group.delete("contacts/{id}/tags", .ingest) { call in try await changeTags(call, adding: false) }
    }

    func upsert(_ call: APICall) async throws -> JSONAnswer {
        let input = try await call.decode { r in ContactInput.read(&r) }
        let now = services.clock.now()
        let result = try await services.store.write { w in
            try Contacts.upsert(input, account: call.account, origin: .api, pointer: "", in: w, now: now)
        }
        services.deliveriesQueued()
        return JSONAnswer(result.contact.json.adding(["outcome": .string(result.outcome.rawValue)]),
                          status: result.outcome == .created ? .created : .ok)
    }

    /// Exact look-up by `email` or `phone` (GDPR: no partial matching), else a page of contacts.
    func list(_ call: APICall) async throws -> Page {
        let (email, phone) = (call.query("email"), call.query("phone"))
        if email != nil || phone != nil {
            _ = try call.page  // a malformed limit is refused here too, though a look-up has one page
            let contact = try await services.store.read { r in try Contacts.find(email: email, phone: phone, account: call.account, in: r) }
            return Page(all: contact.map { [$0.json] } ?? [])
        }
        let membership: ListMembership = call.query("list").map { $0 == "none" ? .noList : .inList($0) } ?? .any
        return try await services.page(call) { try $0.contacts(account: $1, membership: membership, page: $2) }
    }

    func card(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        guard let card = try await services.store.read({ r in try Contacts.card(id: id, account: call.account.id, in: r) }) else {
            throw KvittoError.notFound("contact \(id)")
        }
        return [
            "contact": card.contact.json, "fields": card.contact.fields.json, "tags": .array(card.contact.tags.map { .string($0) }),
            "lists": .array(card.lists.map { .string($0) }), "latest_orders": .array(card.latestOrders.map(\.json)),
            "vouchers": .array(card.vouchers.map(\.json)), "timeline": .array(card.timeline.map(\.json)),
        ]
    }

    func patch(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        let input = try await call.decode { r in ContactInput.read(&r) }
        let now = services.clock.now()
        let contact = try await services.store.write { w in
            try Contacts.patch(id: id, with: input, account: call.account, origin: .api, in: w, now: now)
        }
        services.deliveriesQueued()
        return contact.json
    }

    func erase(_ call: APICall) async throws -> HTTPResponse.Status {
        let (id, account, secrets) = (try call.parameter(), call.account, services.secrets)
        let now = services.clock.now()
        try await services.store.write { w in
            try Contacts.erase(id: id, account: account, origin: .api,
                               suppressionHash: { secrets.suppressionHash(account: account.id, recipient: $0) },
                               lookupHash: { secrets.lookupHash(account: account.id, key: $0) }, in: w, now: now)
        }
        await services.reclaimErasedSpace()
        services.deliveriesQueued()
        return .noContent
    }

    /// Everything Kvitto holds on one person (GDPR access request), as a file to save.
    func export(_ call: APICall) async throws -> JSONAnswer {
        let id = try call.parameter()
        guard let export = try await services.store.read({ r in try Contacts.export(id: id, account: call.account.id, in: r) }) else {
            throw KvittoError.notFound("contact \(id)")
        }
        return JSONAnswer(["contact": export.contact.json, "orders": .array(export.orders.map(\.json)), "timeline": .array(export.timeline.map(\.json)),
                           "vouchers": .array(export.vouchers.map(\.json)), "lookups": .array(export.lookups.map(\.json)),
                           "events": .array(export.records.events.map(\.json)), "rejections": .array(export.records.rejections.map(\.json)),
                           "deliveries": .array(export.records.deliveries.map(\.json))],
                          headers: [.contentDisposition: "attachment; filename=\"\(id).json\""])
    }

    static func readTags(_ r: inout ObjectReader) -> [String]? {
        guard let tags = r.required(r.stringArray("tags"), "tags") else { return nil }
        if tags.contains(where: { $0.isEmpty || $0.count > 100 }) { r.fail("/tags", "tags are 1–100 characters") }
        return tags
    }

    func changeTags(_ call: APICall, adding: Bool) async throws -> JSONValue {
        let id = try call.parameter()
        let tags = try await call.decode(Self.readTags)
        let now = services.clock.now()
        let contact = try await services.store.write { w in
            adding ? try Contacts.addTags(tags, to: id, account: call.account, origin: .api, in: w, now: now)
                : try Contacts.removeTags(tags, from: id, account: call.account, origin: .api, in: w, now: now)
        }
        services.deliveriesQueued()
        return contact.json
    }
}
