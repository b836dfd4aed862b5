import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage
import KvittoTemplates

/// Postback triggers with the Template Mapper: a sample event of the chosen type, the template, and the
/// result ("Show result") side by side, errors pointing at the directive at fault; then save (and activate),
/// and a Test that sends one real signed request and shows exactly what went and what came back.
extension AdminController {
    /// The form as typed, to show it again with the result or the errors.
    struct TriggerForm {
        var name = "", url = "", email = "", method = "POST", filter = "", template = "", sample = EventType.orderReceived.rawValue
        var retry = true
        var eventTypes: Set<String> = [EventType.orderReceived.rawValue]
        var active = true
        /// A stored event to map instead of the sample (`evt_…`, from the feed or a delivery).
        var eventID = ""

        init() {}

        init(_ form: AdminForm?) {
            name = (form?["name"] ?? "").trimmingCharacters(in: .whitespaces)
            url = (form?["url"] ?? "").trimmingCharacters(in: .whitespaces)
            email = (form?["email"] ?? "").trimmingCharacters(in: .whitespaces)
            retry = form?["retry"] != nil
            method = form?["method"] ?? "POST"
            filter = (form?["filter"] ?? "").trimmingCharacters(in: .whitespaces)
            template = form?["template"] ?? ""
            sample = form?["sample"] ?? EventType.orderReceived.rawValue
            eventTypes = Set(EventType.allCases.map(\.rawValue).filter { form?["event_\($0)"] != nil })
            active = form?["active"] != nil
            eventID = (form?["event_id"] ?? "").trimmingCharacters(in: .whitespaces)
        }

        var values: [String: Any] {
            ["name": name, "url": url, "email": email, "retry": retry, "filter": filter, "template": template, "active": active, "eventID": eventID,
             "eventTypes": EventType.allCases.map { ["name": $0.rawValue, "checked": eventTypes.contains($0.rawValue)] },
             "samples": EventType.allCases.map { ["name": $0.rawValue, "selected": $0.rawValue == sample] },
             "methods": Trigger.Method.allCases.map { ["name": $0.rawValue, "selected": $0.rawValue == method] }]
        }
    }

    func triggers(_ call: AdminCall, form: TriggerForm = TriggerForm(), result: [String: Any] = [:], status: HTTPResponse.Status = .ok) async throws -> Response {
        let account = call.user.accountID
        let (triggers, real) = try await services.store.read { r in
            (try r.triggers(account: account, page: PageRequest(limit: 500)), form.eventID.isEmpty ? nil : try r.event(account: account, id: form.eventID))
        }
        var values: [String: Any] = [
            "title": "Postbacks",
            "triggers": triggers.map { trigger -> [String: Any] in
                ["id": trigger.id, "name": trigger.name, "events": trigger.eventTypes.map(\.rawValue).joined(separator: ", "),
                 "to": trigger.email ?? trigger.url,
                 "state": trigger.disabledAt != nil ? "disabled: \(trigger.disabledReason ?? "")" : trigger.active ? "active" : "off"]
            },
        ]
        if call.user.mayAdminister {
            // The event the template is shown against, beside it: what the `$expr` paths read.
            let shown = real?.json ?? EventSamples.sample(for: EventType(rawValue: form.sample) ?? .orderReceived)
            var formValues = form.values.merging(result) { _, new in new }.merging(["sampleEvent": Self.pretty(shown)]) { _, new in new }
            if !form.eventID.isEmpty, real == nil { formValues["eventError"] = "No event \(form.eventID) in this account; the sample is shown." }
            values["form"] = formValues
        }
        return AdminPages.render("triggers", call.layout.merging(values) { _, new in new }, status: status)
    }

