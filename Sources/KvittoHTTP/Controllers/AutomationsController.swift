import Foundation
import Hummingbird
import KvittoCore
import KvittoStorage

/// Automations: CRUD and each automation's runs.
struct AutomationsController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("automations", use: create)
        group.get("automations", use: list)
        group.get("automations/{id}", use: show)
        group.patch("automations/{id}", use: update)
        group.delete("automations/{id}", use: delete)
        group.get("automations/{id}/runs", use: runs)
    }

    static func readInput(_ json: JSONValue) throws -> AutomationInput {
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(json, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        var input = AutomationInput()
        input.name = r.string("name", maxLength: 200)
        input.active = r.bool("active")
        if var t = r.object("trigger") {
            input.entry = readEntry(&t, log: log)
            t.finish()
        }
        if let steps = r.array("steps", maxCount: 50) {
            input.steps = steps.enumerated().compactMap { index, value in
                guard var s = ObjectReader.make(value, at: "/steps/\(index)", log: log) else { return nil }
                defer { s.finish() }
                return readStep(&s, log: log)
            }
        }
        r.finish()
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        return input
    }

    /// Exactly one of `event_type` (with an optional `filter`), `tag`, `days_after_order`, `days_without_order`.
    static func readEntry(_ t: inout ObjectReader, log: FieldErrorLog) -> Automation.Entry? {
        let eventType = t.enumeration("event_type", EventType.self)
        let filter = t.string("filter", maxLength: 4096)
        let tag = t.string("tag", maxLength: 200)
        let afterOrder = days(&t, "days_after_order", log: log)
        let withoutOrder = days(&t, "days_without_order", log: log)
        let given = [eventType != nil, tag != nil, afterOrder != nil, withoutOrder != nil].filter { $0 }.count
        guard given == 1 else {
            if log.isEmpty {
                log.add(t.pointer.isEmpty ? "/trigger" : t.pointer,
                        given == 0 ? "name an event_type, a tag, days_after_order or days_without_order"
                                   : "name only one of event_type, tag, days_after_order and days_without_order")
            }
            return nil
        }
        if filter != nil, eventType == nil { log.add(t.path("filter"), "only an event_type trigger takes a filter") }
        if let eventType { return .event(eventType, filter: filter) }
        if let tag { return .tag(tag) }
        if let afterOrder { return .daysAfterOrder(afterOrder) }
        return withoutOrder.map { .daysWithoutOrder($0) }
    }

    static func days(_ r: inout ObjectReader, _ key: String, log: FieldErrorLog) -> Int? {
        guard let value = r.value(key) else { return nil }
        guard let number = value.numberValue?.int64, number >= 1, number <= 3650 else {
            log.add(r.path(key), "must be a whole number of days, 1 to 3650")
            return nil
        }
        return Int(number)
    }

    static func readStep(_ s: inout ObjectReader, log: FieldErrorLog) -> Automation.Step? {
        let type = s.string("type", required: true)
        func required(_ key: String) -> String? {
            let value = s.string(key, required: true, maxLength: 200)
            if value?.isEmpty == true { log.add(s.path(key), "must not be empty") }
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
                log.add(s.path("duration"), "must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. P2D or PT30M")
                return nil
            }
            return .wait(duration)
        case "add_tag": return required("tag").map { .addTag($0) }
        case "remove_tag": return required("tag").map { .removeTag($0) }
        case "postback": return required("trigger_id").map { .postback(triggerID: $0) }
        case nil: return nil
        default:
            log.add(s.path("type"), "must be one of email, sms, wait, add_tag, remove_tag, postback")
            return nil
        }
    }

    func create(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        var request = request
        let input = try Self.readInput(try await request.jsonBody())
        let now = services.clock.now()
        let automation = try await services.store.write { w in try Automations.create(input, account: account.id, in: w, now: now) }
        return JSONResponse.make(automation.json, status: .created)
    }

    func list(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let query = request.pageRequest
        let page = PageRequest(limit: query.limit, cursor: query.cursor)
        let automations = try await services.store.read { r in try r.automations(account: account.id, page: page) }
        return JSONResponse.page(automations.map(\.json), cursor: automations.count == page.limit ? automations.last?.id : nil)
    }

    func show(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let id = try context.parameters.require("id")
        guard let automation = try await services.store.read({ r in try r.automation(account: account.id, id: id) }) else {
            throw KvittoError.notFound("automation \(id)")
        }
        return JSONResponse.make(automation.json)
    }

    func update(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        var request = request
        let input = try Self.readInput(try await request.jsonBody())
        let now = services.clock.now()
        let automation = try await services.store.write { w in try Automations.update(id: id, with: input, account: account.id, in: w, now: now) }
        return JSONResponse.make(automation.json)
    }

    func delete(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        let now = services.clock.now()
        try await services.store.write { w in try Automations.delete(id: id, account: account.id, in: w, now: now) }
        return Response(status: .noContent)
    }

    /// Newest first; `?status=waiting|completed|cancelled` narrows them.
    func runs(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let id = try context.parameters.require("id")
        var status: AutomationRun.Status?
        if let text = request.uri.queryParameters.get("status") {
            guard let parsed = AutomationRun.Status(rawValue: text) else {
                throw KvittoError.invalid([FieldError("/status", "must be one of waiting, completed, cancelled")])
            }
            status = parsed
        }
        let query = request.pageRequest
        let page = PageRequest(limit: query.limit, cursor: query.cursor)
        let wanted = status
        let runs = try await services.store.read { r -> [AutomationRun]? in
            guard try r.automation(account: account.id, id: id) != nil else { return nil }
            return try r.automationRuns(account: account.id, automationID: id, status: wanted, page: page)
        }
        guard let runs else { throw KvittoError.notFound("automation \(id)") }
        return JSONResponse.page(runs.map(\.json), cursor: runs.count == page.limit ? runs.last?.id : nil)
    }
}

