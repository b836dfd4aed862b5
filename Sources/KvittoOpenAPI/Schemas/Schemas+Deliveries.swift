import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Deliveries and the mapping preview.
    static var deliverySchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "DeliveryStatus": .enumeration(
                Delivery.Status.self,
                description: """
                    `pending` (due or scheduled for another attempt), `succeeded` (a 2xx arrived) or `failed` (given \
                    up; it can be replayed).
                    """
            ),
            "Delivery": .object(
                required: [
                    "id", "channel", "trigger_id", "event_id", "event_type", "status", "attempt_count", "cycle_start",
                    "next_attempt_at", "last_status_code", "last_error", "created_at", "updated_at",
                ],
                description: """
                    One event sent to one trigger's URL (`channel` `postback`; its id is the `webhook-id` the \
                    receiver sees, stable across retries and replays), or one e-mail or SMS an automation queued \
                    (`channel` `email` or `sms`, with `automation_id`, `run_id`, `template_id`, `contact_id` and \
                    `recipient`), or one order's status written back to its platform (`channel` `platform`, with \
                    `connection_id` and `order_id`; WooCommerce and Cartum). All are retried on the same schedule and \
                    replayed alike.
                    """,
                properties: [
                    "id": .string(examples: ["dlv_01JDQ8ZK5A7B2C4D6E8F1G3H5J"]),
                    "channel": .enumeration(Delivery.Channel.self),
                    "trigger_id": .string(nullable: true, description: "The trigger of a postback; null for a message."),
                    "automation_id": .string(nullable: true, description: "Messages: the automation that queued it."),
                    "run_id": .string(nullable: true, description: "Messages: the automation run."),
                    "template_id": .string(nullable: true, description: "Messages: the e-mail or SMS template."),
                    "contact_id": .string(nullable: true, description: "Messages: the contact it is for."),
                    "recipient": .string(
                        nullable: true,
                        description: """
                            Messages: the e-mail address or E.164 number, as the contact had it when the message was \
                            queued.
                            """
                    ),
                    "connection_id": .string(nullable: true, description: "Status write-backs: the connection (platform) written to."),
                    "order_id": .string(
                        nullable: true,
                        description: "Status write-backs: the order whose status is written, as it is when the attempt is made."
                    ),
                    "event_id": .string(description: "The event that caused it; empty for a status write-back that waited for the order's lock."),
                    "event_type": .ref("EventType"),
                    "status": .ref("DeliveryStatus"),
                    "attempt_count": .integer(atLeast: 0, description: "Attempts made, over every round."),
                    "cycle_start": .integer(
                        atLeast: 0,
                        description: """
                            `attempt_count` when the current round began (0, or the count at the last replay): a \
                            replay restarts the retry schedule while attempt numbers keep counting.
                            """
                    ),
                    "next_attempt_at": .nullableTimestamp(description: "When the next attempt is due; null once succeeded or failed."),
                    "last_status_code": .integer(nullable: true),
                    "last_error": .string(nullable: true, examples: ["all 8 attempts failed", "timeout: deadline exceeded"]),
                    "created_at": .timestamp,
                    "updated_at": .timestamp,
                ],
                examples: .json(Examples.delivery)
            ),
            "DeliveryAttempt": .object(
                required: ["number", "at", "status_code", "latency_ms", "response_headers", "response_excerpt", "error"],
                description: "One HTTP attempt of a delivery.",
                properties: [
                    "number": .integer(atLeast: 1),
                    "at": .timestamp,
                    "status_code": .integer(nullable: true, description: "null when no response arrived."),
                    "latency_ms": .integer(atLeast: 0),
                    "response_headers": .object(
                        required: [], description: "null when no response arrived.", nullable: true, additionalProperties: .schema(.string)
                    ),
                    "response_excerpt": .string(nullable: true, description: "At most 4 KiB of the response body."),
                    "error": .string(
                        nullable: true,
                        description: """
                            `<kind>: <message>` when no response arrived \
                            (\(codes(DeliveryAttemptResult.ErrorKind.allCases.map(\.rawValue)))).
                            """
                    ),
                    "platform_status": .string(description: "Status write-backs only: the platform status the attempt wrote."),
                ]
            ),
            "DeliveryDetail": .allOf(
                [
                    .ref("Delivery"),
                    .object(required: ["attempts"], properties: ["attempts": .array(items: .ref("DeliveryAttempt"))]),
                ],
                description: "A delivery with every attempt, oldest first.", examples: .json(Examples.deliveryDetail)
            ),
            "DeliveryReplayRequest": .object(
                required: [],
                description: """
                    Which deliveries to replay; every member is optional and they combine. The body itself is \
                    optional (no body: every delivery of the account that is not pending).
                    """,
                properties: [
                    "trigger_id": .string(description: "Only this trigger's deliveries."),
                    "automation_id": .string(description: "Only the messages this automation queued."),
                    "connection_id": .string(description: "Only the status write-backs to this connection."),
                    "status": .ref("DeliveryStatus"),
                    "event_type": .ref("EventType"),
                    "since": .string(format: .dateTime, description: "RFC 3339: only deliveries created at or after this time."),
                ],
                additionalProperties: .boolean(false),
                examples: .json(["status": "failed", "since": "2026-11-22T08:00:00Z"])
            ),
            "ReplayResult": .object(
                required: ["replayed"],
                properties: ["replayed": .integer(atLeast: 0, description: "How many deliveries were queued again.")],
                examples: .json(["replayed": 12])
            ),
            // The members, then which of them are needed: OpenAPIKit writes no `anyOf` beside an object's members,
            // so the two parts are the members of an `allOf`.
            "MappingPreviewRequest": .allOf(
                [
                    .object(
                        required: [],
                        properties: [
                            "template": .ref(
                                "TemplateBody",
                                description: "An inline template; problems are reported with pointers relative to it (`/out/$expr`)."
                            ),
                            "template_id": .string(
                                description: "A stored template (404 if unknown).",
                                examples: ["tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3"]
                            ),
                            "payload": .fragment(
                                description: """
                                    Any JSON document to render against (a real postback renders against the event \
                                    envelope).
                                    """
                            ),
                            "event_id": .string(
                                description: "A stored event of the account (404 if unknown).",
                                examples: ["evt_01JBZ8W3Q2B3C4D5E6F7G8H9J0"]
                            ),
                            "sample": .ref(
                                "EventType",
                                description: "Render against this event type's sample (`GET /v1/samples/{type}`)."
                            ),
                        ],
                        additionalProperties: .boolean(false)
                    ),
                    .anyOf([.object(required: ["template"]), .object(required: ["template_id"])]),
                    .anyOf(
                        [.object(required: ["payload"]), .object(required: ["event_id"]), .object(required: ["sample"])]
                    ),
                ],
                description: """
                    A template (`template` inline, or a stored one by `template_id`; the inline one wins) and an \
                    input (`payload`, else the stored event `event_id`, else the sample of event type `sample`). Give \
                    one of each (422 at `/template` or `/payload` otherwise).
                    """
            ),
            "MappingPreviewResult": .object(
                required: ["output", "warnings"],
                properties: [
                    "output": .fragment(description: "The rendered document, exactly as a postback would carry it."),
                    "warnings": .array(description: "Always empty so far.", items: .fragment),
                ],
                examples: .json(["output": ["out": "1001"], "warnings": []])
            ),
        ]
    }
}
