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
        group.get("samples/{type}", use: sample)
        group.post("mappings/preview", use: preview)
    }

    /// Name, kind and body of a template request; a body that does not compile is a 422 pointing at the
    /// directive at fault, under `/body`.
    static func read(_ json: JSONValue, requireAll: Bool) throws -> (name: String?, body: JSONValue?) {
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(json, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        let name = r.string("name", required: requireAll, maxLength: 200)
        if let kind = r.string("kind"), Template.Kind(rawValue: kind) == nil { log.add("/kind", "only postback templates exist so far") }
        let body = r.value("body")
        if body == nil, requireAll { log.add("/body", "is required") }
        r.finish()
        if let body {
            for error in PostbackTemplate.validate(body) { log.add("/body" + error.pointer, error.detail) }
        }
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        return (name, body)
    }

    func create(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        var request = request
        let (name, body) = try Self.read(try await request.jsonBody(), requireAll: true)
        let now = services.clock.now()
        let template = Template(id: KvittoID.make(.template, at: now), accountID: account.id, name: name ?? "", kind: .postback,
                                body: body ?? .null, createdAt: now)
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
        let (name, body) = try Self.read(try await request.jsonBody(), requireAll: false)
        let now = services.clock.now()
        let template = try await services.store.write { w -> Template in
            guard var template = try w.template(account: account.id, id: id) else { throw KvittoError.notFound("template \(id)") }
            if let name { template.name = name }
            if let body { template.body = body }
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
        let body = inline ?? stored?.body ?? .null
        let input = payload ?? event?.json ?? EventSamples.sample(for: sampleType ?? .orderReceived)
        do {
            let output = try PostbackTemplate(body).render(input)
            return JSONResponse.make(["output": output, "warnings": []])
        } catch {
            throw KvittoError(code: .invalid, detail: error.message, fieldErrors: error.errors)
        }
    }
}
