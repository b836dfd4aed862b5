import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Connections and the inbox.
    static var connectionSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "ConnectionKind": .enumeration(
                Connection.Kind.self,
                description: """
                    The platform. `api` is the native API under a `source` label: such connections are made by \
                    posting orders (`POST /v1/orders`), never by `POST /v1/connections`, and cannot be changed.
                    """
            ),
            "ConnectionSettingsInput": .object(
                required: [],
                description: """
                    Settings to change. Absent members are kept, and a JSON `null` counts as absent except for \
                    `product_key`. Unknown members are an error. A new connection starts from its platform's defaults \
                    (seed 004), which the answer shows.
                    """,
                properties: [
                    "product_key": .enumeration(
                        ProductKey.self, orNull: true,
                        description: """
                            How the connection's order lines are matched to catalogue products; `null` (the default) \
                            uses the account's product key.
                            """
                    ),
                    "require_contact_channel": .boolean(
                        description: """
                            Refuse orders without a customer (`no-customer`) or whose customer has neither a valid \
                            e-mail nor a valid phone (`no-contact-channel`). Default on for WooCommerce and FAPI; off \
                            for Shopify, Cartum and Sitoo, whose orders with a hidden customer are kept with an \
                            *unspecified* customer.
                            """
                    ),
                    "status_mapping": .object(
                        required: [],
                        description: """
                            Platform status → Kvitto status, on top of the platform's defaults (the answer shows the \
                            combined mapping). Replaces the overrides stored before. Raw statuses compare \
                            case-insensitively; a status nobody mapped becomes `received` and is kept in the order's \
                            `platform_status`. A value that is not one of the eight statuses is a 422 at \
                            `/settings/status_mapping/<raw status>`.
                            """,
                        additionalProperties: .schema(.ref("OrderStatus")),
                        examples: .json(["on-hold": "in_production", "awaiting-shipment": "in_production"])
                    ),
                    "status_sync": .boolean(
                        description: """
                            Apply later status changes from the platform to a stored order. Default off for Shopify \
                            (an order keeps the status it arrived with), on elsewhere.
                            """
                    ),
                    "import_window_days": .integer(
                        atLeast: 1, atMost: 3650,
                        description: "How far back a backfill reaches when it names no `since` (422 outside 1–3650).",
                        default: 60
                    ),
                    "excluded_states": .array(
                        description: """
                            Raw platform states a backfill leaves out unless it asks for `all_states` (finished \
                            orders); replaces the stored list. Defaults: Shopify `cancelled`, `fulfilled`, \
                            `refunded`; WooCommerce `cancelled`, `completed`, `failed`, `refunded`, `trash`; Cartum \
                            `3` (Delivered); none for FAPI and Sitoo.
                            """,
                        maxItems: 1000, items: .string, examples: .json(["cancelled", "fulfilled", "refunded"])
                    ),
                    "send_order_data": .boolean(
                        description: """
                            Off: orders only bring their customer into the contacts and no order is stored (FAPI's \
                            *send order data*).
                            """,
                        defaultValue: true
                    ),
                    "status_write_back": .boolean(
                        description: """
                            Write the statuses Kvitto sets (API, admin, automations) back to the platform, each as a \
                            delivery in the delivery log (`channel` `platform`). Default on for new WooCommerce and \
                            Cartum connections (off for one made before write-back existed, until switched on); \
                            Shopify, FAPI and Sitoo cannot be written to (`true` there is a 422). WooCommerce's \
                            `completed` is written only once the order is locked.
                            """
                    ),
                    "status_write_mapping": .object(
                        required: [],
                        description: """
                            Kvitto status → the platform status written for it, on top of the platform's defaults \
                            (WooCommerce: `received` and `in_production` → `processing`, `delivered` → `completed`, \
                            `cancelled`, `returned` → `refunded`, `failed`; Cartum: `1` New, `2` Processing, `6` \
                            Shipping for `shipped` and `in_transit`, `3` Delivered, `4` Canceled). Replaces the \
                            overrides stored before. A key that is not a Kvitto status is a 422.
                            """,
                        additionalProperties: .schema(.string(minLength: 1, maxLength: 100)),
                        examples: .json(["shipped": "shipped", "in_transit": "shipped"])
                    ),
                ],
                additionalProperties: .boolean(false)
            ),
            "ConnectionInput": .object(
                required: [],
                description: """
                    A platform connection as `POST /v1/connections` (where `kind` and `name` are required) and `PATCH \
                    /v1/connections/{id}` (where every member is optional and absent members are kept) take it. A \
                    JSON `null` counts as absent. Unknown members are an error; all mistakes are reported at once.
                    """,
                properties: connectionInputProperties,
                additionalProperties: .boolean(false)
            ),
            "ConnectionCreateInput": .object(
                required: ["kind", "name"],
                description: """
                    A new connection: `kind` (not `api`) and `name` are required, and so are the credentials the \
                    platform's webhooks are checked with (Shopify `webhook_secret`, FAPI `user` and `api_key`). The \
                    members are `ConnectionInput`'s, and `initial_import`.
                    """,
                properties: connectionCreateProperties,
                additionalProperties: .boolean(false),
                examples: .json(Examples.connectionInput)
            ),
            "ConnectionSettings": .object(
                required: [
                    "status_mapping", "status_sync", "import_window_days", "excluded_states", "send_order_data",
                    "product_key", "require_contact_channel", "status_write_back", "status_write_mapping",
                ],
                description: "A connection's settings as they apply (see `ConnectionSettingsInput`).",
                properties: [
                    "status_mapping": .object(
                        required: [],
                        description: """
                            The whole mapping: the platform's defaults with the connection's overrides, raw statuses \
                            lower-cased and sorted.
                            """,
                        additionalProperties: .schema(.ref("OrderStatus"))
                    ),
                    "status_sync": .boolean,
                    "import_window_days": .integer(atLeast: 1, atMost: 3650),
                    "excluded_states": .array(items: .string),
                    "send_order_data": .boolean,
                    "product_key": .enumeration(ProductKey.self, orNull: true, description: "null: the account's product key."),
                    "require_contact_channel": .boolean,
                    "status_write_back": .boolean(description: "Whether Kvitto's status changes are written to the platform."),
                    "status_write_mapping": .object(
                        required: [],
                        description: "The whole write-back mapping: the platform's defaults with the connection's overrides; empty where nothing is written.",
                        additionalProperties: .schema(.string)
                    ),
                ],
                examples: .json(Examples.shopifySettings)
            ),
            "Connection": .object(
                required: ["id", "kind", "name", "settings", "credentials_set", "webhook", "created_at", "updated_at"],
                description: """
                    A platform connection: one shop, POS or invoicing account of the merchant. Its credentials are \
                    never part of it, only their names.
                    """,
                properties: [
                    "id": .string(examples: [AnyCodable(Examples.connectionID)]),
                    "kind": .ref("ConnectionKind"),
                    "name": .string,
                    "settings": .ref("ConnectionSettings"),
                    "credentials_set": .array(
                        description: "The names of the stored credentials, sorted.", items: .string,
                        examples: .json(["access_token", "shop_domain", "webhook_secret"])
                    ),
                    "webhook": .object(
                        required: ["url", "setup"],
                        description: "Where the platform sends its webhooks, and what to paste where.",
                        properties: [
                            "url": .string(
                                description: """
                                    `<KVITTO_PUBLIC_URL>/hooks/<kind>/<id>` (Sitoo: `…/events`; Cartum: `…/<token>`, \
                                    the token shown only in the create answer and `{token}` elsewhere).
                                    """,
                                examples: [AnyCodable("\(Examples.publicURL)/hooks/shopify/\(Examples.connectionID)")]
                            ),
                            "setup": .string(
                                description: """
                                    Step-by-step instructions in the platform's own words (for `api` connections: how \
                                    orders arrive).
                                    """
                            ),
                        ]
                    ),
                    "last_import": .orNull(.ref(
                        "Backfill",
                        description: """
                            The connection's newest historical import (the initial one, or the last started), null \
                            when it has none; in `GET /v1/connections/{id}` and the create answer, not in lists.
                            """
                    )),
                    "created_at": .timestamp,
                    "updated_at": .timestamp,
                ],
                examples: .json(Examples.connection)
            ),
            "ConnectionCreated": .allOf(
                [
                    .ref("Connection"),
                    .object(
                        required: [],
                        properties: [
                            "secrets": .object(
                                required: [],
                                description: """
                                    Present only when Kvitto made a secret: `webhook_secret` for WooCommerce when \
                                    none was given (paste it into the webhook's *Secret*), `webhook_token` for Cartum \
                                    (it ends the webhook URL) and Sitoo (the bearer token). Never shown again.
                                    """,
                                properties: [
                                    "webhook_secret": .string(pattern: "^[A-Za-z0-9]{40}$"),
                                    "webhook_token": .string(pattern: "^[A-Za-z0-9]{40}$"),
                                ],
                                additionalProperties: .schema(.string)
                            ),
                        ]
                    ),
                ],
                description: "A new connection, with the secrets Kvitto generated for it, shown only in this answer.",
                examples: .json(Examples.cartumConnectionCreated)
            ),
            "InboxItem": .object(
                required: [
                    "id", "connection_id", "delivery_id", "topic", "received_at", "status", "headers", "body",
                    "fetched", "outcome", "processed_at",
                ],
                description: "One webhook delivery, stored raw before it was answered and kept 14 days, with what became of it.",
                properties: [
                    "id": .string(examples: ["inb_01JDQ8YH1Z4B7N2KX6M3T8C5PD"]),
                    "connection_id": .string,
                    "delivery_id": .string(
                        description: """
                            What makes a repeated delivery recognisable (stored and applied once): \
                            `X-Shopify-Webhook-Id` or `X-WC-Webhook-Delivery-ID`, `event:<event_id>` for a Sitoo \
                            event, otherwise `sha256:<hex of the raw body>`.
                            """,
                        examples: [AnyCodable(Examples.shopifyWebhookID), "event:5e9fd002119a4c5fb4de5ccb9d0b90ea"]
                    ),
                    "topic": .string(
                        description: """
                            The platform's topic (`X-Shopify-Topic`, `X-WC-Webhook-Topic`), or `order_created` \
                            (Cartum), `invoice` (FAPI), `order` (Sitoo).
                            """,
                        examples: ["orders/create", "order.updated"]
                    ),
                    "received_at": .timestamp,
                    "status": .enumeration(
                        InboxItem.Status.self,
                        description: """
                            `pending` (stored, not mapped yet), `applied`, `rejected` (refused by a rule or \
                            unmappable; the rejection is also in `GET /v1/rejections`) or `ignored` (a topic Kvitto \
                            does not act on, such as a delete).
                            """
                    ),
                    "headers": .object(
                        required: [],
                        description: """
                            The request headers that say what the delivery is (topic, ids, shop, `content-type`), \
                            names lower-cased.
                            """,
                        additionalProperties: .schema(.string)
                    ),
                    "body": .string(description: "The raw body as received (UTF-8 JSON or a URL-encoded form)."),
                    "fetched": .fragment(
                        description: """
                            What Kvitto fetched from the platform for webhooks that carry ids only: FAPI `{"invoice": \
                            …, "order": …}`, Sitoo `{"order": …}`; otherwise null.
                            """
                    ),
                    "outcome": .string(
                        nullable: true,
                        description: """
                            What the mapping did (`order <id> created|updated|unchanged|ignored_locked`, `contact \
                            <id>`, `product <id>`, `rejected (<reason>): <detail>`, `ignored: <why>`, `failed: \
                            <error>`); null while pending.
                            """,
                        examples: ["order ord_01JDQ8YH2N5C8V3KX7M4T9B6QE created", "rejected (no-lines): an order needs at least one line"]
                    ),
                    "processed_at": .nullableTimestamp(description: "When the delivery was mapped; null while pending."),
                ],
                examples: .json(Examples.inboxItem)
            ),
        ]
    }

    /// `ConnectionInput`'s members and `initial_import`.
    static var connectionCreateProperties: OrderedDictionary<String, JSONSchema> {
        var properties = connectionInputProperties
        properties["initial_import"] = .boolean(
            description: """
                Whether to start importing the connection's recent orders at once (the default): the orders of \
                its `import_window_days`, finished ones left out, no triggers fired, as a backfill without a body. \
                Only when the credentials allow an import: one with webhook credentials only imports nothing.
                """,
            defaultValue: true
        )
        return properties
    }

    /// The members of `ConnectionInput`, which `ConnectionCreateInput` also takes.
    static var connectionInputProperties: OrderedDictionary<String, JSONSchema> {
        [
            "kind": .ref(
                "ConnectionKind",
                description: """
                    The platform. `api` is refused (422); on `PATCH` it may only repeat the current kind (422 \
                    `cannot change; make a new connection`).
                    """
            ),
            "name": .string(
                description: """
                    Unique per platform within the account (409 otherwise); the `source` of the connection's \
                    orders.
                    """,
                minLength: 1, maxLength: 100, examples: ["Webshop"]
            ),
            "credentials": .object(
                required: [],
                description: """
                    Platform credentials, string values only (at most 2000 characters each). They are sealed \
                    at rest (AES-GCM with the server's secret key) and never returned: answers list only \
                    their names in `credentials_set`. On `PATCH` they merge: the names given are replaced, \
                    the others kept. The names each platform uses:

                    - Shopify: `webhook_secret` (the key Shopify signs webhooks with; required), \
                    `access_token` (`shpat_…`) and `shop_domain` (or `base_url`), optionally `api_version`, \
                    for backfills;
                    - WooCommerce: `webhook_secret` (generated and shown once in `secrets` when not given), \
                    `site_url`, `consumer_key`, `consumer_secret` for backfills;
                    - Cartum: `site_url`, `login`, `password` for backfills (its webhook URL carries a \
                    generated token instead of a signature);
                    - FAPI: `user` and `api_key` (required: each notification is checked against the invoice \
                    fetched with them), optionally `base_url` (default `https://api.fapi.cz`);
                    - Sitoo: `base_url`, `account_id`, `site_id`, `api_id`, `password` (its webhooks carry a \
                    generated bearer token).

                    A missing required one is a 422 at `/credentials/<name>` on create; the ones backfills \
                    need are checked when a backfill starts.
                    """,
                additionalProperties: .schema(.string(maxLength: 2000)),
                examples: .json(
                    [
                        "webhook_secret": "shpss_5f1c0e9a7b3d4c2e8f6a",
                        "access_token": "shpat_0a1b2c3d4e5f6a7b8c9d",
                        "shop_domain": "example-store.myshopify.com",
                    ],
                )
            ),
            "settings": .ref("ConnectionSettingsInput"),
        ]
    }
}