/// The unsubscribe link of marketing e-mail. `GET` shows a page with one button (so that mail scanners
/// following links unsubscribe nobody); `POST` unsubscribes — the button, and mail clients' one-click
/// unsubscribe (RFC 8058: `List-Unsubscribe=One-Click`). The address goes on the suppression list, the
/// contact is marked and the change is on its timeline.
struct UnsubscribeController {
    let services: KvittoServices

    func register(on router: Router<KvittoRequestContext>) {
        router.get("unsubscribe/{token}", use: page)
        router.post("unsubscribe/{token}", use: unsubscribe)
    }

    func page(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard UnsubscribeLink(token: token, secrets: services.secrets) != nil else { return Self.html(.notFound, "This link is not valid.") }
        return Self.html(.ok, """
            <p>Do you want to stop receiving these e-mails?</p>
            <form method="post"><button type="submit">Unsubscribe</button></form>
            """)
    }

    func unsubscribe(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let link = UnsubscribeLink(token: token, secrets: services.secrets) else { return Self.html(.notFound, "This link is not valid.") }
        let now = services.clock.now()
        let secrets = services.secrets
        let found = try await services.store.write { w -> Bool in
            guard let delivery = try w.delivery(account: link.accountID, id: link.deliveryID), let recipient = delivery.recipient,
                  let account = try w.account(link.accountID) else { return false }
            try w.insertSuppression(account: account.id, hash: secrets.suppressionHash(account: account.id, recipient: recipient),
                                    reason: "unsubscribed", at: now)
            if let contactID = delivery.contactID, var contact = try w.contact(account: account.id, id: contactID), contact.unsubscribedAt == nil {
                contact.unsubscribedAt = now
                contact.updatedAt = now
                try w.updateContact(contact)
                try EventLog.note(.updated, on: contact.id, account: account.id,
                                  text: "Unsubscribed from marketing e-mail with the link in a message", data: ["delivery_id": .string(delivery.id)],
                                  in: w, now: now)
                try EventLog.emit(.contactUpdated, account: account.id, origin: .api, order: nil, contact: contact, in: w, now: now)
            }
            return true
        }
        services.deliveriesQueued()
        guard found else { return Self.html(.notFound, "This link is not valid any more.") }
        return Self.html(.ok, "<p>You are unsubscribed and will get no more of these e-mails.</p>")
    }

    static func html(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        let page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head><body>\(body)</body></html>"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }
}
