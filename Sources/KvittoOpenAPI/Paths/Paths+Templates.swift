import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Templates.
    static var templatePaths: OpenAPI.PathItem.Map {
        [
            "/v1/templates": .pathItem(.init(
                get: operation(
                    "listTemplates", "List templates", scope: .read, tag: .templates,
                    "Templates, newest first.",
                    ok: [.json(200, "A page of templates.", "TemplatePage")], errors: .of(.auth),
                    parameters: [.component("Limit"), .component("Cursor")]
                ),
                post: operation(
                    "createTemplate", "Create a template", scope: .admin, tag: .templates,
                    """
                    Stores a template: a postback template shapes postback bodies (every `$expr` and `$template` \
                    is compiled now; a body that does not compile is a 422 whose `errors` point at the directive \
                    under `/body`, e.g. `/body/out/$expr`); an `email` or `sms` template is a message whose parts \
                    are compiled now (a 422 points at the part, e.g. `/body/html`, with line and column).
                    """,
                    ok: [.json(201, "The template was created.", "Template")],
                    errors: .of(.body, .auth, unprocessable: "TemplateInvalid"), body: .json("TemplateCreateInput")
                )
            )),
            "/v1/templates/{id}": .pathItem(.init(
                parameters: [.component("TemplateID")],
                get: operation(
                    "getTemplate", "Get a template", scope: .read, tag: .templates,
                    ok: [.json(200, "The template.", "Template")], errors: .of(.auth, 404)
                ),
                delete: operation(
                    "deleteTemplate", "Delete a template", scope: .admin, tag: .templates,
                    """
                    Deletes the template. A template a trigger still uses cannot be deleted (409): point the \
                    trigger elsewhere (or set its `template_id` to null) first.
                    """,
                    ok: [.json(204, "The template was deleted.")], errors: .of(.auth, 404, 409, conflict: "TemplateInUse")
                ),
                patch: operation(
                    "patchTemplate", "Change a template", scope: .admin, tag: .templates,
                    """
                    Changes the name and/or replaces the body (compiled as on create). Triggers using the \
                    template send the new body from their next attempt on.
                    """,
                    ok: [.json(200, "The changed template.", "Template")],
                    errors: .of(.body, .auth, 404, unprocessable: "TemplateInvalid"),
                    body: .json(
                        "TemplateInput",
                        example: [
                            "body": ["orderRef": ["$expr": "data.order.number"], "total": ["$expr": "data.order.totals.total"]],
                        ]
                    )
                )
            )),
            "/v1/settings": .pathItem(.init(
                get: operation(
                    "getSettings", "Get the message settings", scope: .read, tag: .templates,
                    "How e-mail and SMS go out and what messages are formatted in. Secrets are never answered.",
                    ok: [.json(200, "The settings.", "Settings")], errors: .of(.auth)
                ),
                patch: operation(
                    "patchSettings", "Change the message settings", scope: .admin, tag: .templates,
                    """
                    SMTP server, SMS gateway, time zone, language and alert address. Checked as a whole: a \
                    refused change stores nothing.
                    """,
                    ok: [.json(200, "The settings as stored.", "Settings")], errors: .of(.body, .auth),
                    body: .json("SettingsInput")
                )
            )),
            "/v1/templates/{id}/preview": .pathItem(.init(
                parameters: [.component("TemplateID")],
                post: operation(
                    "previewTemplate", "Render a stored template", scope: .read, tag: .templates,
                    """
                    Renders the template against a sample event, a stored order, a contact or a stored event, in \
                    the account's currency, language and time zone, and lists the merge fields that were missing.
                    """,
                    ok: [.json(200, "The rendered template.", "TemplatePreview")],
                    errors: .of(.body, .auth, 404, unprocessable: "TemplateInvalid"), body: .json("TemplatePreviewInput")
                )
            )),
            "/v1/templates/{id}/test": .pathItem(.init(
                parameters: [.component("TemplateID")],
                post: operation(
                    "testTemplate", "Send a template as a test e-mail or SMS", scope: .admin, tag: .templates,
                    """
                    Renders the e-mail or SMS template as the preview does and sends it at once to `to` through \
                    the account's SMTP server or SMS gateway (`PATCH /v1/settings`), outside the queue, and \
                    answers with what the server or gateway said. 409 when the sender is not set or the template \
                    is a postback template; 422 at `/to` when `to` is not an e-mail address (e-mail) or a phone \
                    number (SMS).
                    """,
                    ok: [.json(200, "What the SMTP server or SMS gateway answered.", "TemplateTestResult")],
                    errors: .of(.body, .auth, 404, 409), body: .json("TemplateTestInput")
                )
            )),
            "/v1/samples/{type}": .pathItem(.init(
                parameters: [
                    .path("type", .ref("EventType"), description: "An event type; an unknown one is a 404.", example: "order.shipped"),
                ],
                get: operation(
                    "getEventSample", "Get an event type's sample", scope: .read, tag: .templates,
                    """
                    The sample envelope of an event type, exactly as a real event of that type looks (a Swedish \
                    web-shop order in SEK for `order.*`), for writing and previewing templates and for \
                    `POST /v1/triggers/{id}/test`.
                    """,
                    ok: [.content(200, "The sample event envelope.", json(.ref("Event"), examples: [
                        "order.shipped": .example("order.shipped", Examples.sampleOrderShippedEvent),
                        "contact.tag_added": .example("contact.tag_added", Examples.sampleTagAddedEvent),
                    ]))],
                    errors: .of(.auth, 404)
                )
            )),
            "/v1/mappings/preview": .pathItem(.init(
                post: operation(
                    "previewMapping", "Preview a template", scope: .read, tag: .templates,
                    """
                    Renders a template (inline, or a stored one) against a posted payload, a stored event or an \
                    event type's sample, and returns the output exactly as a postback would carry it. Nothing is \
                    stored or sent. A template that does not compile, or fails on the input, is a 422 whose \
                    `errors` point at the directive (e.g. `/out/$expr`); an unknown `template_id` or `event_id` \
                    is a 404.
                    """,
                    ok: [.json(200, "The rendered output.", "MappingPreviewResult")],
                    errors: .of(.body, .auth, 404, unprocessable: "PreviewUnprocessable"),
                    body: .json("MappingPreviewRequest", examples: [
                        "spec": .example(
                            "Inline template and payload (SPEC §5)",
                            ["template": ["out": ["$expr": "order.number"]], "payload": ["order": ["number": "1001"]]]
                        ),
                        "stored": .example(
                            "A stored template against a sample",
                            ["template_id": "tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3", "sample": "order.shipped"]
                        ),
                        "event": .example(
                            "An inline template against a stored event",
                            ["template": Examples.templateBody, "event_id": "evt_01JBZ8W3Q2B3C4D5E6F7G8H9J0"]
                        ),
                    ])
                )
            )),
        ]
    }
}
