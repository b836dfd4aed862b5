import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Connections.
    static var connectionPaths: OpenAPI.PathItem.Map {
        [
            "/v1/connections": .pathItem(.init(
                get: operation(
                    "listConnections", "List connections", scope: .read, tag: .connections,
                    """
                    The account's connections, newest first, `api` connections included. Credentials are never \
                    returned, only their names in `credentials_set`.
                    """,
                    ok: [.json(200, "A page of connections.", "ConnectionPage")],
                    errors: .of(.auth, 409, conflict: "CredentialsSealed"),
                    parameters: [.component("Limit"), .component("Cursor")]
                ),
                post: operation(
                    "createConnection", "Connect a platform", scope: .admin, tag: .connections,
                    """
                    Makes a connection to a shop, POS or invoicing account (`shopify`, `woocommerce`, `cartum`, \
                    `fapi`, `sitoo`) with the platform's default settings (seed 004) overridden by `settings`. \
                    Credentials are sealed and never returned. The answer has the webhook URL and what to paste \
                    where (`webhook.setup`), and — only here — the secrets Kvitto generated (`secrets`): the \
                    WooCommerce `webhook_secret` when none was given, the Cartum and Sitoo `webhook_token`. A \
                    connection of the same platform and name is a 409. When the credentials allow an import, the \
                    connection's recent orders are imported at once (`last_import` is that backfill; \
                    `initial_import: false` leaves it out). A Shopify or WooCommerce shop whose API says it sells \
                    in another currency than the account's is a 422 at `/credentials` (`currency-mismatch`).
                    """,
                    ok: [.json(
                         201,
                         "The connection was made; `secrets` is shown only here.",
                         "ConnectionCreated",
                         example: Examples.wooConnectionCreated
                     )],
                    errors: .of(.body, .auth, 409, unprocessable: "ConnectionInvalid", conflict: "ConnectionConflict"),
                    body: .json(
                        "ConnectionCreateInput",
                        examples: [
                            "shopify": .example("Shopify, with a webhook secret and import credentials", Examples.connectionInput),
                            "woocommerce": .example("WooCommerce; Kvitto makes the webhook secret", Examples.wooConnectionInput),
                            "cartum": .example("Cartum; Kvitto makes the URL token", [
                                "kind": "cartum", "name": "Horoshop",
                                "credentials": ["site_url": "https://shop.example.com.ua", "login": "api", "password": "s3cret-Pa55"],
                            ]),
                            "fapi": .example("FAPI, in all states, customers only", [
                                "kind": "fapi", "name": "Faktury",
                                "credentials": ["user": "obchod@example.cz", "api_key": "fapi_2b4d6f8a0c2e"],
                                "settings": ["send_order_data": false],
                            ]),
                        ]
                    )
                )
            )),
            "/v1/connections/{id}": .pathItem(.init(
                parameters: [.component("ConnectionID")],
                get: operation(
                    "getConnection", "Get a connection", scope: .read, tag: .connections,
                    """
                    The connection with its settings, the names of its credentials and its webhook URL (a Cartum \
                    URL shows `{token}` in place of the token, which only the create answer has).
                    """,
                    ok: [.json(200, "The connection.", "Connection")],
                    errors: .of(.auth, 404, 409, conflict: "CredentialsSealed")
                ),
                delete: operation(
                    "deleteConnection", "Delete a connection", scope: .admin, tag: .connections,
                    """
                    Deletes the connection and its sealed credentials. Its orders, contacts and products stay. \
                    Webhooks to its URL then answer 404, deliveries still pending in its inbox are marked \
                    `ignored`, and a running backfill fails with `the connection was deleted`.
                    """,
                    ok: [.json(204, "The connection was deleted.")], errors: .of(.auth, 404)
                ),
                patch: operation(
                    "patchConnection", "Change a connection", scope: .admin, tag: .connections,
                    """
                    Changes the given members; absent ones are kept. `credentials` merge (the names given are \
                    replaced, the others kept, so sending a new access token keeps the webhook secret); each \
                    given setting replaces the stored one (`status_mapping` replaces the earlier overrides; \
                    `product_key` `null` returns to the account's key). The kind cannot change; a new name that \
                    another connection of the platform has is a 409. `api` connections cannot be changed (404).
                    """,
                    ok: [.json(200, "The changed connection.", "Connection")],
                    errors: .of(.body, .auth, 404, 409, unprocessable: "ConnectionInvalid", conflict: "ConnectionConflict"),
                    body: .json(
                        "ConnectionInput",
                        example: [
                            "settings": ["status_sync": true, "status_mapping": ["open": "in_production"]],
                            "credentials": ["access_token": "shpat_9f8e7d6c5b4a3f2e1d0c"],
                        ]
                    )
                )
            )),
            "/v1/connections/{id}/inbox": .pathItem(.init(
                parameters: [.component("ConnectionID")],
                get: operation(
                    "listConnectionInbox", "List a connection's webhook deliveries", scope: .read, tag: .connections,
                    """
                    The connection's webhook deliveries of the last 14 days, newest first, each raw as it arrived \
                    (headers, body, what was fetched for it) with its status and what the mapping did. Deliveries \
                    are stored before they are answered and mapped right after, so a fresh one may still be \
                    `pending`; one that cannot be mapped stays here as `rejected`.
                    """,
                    ok: [.json(
                         200,
                         "A page of deliveries.",
                         "InboxPage",
                         example: ["items": [Examples.inboxItem], "next_cursor": nil]
                     )],
                    errors: .of(.auth, 404), parameters: [.component("Limit"), .component("Cursor")]
                )
            )),
            "/v1/connections/{id}/backfills": .pathItem(.init(
                parameters: [.component("ConnectionID")],
                get: operation(
                    "listBackfills", "List a connection's historical imports", scope: .read, tag: .connections,
                    "The connection's backfills, the initial import among them, newest first, with their progress.",
                    ok: [.json(200, "A page of backfills.", "BackfillPage")],
                    errors: .of(.auth, 404), parameters: [.component("Limit"), .component("Cursor")]
                ),
                post: operation(
                    "startBackfill", "Start a historical import", scope: .admin, tag: .connections,
                    """
                    Starts importing the connection's past orders from the platform's API in the background and \
                    answers at once with the backfill; follow it with `GET /v1/backfills/{id}`. By default it \
                    takes the orders created in the connection's `import_window_days` up to now, without those in \
                    `excluded_states`. Orders are upserts with origin `backfill` (nothing is imported twice) and \
                    fire no triggers unless `fire_triggers` is true. While another import of the connection runs \
                    (or waits), the new one is `queued` and runs after it. The body is optional. A connection \
                    without the credentials its platform's API needs is a 422; `api` connections have nothing to \
                    import (404).
                    """,
                    ok: [.json(202, "The backfill is running, or queued behind the connection's running one.", "Backfill", example: Examples.backfill)],
                    errors: .of(413, .auth, 404, 409, 422, unprocessable: "BackfillInvalid", conflict: "CredentialsSealed"),
                    body: .json("BackfillRequest", required: false)
                )
            )),
            "/v1/backfills/{id}": .pathItem(.init(
                parameters: [.component("BackfillID")],
                get: operation(
                    "getBackfill", "Get a backfill", scope: .read, tag: .connections,
                    """
                    The backfill's status and progress (pages, imported, rejected, skipped), its checkpoint and, \
                    after a failure, the error. A backfill that was running when its process stopped is resumed \
                    from its checkpoint by the next process that runs workers.
                    """,
                    ok: [.json(200, "The backfill.", "Backfill")], errors: .of(.auth, 404)
                )
            )),
        ]
    }

    /// Hooks.
    static var hookPaths: OpenAPI.PathItem.Map {
        [
            "/hooks/shopify/{connection}": .pathItem(.init(
                parameters: [.component("HookConnection")],
                post: operation(
                    "receiveShopifyWebhook", "Receive a Shopify webhook", scope: nil, tag: .connections,
                    """
                    Shopify's webhooks (topics `orders/*`, `customers/*`, `products/*`; deletes are ignored). The \
                    `X-Shopify-Hmac-Sha256` header must be the base64 HMAC-SHA256 of the raw body keyed with the \
                    connection's `credentials.webhook_secret`. \(hookText)
                    """,
                    ok: [hookStored], errors: .hook(401, 404, 409, 413),
                    body: OpenAPI.Request(
                        description: "The resource as Shopify sends it, stored byte for byte.",
                        content: json(.object, example: Examples.shopifyOrderBody), required: true
                    ),
                    parameters: [
                        .header(
                            "X-Shopify-Hmac-Sha256",
                            required: true,
                            .string,
                            description: "base64 HMAC-SHA256 of the raw body.",
                            example: "5vZNMRefJ9zFsoNdxImKBWjUOij28H31eDG4/YAHi9Y="
                        ),
                        .header(
                            "X-Shopify-Topic",
                            .string,
                            description: "The topic; `orders/create` when absent.", example: "orders/create"
                        ),
                        .header(
                            "X-Shopify-Webhook-Id",
                            .string,
                            description: "The delivery id that recognises a repeat.",
                            example: .string(Examples.shopifyWebhookID)
                        ),
                    ]
                )
            )),
            "/hooks/woocommerce/{connection}": .pathItem(.init(
                parameters: [.component("HookConnection")],
                post: operation(
                    "receiveWooCommerceWebhook", "Receive a WooCommerce webhook", scope: nil, tag: .connections,
                    """
                    WooCommerce's order webhooks (`order.*`; `order.deleted` is ignored). The \
                    `X-WC-Webhook-Signature` header must be the base64 HMAC-SHA256 of the raw body keyed with the \
                    connection's `credentials.webhook_secret`. The unsigned ping WooCommerce sends when a webhook \
                    is saved (the form `webhook_id=<n>`) is answered with `{"received": true, "ping": "<n>"}` and \
                    stores nothing. \(hookText)
                    """,
                    ok: [
                        .content(200, "The delivery was stored (or recognised as a repeat), or the ping was answered.", json(
                            .ref("HookReceipt"),
                            examples: [
                                "stored": .example("An order delivery", Examples.hookStored),
                                "ping": .example("The ping", ["received": true, "ping": "17"]),
                            ]
                        )),
                    ],
                    errors: .hook(401, 404, 409, 413),
                    body: OpenAPI.Request(
                        description: "The order as WooCommerce sends it (stored byte for byte), or the ping form.",
                        content: [
                            .json: content(.object),
                            .form: content(
                                .object(required: ["webhook_id"], properties: ["webhook_id": .string(pattern: "^[0-9]+$")]),
                                example: ["webhook_id": "17"]
                            ),
                        ],
                        required: true
                    ),
                    parameters: [
                        .header(
                            "X-WC-Webhook-Signature",
                            .string,
                            description: "base64 HMAC-SHA256 of the raw body (absent on the ping).",
                            example: "Zl3v0Ssl6rGn8yqVJ7U7ZVvCH0RkU5kJ5Q0m2Rz8bQo="
                        ),
                        .header(
                            "X-WC-Webhook-Topic",
                            .string,
                            description: "The topic; `order.created` when absent.", example: "order.created"
                        ),
                        .header(
                            "X-WC-Webhook-Delivery-ID",
                            .string,
                            description: "The delivery id that recognises a repeat.",
                            example: "a1b2c3d4e5f60718293a4b5c6d7e8f90"
                        ),
                    ]
                )
            )),
            "/hooks/cartum/{connection}/{token}": .pathItem(.init(
                parameters: [
                    .component("HookConnection"),
                    .path(
                        "token",
                        .string,
                        description: """
                            The connection's webhook token (`secrets.webhook_token` of the create answer); Cartum \
                            signs nothing, so the URL is the secret.
                            """,
                        example: .string(Examples.cartumToken)
                    ),
                ],
                put: operation(
                    "receiveCartumWebhook", "Receive a Cartum webhook", scope: nil, tag: .connections,
                    """
                    Cartum's `order_created` webhook (`POST` to the same URL is accepted too). The token in the \
                    URL must be the connection's. \(hookText)
                    """,
                    ok: [hookStored], errors: .hook(401, 404, 409, 413),
                    body: OpenAPI.Request(
                        description: "The order as Cartum sends it, stored byte for byte.",
                        content: json(.object, example: Examples.cartumOrderBody), required: true
                    )
                )
            )),
            "/hooks/fapi/{connection}": .pathItem(.init(
                parameters: [.component("HookConnection")],
                post: operation(
                    "receiveFAPINotification", "Receive a FAPI notification", scope: nil, tag: .connections,
                    """
                    FAPI's invoice notification. FAPI signs nothing: Kvitto fetches the invoice it names (and its \
                    order) from FAPI with the connection's `credentials.user` and `api_key`, and stores the \
                    delivery only when `security` matches that invoice. If FAPI's API cannot be reached the \
                    answer is a 500 and nothing is stored, so FAPI tries again. \(hookText)
                    """,
                    ok: [hookStored], errors: .hook(401, 404, 409, 413, 422, unprocessable: "FAPINotificationInvalid"),
                    body: OpenAPI.Request(content: [
                        .form: content(
                            .ref("FAPINotification"),
                            example: ["id": "185993812", "time": "1599572000", "security": "e63d982281b92fd45edebb528a398f78ef5fa53d"]
                        ),
                    ], required: true)
                )
            )),
            "/hooks/sitoo/{connection}/events": .pathItem(.init(
                parameters: [.component("HookConnection")],
                post: operation(
                    "receiveSitooEvents", "Receive Sitoo events", scope: nil, tag: .connections,
                    """
                    Sitoo's Events SPI. The request must carry `Authorization: Bearer <webhook_token>` (the \
                    connection's `secrets.webhook_token` of the create answer). Events carry ids only: each order \
                    event's order is fetched from Sitoo with the connection's credentials and stored as its own \
                    delivery, de-duplicated by `event_id`; events of other types are skipped. If Sitoo's API \
                    cannot be reached the answer is a 500 and nothing is stored. \(hookText)
                    """,
                    ok: [hookStored], errors: .hook(401, 404, 409, 413, 422, unprocessable: "SitooEventsInvalid"),
                    body: .json("SitooEvents", example: Examples.sitooEvents)
                )
            )),
        ]
    }

    /// What a platform webhook answers when its delivery was stored.
    private static var hookStored: Answer {
        .json(200, "The delivery was stored (or recognised as a repeat) and will be mapped.", "HookReceipt", example: Examples.hookStored)
    }

    /// How every platform webhook treats its delivery.
    private static let hookText = """
        The raw body is checked before anything is parsed, stored, answered, and mapped afterwards, so the platform is \
        answered in time and a payload that does not map stays in the inbox as `rejected` (never a 5xx the platform \
        retries forever). A repeated delivery is recognised and not applied again (`duplicates`).
        """
}
