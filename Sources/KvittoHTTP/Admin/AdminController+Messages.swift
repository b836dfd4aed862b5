import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage
import KvittoTemplates

/// Message templates: the e-mail and SMS texts automations send. An editor with the merge fields of the chosen
/// event to pick from, and a preview rendered by the same code that renders the messages sent, in the
/// account's language, currency and time zone.
extension AdminController {
    func messageTemplates(_ call: AdminCall) async throws -> Response {
        let account = call.user.accountID
        let templates = try await services.store.read { r in try r.templates(account: account, page: PageRequest(limit: 500)).filter(\.isMessage) }
        var values: [String: Any] = [
            "title": "Message templates",
            "templates": templates.map { template -> [String: Any] in
                ["id": template.id, "name": template.name, "kind": template.kind.rawValue, "purpose": template.purpose?.rawValue ?? "",
                 "standard": template.key ?? ""]
            },
        ]
        if call.user.mayAdminister { values["mayCreate"] = true }
        return AdminPages.render("messages", call.layout.merging(values) { _, new in new })
    }

    /// The editor: a new template (`/admin/messages/new?kind=sms`) or a stored one.
    func messageTemplate(_ call: AdminCall) async throws -> Response {
        let id = call.context.parameters.get("id")
        if let id {
            let account = call.user.accountID
            guard let template = try await services.store.read({ r in try r.template(account: account, id: id) }), template.isMessage else {
                return AdminPages.render("messages", call.layout.merging(["title": "Message templates", "notice": "No such template."]) { _, new in new },
                                         status: .notFound)
            }
            let editor = MessageEditor(template: template)
            return try await messageEditorPage(call, editor, id: id)
        }
        let kind: MessageKind = call.query("kind") == "sms" ? .sms : .email
        return try await messageEditorPage(call, MessageEditor(kind: kind), id: nil)
    }

    /// `action=preview` renders the form as it is; `action=save` (owners and admins) stores it.
    func saveMessageTemplate(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        guard let form else { return try await messageTemplate(call) }
        let id = call.context.parameters.get("id")
        let account = call.user.accountID
        var stored: Template?
        if let id {
            stored = try await services.store.read { r in try r.template(account: account, id: id) }
            guard stored?.isMessage == true else { return Self.forbidden("No such template.") }
        }
        var editor = MessageEditor(form: form, kind: stored.flatMap { MessageKind($0.kind) })
        guard form["action"] == "save" else { return try await messageEditorPage(call, editor, id: id, preview: true) }
        guard call.user.mayAdminister else { return Self.forbidden("Your role (\(call.user.role.rawValue)) may not do this.") }
        editor.errors = editor.check()
        guard editor.errors.isEmpty else { return try await messageEditorPage(call, editor, id: id, preview: true) }
        let (user, now, checked, existing) = (call.user, services.clock.now(), editor, stored)
        let saved = try await services.store.write { w -> Template in
            let editor = checked
            let stored = existing
            var template = stored ?? Template(id: KvittoID.make(.template, at: now), accountID: account, name: editor.name,
                                              kind: editor.kind == .email ? .email : .sms, body: editor.body, purpose: editor.purpose, createdAt: now)
            if stored == nil {
                try w.insertTemplate(template)
                try AdminUsers.audit("template.create", subject: template.id, detail: "created the \(template.kind.rawValue) template \(template.name)",
                                     by: user, in: w, now: now)
            } else {
                template.name = editor.name
                template.body = editor.body
                template.purpose = editor.purpose
                template.updatedAt = now
                try w.updateTemplate(template)
                try AdminUsers.audit("template.update", subject: template.id, detail: "changed the template \(template.name)", by: user, in: w, now: now)
            }
            return template
        }
        return try await messageEditorPage(call, MessageEditor(template: saved), id: saved.id, notice: "Saved.")
    }