    /// `action=preview` renders the template against a sample event; `action=save` creates the template and
    /// the trigger (and shows its signing secret once).
    func saveTrigger(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let typed = TriggerForm(form)
        var result: [String: Any] = [:]
        var body: JSONValue?
        if !typed.template.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            do {
                body = try JSONParser.parse(Array(typed.template.utf8))
            } catch {
                result["templateErrors"] = [["pointer": "", "detail": "not JSON: \(error)"]]
            }
        }
        if let body {
            let problems = PostbackTemplate.validate(body)
            if problems.isEmpty {
                if form?["action"] == "preview" {
                    let sample = EventType(rawValue: typed.sample) ?? .orderReceived
                    let account = call.user.accountID
                    let real = typed.eventID.isEmpty ? nil : try await services.store.read { r in try r.event(account: account, id: typed.eventID) }
                    do {
                        result["output"] = Self.pretty(try PostbackTemplate(body).render(real?.json ?? EventSamples.sample(for: sample)))
                    } catch {
                        result["templateErrors"] = error.errors.map { ["pointer": $0.pointer, "detail": $0.detail] }
                    }
                }
            } else {
                result["templateErrors"] = problems.map { ["pointer": $0.pointer.isEmpty ? "/" : $0.pointer, "detail": $0.detail] }
            }
        }
        guard form?["action"] == "save", result["templateErrors"] == nil else {
            return try await triggers(call, form: typed, result: result, status: result["templateErrors"] == nil ? .ok : .unprocessableContent)
        }
        var input = TriggerInput()
        input.name = typed.name
        input.eventTypes = typed.eventTypes.compactMap(EventType.init(rawValue:)).sorted { $0.rawValue < $1.rawValue }
        input.url = typed.url.isEmpty ? nil : typed.url
        input.email = typed.email.isEmpty ? nil : typed.email
        input.retry = typed.retry
        input.method = Trigger.Method(rawValue: typed.method)
        if !typed.filter.isEmpty { input.filter = .some(typed.filter) }
        input.active = typed.active
        let (user, now, secrets, prepared, mapping) = (call.user, services.clock.now(), services.secrets, input, body)
        do {
            let (trigger, secret) = try await services.store.write { w -> (Trigger, WebhookSecretText) in
                var input = prepared
                if let body = mapping {
                    let template = Template(id: KvittoID.make(.template, at: now), accountID: user.accountID, name: "\(typed.name) mapping",
                                            kind: .postback, body: body, createdAt: now)
                    try w.insertTemplate(template)
                    input.templateID = .some(template.id)
                }
                let created = try Postbacks.createTrigger(input, account: user.accountID, secrets: secrets, addresses: services.outboundPolicy, in: w, now: now)
                try AdminUsers.audit("trigger.create", subject: created.0.id, detail: "created postback \(typed.name) to \(typed.url)", by: user,
                                     in: w, now: now)
                return created
            }
            return try await self.trigger(call, id: trigger.id, secret: secret.text)
        } catch let error as KvittoError where error.code == .invalid {
            result["errors"] = error.fieldErrors.map { ["field": String($0.pointer.dropFirst()), "detail": $0.detail] }
            return try await triggers(call, form: typed, result: result, status: .unprocessableContent)
        }
    }

    /// One trigger: where it sends, its template, and (for owners and admins) the Test button; `secret` is
    /// shown once, right after the trigger was made; `test` is what a test send did.
    func trigger(_ call: AdminCall, id: String? = nil, secret: String? = nil, test: JSONValue? = nil) async throws -> Response {
        let id = try id ?? call.context.parameters.require("id")
        let account = call.user.accountID
        let found = try await services.store.read { r -> (Trigger, Template?)? in
            guard let trigger = try r.trigger(account: account, id: id) else { return nil }
            return (trigger, try trigger.templateID.flatMap { try r.template(account: account, id: $0) })
        }
        guard let (trigger, template) = found else {
            return AdminPages.render("triggers", call.layout.merging(["title": "Postbacks", "notice": "No such trigger."]) { _, new in new },
                                     status: .notFound)
        }
        var values: [String: Any] = [
            "title": trigger.name, "id": trigger.id, "events": trigger.eventTypes.map(\.rawValue).joined(separator: ", "),
            "to": trigger.email ?? trigger.url, "method": trigger.method.rawValue,
            "state": trigger.disabledAt != nil ? "disabled: \(trigger.disabledReason ?? "")" : trigger.active ? "active" : "off",
        ]
        // Sections are left out rather than empty: an empty text still opens a Mustache section.
        if let filter = trigger.filter { values["filter"] = filter }
        if let template { values["template"] = Self.pretty(template.body) }
        if let secret { values["secret"] = secret }
        if call.user.mayAdminister { values["testable"] = true }
        if let test {
            var shown: [String: Any] = ["request": Self.pretty(test["request"] ?? .null), "response": Self.pretty(test["response"] ?? .null)]
            if let error = test["error"]?.stringValue { shown["error"] = error }
            values["test"] = shown
        }
        return AdminPages.render("trigger", call.layout.merging(values) { _, new in new })
    }

    /// Sends one real, signed request with a sample event; writes no delivery, so nothing retries.
    func testTrigger(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let id = try call.context.parameters.require("id")
        guard let tester = services.postbackTester else { return Self.forbidden("This process sends no postbacks (role api); test from a worker.") }
        let account = try await services.store.read { r in try r.account(call.user.accountID) }
        guard let account else { return Self.forbidden("No such account.") }
        let result = try await tester.test(triggerID: id, account: account, eventID: nil, eventType: nil)
        return try await trigger(call, id: id, test: result)
    }

    /// JSON indented two spaces, for reading in a page.
    static func pretty(_ value: JSONValue, indent: String = "") -> String {
        let inner = indent + "  "
        switch value {
        case .object(let object) where !object.isEmpty:
            return "{\n" + object.map { inner + JSONWriter.string(.string($0.key)) + ": " + pretty($0.value, indent: inner) }
                .joined(separator: ",\n") + "\n" + indent + "}"
        case .array(let items) where !items.isEmpty:
            return "[\n" + items.map { inner + pretty($0, indent: inner) }.joined(separator: ",\n") + "\n" + indent + "]"
        default:
            return JSONWriter.string(value)
        }
    }
}
