import Foundation
import Hummingbird
import KvittoCore
import KvittoStorage
import KvittoTemplates

/// Postback templates, sample payloads and the mapping preview.
struct TemplatesController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("templates", use: create)
        group.get("templates", use: list)
        group.get("templates/{id}", use: show)
        group.patch("templates/{id}", use: update)
        group.delete("templates/{id}", use: delete)
        group.post("templates/{id}/preview", use: previewTemplate)
        group.post("templates/{id}/test", use: sendTest)
        group.get("samples/{type}", use: sample)
        group.post("mappings/preview", use: preview)
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
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(json, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        var fields = Fields()
        fields.name = r.string("name", required: requireAll, maxLength: 200)
        fields.kind = r.enumeration("kind", Template.Kind.self)
        fields.purpose = r.enumeration("purpose", Template.Purpose.self)
        fields.body = r.value("body")
        if fields.body == nil, requireAll { log.add("/body", "is required") }
        r.finish()
        if let storedKind, let kind = fields.kind, kind != storedKind {
            log.add("/kind", "a \(storedKind.rawValue) template stays one; create a new template instead")
        }
        let kind = fields.kind ?? storedKind ?? .postback
        if fields.purpose != nil, kind == .postback { log.add("/purpose", "only e-mail and SMS templates have a purpose") }
        if let body = fields.body {
            if let messageKind = MessageKind(kind) {
                if case .failure(let error) = MessageTemplateSource.read(kind: messageKind, body: body) {
                    for field in error.errors { log.add(field.pointer, field.detail) }
                }
            } else {
                for error in PostbackTemplate.validate(body) { log.add("/body" + error.pointer, error.detail) }
            }
        }
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        return fields
    }

    func create(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        var request = request
        let fields = try Self.read(try await request.jsonBody(), requireAll: true)
        let now = services.clock.now()
        let kind = fields.kind ?? .postback
        // A message the merchant writes is marketing unless they say otherwise: consent is then respected.
        let template = Template(id: KvittoID.make(.template, at: now), accountID: account.id, name: fields.name ?? "", kind: kind,
                                body: fields.body ?? .null, purpose: kind == .postback ? nil : fields.purpose ?? .marketing, createdAt: now)
        try await services.store.write { w in try w.insertTemplate(template) }
        return JSONResponse.make(template.json, status: .created)
    }

    func list(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let query = request.pageRequest
        let page = PageRequest(limit: query.limit, cursor: query.cursor)
        let templates = try await services.store.read { r in try r.templates(account: account.id, page: page) }
        return JSONResponse.page(templates.map(\.json), cursor: templates.count == page.limit ? templates.last?.id : nil)
    }

    func show(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let id = try context.parameters.require("id")
        guard let template = try await services.store.read({ r in try r.template(account: account.id, id: id) }) else {
            throw KvittoError.notFound("template \(id)")
        }
        return JSONResponse.make(template.json)
    }

    func update(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        var request = request
        let json = try await request.jsonBody()
        let now = services.clock.now()
        let template = try await services.store.write { w -> Template in
            guard var template = try w.template(account: account.id, id: id) else { throw KvittoError.notFound("template \(id)") }
            let fields = try Self.read(json, requireAll: false, storedKind: template.kind)
            if let name = fields.name { template.name = name }
            if let body = fields.body { template.body = body }
            if let purpose = fields.purpose { template.purpose = purpose }
            template.updatedAt = now
            try w.updateTemplate(template)
            return template
        }
        return JSONResponse.make(template.json)
    }

    /// A template a trigger still uses cannot be deleted: the trigger's deliveries would have no body.
    func delete(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        try await services.store.write { w in
            var cursor: String?
            repeat {
                let triggers = try w.triggers(account: account.id, page: PageRequest(limit: 500, cursor: cursor))
                if let user = triggers.first(where: { $0.templateID == id }) {
                    throw KvittoError(code: .conflict, detail: "trigger \(user.id) uses this template; point it elsewhere first")
                }
                cursor = triggers.count == 500 ? triggers.last?.id : nil
            } while cursor != nil
            guard try w.deleteTemplate(account: account.id, id: id) else { throw KvittoError.notFound("template \(id)") }
        }
        return Response(status: .noContent)
    }

    func sample(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        _ = try context.require(.read)
        let name = try context.parameters.require("type")
        guard let type = EventType(rawValue: name) else { throw KvittoError.notFound("event type \(name)") }
        return JSONResponse.make(EventSamples.sample(for: type))
    }

    /// Renders a template (inline or stored) against a posted payload, a sample, or a stored event.
    func preview(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        var request = request
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(try await request.jsonBody(), at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        let inline = r.value("template")
        let templateID = r.string("template_id")
        let payload = r.value("payload")
        let eventID = r.string("event_id")
        let sampleType = r.enumeration("sample", EventType.self)
        r.finish()
        if inline == nil, templateID == nil { log.add("/template", "give a template or a template_id") }
        if payload == nil, eventID == nil, sampleType == nil { log.add("/payload", "give a payload, an event_id or a sample event type") }
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
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
            let output = try PostbackTemplate(body).render(input)
            return JSONResponse.make(["output": output, "warnings": []])
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
    func render(_ json: JSONValue, id: String, account: Account, readsRecipient: Bool) async throws -> Rendering {
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(json, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        let sampleType = r.enumeration("sample", EventType.self)
        let orderID = r.string("order_id")
        let contactID = r.string("contact_id")
        let eventID = r.string("event_id")
        let to = readsRecipient ? r.string("to", required: true, maxLength: 320) : nil
        r.finish()
        if [sampleType != nil, orderID != nil, contactID != nil, eventID != nil].filter({ $0 }).count > 1 {
            log.add("/sample", "give at most one of sample, order_id, contact_id and event_id")
        }
        // An SMS template's recipient is a phone number, checked once the template's kind is known.
        if let to, MailboxText.address(in: to) == nil, !to.contains(where: \.isNumber) { log.add("/to", "not an e-mail address or a phone number") }
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
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
    func previewTemplate(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let id = try context.parameters.require("id")
        var request = request
        let rendering = try await render(try await request.jsonBody(), id: id, account: account, readsRecipient: false)
        guard let rendered = rendering.message else { return JSONResponse.make(["output": rendering.output ?? .null, "warnings": []]) }
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
        return JSONResponse.make(.object(answer))
    }

    static func warnings(_ rendered: RenderedMessage) -> JSONValue {
        .array(rendered.warnings.map { ["field": .string($0.path), "detail": .string($0.description)] })
    }

    /// Sends one real e-mail of the template to `to` with the account's SMTP settings, rendered as the
    /// preview renders it, and answers with what the server said: its reply when it took the message, its
    /// error (and whether sending again could help) when it did not.
    func sendTest(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        var request = request
        let rendering = try await render(try await request.jsonBody(), id: id, account: account, readsRecipient: true)
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
        return JSONResponse.make(.object(answer))
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
