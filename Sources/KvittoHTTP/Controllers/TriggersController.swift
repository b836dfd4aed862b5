import Hummingbird
import KvittoCore
import KvittoStorage

/// Postback triggers: CRUD, secret rotation and the test send.
struct TriggersController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("triggers", use: create)
        group.get("triggers", use: list)
        group.get("triggers/{id}", use: show)
        group.patch("triggers/{id}", use: update)
        group.delete("triggers/{id}", use: delete)
        group.post("triggers/{id}/rotate-secret", use: rotate)
        group.post("triggers/{id}/test", use: test)
    }

    static func readInput(_ json: JSONValue) throws -> TriggerInput {
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(json, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        var input = TriggerInput()
        input.name = r.string("name", maxLength: 200)
        if let names = r.stringArray("event_types") {
            var types: [EventType] = []
            for (i, name) in names.enumerated() {
                if let type = EventType(rawValue: name) { types.append(type) } else {
                    log.add("/event_types/\(i)", "unknown event type; one of \(EventType.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            input.eventTypes = types
        }
        if r.object.keys.contains("filter") { input.filter = .some(r.string("filter", maxLength: 4096)) }
        input.url = r.string("url", maxLength: 2000)
        input.method = r.enumeration("method", Trigger.Method.self)
        if let format = r.string("format"), format != "json" { log.add("/format", "only json is supported") }
        if r.object.keys.contains("template_id") { input.templateID = .some(r.string("template_id")) }
        input.retry = r.bool("retry")
        input.active = r.bool("active")
        input.email = r.string("email", maxLength: 254)
        r.finish()
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        return input
    }

    func create(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        var request = request
        let input = try Self.readInput(try await request.jsonBody())
        let now = services.clock.now()
        let secrets = services.secrets
        let (trigger, secret) = try await services.store.write { w in
            try Postbacks.createTrigger(input, account: account.id, secrets: secrets, in: w, now: now)
        }
        var body = trigger.json.objectValue!
        body["secret"] = .string(secret.text)
        return JSONResponse.make(.object(body), status: .created)
    }

    func list(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let query = request.pageRequest
        let page = PageRequest(limit: query.limit, cursor: query.cursor)
        let triggers = try await services.store.read { r in try r.triggers(account: account.id, page: page) }
        return JSONResponse.page(triggers.map(\.json), cursor: triggers.count == page.limit ? triggers.last?.id : nil)
    }

    func show(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let id = try context.parameters.require("id")
        guard let trigger = try await services.store.read({ r in try r.trigger(account: account.id, id: id) }) else {
            throw KvittoError.notFound("trigger \(id)")
        }
        return JSONResponse.make(trigger.json)
    }

    func update(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        var request = request
        let input = try Self.readInput(try await request.jsonBody())
        let now = services.clock.now()
        let trigger = try await services.store.write { w in try Postbacks.updateTrigger(id: id, with: input, account: account.id, in: w, now: now) }
        return JSONResponse.make(trigger.json)
    }

    func delete(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        guard try await services.store.write({ w in try w.deleteTrigger(account: account.id, id: id) }) else {
            throw KvittoError.notFound("trigger \(id)")
        }
        return Response(status: .noContent)
    }

    func rotate(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        let now = services.clock.now()
        let secrets = services.secrets
        let (trigger, secret) = try await services.store.write { w in
            try Postbacks.rotateSecret(id: id, account: account.id, secrets: secrets, in: w, now: now)
        }
        var body = trigger.json.objectValue!
        body["secret"] = .string(secret.text)
        return JSONResponse.make(.object(body))
    }

    /// Sends one real, signed request with a sample (or a stored event) and returns the exact request and
    /// response. It writes no delivery, so nothing retries.
    func test(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        var request = request
        let log = FieldErrorLog()
        let body = try await request.bodyIfAny()
        var eventID: String?
        var eventType: EventType?
        if let body {
            guard var r = ObjectReader.make(body, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
            eventID = r.string("event_id")
            eventType = r.enumeration("event_type", EventType.self)
            r.finish()
            if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        }
        guard let tester = services.postbackTester else {
            throw KvittoError(code: .conflict, detail: "this process runs no delivery worker (role api); test from a worker process")
        }
        let result = try await tester.test(triggerID: id, account: account, eventID: eventID, eventType: eventType)
        return JSONResponse.make(result)
    }
}

/// The delivery log, and replays.
struct DeliveriesController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.get("deliveries", use: list)
        group.get("deliveries/{id}", use: show)
        group.post("deliveries/{id}/replay", use: replay)
        group.post("deliveries/replay", use: replayMany)
    }

    static func filter(_ read: (String) -> String?, pointer: (String) -> String) throws -> DeliveryFilter {
        var filter = DeliveryFilter()
        var errors: [FieldError] = []
        filter.triggerID = read("trigger_id") ?? read("automation_id")
        if let s = read("status") {
            if let status = Delivery.Status(rawValue: s) { filter.status = status } else { errors.append(FieldError(pointer("status"), "pending, succeeded or failed")) }
        }
        if let e = read("event_type") {
            if let type = EventType(rawValue: e) { filter.eventType = type } else { errors.append(FieldError(pointer("event_type"), "unknown event type")) }
        }
        if let s = read("since") {
            if let date = Timestamp.parse(s) { filter.since = date } else { errors.append(FieldError(pointer("since"), "must be an RFC 3339 timestamp")) }
        }
        if !errors.isEmpty { throw KvittoError.invalid(errors) }
        return filter
    }

    func list(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let filter = try Self.filter({ request.uri.queryParameters.get($0) }, pointer: { "/" + $0 })
        let query = request.pageRequest
        let page = PageRequest(limit: query.limit, cursor: query.cursor)
        let items = try await services.store.read { r in
            try r.deliveries(account: account.id, filter: filter, page: page).map { delivery in
                (delivery, try r.attempts(deliveryID: delivery.id))
            }
        }
        return JSONResponse.page(items.map(Self.json), cursor: items.count == page.limit ? items.last?.0.id : nil)
    }

    static func json(_ item: (Delivery, [DeliveryAttempt])) -> JSONValue {
        var body = item.0.json.objectValue!
        body["attempts"] = .array(item.1.map(\.json))
        return .object(body)
    }

    func show(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let id = try context.parameters.require("id")
        let found = try await services.store.read { r -> (Delivery, [DeliveryAttempt])? in
            guard let delivery = try r.delivery(account: account.id, id: id) else { return nil }
            return (delivery, try r.attempts(deliveryID: id))
        }
        guard let found else { throw KvittoError.notFound("delivery \(id)") }
        return JSONResponse.make(Self.json(found))
    }

    func replay(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        let now = services.clock.now()
        let delivery = try await services.store.write { w in
            guard let delivery = try w.delivery(account: account.id, id: id) else { throw KvittoError.notFound("delivery \(id)") }
            return try Postbacks.replay(delivery, in: w, now: now)
        }
        services.deliveriesQueued()
        return JSONResponse.make(delivery.json, status: .accepted)
    }

    /// Replays every delivery the filter selects (typically `status: failed` since an outage began).
    func replayMany(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        var request = request
        let body = try await request.bodyIfAny() ?? [:]
        guard case .object(let object) = body else { throw KvittoError.invalid([FieldError("", "must be an object")]) }
        let known: Set<String> = ["trigger_id", "status", "event_type", "since"]
        if let unknown = object.keys.first(where: { !known.contains($0) }) {
            throw KvittoError.invalid([FieldError("/" + unknown, "is not a known field")])
        }
        let filter = try Self.filter({ object[$0]?.stringValue }, pointer: { "/" + $0 })
        let now = services.clock.now()
        var replayed = 0
        var cursor: String?
        repeat {
            let page = PageRequest(limit: 500, cursor: cursor)
            let (count, last) = try await services.store.write { w -> (Int, String?) in
                let batch = try w.deliveries(account: account.id, filter: filter, page: page)
                for delivery in batch where delivery.status != .pending { _ = try Postbacks.replay(delivery, in: w, now: now) }
                return (batch.filter { $0.status != .pending }.count, batch.count == page.limit ? batch.last?.id : nil)
            }
            replayed += count
            cursor = last
        } while cursor != nil
        services.deliveriesQueued()
        return JSONResponse.make(["replayed": .number(JSONNumber(replayed))], status: .accepted)
    }
}
