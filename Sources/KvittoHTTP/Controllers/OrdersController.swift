import Hummingbird
import KvittoCore
import KvittoStorage

/// Orders: upsert, batch, list, read, status and lock.
struct OrdersController {
    let services: KvittoServices
    static let maximumBatch = 1000

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("orders", use: upsert)
        group.post("orders/batch", use: batch)
        group.get("orders", use: list)
        group.get("orders/{id}", use: show)
        group.post("orders/{id}/status", use: setStatus)
        group.post("orders/{id}/lock", use: lock)
    }

    func upsert(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.ingest)
        var request = request
        let body = try await request.jsonBody()
        let input = try OrderInput.read(body)
        let now = services.clock.now()
        do {
            let result = try await services.store.write(preparing: WritePreparation(account: account, orders: [input])) { w in
                try Orders.upsert(input, account: account, origin: .api, in: w, now: now)
            }
            KvittoCounters.ordersIngested(result.outcome.rawValue)
            services.deliveriesQueued()
            return JSONResponse.make(Self.body(result), status: result.outcome == .created ? .created : .ok)
        } catch let error as KvittoError where error.code == .rejected {
            try await services.store.write { w in
                try Orders.recordRejection(error, payload: body, source: input.source, externalID: input.externalID, account: account.id, in: w, now: now)
            }
            KvittoCounters.rejected(error.reason ?? "rejected")
            throw error
        }
    }

    static func body(_ result: OrderUpsert) -> JSONValue {
        var body = result.order.json.objectValue!
        body["outcome"] = .string(result.outcome.rawValue)
        return .object(body)
    }

    /// Up to 1000 orders in one transaction; each succeeds or fails alone.
    func batch(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.ingest)
        var request = request
        let log = FieldErrorLog()
        guard var reader = ObjectReader.make(try await request.jsonBody(), at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        let items = reader.array("orders", maxCount: Self.maximumBatch)
        reader.finish()
        if items == nil, log.isEmpty { log.add("/orders", "is required") }
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }

        enum Parsed: Sendable { case input(OrderInput, JSONValue), invalid(KvittoError) }
        let parsed: [Parsed] = items!.map { item in
            do throws(KvittoError) { return .input(try OrderInput.read(item), item) } catch { return .invalid(error) }
        }
        let now = services.clock.now()
        let inputs = parsed.compactMap { entry -> OrderInput? in if case .input(let input, _) = entry { input } else { nil } }
        let results = try await services.store.write { w -> [JSONValue] in
            @Sendable func accepted(_ index: Int, _ result: OrderUpsert) -> JSONValue {
                ["index": .number(JSONNumber(index)), "status": result.outcome == .created ? 201 : 200,
                 "id": .string(result.order.id), "outcome": .string(result.outcome.rawValue)]
            }
            @Sendable func refused(_ index: Int, _ error: KvittoError) -> JSONValue {
                ["index": .number(JSONNumber(index)), "status": 422, "problem": Problem.json(error)]
            }
            // First the whole batch in one savepoint: a savepoint per order costs two round trips on
            // PostgreSQL, and almost every order is accepted. When one is refused, that savepoint is rolled
            // back and the batch runs again below, each order in a savepoint of its own.
            do {
                return try w.savepoint {
                    try Orders.preload(inputs, account: account, in: w)
                    return try parsed.enumerated().map { index, entry -> JSONValue in
                        switch entry {
                        case .invalid(let error): return refused(index, error)
                        case .input(let input, _): return accepted(index, try Orders.upsert(input, account: account, origin: .api, in: w, now: now))
                        }
                    }
                }
            } catch let error as KvittoError where error.code == .rejected || error.code == .invalid {}
            try Orders.preload(inputs, account: account, in: w)
            return try parsed.enumerated().map { index, entry -> JSONValue in
                switch entry {
                case .invalid(let error):
                    return refused(index, error)
                case .input(let input, let payload):
                    do {
                        return accepted(index, try w.savepoint { try Orders.upsert(input, account: account, origin: .api, in: w, now: now) })
                    } catch let error as KvittoError where error.code == .rejected || error.code == .invalid {
                        if error.code == .rejected {
                            try Orders.recordRejection(error, payload: payload, source: input.source, externalID: input.externalID, account: account.id, in: w, now: now)
                        }
                        return refused(index, error)
                    }
                }
            }
        }
        for result in results {
            if result["status"] == 422 {
                KvittoCounters.rejected(result["problem"]?["reason"]?.stringValue ?? "invalid")
            } else {
                KvittoCounters.ordersIngested(result["outcome"]?.stringValue ?? "created")
            }
        }
        services.deliveriesQueued()
        return JSONResponse.make(["results": .array(results)])
    }

    func list(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let query = request.pageRequest
        let contactID = request.uri.queryParameters.get("contact_id")
        let page = PageRequest(limit: query.limit, cursor: query.cursor)
        let orders = try await services.store.read { r in try r.orders(account: account.id, contactID: contactID, page: page) }
        return JSONResponse.page(orders.map(\.json), cursor: orders.count == page.limit ? orders.last?.id : nil)
    }

    func show(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let id = try context.parameters.require("id")
        let (order, timeline) = try await services.store.read { r in
            (try r.order(account: account.id, id: id), try r.timeline(account: account.id, subjectID: id, limit: 100))
        }
        guard let order else { throw KvittoError.notFound("order \(id)") }
        var body = order.json.objectValue!
        body["timeline"] = .array(timeline.map(\.json))
        return JSONResponse.make(.object(body))
    }

    func setStatus(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.ingest)
        let id = try context.parameters.require("id")
        var request = request
        let log = FieldErrorLog()
        guard var reader = ObjectReader.make(try await request.jsonBody(), at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        let status = reader.enumeration("status", OrderStatus.self)
        reader.finish()
        if status == nil, log.isEmpty { log.add("/status", "is required") }
        guard let status, log.isEmpty else { throw KvittoError.invalid(log.errors) }
        let now = services.clock.now()
        let result = try await services.store.write { w in
            return try Orders.setStatus(status, orderID: id, account: account, origin: .api, in: w, now: now)
        }
        services.deliveriesQueued()
        return JSONResponse.make(Self.body(result))
    }

    func lock(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.ingest)
        let id = try context.parameters.require("id")
        let now = services.clock.now()
        let order = try await services.store.write { w in
            return try Orders.lock(orderID: id, account: account, in: w, now: now)
        }
        return JSONResponse.make(order.json)
    }
}
