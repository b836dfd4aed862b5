import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// Automations: CRUD and each automation's runs.
struct AutomationsController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("automations", .admin, create)
        group.get("automations", .read) { call in try await services.page(call) { try $0.automations(account: $1, page: $2) } }
        group.get("automations/{id}", .read) { call in try await services.one(call, "automation") { try $0.automation(account: $1, id: $2) }.json }
        group.patch("automations/{id}", .admin, update)
        group.delete("automations/{id}", .admin, delete)
        group.get("automations/{id}/runs", .read, runs)
    }

    static func readInput(_ r: inout ObjectReader) -> AutomationInput {
        var input = AutomationInput()
        input.name = r.string("name", maxLength: 200)
        input.active = r.bool("active")
        if var t = r.object("trigger") {
            input.entry = readEntry(&t)
            t.finish()
        }
        if let steps = r.array("steps", maxCount: 50) {
            input.steps = steps.enumerated().compactMap { index, value in
                guard var s = r.nested(value, at: "/steps/\(index)") else { return nil }
                defer { s.finish() }
                return readStep(&s)
            }
        }
        return input
    }

    /// Exactly one of `event_type` (with an optional `filter`), `tag`, `days_after_order`, `days_without_order`.
    static func readEntry(_ t: inout ObjectReader) -> Automation.Entry? {
        let eventType = t.enumeration("event_type", EventType.self)
        let filter = t.string("filter", maxLength: 4096)
        let tag = t.string("tag", maxLength: 200)
        let afterOrder = days(&t, "days_after_order")
        let withoutOrder = days(&t, "days_without_order")
        let given = [eventType != nil, tag != nil, afterOrder != nil, withoutOrder != nil].filter { $0 }.count
        guard given == 1 else {
            if !t.hasErrors {
                t.fail(t.pointer.isEmpty ? "/trigger" : t.pointer,
                        given == 0 ? "name an event_type, a tag, days_after_order or days_without_order"
                                   : "name only one of event_type, tag, days_after_order and days_without_order")
            }
            return nil
        }
        if filter != nil, eventType == nil { t.fail(t.path("filter"), "only an event_type trigger takes a filter") }
        if let eventType { return .event(eventType, filter: filter) }
        if let tag { return .tag(tag) }
        if let afterOrder { return .daysAfterOrder(afterOrder) }
        return withoutOrder.map { .daysWithoutOrder($0) }
    }

    static func days(_ r: inout ObjectReader, _ key: String) -> Int? {
        guard let value = r.value(key) else { return nil }
        guard let number = value.numberValue?.int64, number >= 1, number <= 3650 else {
            r.fail(r.path(key), "must be a whole number of days, 1 to 3650")
            return nil
        }
        return Int(number)
    }

    static func readStep(_ s: inout ObjectReader) -> Automation.Step? {
        let type = s.string("type", required: true)
        func required(_ key: String) -> String? {
            let value = s.string(key, required: true, maxLength: 200)
            if value?.isEmpty == true { s.fail(s.path(key), "must not be empty") }
            return value
        }
        switch type {
        case "email", "sms":
            let template = required("template_id")
            let active = s.bool("active") ?? true
            guard let template else { return nil }
            return type == "email" ? .email(templateID: template, active: active) : .sms(templateID: template, active: active)
        case "wait":
            guard let text = s.string("duration", required: true, maxLength: 40) else { return nil }
            guard let duration = ISODuration(text), duration.seconds > 0 else {
                s.fail(s.path("duration"), "must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. P2D or PT30M")
                return nil
            }
            return .wait(duration)
        case "add_tag": return required("tag").map { .addTag($0) }
        case "remove_tag": return required("tag").map { .removeTag($0) }
        case "postback": return required("trigger_id").map { .postback(triggerID: $0) }
        case nil: return nil
        default:
            s.fail(s.path("type"), "must be one of email, sms, wait, add_tag, remove_tag, postback")
            return nil
        }
    }

    func create(_ call: APICall) async throws -> JSONAnswer {
        let input = try await call.decode(Self.readInput)
        let now = services.clock.now()
        return .created(try await services.store.write { w in try Automations.create(input, account: call.account.id, in: w, now: now) }.json)
    }

    func update(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        let input = try await call.decode(Self.readInput)
        let now = services.clock.now()
        return try await services.store.write { w in try Automations.update(id: id, with: input, account: call.account.id, in: w, now: now) }.json
    }

    func delete(_ call: APICall) async throws -> HTTPResponse.Status {
        let id = try call.parameter()
        let now = services.clock.now()
        try await services.store.write { w in try Automations.delete(id: id, account: call.account.id, in: w, now: now) }
        return .noContent
    }

    /// Newest first; `?status=waiting|completed|cancelled` narrows them.
    func runs(_ call: APICall) async throws -> Page {
        let id = try call.parameter()
        var status: AutomationRun.Status?
        if let text = call.query("status") {
            guard let parsed = AutomationRun.Status(rawValue: text) else {
                throw KvittoError.invalid([FieldError("/status", "must be one of waiting, completed, cancelled")])
            }
            status = parsed
        }
        let (account, page, wanted) = (call.account.id, try call.page, status)
        let runs = try await services.store.read { r -> [AutomationRun]? in
            guard try r.automation(account: account, id: id) != nil else { return nil }
            return try r.automationRuns(account: account, automationID: id, status: wanted, page: page)
        }
        guard let runs else { throw KvittoError.notFound("automation \(id)") }
        return Page(runs, of: page)
    }
}
