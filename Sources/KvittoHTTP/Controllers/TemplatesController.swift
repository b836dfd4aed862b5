import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage
import KvittoTemplates

/// Postback templates, sample payloads and the mapping preview.
struct TemplatesController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("templates", .admin, create)
        group.get("templates", .read) { call in try await services.page(call) { try $0.templates(account: $1, page: $2) } }
        group.get("templates/{id}", .read) { call in try await services.one(call, "template") { try $0.template(account: $1, id: $2) }.json }
        group.patch("templates/{id}", .admin, update)
        group.delete("templates/{id}", .admin, delete)
        group.post("templates/{id}/preview", .read, previewTemplate)
        group.post("templates/{id}/test", .admin, sendTest)
        group.get("samples/{type}", .read, sample)
        group.post("mappings/preview", .read, preview)
    }

    /// What a template request says; members it leaves out are nil.
    struct Fields {
        var name: String?
        var kind: Template.Kind?
        var purpose: Template.Purpose?
        var body: JSONValue?
    }

    /// Reads a template request and checks its body against its kind (`kind` of the request, else
    /// `storedKind`, else postback): a postback body that does not compile is a 422 pointing at the
    /// directive at fault under `/body`; a message part that does not parse points at the part
    /// (`/body/html`) with line and column.
    static func read(_ json: JSONValue, requireAll: Bool, storedKind: Template.Kind? = nil) throws -> Fields {
        try ObjectReader.decode(json) { r in read(&r, requireAll: requireAll, storedKind: storedKind) }
    }

    static func read(_ r: inout ObjectReader, requireAll: Bool, storedKind: Template.Kind?) -> Fields {
        var fields = Fields()
        fields.name = r.string("name", required: requireAll, maxLength: 200)
        fields.kind = r.enumeration("kind", Template.Kind.self)
        fields.purpose = r.enumeration("purpose", Template.Purpose.self)
        fields.body = r.value("body")
        if fields.body == nil, requireAll { r.fail("/body", "is required") }
        if let storedKind, let kind = fields.kind, kind != storedKind {
            r.fail("/kind", "a \(storedKind.rawValue) template stays one; create a new template instead")
        }
        let kind = fields.kind ?? storedKind ?? .postback
        if fields.purpose != nil, kind == .postback { r.fail("/purpose", "only e-mail and SMS templates have a purpose") }
        if let body = fields.body {
            if let messageKind = MessageKind(kind) {
                if case .failure(let error) = MessageTemplateSource.read(kind: messageKind, body: body) {
                    for field in error.errors { r.fail(field.pointer, field.detail) }
                }
            } else {
                for error in PostbackTemplate.validate(body) { r.fail("/body" + error.pointer, error.detail) }
            }
        }
        return fields
    }

    func create(_ call: APICall) async throws -> JSONAnswer {
        let account = call.account
        let fields = try await call.decode { r in Self.read(&r, requireAll: true, storedKind: nil) }
        let now = services.clock.now()
        let kind = fields.kind ?? .postback
        // A message the merchant writes is marketing unless they say otherwise: consent is then respected.
        let template = Template(id: KvittoID.make(.template, at: now), accountID: account.id, name: fields.name ?? "", kind: kind,
                                body: fields.body ?? .null, purpose: kind == .postback ? nil : fields.purpose ?? .marketing, createdAt: now)
        try await services.store.write { w in try w.insertTemplate(template) }
        return .created(template.json)
    }

    func update(_ call: APICall) async throws -> JSONValue {
        let (id, account) = (try call.parameter(), call.account)
        let json = try await call.body()
        let now = services.clock.now()
        return try await services.store.write { w -> Template in
            guard var template = try w.template(account: account.id, id: id) else { throw KvittoError.notFound("template \(id)") }
            let fields = try Self.read(json, requireAll: false, storedKind: template.kind)
            if let name = fields.name { template.name = name }
            if let body = fields.body { template.body = body }
            if let purpose = fields.purpose { template.purpose = purpose }
            template.updatedAt = now
            try w.updateTemplate(template)
            return template
        }.json
    }

    /// A template a trigger still uses cannot be deleted: the trigger's deliveries would have no body.
    func delete(_ call: APICall) async throws -> HTTPResponse.Status {
        let id = try call.parameter()
        try await services.store.write { w in try Templates.delete(id: id, account: call.account.id, in: w) }
        return .noContent
    }

    func sample(_ call: APICall) async throws -> JSONValue {
        let name = try call.parameter("type")
        guard let type = EventType(rawValue: name) else { throw KvittoError.notFound("event type \(name)") }
        return EventSamples.sample(for: type)
    }

    /// Renders a template (inline or stored) against a posted payload, a sample, or a stored event.
    func preview(_ call: APICall) async throws -> JSONValue {
        let account = call.account
        let (inline, templateID, payload, eventID, sampleType) = try await call.decode { r in
            let read = (r.value("template"), r.string("template_id"), r.value("payload"), r.string("event_id"), r.enumeration("sample", EventType.self))
            if read.0 == nil, read.1 == nil { r.fail("/template", "give a template or a template_id") }
            if read.2 == nil, read.3 == nil, read.4 == nil { r.fail("/payload", "give a payload, an event_id or a sample event type") }
            return read
        }
        let (stored, event) = try await services.store.read { r in
            (try templateID.flatMap { try r.template(account: account.id, id: $0) }, try eventID.flatMap { try r.event(account: account.id, id: $0) })
        }
        if let templateID, stored == nil { throw KvittoError.notFound("template \(templateID)") }
        if let eventID, event == nil { throw KvittoError.notFound("event \(eventID)") }
        if let stored, stored.kind != .postback {
            throw KvittoError.invalid([FieldError("/template_id", "template \(stored.id) is an \(stored.kind.rawValue) template; preview it with POST /v1/templates/\(stored.id)/preview")])
        }
        let body = inline ?? stored?.body ?? .null
        let input = payload ?? event?.json ?? EventSamples.sample(for: sampleType ?? .orderReceived)
        do {
            return ["output": try PostbackTemplate(body).render(input), "warnings": []]
        } catch {
            throw KvittoError(code: .invalid, detail: error.message, fieldErrors: error.errors)
        }
    }

    /// A stored template rendered for a preview or a test send.
    struct Rendering {
        var template: Template
        /// Messages only.
        var message: RenderedMessage?
        /// Postback templates only.
        var output: JSONValue?
        var settings: AccountSettings?
        /// The test send's recipient.
        var to: String?
    }

    /// Reads what to render against (`sample`, `order_id`, `contact_id` or `event_id`; and `to` for a test
    /// send) and renders the stored template `id` in the account's currency, language and time zone.
    func render(_ call: APICall, readsRecipient: Bool) async throws -> Rendering {
        let (id, account) = (try call.parameter(), call.account)
        let (sampleType, orderID, contactID, eventID, to) = try await call.decode { r in
            let read = (r.enumeration("sample", EventType.self), r.string("order_id"), r.string("contact_id"), r.string("event_id"),
                        readsRecipient ? r.string("to", required: true, maxLength: 320) : nil)
            if [read.0 != nil, read.1 != nil, read.2 != nil, read.3 != nil].filter({ $0 }).count > 1 {
                r.fail("/sample", "give at most one of sample, order_id, contact_id and event_id")
            }
            // An SMS template's recipient is a phone number, checked once the template's kind is known.
            if let to = read.4, MailboxText.address(in: to) == nil, !to.contains(where: \.isNumber) { r.fail("/to", "not an e-mail address or a phone number") }
            return read
        }
        let now = services.clock.now()
        let (template, envelope, settings) = try await services.store.read { r -> (Template?, JSONValue?, AccountSettings?) in
            let settings = try r.settings(account: account.id)
            let (template, envelope) = try Self.previewInputs(r, account: account, id: id, sampleType: sampleType, orderID: orderID,
                                                              contactID: contactID, eventID: eventID, now: now)
            return (template, envelope, settings)
        }
        guard let template else { throw KvittoError.notFound("template \(id)") }
        guard let envelope else {
            throw KvittoError.notFound(eventID.map { "event \($0)" } ?? orderID.map { "order \($0)" } ?? "contact \(contactID ?? "")")
        }
        guard let kind = MessageKind(template.kind) else {
            do throws(TemplateError) {
                let output = try PostbackTemplate(template.body).render(envelope)
                return Rendering(template: template, output: output, settings: settings, to: to)
            } catch {
                throw error.kvittoError
            }
        }
        let source: MessageTemplateSource
        switch MessageTemplateSource.read(kind: kind, body: template.body) {
        case .success(let read): source = read
        case .failure(let error): throw KvittoError(code: .invalid, detail: "the stored template does not compile", fieldErrors: error.errors)
        }
        let formatting = MessageFormatting.of(account: account, settings: settings)
        do throws(MessageTemplateError) {
            let message = try MessageTemplate(source).render(MessageContext.make(event: envelope, formatting: formatting, accountName: account.name))
            return Rendering(template: template, message: message, settings: settings, to: to)
        } catch {
            throw error.templateError.kvittoError
        }
    }

    /// Renders a stored template against a sample event (`sample`, default `order.received`), a stored
    /// order (`order_id`, with its customer), a contact (`contact_id`) or a stored event (`event_id`). A
    /// message answers its rendered parts, the merge fields that were missing (rendered empty) and, for an
    /// SMS, its encoding and segments; a postback template answers its output.
    func previewTemplate(_ call: APICall) async throws -> JSONValue {
        let rendering = try await render(call, readsRecipient: false)
        guard let rendered = rendering.message else { return ["output": rendering.output ?? .null, "warnings": []] }
        var answer: JSONObject = ["kind": .string(rendered.kind.rawValue)]
        if rendered.kind == .email {
            answer["subject"] = .string(rendered.subject)
            answer["html"] = .string(rendered.html)
        }
        answer["text"] = .string(rendered.text)
        if rendered.kind == .sms {
            let analysis = SMSEncoding.analyse(rendered.text)
            answer["sms"] = ["encoding": .string(analysis.encoding.rawValue), "segments": .number(JSONNumber(analysis.segments)),
                             "units": .number(JSONNumber(analysis.units))]
        }
        answer["warnings"] = Self.warnings(rendered)
        return .object(answer)
    }

    static func warnings(_ rendered: RenderedMessage) -> JSONValue {
        .array(rendered.warnings.map { ["field": .string($0.path), "detail": .string($0.description)] })
    }

    /// Sends one real e-mail of the template to `to` with the account's SMTP settings, rendered as the
    /// preview renders it, and answers with what the server said: its reply when it took the message, its
    /// error (and whether sending again could help) when it did not.
    func sendTest(_ call: APICall) async throws -> JSONValue {
        let account = call.account
        let rendering = try await render(call, readsRecipient: true)
        guard let rendered = rendering.message, let to = rendering.to else {
            throw KvittoError(code: .conflict, detail: "only e-mail and SMS templates can be sent as a test")
        }
        guard let sender = services.mailTester else {
            throw KvittoError(code: .conflict, detail: "this process does not send messages")
        }
        let outcome: MailTestOutcome
        let recipient: String
        switch rendered.kind {
        case .email:
            guard MailboxText.address(in: to) != nil else { throw KvittoError.invalid([FieldError("/to", "not an e-mail address")]) }
            guard let smtp = rendering.settings?.smtp else {
                throw KvittoError(code: .conflict, detail: "no SMTP server is set; set one with PATCH /v1/settings first")
            }
            recipient = to
            outcome = await sender.send(rendered, to: to, smtp: smtp)
        case .sms:
            guard let phone = PhoneNumber.normalize(to, defaultCountry: account.defaultCountry) else {
                throw KvittoError.invalid([FieldError("/to", "not a phone number")])
            }
            guard let gateway = rendering.settings?.smsGateway else {
                throw KvittoError(code: .conflict, detail: "no SMS gateway is set; set one with PATCH /v1/settings first")
            }
            recipient = phone
            outcome = await sender.sendSMS(rendered.text, to: phone, gateway: gateway)
        }
        var answer: JSONObject = ["to": .string(recipient), "sent": .bool(outcome.serverReply != nil)]
        answer["server_reply"] = .string(outcome.serverReply)
        answer["error"] = outcome.error.map { ["detail": .string($0.detail), "retryable": .bool($0.retryable)] } ?? .null
        answer["warnings"] = Self.warnings(rendered)
        return .object(answer)
    }

    /// An event envelope around stored records, shaped as the event log writes them.
    static func previewEnvelope(_ type: EventType, now: Date, data: JSONObject) -> JSONValue {
        ["id": "evt_preview", "type": .string(type.rawValue), "occurred_at": .string(Timestamp.format(now)), "origin": "api",
         "data": .object(data)]
    }

    /// The template and the envelope a preview renders it against, read in one snapshot.
    static func previewInputs(_ r: any StoreReader, account: Account, id: String, sampleType: EventType?, orderID: String?,
                              contactID: String?, eventID: String?, now: Date) throws -> (Template?, JSONValue?) {
        guard let template = try r.template(account: account.id, id: id) else { return (nil, nil) }
        if let eventID { return (template, try r.event(account: account.id, id: eventID)?.json) }
        if let orderID {
            guard let order = try r.order(account: account.id, id: orderID) else { return (template, nil) }
            let contact = try order.contactID.flatMap { try r.contact(account: account.id, id: $0) }
            return (template, Self.previewEnvelope(EventType.orderReceived, now: now, data: ["order": order.json, "contact": contact?.json ?? .null]))
        }
        if let contactID {
            guard let contact = try r.contact(account: account.id, id: contactID) else { return (template, nil) }
            return (template, Self.previewEnvelope(EventType.contactUpdated, now: now, data: ["contact": contact.json]))
        }
        return (template, EventSamples.sample(for: sampleType ?? .orderReceived))
    }
}
