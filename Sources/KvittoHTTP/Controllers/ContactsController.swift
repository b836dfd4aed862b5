import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// Contacts: upsert by identity, exact look-up, the customer card, changes, tags, erasure and export.
struct ContactsController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("contacts", use: upsert)
        group.get("contacts", use: list)
        group.get("contacts/{id}", use: card)
        group.patch("contacts/{id}", use: patch)
        group.delete("contacts/{id}", use: erase)
        group.get("contacts/{id}/export", use: export)
        group.post("contacts/{id}/tags", use: addTags)
        group.delete("contacts/{id}/tags", use: removeTags)
    }

    static func readInput(_ request: inout Request) async throws -> ContactInput {
        let log = FieldErrorLog()
        guard var reader = ObjectReader.make(try await request.jsonBody(), at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        let input = ContactInput.read(&reader)
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        return input
    }

    func upsert(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.ingest)
        var request = request
        let input = try await Self.readInput(&request)
        let now = services.clock.now()
        let result = try await services.store.write { w in
            return try Contacts.upsert(input, account: account, origin: .api, pointer: "", in: w, now: now)
        }
        services.deliveriesQueued()
        var body = result.contact.json.objectValue!
        body["outcome"] = .string(result.outcome.rawValue)
        return JSONResponse.make(.object(body), status: result.outcome == .created ? .created : .ok)
    }

    /// Exact look-up by `email` or `phone` (GDPR: no partial matching), else a page of contacts.
    func list(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let email = request.uri.queryParameters.get("email")
        let phone = request.uri.queryParameters.get("phone")
        if email != nil || phone != nil {
            let emailKey = email.flatMap(EmailKey.make)
            let e164 = phone.flatMap { PhoneNumber.normalize($0, defaultCountry: account.defaultCountry) }
            let contact = try await services.store.read { r -> Contact? in
                let id = try emailKey.flatMap { try r.contactID(account: account.id, emailKey: $0) }
                    ?? e164.flatMap { try r.contactID(account: account.id, phone: $0) }
                return try id.flatMap { try r.contact(account: account.id, id: $0) }
            }
            return JSONResponse.page(contact.map { [$0.json] } ?? [], cursor: nil)
        }
        var membership = ListMembership.any
        if let list = request.uri.queryParameters.get("list") {
            membership = list == "none" ? .noList : .inList(String(list))
        }
        let query = request.pageRequest
        let page = PageRequest(limit: query.limit, cursor: query.cursor)
        let selection = membership
        let contacts = try await services.store.read { r in try r.contacts(account: account.id, membership: selection, page: page) }
        return JSONResponse.page(contacts.map(\.json), cursor: contacts.count == page.limit ? contacts.last?.id : nil)
    }

    /// The customer card: the contact, its fields by group, tags, latest orders from every source, and timeline.
    func card(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let id = try context.parameters.require("id")
        let found = try await services.store.read { r -> (Contact, [Order], [TimelineEntry], [String], [Voucher])? in
            guard let contact = try r.contact(account: account.id, id: id) else { return nil }
            return (contact, try r.orders(account: account.id, contactID: id, page: PageRequest(limit: 10)),
                    try r.timeline(account: account.id, subjectID: id, limit: 50), try r.listIDs(account: account.id, contactID: id),
                    try r.vouchers(account: account.id, contactID: id))
        }
        guard let (contact, orders, timeline, lists, vouchers) = found else { throw KvittoError.notFound("contact \(id)") }
        return JSONResponse.make([
            "contact": contact.json, "fields": contact.fields.json, "tags": .array(contact.tags.map { .string($0) }),
            "lists": .array(lists.map { .string($0) }),
            "latest_orders": .array(orders.map(\.json)), "vouchers": .array(vouchers.map(\.json)), "timeline": .array(timeline.map(\.json)),
        ])
    }

    func patch(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.ingest)
        let id = try context.parameters.require("id")
        var request = request
        let input = try await Self.readInput(&request)
        let now = services.clock.now()
        let contact = try await services.store.write { w in
            return try Contacts.patch(id: id, with: input, account: account, origin: .api, in: w, now: now)
        }
        services.deliveriesQueued()
        return JSONResponse.make(contact.json)
    }

    func erase(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        let now = services.clock.now()
        let secrets = services.secrets
        try await services.store.write { w in
            try Contacts.erase(id: id, account: account, origin: .api,
                               suppressionHash: { secrets.suppressionHash(account: account.id, recipient: $0) },
                               lookupHash: { secrets.lookupHash(account: account.id, key: $0) }, in: w, now: now)
        }
        services.deliveriesQueued()
        return Response(status: .noContent)
    }

    /// Everything Kvitto holds on one person (GDPR access request).
    func export(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let id = try context.parameters.require("id")
        let found = try await services.store.read { r -> (Contact, [Order], [TimelineEntry], [Voucher], [LookupRecord])? in
            guard let contact = try r.contact(account: account.id, id: id) else { return nil }
            var orders: [Order] = []
            var cursor: String?
            repeat {
                let page = try r.orders(account: account.id, contactID: id, page: PageRequest(limit: 500, cursor: cursor))
                orders += page
                cursor = page.count == 500 ? page.last?.id : nil
            } while cursor != nil
            return (contact, orders, try r.timeline(account: account.id, subjectID: id, limit: 1000), try r.vouchers(account: account.id, contactID: id),
                    try r.lookups(account: account.id, contactID: id))
        }
        guard let (contact, orders, timeline, vouchers, lookups) = found else { throw KvittoError.notFound("contact \(id)") }
        // The timeline holds the consent records (when, where, which channels).
        var response = JSONResponse.make(["contact": contact.json, "orders": .array(orders.map(\.json)), "timeline": .array(timeline.map(\.json)),
                                          "vouchers": .array(vouchers.map(\.json)), "lookups": .array(lookups.map(\.json))])
        response.headers[.contentDisposition] = "attachment; filename=\"\(id).json\""
        return response
    }

    static func readTags(_ request: inout Request) async throws -> [String] {
        let log = FieldErrorLog()
        guard var reader = ObjectReader.make(try await request.jsonBody(), at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        let tags = reader.stringArray("tags")
        reader.finish()
        if tags == nil, log.isEmpty { log.add("/tags", "is required") }
        if let tags, tags.contains(where: { $0.isEmpty || $0.count > 100 }) { log.add("/tags", "tags are 1–100 characters") }
        guard let tags, log.isEmpty else { throw KvittoError.invalid(log.errors) }
        return tags
    }

    func addTags(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.ingest)
        let id = try context.parameters.require("id")
        var request = request
        let tags = try await Self.readTags(&request)
        let now = services.clock.now()
        let contact = try await services.store.write { w in
            return try Contacts.addTags(tags, to: id, account: account, origin: .api, in: w, now: now)
        }
        services.deliveriesQueued()
        return JSONResponse.make(contact.json)
    }

    func removeTags(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.ingest)
        let id = try context.parameters.require("id")
        var request = request
        let tags = try await Self.readTags(&request)
        let now = services.clock.now()
        let contact = try await services.store.write { w in
            return try Contacts.removeTags(tags, from: id, account: account, origin: .api, in: w, now: now)
        }
        return JSONResponse.make(contact.json)
    }
}
