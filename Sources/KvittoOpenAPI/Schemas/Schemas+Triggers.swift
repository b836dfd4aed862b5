import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Triggers.
    static var triggerSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "TriggerMethod": .enumeration(Trigger.Method.self),
            "TriggerInput": .object(
                required: [],
                description: """
                    A postback trigger as `POST /v1/triggers` (where `name`, `event_types` and `url` are required) \
                    and `PATCH /v1/triggers/{id}` (where every member is optional and absent members are kept) take \
                    it. A JSON `null` counts as absent, except for `filter` and `template_id`, where it removes the \
                    stored value. Unknown members are an error. All shape mistakes are reported at once; the URL, \
                    filter and template are then checked together.
                    """,
                properties: [
                    "name": .string(description: "Must not be empty on create.", maxLength: 200),
                    "event_types": .array(
                        description: """
                            The event types that fire the trigger (at least one on create); replaces the stored list. \
                            An unknown type is a 422 pointing at its index (`/event_types/0`).
                            """,
                        maxItems: 1000, items: .ref("EventType")
                    ),
                    "filter": .string(
                        nullable: true,
                        description: """
                            A JMESPath expression over the event envelope that must be truthy for the trigger to fire \
                            (`false`, `null`, `""`, `[]` and `{}` are false; a filter that fails at run time matches \
                            nothing). One that does not compile is a 422 at `/filter`. `null` removes the filter.
                            """,
                        maxLength: 4096, examples: ["data.order.totals.total != '0.00'"]
                    ),
                    "url": .string(
                        format: .uri,
                        description: """
                            The destination: an absolute `http` or `https` URL without credentials (422 at `/url` \
                            otherwise). Its addresses are checked when sending, after DNS resolution: loopback, \
                            private, link-local, CGNAT, multicast and reserved ranges are refused unless the operator \
                            allow-lists them.
                            """,
                        maxLength: 2000, examples: ["https://partner.example/hooks"]
                    ),
                    "method": .ref("TriggerMethod", default: "POST"),
                    "format": .string(
                        description: "Only JSON is supported; any other value is a 422.", allowedValues: ["json"],
                        defaultValue: "json"
                    ),
                    "template_id": .string(
                        nullable: true,
                        description: """
                            A template of the account (`tpl_…`) that shapes the body; an unknown one is a 422 at \
                            `/template_id`. Without a template (or with `null`, which removes it) the event envelope \
                            is sent as is.
                            """,
                        examples: ["tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3"]
                    ),
                    "retry": .boolean(
                        description: """
                            Retry on failure (see the retry schedule in the API description). When off, a failed \
                            first attempt fails the delivery.
                            """,
                        defaultValue: true
                    ),
                    "active": .boolean(
                        description: """
                            Inactive triggers fire nothing (and their pending deliveries fail when due). Setting \
                            `true` also re-enables a trigger Kvitto disabled (it clears `disabled_at`, \
                            `disabled_reason` and `failing_since`).
                            """,
                        defaultValue: true
                    ),
                    "email": .string(
                        description: """
                            An e-mail destination instead of `url`: the payload (as a postback would carry it) is \
                            sent as the text of an e-mail through the account's SMTP server, retried and counted in \
                            the trigger's health like HTTP attempts. Giving both, or an address that is not one, is a \
                            422 at `/email`.
                            """,
                        maxLength: 254, examples: ["lager@butiken.se"]
                    ),
                ],
                additionalProperties: .boolean(false)
            ),
            "TriggerCreateInput": .allOf(
                [
                    .ref("TriggerInput"),
                    .object(required: ["name", "event_types"], properties: ["name": .string(minLength: 1), "event_types": .array(minItems: 1)]),
                    .oneOf([.object(required: ["url"]), .object(required: ["email"])]),
                ],
                description: "A new trigger: `name`, `event_types` (at least one) and `url` or `email` are required.",
                examples: .json(Examples.triggerInput)
            ),
            "Trigger": .object(
                required: [
                    "id", "name", "event_types", "filter", "url", "email", "method", "format", "template_id", "retry",
                    "active", "previous_secret_expires_at", "disabled_at", "disabled_reason", "failing_since",
                    "created_at", "updated_at",
                ],
                description: """
                    A postback trigger: which events, which filter, where to. Its signing secret is never part of it \
                    (it is shown once, on create and on rotation).
                    """,
                properties: [
                    "id": .string(examples: ["trg_01JBZ9C5D6E7F8G9H0J1K2M3N4"]),
                    "name": .string,
                    "event_types": .array(items: .ref("EventType")),
                    "filter": .string(nullable: true, description: "The JMESPath filter, or null."),
                    "url": .string(nullable: true, description: "null for an e-mail destination."),
                    "email": .string(nullable: true, description: "The e-mail destination, or null."),
                    "method": .ref("TriggerMethod"),
                    "format": .string(allowedValues: ["json"]),
                    "template_id": .string(nullable: true, description: "null: the event envelope is sent as is."),
                    "retry": .boolean,
                    "active": .boolean,
                    "previous_secret_expires_at": .nullableTimestamp(
                        description: """
                            After a rotation, until when the previous secret still signs alongside the new one \
                            (\(Int(WebhookSecret.rotationOverlap / 3600)) h), or null.
                            """
                    ),
                    "disabled_at": .nullableTimestamp(
                        description: """
                            When Kvitto switched the trigger off (the endpoint answered 410, or failed for 5 days), \
                            or null. A disabled trigger fires nothing until `active` is set to `true` again.
                            """
                    ),
                    "disabled_reason": .string(nullable: true, examples: ["the endpoint answered 410 Gone"]),
                    "failing_since": .nullableTimestamp(
                        description: "Since when every attempt to the endpoint has failed; cleared by a success."
                    ),
                    "created_at": .timestamp,
                    "updated_at": .timestamp,
                ],
                examples: .json(Examples.trigger)
            ),
            "TriggerWithSecret": .allOf(
                [
                    .ref("Trigger"),
                    .object(
                        required: ["secret"],
                        properties: [
                            "secret": .string(
                                description: """
                                    The Standard Webhooks signing secret: `\(WebhookSecret.prefix)` + the base64 of \
                                    \(WebhookSecret.generatedByteCount) random bytes. Never shown again.
                                    """,
                                pattern: secretPattern, examples: [AnyCodable(Examples.triggerSecret)]
                            ),
                        ]
                    ),
                ],
                description: "A trigger with its signing secret, shown only in this answer.",
                examples: .json(Examples.triggerCreated)
            ),
            "TriggerTestRequest": .object(
                required: [],
                description: """
                    Which event to send. The body is optional: without it, the sample of the trigger's first event \
                    type is sent.
                    """,
                properties: [
                    "event_id": .string(
                        description: "Send this stored event of the account (404 if unknown).",
                        examples: ["evt_01JBZ8W3Q2B3C4D5E6F7G8H9J0"]
                    ),
                    "event_type": .ref(
                        "EventType",
                        description: "Send the sample of this event type (ignored when `event_id` is given)."
                    ),
                ],
                additionalProperties: .boolean(false), examples: .json(["event_type": "order.shipped"])
            ),
            "TriggerTestResult": .object(
                required: ["request", "response", "event_id", "sample", "delivery_written"],
                description: """
                    The exact request Kvitto sent and what came back. Whatever the receiver answered (or if nothing \
                    did), the test itself answers 200; nothing is stored and nothing retries.
                    """,
                properties: [
                    "request": .oneOf([
                        .object(
                            required: ["method", "url", "headers", "body"],
                            description: "A trigger with a URL: the HTTP request sent.",
                            properties: [
                                "method": .ref("TriggerMethod"),
                                "url": .string,
                                "headers": .object(
                                    required: [],
                                    description: """
                                        `content-type`, `user-agent`, and the Standard Webhooks headers `webhook-id` (a \
                                        fresh `dlv_…` id that is not stored), `webhook-timestamp` and `webhook-signature`.
                                        """,
                                    additionalProperties: .schema(.string)
                                ),
                                "body": .string(description: "The body as sent: the rendered template, or the event envelope."),
                            ],
                            additionalProperties: .boolean(false)
                        ),
                        .object(
                            required: ["email", "subject", "text"],
                            description: "A trigger with an e-mail address: the notice sent, through the account's SMTP server.",
                            properties: [
                                "email": .string,
                                "subject": .string,
                                "text": .string(description: "The body as sent: the rendered template, or the event envelope."),
                            ],
                            additionalProperties: .boolean(false)
                        ),
                    ]),
                    "response": .oneOf([
                        .object(
                            required: ["status", "headers", "body_excerpt", "latency_ms", "error"],
                            description: "What the URL answered.",
                            properties: [
                                "status": .integer(nullable: true, description: "null when no response arrived."),
                                "headers": .object(required: [], additionalProperties: .schema(.string)),
                                "body_excerpt": .string(nullable: true, description: "At most 4 KiB of the response body."),
                                "latency_ms": .integer(atLeast: 0),
                                "error": .string(
                                    nullable: true,
                                    description: """
                                        `<kind>: <message>` when no response arrived; kinds are \
                                        \(codes(DeliveryAttemptResult.ErrorKind.allCases.map(\.rawValue), last: " and ")).
                                        """,
                                    examples: ["connect-failed: connection refused"]
                                ),
                            ],
                            additionalProperties: .boolean(false)
                        ),
                        .object(
                            required: ["sent"],
                            description: "What the SMTP server said: its reply to the message, or why it was not sent.",
                            properties: [
                                "sent": .boolean,
                                "server_reply": .string(description: "When sent: the server's last reply."),
                                "error": .string(description: "When not sent: why.", examples: ["cannot resolve smtp.example.se"]),
                            ],
                            additionalProperties: .boolean(false)
                        ),
                    ]),
                    "event_id": .string(description: "The event sent (the sample's fixed id for a sample)."),
                    "sample": .boolean(description: "Whether a sample was sent rather than a stored event."),
                    "delivery_written": .boolean(description: "Always false: a test writes no delivery.", allowedValues: [false]),
                ],
                examples: .json(Examples.testResult)
            ),
        ]
    }

    /// A generated signing secret: the prefix, then the base64 of `generatedByteCount` bytes with its padding.
    private static var secretPattern: String {
        let bytes = WebhookSecret.generatedByteCount
        let padding = (3 - bytes % 3) % 3
        let characters = (bytes + 2) / 3 * 4 - padding
        return "^\(WebhookSecret.prefix)[A-Za-z0-9+/]{\(characters)}\(String(repeating: "=", count: padding))$"
    }
}
