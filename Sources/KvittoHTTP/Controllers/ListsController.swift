import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// Lists of contacts: CRUD, membership, and bulk actions over a list or over the contacts in no list.
struct ListsController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("lists", .admin, create)
        group.get("lists", .read) { call in try await services.page(call) { try $0.lists(account: $1, page: $2) } }
        group.get("lists/{id}", .read) { call in try await services.one(call, "list") { try $0.list(account: $1, id: $2) }.json }
        group.patch("lists/{id}", .admin, rename)
        group.delete("lists/{id}", .admin) { call in try await services.delete(call, "list") { try $0.deleteList(account: $1, id: $2) } }
        group.post("lists/{id}/contacts", .ingest) { call in try await change(call, adding: true) }
        group.delete("lists/{id}/contacts", .ingest) { call in try await change(call, adding: false) }
        group.post("contacts/bulk", .admin, bulk)
    }

    static func readName(_ r: inout ObjectReader) -> String? { r.string("name", required: true, maxLength: 200) }

    static func readContactIDs(_ r: inout ObjectReader) -> [String]? { r.required(r.stringArray("contact_ids"), "contact_ids") }

    func create(_ call: APICall) async throws -> JSONAnswer {
        let name = try await call.decode(Self.readName)
        let now = services.clock.now()
        return .created(try await services.store.write { w in try Lists.create(name: name, account: call.account.id, in: w, now: now) }.json)
    }

    func rename(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        let name = try await call.decode(Self.readName)
        let now = services.clock.now()
        return try await services.store.write { w in try Lists.rename(id: id, to: name, account: call.account.id, in: w, now: now) }.json
    }

    func change(_ call: APICall, adding: Bool) async throws -> JSONValue {
        let id = try call.parameter()
        let ids = try await call.decode(Self.readContactIDs)
        let changed = try await services.store.write { w in
            try Lists.change(id, adding: adding, contactIDs: ids, account: call.account.id, in: w)
        }
        return [adding ? "added" : "removed": .number(JSONNumber(changed))]
    }

    /// `{"filter": {"list": "none" | "lst_…", "tag": "…", "segment": "At risk"}, "action": "move" | "delete" |
    /// "blacklist", "list_id": "lst_…"}`. The filter needs at least one member: an empty one would take every
    /// contact, which a bulk delete should never do by accident.
    func bulk(_ call: APICall) async throws -> JSONValue {
        let (action, selection) = try await call.decode(Self.readBulk)
        let (account, secrets) = (call.account, services.secrets)
        let selected = try await Lists.bulk(action, selection: selection, account: account, store: services.store,
                                            suppressionHash: { secrets.suppressionHash(account: account.id, recipient: $0) },
                                            lookupHash: { secrets.lookupHash(account: account.id, key: $0) },
                                            now: services.clock.now())
        if case .delete = action, selected > 0 { await services.reclaimErasedSpace() }
        services.deliveriesQueued()
        return ["action": .string(action.name), "selected": .number(JSONNumber(selected))]
    }

    static func readBulk(_ r: inout ObjectReader) -> (Lists.BulkAction, Lists.BulkSelection)? {
        var selection: Lists.BulkSelection?
        if var filter = r.object("filter") {
            var chosen = Lists.BulkSelection()
            if let list = filter.string("list") { chosen.membership = list == "none" ? .noList : .inList(list) }
            chosen.tag = filter.string("tag")
            if let segment = filter.string("segment") {
                chosen.segment = EngagementSegment(rawValue: segment)
                if chosen.segment == nil {
                    r.fail("/filter/segment", "must be one of " + EngagementSegment.allCases.map(\.rawValue).joined(separator: ", "))
                }
            }
            filter.finish()
            if chosen == Lists.BulkSelection() {
                if !r.hasErrors { r.fail("/filter", "needs at least one of list, tag, segment") }
            } else {
                selection = chosen
            }
        } else if !r.hasErrors {
            r.fail("/filter", "is required: {\"list\": \"none\"}, {\"list\": \"lst_…\"}, {\"tag\": \"…\"} or {\"segment\": \"…\"}")
        }
        let actionName = r.string("action", required: true)
        let target = r.string("list_id")
        var action: Lists.BulkAction?
        switch actionName {
        case "move":
            if let target { action = .move(to: target) } else { r.fail("/list_id", "is required to move contacts") }
        case "delete": action = .delete
        case "blacklist": action = .blacklist
        case nil: break
        default: r.fail("/action", "must be one of move, delete, blacklist")
        }
        guard let action, let selection else { return nil }
        return (action, selection)
    }
}
