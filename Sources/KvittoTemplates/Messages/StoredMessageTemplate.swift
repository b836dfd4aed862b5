import Foundation
import KvittoCore

/// How `email` and `sms` templates are stored and exchanged over the API: the template's `body` is an
/// object with one Mustache text per part, `{"subject": …, "html": …, "text": …}` for e-mail (`html`
/// optional: a text-only e-mail) and `{"text": …}` for SMS.
extension MessageTemplateSource {
    public var body: JSONValue {
        var object: JSONObject = [:]
        if let subject { object["subject"] = .string(subject) }
        if let html { object["html"] = .string(html) }
        object["text"] = .string(text)
        return .object(object)
    }

    /// The source a stored or posted body describes, compiled to check it: every problem is a field error
    /// pointing at its part (`/body/html`), with line and column where the parser gave them.
    public static func read(kind: MessageKind, body: JSONValue) -> Result<MessageTemplateSource, TemplateError> {
        guard let object = body.objectValue else {
            return .failure(TemplateError(.invalid, errors: [FieldError("/body", kind == .email
                ? "must be an object with subject, text and optionally html" : "must be an object with text")]))
        }
        var errors: [FieldError] = []
        func part(_ name: String, required: Bool) -> String? {
            switch object[name] {
            case .string(let text)?: return text
            case nil, .null?: if required { errors.append(FieldError("/body/\(name)", "is required")) }
            default: errors.append(FieldError("/body/\(name)", "must be a string"))
            }
            return nil
        }
        let allowed: Set<String> = kind == .email ? ["subject", "html", "text"] : ["text"]
        for key in object.keys where !allowed.contains(key) {
            errors.append(FieldError("/body/\(key)", kind == .email ? "is not a part of an e-mail (subject, html, text)" : "an SMS has only text"))
        }
        let subject = kind == .email ? part("subject", required: true) : nil
        let html = kind == .email ? part("html", required: false) : nil
        let text = part("text", required: true)
        guard errors.isEmpty, let text else { return .failure(TemplateError(.invalid, errors: errors)) }
        let source = MessageTemplateSource(kind: kind, subject: subject, html: html, text: text)
        do {
            _ = try MessageTemplate(source)
        } catch {
            let located = error.templateError.errors.map { FieldError("/body" + $0.pointer, $0.detail) }
            return .failure(TemplateError(error.kind, errors: located))
        }
        return .success(source)
    }
}

extension MessageKind {
    public init?(_ kind: Template.Kind) {
        switch kind {
        case .email: self = .email
        case .sms: self = .sms
        case .postback: return nil
        }
    }
}

extension StandardTemplate {
    /// This standard template as a template of `account`, created `now`.
    public func template(account: String, now: Date) -> Template {
        Template(id: KvittoID.make(.template, at: now), accountID: account, name: name,
                 kind: source.kind == .email ? .email : .sms, body: source.body, purpose: purpose, key: key, createdAt: now)
    }
}
