import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Backfills and platform webhooks.
    static var backfillAndHookSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "BackfillRequest": .object(
                required: [],
                description: """
                    What to import; every member is optional, and so is the body itself. A JSON `null` counts as \
                    absent; unknown members are an error.
                    """,
                properties: [
                    "since": .string(
                        format: .dateTime,
                        description: """
                            RFC 3339: orders created at or after this time. Defaults to the connection's \
                            `import_window_days` before now.
                            """
                    ),
                    "until": .string(
                        format: .dateTime,
                        description: """
                            RFC 3339: orders created at or before this time; must be after `since` (422 at `/until`). \
                            Defaults to now.
                            """
                    ),
                    "all_states": .boolean(
                        description: """
                            Import orders in every state; by default orders in the connection's `excluded_states` \
                            (finished ones) are left out and counted as `skipped`.
                            """,
                        defaultValue: false
                    ),
                    "fire_triggers": .boolean(
                        description: """
                            Let the import's events (origin `backfill`) fire postback triggers; by default they fire \
                            nothing.
                            """,
                        defaultValue: false
                    ),
                ],
                additionalProperties: .boolean(false), examples: .json(Examples.backfillRequest)
            ),
            "Backfill": .object(
                required: [
                    "id", "connection_id", "status", "since", "until", "all_states", "fire_triggers", "progress",
                    "checkpoint", "error", "created_at", "updated_at", "finished_at",
                ],
                description: """
                    A historical import of one connection. It runs in the background page by page, each page and the \
                    checkpoint after it committed together, so a process that stops resumes from the checkpoint; \
                    orders are upserts, so running an import twice imports nothing twice.
                    """,
                properties: [
                    "id": .string(examples: ["job_01JDR2K8M4P6T9W3Y5B7D1F3H5"]),
                    "connection_id": .string,
                    "status": .enumeration(
                        Backfill.Status.self,
                        description: """
                            `failed` once the platform's API kept failing after its retries (the error is in `error`) \
                            or the connection was deleted.
                            """
                    ),
                    "since": .timestamp,
                    "until": .timestamp,
                    "all_states": .boolean,
                    "fire_triggers": .boolean,
                    "progress": .object(
                        required: ["pages", "imported", "rejected", "skipped"],
                        properties: [
                            "pages": .integer(atLeast: 0, description: "Pages committed."),
                            "imported": .integer(
                                atLeast: 0,
                                description: """
                                    Orders applied, whatever their outcome (created, updated, unchanged or \
                                    ignored_locked).
                                    """
                            ),
                            "rejected": .integer(
                                atLeast: 0, description: "Refused by a rule or unmappable; each is in `GET /v1/rejections`."
                            ),
                            "skipped": .integer(
                                atLeast: 0,
                                description: "Left out: created outside `since`–`until`, in an excluded state, or ignored."
                            ),
                        ]
                    ),
                    "checkpoint": .fragment(
                        description: """
                            The platform's position after the last committed page (`{"url": …}` Shopify, `{"page": \
                            n}` WooCommerce, `{"offset": n}` Cartum and FAPI, `{"start": n}` Sitoo); null before the \
                            first page.
                            """
                    ),
                    "error": .string(
                        nullable: true,
                        examples: ["""
                            HTTP 401: Shopify orders: {"errors":"[API] Invalid API key or access token (unrecognized \
                            login or wrong password)"}
                            """, nil]
                    ),
                    "created_at": .timestamp,
                    "updated_at": .timestamp,
                    "finished_at": .nullableTimestamp(
                        description: "When the import completed; null while running and after a failure."
                    ),
                ],
                examples: .json(Examples.backfillCompleted)
            ),
            "HookReceipt": .oneOf(
                [
                    .object(
                        required: ["received", "stored", "duplicates"],
                        properties: [
                            "received": .boolean(allowedValues: [true]),
                            "stored": .array(
                                description: """
                                    Inbox ids of the deliveries stored now (one per Sitoo order event; empty when \
                                    every one was a repeat).
                                    """,
                                items: .string
                            ),
                            "duplicates": .integer(
                                atLeast: 0,
                                description: "Deliveries already stored (same delivery id), which are not applied again."
                            ),
                        ],
                        additionalProperties: .boolean(false)
                    ),
                    .object(
                        required: ["received", "ping"],
                        properties: [
                            "received": .boolean(allowedValues: [true]),
                            "ping": .string(
                                description: "The WooCommerce webhook id of the ping; nothing is stored.",
                                pattern: "^[0-9]+$"
                            ),
                        ],
                        additionalProperties: .boolean(false)
                    ),
                ],
                description: """
                    The answer to a platform webhook: the deliveries stored (inbox ids) and how many were repeats of \
                    stored ones, or — for WooCommerce's ping — the pinging webhook's id.
                    """,
                examples: .json(Examples.hookStored)
            ),
            "FAPINotification": .object(
                required: ["id", "time", "security"],
                description: "FAPI's notification form (`application/x-www-form-urlencoded`). Other fields are ignored.",
                properties: [
                    "id": .string(description: "The invoice id.", pattern: "^[0-9]+$"),
                    "time": .string(description: "Unix seconds, as FAPI sent them.", pattern: "^[0-9]+$"),
                    "security": .string(
                        description: """
                            FAPI's SHA-1 over `time`, the invoice's id and number and an MD5 of each item \
                            (fapi-client's `SecurityChecker`).
                            """,
                        pattern: "^[0-9A-Fa-f]{40}$"
                    ),
                ],
                examples: .json(["id": "185993812", "time": "1599572000", "security": "e63d982281b92fd45edebb528a398f78ef5fa53d"])
            ),
            "SitooEvents": .array(
                description: """
                    A Sitoo Events SPI delivery: at most 10 events. Events of type `order` need `event_id`, \
                    `event_date` (Unix seconds) and `data.order_id`; events of other types are skipped.
                    """,
                maxItems: 10,
                items: .allOf(
                    [
                        .object(
                            required: ["event_type"],
                            properties: [
                                "event_id": .anyOf([.string, .integer]),
                                "event_type": .string(examples: ["order"]),
                                "event_date": .integer(description: "Unix seconds."),
                                "account_id": .anyOf([.string, .integer]),
                                "data": .object(
                                    required: [],
                                    properties: [
                                        "order_id": .anyOf([.string, .integer]),
                                        "eshop_id": .anyOf([.string, .integer]),
                                        "order_event_type": .string(examples: ["add", "update"]),
                                        "order_state_changed": .string(examples: ["closed"]),
                                    ]
                                ),
                            ]
                        ),
                        // "if event_type is order, then …" (OpenAPIKit 6.4 has no if/then): not an order, or all of it.
                        .anyOf([
                            .object(required: ["event_type"], properties: ["event_type": .not(.fragment(allowedValues: ["order"]))]),
                            .object(required: ["event_id", "event_date", "data"], properties: ["data": .object(required: ["order_id"])]),
                        ]),
                    ]
                ),
                examples: .json(Examples.sitooEvents)
            ),
        ]
    }
}
