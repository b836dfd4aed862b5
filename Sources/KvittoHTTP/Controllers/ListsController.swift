import Hummingbird
import KvittoCore
import KvittoStorage

/// Lists of contacts: CRUD, membership, and bulk actions over a list or over the contacts in no list.
struct ListsController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("lists", use: create)
        group.get("lists", use: list)
        group.get("lists/{id}", use: show)
        group.patch("lists/{id}", use: rename)
        group.delete("lists/{id}", use: delete)
        group.post("lists/{id}/contacts", use: add)
        group.delete("lists/{id}/contacts", use: remove)
        group.post("contacts/bulk", use: bulk)
    }

    static func name(_ json: JSONValue) throws -> String? {
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(json, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        let name = r.string("name", required: true, maxLength: 200)
        r.finish()
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        return name
    }

    static func contactIDs(_ json: JSONValue) throws -> [String] {
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(json, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        let ids = r.stringArray("contact_ids")
        if ids == nil, log.isEmpty { log.add("/contact_ids", "is required") }
        r.finish()
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        return ids ?? []
    }

    func create(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        var request = request
        let name = try Self.name(try await request.jsonBody())
        let now = services.clock.now()
        let list = try await services.store.write { w in try Lists.create(name: name, account: account.id, in: w, now: now) }
        return JSONResponse.make(list.json, status: .created)
    }

    func list(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let lists = try await services.store.read { r in try r.lists(account: account.id) }
        return JSONResponse.page(lists.map(\.json), cursor: nil)
    }

    func show(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let id = try context.parameters.require("id")
        guard let list = try await services.store.read({ r in try r.list(account: account.id, id: id) }) else {
            throw KvittoError.notFound("list \(id)")
        }
        return JSONResponse.make(list.json)
    }

    func rename(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        var request = request
        let name = try Self.name(try await request.jsonBody())
        let now = services.clock.now()
        let list = try await services.store.write { w in try Lists.rename(id: id, to: name, account: account.id, in: w, now: now) }
        return JSONResponse.make(list.json)
    }

    func delete(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        guard try await services.store.write({ w in try w.deleteList(account: account.id, id: id) }) else {
            throw KvittoError.notFound("list \(id)")
        }
        return Response(status: .noContent)
    }

    func add(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        try await change(request, context: context, adding: true)
    }

    func remove(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        try await change(request, context: context, adding: false)
    }

    private func change(_ request: Request, context: KvittoRequestContext, adding: Bool) async throws -> Response {
        let account = try context.require(.ingest)
        let id = try context.parameters.require("id")
        var request = request
        let ids = try Self.contactIDs(try await request.jsonBody())
        let changed = try await services.store.write { w in
            try Lists.change(id, adding: adding, contactIDs: ids, account: account.id, in: w)
        }
        return JSONResponse.make([adding ? "added" : "removed": .number(JSONNumber(changed))])
    }

    /// `{"filter": {"list": "none" | "lst_…", "tag": "…", "segment": "At risk"}, "action": "move" | "delete" |
    /// "blacklist", "list_id": "lst_…"}`. The filter needs at least one member: an empty one would take every
    /// contact, which a bulk delete should never do by accident.
    func bulk(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        var request = request
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(try await request.jsonBody(), at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        var selection: Lists.BulkSelection?
        if var filter = r.object("filter") {
            var chosen = Lists.BulkSelection()
            if let list = filter.string("list") { chosen.membership = list == "none" ? .noList : .inList(list) }
            chosen.tag = filter.string("tag")
            if let segment = filter.string("segment") {
                chosen.segment = EngagementSegment(rawValue: segment)
                if chosen.segment == nil {
                    log.add("/filter/segment", "must be one of " + EngagementSegment.allCases.map(\.rawValue).joined(separator: ", "))
                }
            }
            filter.finish()
            if chosen == Lists.BulkSelection() {
                if log.isEmpty { log.add("/filter", "needs at least one of list, tag, segment") }
            } else {
                selection = chosen
            }
        } else if log.isEmpty {
            log.add("/filter", "is required: {\"list\": \"none\"}, {\"list\": \"lst_…\"}, {\"tag\": \"…\"} or {\"segment\": \"…\"}")
        }
        let actionName = r.string("action", required: true)
        let target = r.string("list_id")
        r.finish()
        var action: Lists.BulkAction?
        switch actionName {
        case "move":
            if let target { action = .move(to: target) } else { log.add("/list_id", "is required to move contacts") }
        case "delete": action = .delete
        case "blacklist": action = .blacklist
        case nil: break
        default: log.add("/action", "must be one of move, delete, blacklist")
        }
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        guard let action, let selection else { throw KvittoError.invalid(log.errors) }
        let secrets = services.secrets
        let selected = try await Lists.bulk(action, selection: selection, account: account, store: services.store,
                                            suppressionHash: { secrets.suppressionHash(account: account.id, recipient: $0) },
                                            lookupHash: { secrets.lookupHash(account: account.id, key: $0) },
                                            now: services.clock.now())
        services.deliveriesQueued()
        return JSONResponse.make(["action": .string(actionName ?? ""), "selected": .number(JSONNumber(selected))])
    }
}