    private func messageEditorPage(_ call: AdminCall, _ editor: MessageEditor, id: String?, preview: Bool = false,
                                   notice: String? = nil) async throws -> Response {
        let accountID = call.user.accountID
        let (account, settings) = try await services.store.read { r in (try r.account(accountID), try r.settings(account: accountID)) }
        guard let account else { throw KvittoError.notFound("account \(accountID)") }
        let formatting = MessageFormatting.of(account: account, settings: settings)
        let context = MessageContext.make(event: EventSamples.sample(for: editor.sample), formatting: formatting, accountName: account.name)
        var values: [String: Any] = [
            "title": id == nil ? "New \(editor.kind == .email ? "e-mail" : "SMS") template" : editor.name,
            "action": id.map { "/admin/messages/\($0)" } ?? "/admin/messages",
            "kind": editor.kind.rawValue, "name": editor.name, "subject": editor.subject, "html": editor.html, "text": editor.text,
            "purposes": Template.Purpose.allCases.map { ["value": $0.rawValue, "selected": $0 == editor.purpose] },
            "samples": EventType.allCases.map { ["name": $0.rawValue, "selected": $0 == editor.sample] },
            "mergeFields": MergeFieldList.entries(of: context),
            "errors": editor.errors.map { ["field": $0.pointer, "detail": $0.detail] },
        ]
        if editor.kind == .email { values["email"] = true }
        for error in editor.errors {
            values[error.pointer.split(separator: "/").last.map { "\($0)Error" } ?? "nameError"] = error.detail
        }
        if let standard = editor.standardKey { values["standard"] = standard }
        if call.user.mayAdminister { values["maySave"] = true }
        if let notice { values["notice"] = notice }
        if preview || id != nil {
            switch MessageTemplateSource.read(kind: editor.kind, body: editor.body) {
            case .failure(let error):
                values["previewErrors"] = error.errors.map { ["field": $0.pointer, "detail": $0.detail] }
            case .success(let source):
                do throws(MessageTemplateError) {
                    let rendered = try MessageTemplate(source).render(context)
                    // Names of their own: a section looks a name it lacks up in the page's values (the form's `subject`).
                    var shown: [String: Any] = ["previewText": rendered.text, "warnings": rendered.warnings.map(\.description)]
                    if let subject = rendered.subject { shown["previewSubject"] = subject }
                    if let html = rendered.html, !html.isEmpty { shown["previewHTML"] = html }
                    if rendered.kind == .sms {
                        let analysis = SMSEncoding.analyse(rendered.text)
                        shown["previewSMS"] = "\(analysis.encoding.rawValue), \(analysis.units) characters, \(analysis.segments) SMS"
                    }
                    values["rendered"] = shown
                } catch {
                    values["previewErrors"] = error.templateError.errors.map { ["field": "/body" + $0.pointer, "detail": $0.detail] }
                }
            }
        }
        return AdminPages.render("message-template", call.layout.merging(values) { _, new in new },
                                 status: editor.errors.isEmpty ? .ok : .unprocessableContent)
    }
}

/// What the message editor holds: the form's fields, or a stored template's.
struct MessageEditor {
    var kind: MessageKind
    var name = ""
    var purpose: Template.Purpose = .marketing
    var subject = ""
    var html = ""
    var text = ""
    var sample: EventType = .orderReceived
    var standardKey: String?
    var errors: [FieldError] = []

    init(kind: MessageKind) {
        self.kind = kind
    }

    init(template: Template) {
        kind = MessageKind(template.kind) ?? .email
        name = template.name
        purpose = template.purpose ?? .marketing
        subject = template.body["subject"]?.stringValue ?? ""
        html = template.body["html"]?.stringValue ?? ""
        text = template.body["text"]?.stringValue ?? ""
        standardKey = template.key
        // A standard template previews against the event it is written for.
        if let key = template.key, let first = StandardTemplates.template(key: key)?.eventTypes.first { sample = first }
    }

    /// `storedKind`: a stored template keeps its kind whatever the form says.
    init(form: AdminForm, kind storedKind: MessageKind?) {
        kind = storedKind ?? (form["kind"] == "sms" ? .sms : .email)
        name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        purpose = form["purpose"].flatMap(Template.Purpose.init(rawValue:)) ?? .marketing
        subject = form["subject"] ?? ""
        html = form["html"] ?? ""
        text = form["text"] ?? ""
        sample = form["sample"].flatMap(EventType.init(rawValue:)) ?? .orderReceived
    }

    /// The body as `POST /v1/templates` takes it; an e-mail without HTML is sent as text only.
    var body: JSONValue {
        guard kind == .email else { return ["text": .string(text)] }
        var object: JSONObject = ["subject": .string(subject), "text": .string(text)]
        if !html.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { object["html"] = .string(html) }
        return .object(object)
    }

    /// The same checks as the API's.
    func check() -> [FieldError] {
        var errors: [FieldError] = []
        if name.isEmpty { errors.append(FieldError("/name", "is required")) }
        if name.count > 200 { errors.append(FieldError("/name", "is at most 200 characters")) }
        if case .failure(let error) = MessageTemplateSource.read(kind: kind, body: body) { errors += error.errors }
        return errors
    }
}

/// The merge fields of a message context as the picker lists them: each value's path with an example, and
/// each list as a section to repeat (`{{#order.lines}}…{{/order.lines}}`) with the fields of its items.
enum MergeFieldList {
    static let limit = 200

    static func entries(of context: JSONValue) -> [[String: Any]] {
        var entries: [[String: Any]] = []
        walk(context, path: "", inside: nil, into: &entries)
        return Array(entries.prefix(limit))
    }

    /// `inside`: the list being walked, whose items' fields are written relative to it.
    private static func walk(_ value: JSONValue, path: String, inside list: String?, into entries: inout [[String: Any]]) {
        switch value {
        case .object(let object):
            for (key, child) in object.sorted(by: { $0.key < $1.key }) {
                walk(child, path: path.isEmpty ? key : path + "." + key, inside: list, into: &entries)
            }
        case .array(let items):
            guard list == nil else { return }  // a list in a list: reachable, but too deep for a picker
            entries.append(["path": path, "example": "a list of \(items.count)", "insert": "{{#\(path)}}…{{/\(path)}}"])
            if let first = items.first { walk(first, path: "", inside: path, into: &entries) }
        default:
            guard !path.isEmpty else { return }
            let example = AdminController.text(value)
            if let list {
                entries.append(["path": list + "[]." + path, "example": String(example.prefix(60)), "insert": "{{\(path)}}"])
            } else {
                entries.append(["path": path, "example": String(example.prefix(60)), "insert": "{{\(path)}}"])
            }
        }
    }
}
