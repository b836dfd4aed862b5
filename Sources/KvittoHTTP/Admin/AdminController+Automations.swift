import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// Automations: what starts one (an event, a tag, days after an order or without one) and up to five steps
/// (send an e-mail or SMS template, wait, add or remove a tag), made in a form and read by the same rules as
/// `POST /v1/automations`.
extension AdminController {
    static let automationSteps = 5

    func automations(_ call: AdminCall, errors: [String] = [], entered: AdminForm? = nil, notice: String? = nil) async throws -> Response {
        let account = call.user.accountID
        let (automations, templates) = try await services.store.read { r in
            (try r.automations(account: account, page: PageRequest(limit: 500)),
             try r.templates(account: account, page: PageRequest(limit: 500)).filter(\.isMessage))
        }
        var values: [String: Any] = [
            "title": "Automations", "errors": errors.map { ["detail": $0] },
            "automations": automations.map { automation -> [String: Any] in
                ["id": automation.id, "name": automation.name, "active": automation.active ? "active" : "off", "isActive": automation.active,
                 "trigger": Self.describe(automation.entry),
                 "steps": automation.steps.enumerated().map { index, step -> [String: Any] in
                     var shown: [String: Any] = ["text": Self.describe(step, templates: templates), "index": index]
                     switch step {
                     case .email(_, let active), .sms(_, let active):
                         shown["switchable"] = true
                         shown["stepActive"] = active
                     default: break
                     }
                     return shown
                 }]
            },
        ]
        if call.user.mayAdminister {
            values["mayAdminister"] = true
            let kinds = ["tag", "event_type", "days_after_order", "days_without_order"]
            let chosenKind = entered?["trigger_kind"] ?? "tag"
            values["form"] = [
                "name": entered?["name"] ?? "", "triggerValue": entered?["trigger_value"] ?? "",
                "kinds": kinds.map { ["name": $0, "selected": $0 == chosenKind] },
                "steps": (1...Self.automationSteps).map { index -> [String: Any] in
                    let chosen = entered?["step\(index)_type"] ?? ""
                    let options = [("", "—"), ("wait", "wait (duration, e.g. P2D)"), ("add_tag", "add tag"), ("remove_tag", "remove tag")]
                        + templates.map { ("\($0.kind.rawValue):\($0.id)", "\($0.kind.rawValue): \($0.name)") }
                    return ["index": index, "value": entered?["step\(index)_value"] ?? "",
                            "options": options.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == chosen] }]
                },
            ]
        }
        if let notice { values["notice"] = notice }
        return AdminPages.render("automations", call.layout.merging(values) { _, new in new }, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The form as the JSON `POST /v1/automations` takes.
    static func automationInput(_ form: AdminForm) -> JSONValue {
        let value = (form["trigger_value"] ?? "").trimmingCharacters(in: .whitespaces)
        let trigger: JSONValue
        switch form["trigger_kind"] {
        case "event_type": trigger = ["event_type": .string(value)]
        case "days_after_order": trigger = ["days_after_order": Int(value).map { .number(JSONNumber($0)) } ?? .string(value)]
        case "days_without_order": trigger = ["days_without_order": Int(value).map { .number(JSONNumber($0)) } ?? .string(value)]
        default: trigger = ["tag": .string(value)]
        }
        var steps: [JSONValue] = []
        for index in 1...automationSteps {
            let type = form["step\(index)_type"] ?? ""
            let stepValue = (form["step\(index)_value"] ?? "").trimmingCharacters(in: .whitespaces)
            if type.hasPrefix("email:") || type.hasPrefix("sms:") {
                let parts = type.split(separator: ":", maxSplits: 1).map(String.init)
                steps.append(["type": .string(parts[0]), "template_id": .string(parts[1])])
            } else if type == "wait" {
                steps.append(["type": "wait", "duration": .string(stepValue)])
            } else if type == "add_tag" || type == "remove_tag" {
                steps.append(["type": .string(type), "tag": .string(stepValue)])
            }
        }
        return ["name": .string((form["name"] ?? "").trimmingCharacters(in: .whitespaces)), "active": .bool(form["active"] != nil),
                "trigger": trigger, "steps": .array(steps)]
    }

    func createAutomation(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        guard let form else { return try await automations(call) }
        let (user, now) = (call.user, services.clock.now())
        do {
            let input = try ObjectReader.decode(Self.automationInput(form)) { r in AutomationsController.readInput(&r) }
            let automation = try await services.store.write { w in
                let automation = try Automations.create(input, account: user.accountID, in: w, now: now)
                try AdminUsers.audit("automation.create", subject: automation.id, detail: "created the automation \(automation.name)", by: user, in: w, now: now)
                return automation
            }
            services.deliveriesQueued()
            return try await automations(call, notice: "\(automation.name) is saved\(automation.active ? " and active" : "").")
        } catch let error as KvittoError where error.code == .invalid || error.code == .rejected {
            let errors = error.fieldErrors.isEmpty ? [error.detail] : error.fieldErrors.map { "\($0.pointer): \($0.detail)" }
            return try await automations(call, errors: errors, entered: form)
        }
    }

    /// Switches an automation on or off (`active`), or one of its e-mail or SMS steps (`step` and `active`): a
    /// step switched off is skipped and the flow goes on, as in the API. Owners and admins; audited.
    func switchAutomation(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (id, user, now) = (try call.context.parameters.require("id"), call.user, services.clock.now())
        let active = form?["active"] == "on"
        let stepIndex = form?["step"].flatMap { Int($0) }
        let automation = try await services.store.write { w -> Automation in
            guard let current = try w.automation(account: user.accountID, id: id) else { throw KvittoError.notFound("automation \(id)") }
            var input = AutomationInput()
            if let stepIndex {
                guard current.steps.indices.contains(stepIndex) else { throw KvittoError.invalid([FieldError("/steps/\(stepIndex)", "no such step")]) }
                var steps = current.steps
                switch steps[stepIndex] {
                case .email(let template, _): steps[stepIndex] = .email(templateID: template, active: active)
                case .sms(let template, _): steps[stepIndex] = .sms(templateID: template, active: active)
                default: throw KvittoError.invalid([FieldError("/steps/\(stepIndex)", "only e-mail and SMS steps are switched on and off")])
                }
                input.steps = steps
            } else {
                input.active = active
            }
            let changed = try Automations.update(id: id, with: input, account: user.accountID, in: w, now: now)
            let what = stepIndex.map { "step \($0 + 1) of \(changed.name)" } ?? changed.name
            try AdminUsers.audit("automation.switch", subject: id, detail: "switched \(what) \(active ? "on" : "off")", by: user, in: w, now: now)
            return changed
        }
        let what = stepIndex.map { "Step \($0 + 1) of \(automation.name)" } ?? automation.name
        return try await automations(call, notice: "\(what) is \(active ? "on" : "off").")
    }

    static func describe(_ entry: Automation.Entry) -> String {
        switch entry {
        case .event(let type, let filter): "event \(type.rawValue)" + (filter.map { " where \($0)" } ?? "")
        case .tag(let tag): "tag \(tag)"
        case .daysAfterOrder(let days): "\(days) days after an order"
        case .daysWithoutOrder(let days): "\(days) days without an order"
        }
    }

    static func describe(_ step: Automation.Step, templates: [Template]) -> String {
        switch step {
        case .email(let id, _), .sms(let id, _):
            "\(step.type) \(templates.first { $0.id == id }?.name ?? id)"
        case .wait(let duration): "wait \(duration.text)"
        case .addTag(let tag): "add tag \(tag)"
        case .removeTag(let tag): "remove tag \(tag)"
        case .postback(let id): "postback \(id)"
        }
    }
}
