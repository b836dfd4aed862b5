import KvittoCore
import KvittoTemplates
import OpenAPIKit

extension APIDocument {
    /// Templates.
    static var templateSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        let limits = TemplateLimits.default
        return [
            "TemplateBody": .fragment(
                description: """
                    A postback template: any JSON document (object, array or scalar) whose values may be directives, \
                    at any depth and at the root. A directive is an object with exactly one member:

                    - `{"$expr": "<JMESPath>"}` is replaced by the expression's result against the event envelope \
                    (`{id, type, sequence, occurred_at, origin, account_id, data}`), e.g. `data.order.number`;
                    - `{"$template": "Order {{data.order.number}}"}` is replaced by the Mustache text rendered \
                    against the envelope, as a string (nothing is HTML-escaped);
                    - `{"$literal": …}` is replaced by its value exactly as written, even if that looks like a \
                    directive.

                    Everything else is sent as written. Any other `$`-key, or a directive beside other members, is an \
                    error (wrap such objects in `$literal`). Every expression and text is compiled when the template \
                    is saved; problems are a 422 whose `errors` point at the directive (`/body/out/$expr`). Limits: \
                    \(limits.maxTextLength) bytes per `$template` text, \(limits.maxDirectives) directives, \
                    \(limits.maxDepth) levels of nesting, and a rendered document of at most \(limits.maxOutputBytes >> 20) MiB \
                    or \(limits.maxOutputNodes) values; each expression also has length and evaluation-step limits.
                    """,
                examples: .json(Examples.templateBody)
            ),
            "MessageTemplateBody": .object(
                required: ["text"],
                description: """
                    An `email` or `sms` template: Mustache text per part. E-mail has `subject` and `text` (required) \
                    and `html` (optional: without it a text-only e-mail); SMS has `text` only. Merge fields read the \
                    message context: `contact`, `order` (with `lines` for sections), `shipping` (`carrier`, \
                    `tracking_number`, `tracking_url`), `event`, `account`; custom fields as \
                    `{{contact.fields.Sitoo-Contact.member_number}}`. Money renders in the account's currency and \
                    language (`647,00 kr`, `€12.50`; the plain decimal is beside it as `<name>_amount`), times in its \
                    time zone (ISO-8601 as `<name>_iso`). Only `html` escapes values; subject, text and SMS never do. \
                    A part that does not parse is a 422 pointing at it (`/body/html`) with line and column.
                    """,
                properties: ["subject": .string, "html": .string, "text": .string], additionalProperties: .boolean(false),
                examples: .json(
                    [
                        "subject": "Tack för din order {{order.number}}",
                        "html": "<p>Hej {{contact.first_name}}!</p><p>Totalt: {{order.totals.total}}</p>",
                        "text": "Hej {{contact.first_name}}! Totalt: {{order.totals.total}}",
                    ],
                )
            ),
            "TemplateKind": .enumeration(
                Template.Kind.self,
                description: "`postback` shapes postback bodies; `email` and `sms` are messages."
            ),
            "TemplatePurpose": .enumeration(
                Template.Purpose.self,
                description: """
                    Messages only. Transactional messages (order, shipping and delivery confirmations, receipts) go \
                    to every contact; marketing ones skip contacts without consent, blacklisted or unsubscribed ones.
                    """
            ),
            "TemplateInput": .object(
                required: [],
                description: """
                    A template as `POST /v1/templates` (where `name` and `body` are required) and `PATCH \
                    /v1/templates/{id}` (where every member is optional and absent members are kept) take it. A JSON \
                    `null` counts as absent; unknown members are an error. The body is checked against the kind: a \
                    postback document, or message parts.
                    """,
                properties: [
                    "name": .string(maxLength: 200),
                    "kind": .ref(
                        "TemplateKind",
                        description: "Set on create; a template keeps its kind (changing it on `PATCH` is a 422).",
                        default: "postback"
                    ),
                    "purpose": .ref(
                        "TemplatePurpose",
                        description: "Messages only (default `marketing`); on a postback template a 422."
                    ),
                    "body": .anyOf(
                        [.ref("TemplateBody"), .ref("MessageTemplateBody")],
                        description: "The template; on `PATCH` it replaces the stored one as a whole."
                    ),
                ],
                additionalProperties: .boolean(false)
            ),
            "TemplateCreateInput": .allOf(
                [.ref("TemplateInput"), .object(required: ["name", "body"])],
                description: "A new template: `name` and `body` are required.", examples: .json(Examples.templateInput)
            ),
            "Template": .object(
                required: ["id", "name", "kind", "body", "created_at", "updated_at"],
                description: """
                    A stored template. Every account starts with the standard message templates (Swedish and English \
                    order, shipping and delivery confirmations, thank-you, and the receipt copy of a shop purchase), \
                    found by `key` and editable like any other.
                    """,
                properties: [
                    "id": .string(examples: ["tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3"]),
                    "name": .string,
                    "kind": .ref("TemplateKind"),
                    "purpose": .ref("TemplatePurpose", description: "Messages only."),
                    "key": .string(
                        nullable: true,
                        description: """
                            Messages only: the standard template's stable key (`order_confirmation.sv`, \
                            `shipping_confirmation.en`, `delivery_confirmation.*`, `thank_you.*`, `receipt.*`); null \
                            for the account's own.
                            """,
                        examples: ["order_confirmation.sv"]
                    ),
                    "body": .anyOf([.ref("TemplateBody"), .ref("MessageTemplateBody")]),
                    "created_at": .timestamp,
                    "updated_at": .timestamp,
                ],
                examples: .json(Examples.template)
            ),
            "TemplatePreviewInput": .object(
                required: [],
                description: """
                    What to render the template against: at most one of a sample event type (the default is \
                    `order.received`), a stored order (with its customer), a contact or a stored event.
                    """,
                properties: ["sample": .ref("EventType"), "order_id": .string, "contact_id": .string, "event_id": .string],
                additionalProperties: .boolean(false), examples: .json(["order_id": "ord_01JBZ9B4C5D6E7F8G9H0J1K2M3"])
            ),
            "TemplatePreview": .object(
                required: ["warnings"],
                description: """
                    A rendered template. Messages: the parts, and `warnings` for merge fields that were missing and \
                    rendered empty (present but null is not a warning); an SMS also says its encoding and how many \
                    segments it takes. A postback template: its `output`.
                    """,
                properties: [
                    "kind": .ref("TemplateKind"),
                    "subject": .string,
                    "html": .string,
                    "text": .string,
                    "sms": .object(
                        required: [],
                        properties: [
                            "encoding": .enumeration(SMSEncoding.Encoding.self),
                            "segments": .integer,
                            "units": .integer(description: "GSM-7 septets or UTF-16 code units."),
                        ]
                    ),
                    "output": .fragment(description: "Postback templates: the rendered document."),
                    "warnings": .array(
                        items: .object(
                            required: [],
                            properties: [
                                "field": .string(examples: ["contact.fields.Sitoo-Contact.member_number"]),
                                "detail": .string,
                            ]
                        )
                    ),
                ]
            ),
            "TemplateTestInput": .object(
                required: ["to"],
                description: "Where to send the test (`to`, required) and what to render it against, as for the preview.",
                properties: [
                    "to": .string(
                        description: """
                            An e-mail address for an e-mail template, a phone number (any spelling; sent as E.164) \
                            for an SMS template.
                            """,
                        examples: ["Anna Berg <anna@example.se>", "070-123 45 67"]
                    ),
                    "sample": .ref("EventType"),
                    "order_id": .string,
                    "contact_id": .string,
                    "event_id": .string,
                ],
                additionalProperties: .boolean(false)
            ),
            "TemplateTestResult": .object(
                required: ["to", "sent", "server_reply", "error", "warnings"],
                properties: [
                    "to": .string(description: "Where it went (an SMS number as E.164)."),
                    "sent": .boolean(description: "Whether the SMTP server or SMS gateway took the message."),
                    "server_reply": .string(nullable: true, examples: ["250 OK queued as 4F2A", "HTTP 200: {\"id\": \"sms-1\"}"]),
                    "error": .object(
                        required: [], nullable: true,
                        properties: [
                            "detail": .string(
                                description: "What went wrong, with the server's own words when it answered (e.g. `550 …`)."
                            ),
                            "retryable": .boolean(
                                description: """
                                    Whether sending again later could succeed (a 4xx, a connection that failed) or \
                                    not (a 5xx, a refused address).
                                    """
                            ),
                        ]
                    ),
                    "warnings": .array(items: .object),
                ]
            ),
        ]
    }
}
