import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// Postback triggers: CRUD, secret rotation and the test send.
struct TriggersController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("triggers", .admin, create)
        group.get("triggers", .read) { call in try await services.page(call) { try $0.triggers(account: $1, page: $2) } }
        group.get("triggers/{id}", .read) { call in try await services.one(call, "trigger") { try $0.trigger(account: $1, id: $2) }.json }
        group.patch("triggers/{id}", .admin, update)
        group.delete("triggers/{id}", .admin) { call in try await services.delete(call, "trigger") { try $0.deleteTrigger(account: $1, id: $2) } }
        group.post("triggers/{id}/rotate-secret", .admin, rotate)
        group.post("triggers/{id}/test", .admin, test)
    }

    static func readInput(_ r: inout ObjectReader) -> TriggerInput {
        var input = TriggerInput()
        input.name = r.string("name", maxLength: 200)
        if let names = r.stringArray("event_types") {
            var types: [EventType] = []
            for (i, name) in names.enumerated() {
                if let type = EventType(rawValue: name) { types.append(type) } else {
                    r.fail("/event_types/\(i)", "unknown event type; one of \(EventType.allCases.map(\.rawValue).joined(separator: ", "))")
                }
            }
            input.eventTypes = types
        }
        if r.object.keys.contains("filter") { input.filter = .some(r.string("filter", maxLength: 4096)) }
        input.url = r.string("url", maxLength: 2000)
        input.method = r.enumeration("method", Trigger.Method.self)
        if let format = r.string("format"), format != "json" { r.fail("/format", "only json is supported") }
        if r.object.keys.contains("template_id") { input.templateID = .some(r.string("template_id")) }
        input.retry = r.bool("retry")
        input.active = r.bool("active")
        input.email = r.string("email", maxLength: 254)
        return input
    }

    func create(_ call: APICall) async throws -> JSONAnswer {
        let input = try await call.decode(Self.readInput)
        let (now, secrets) = (services.clock.now(), services.secrets)
        let (trigger, secret) = try await services.store.write { w in
            try Postbacks.createTrigger(input, account: call.account.id, secrets: secrets, addresses: services.outboundPolicy, in: w, now: now)
        }
        return .created(trigger.json.adding(["secret": .string(secret.text)]))
    }

    func update(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        let input = try await call.decode(Self.readInput)
        let now = services.clock.now()
        return try await services.store.write { w in try Postbacks.updateTrigger(id: id, with: input, account: call.account.id, addresses: services.outboundPolicy, in: w, now: now) }.json
    }

    func rotate(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        let (now, secrets) = (services.clock.now(), services.secrets)
        let (trigger, secret) = try await services.store.write { w in
            try Postbacks.rotateSecret(id: id, account: call.account.id, secrets: secrets, in: w, now: now)
        }
        return trigger.json.adding(["secret": .string(secret.text)])
    }

    /// Sends one real, signed request with a sample (or a stored event) and returns the exact request and
    /// response. It writes no delivery, so nothing retries. The body (`event_id` or `event_type`) is optional.
    func test(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        var (eventID, eventType): (String?, EventType?) = (nil, nil)
        if let body = try await call.optionalBody() {
            (eventID, eventType) = try ObjectReader.decode(body) { r in (r.string("event_id"), r.enumeration("event_type", EventType.self)) }
        }
        guard let tester = services.postbackTester else {
            throw KvittoError(code: .conflict, detail: "this process runs no delivery worker (role api); test from a worker process")
        }
        return try await tester.test(triggerID: id, account: call.account, eventID: eventID, eventType: eventType)
    }
}
