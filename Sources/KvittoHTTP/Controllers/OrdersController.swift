import Hummingbird
import KvittoCore
import KvittoStorage

/// Orders: upsert, batch, list, read, status and lock.
struct OrdersController {
    let services: KvittoServices
    static let maximumBatch = 1000

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("orders", .ingest, upsert)
        group.post("orders/batch", .ingest, batch)
        group.get("orders", .read) { call in
            let filter = try Self.filter(call.query)
            return try await services.page(call) { try $0.orders(account: $1, filter: filter, page: $2) }
        }
        group.get("orders/{id}", .read, show)
        group.post("orders/{id}/status", .ingest, setStatus)
        group.post("orders/{id}/lock", .ingest, lock)
    }

    func upsert(_ call: APICall) async throws -> JSONAnswer {
        let body = try await call.body()
        let input = try OrderInput.read(body)
        do {
            let result = try await Orders.ingest(input, payload: body, account: call.account, store: services.store, now: services.clock.now())
            KvittoCounters.ordersIngested(result.outcome.rawValue)
            services.deliveriesQueued()
            return JSONAnswer(Self.json(result), status: result.outcome == .created ? .created : .ok)
        } catch let error as KvittoError where error.code == .rejected {
            KvittoCounters.rejected(error.reason ?? "rejected")
            throw error
        }
    }

    static func json(_ result: OrderUpsert) -> JSONValue {
        result.order.json.adding(["outcome": .string(result.outcome.rawValue)])
    }

    /// `?contact_id=&connection_id=&status=&created_from=&created_before=`: a 422 names a value that is not one.
    static func filter(_ read: (String) -> String?) throws -> OrderFilter {
        var filter = OrderFilter(contactID: read("contact_id"), connectionID: read("connection_id"))
        var errors: [FieldError] = []
        if let text = read("status") {
            if let status = OrderStatus(rawValue: text) { filter.status = status } else {
                errors.append(FieldError("/status", "one of " + OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")))
            }
        }
        for (name, bound) in [("created_from", \OrderFilter.placedFrom), ("created_before", \OrderFilter.placedBefore)] {
            guard let text = read(name) else { continue }
            if let date = Timestamp.parse(text) { filter[keyPath: bound] = date } else { errors.append(FieldError("/" + name, "must be an RFC 3339 timestamp")) }
        }
        if !errors.isEmpty { throw KvittoError.invalid(errors) }
        return filter
    }

    /// Up to 1000 orders in one transaction; each succeeds or fails alone.
    func batch(_ call: APICall) async throws -> JSONValue {
        // An item that is not even an object is a malformed request, refused whole; what an order object says
        // is judged item by item, so that one bad order sinks nothing else.
        let items = try await call.decode { r -> [JSONValue]? in
            guard let items = r.required(r.array("orders", maxCount: Self.maximumBatch), "orders") else { return nil }
            for (index, item) in items.enumerated() where item.objectValue == nil { r.fail(r.path("orders") + "/\(index)", "must be an object") }
            return items
        }
        let entries = items.map { item in
            (input: Result { () throws(KvittoError) in try OrderInput.read(item) }, payload: item)
        }
        let now = services.clock.now()
        let outcomes = try await services.store.write { w in try Orders.ingestBatch(entries, account: call.account, in: w, now: now) }
        let results = outcomes.enumerated().map { index, outcome -> JSONValue in
            switch outcome {
            case .accepted(let result):
                KvittoCounters.ordersIngested(result.outcome.rawValue)
                return ["index": .number(JSONNumber(index)), "status": result.outcome == .created ? 201 : 200,
                        "id": .string(result.order.id), "outcome": .string(result.outcome.rawValue)]
            case .refused(let error):
                KvittoCounters.rejected(error.reason ?? "invalid")
                return ["index": .number(JSONNumber(index)), "status": 422, "problem": error.problem]
            }
        }
        services.deliveriesQueued()
        return ["results": .array(results)]
    }

    func show(_ call: APICall) async throws -> JSONValue {
        let (account, id) = (call.account.id, try call.parameter())
        let (order, timeline) = try await services.store.read { r in
            (try r.order(account: account, id: id), try r.timeline(account: account, subjectID: id, limit: 100))
        }
        guard let order else { throw KvittoError.notFound("order \(id)") }
        return order.json.adding(["timeline": .array(timeline.map(\.json))])
    }

    func setStatus(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        let status = try await call.decode { r in r.required(r.enumeration("status", OrderStatus.self), "status") }
        let now = services.clock.now()
        let result = try await services.store.write { w in
            try Orders.setStatus(status, orderID: id, account: call.account, origin: .api, in: w, now: now)
        }
        services.deliveriesQueued()
        return Self.json(result)
    }

    func lock(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        let now = services.clock.now()
        return try await services.store.write { w in try Orders.lock(orderID: id, account: call.account, in: w, now: now) }.json
    }
}
