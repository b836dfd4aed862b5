import Hummingbird
import KvittoCore
import KvittoStorage

/// The delivery log, and replays.
struct DeliveriesController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.get("deliveries", .read, list)
        group.get("deliveries/{id}", .read, show)
        group.post("deliveries/{id}/replay", .admin, replay)
        group.post("deliveries/replay", .admin, replayMany)
    }

    /// The filter of the log and of a bulk replay, from the query or from a body: `read` gives a member's text.
    static func filter(_ read: (String) -> String?) throws -> DeliveryFilter {
        var filter = DeliveryFilter()
        var errors: [FieldError] = []
        filter.triggerID = read("trigger_id") ?? read("automation_id") ?? read("connection_id")
        if let s = read("status") {
            if let status = Delivery.Status(rawValue: s) { filter.status = status } else { errors.append(FieldError("/status", "pending, succeeded or failed")) }
        }
        if let e = read("event_type") {
            if let type = EventType(rawValue: e) { filter.eventType = type } else { errors.append(FieldError("/event_type", "unknown event type")) }
        }
        if let s = read("since") {
            if let date = Timestamp.parse(s) { filter.since = date } else { errors.append(FieldError("/since", "must be an RFC 3339 timestamp")) }
        }
        if !errors.isEmpty { throw KvittoError.invalid(errors) }
        return filter
    }

    /// A delivery with its attempts, the way the log shows it.
    struct Logged: Listed, Sendable {
        let delivery: Delivery
        let attempts: [DeliveryAttempt]
        var id: String { delivery.id }
        var json: JSONValue { delivery.json.adding(["attempts": .array(attempts.map(\.json))]) }
    }

    func list(_ call: APICall) async throws -> Page {
        let filter = try Self.filter(call.query)
        return try await services.page(call) { r, account, page in
            try r.deliveries(account: account, filter: filter, page: page).map { Logged(delivery: $0, attempts: try r.attempts(deliveryID: $0.id)) }
        }
    }

    func show(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        let found = try await services.store.read { r -> Logged? in
            guard let delivery = try r.delivery(account: call.account.id, id: id) else { return nil }
            return Logged(delivery: delivery, attempts: try r.attempts(deliveryID: id))
        }
        guard let found else { throw KvittoError.notFound("delivery \(id)") }
        return found.json
    }

    func replay(_ call: APICall) async throws -> JSONAnswer {
        let id = try call.parameter()
        let now = services.clock.now()
        let delivery = try await services.store.write { w in
            guard let delivery = try w.delivery(account: call.account.id, id: id) else { throw KvittoError.notFound("delivery \(id)") }
            return try Postbacks.replay(delivery, in: w, now: now)
        }
        services.deliveriesQueued()
        return .accepted(delivery.json)
    }

    /// Replays every delivery the filter selects (typically `status: failed` since an outage began).
    func replayMany(_ call: APICall) async throws -> JSONAnswer {
        let body = try await call.optionalBody() ?? [:]
        let filter = try ObjectReader.decode(body) { r in
            try Self.filter { key in r.string(key) }
        }
        let replayed = try await Postbacks.replayAll(matching: filter, account: call.account.id, store: services.store, now: services.clock.now())
        services.deliveriesQueued()
        return .accepted(["replayed": .number(JSONNumber(replayed))])
    }
}
