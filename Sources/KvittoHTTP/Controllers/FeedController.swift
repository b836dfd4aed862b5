import Hummingbird
import KvittoCore
import KvittoStorage

/// The event feed and the rejection log.
struct FeedController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.get("events", .read, events)
        group.get("rejections", .read) { call in try await services.page(call) { try $0.rejections(account: $1, page: $2) } }
    }

    /// `?after=<sequence>&limit=`: oldest first, so a consumer keeps the last sequence it saw.
    func events(_ call: APICall) async throws -> JSONValue {
        guard let after = call.query("after").map({ Int64($0) }) ?? 0, after >= 0 else {
            throw KvittoError.invalid([FieldError("/after", "must be a non-negative sequence number")])
        }
        guard let limit = call.query("limit").map({ Int($0) }) ?? 100, (1...1000).contains(limit) else {
            throw KvittoError.invalid([FieldError("/limit", "a whole number from 1 to 1000")])
        }
        let events = try await services.store.read { r in try r.events(account: call.account.id, after: after, limit: limit) }
        return ["items": .array(events.map(\.json)), "next_after": .number(JSONNumber(events.last?.sequence ?? after))]
    }
}
