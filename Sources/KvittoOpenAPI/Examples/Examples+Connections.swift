import KvittoCore
import OpenAPIKit

extension Examples {
    /// `KVITTO_PUBLIC_URL`.
    static let publicURL = "https://kvitto.example.se"
    static let connectionID = "cnx_01JD0M3R8K2W5Y7C4N6B9T1XHV"
    static let wooConnectionID = "cnx_01JD0N7T2F5H8K3M6P9R1V4XZB"
    static let cartumConnectionID = "cnx_01JD0P2W6Y9B3D5G8J1L4N7Q0S"
    static let cartumToken = "q7Rk2VbX9mTz4LcN8wHp3JdF6sYg1AeU5oKiM0nB"
    static let connectionInput: JSONValue = [
        "kind": "shopify", "name": "Webshop",
        "credentials": [
            "webhook_secret": "shpss_5f1c0e9a7b3d4c2e8f6a", "access_token": "shpat_0a1b2c3d4e5f6a7b8c9d",
            "shop_domain": "example-store.myshopify.com",
        ],
        "settings": ["import_window_days": 30, "status_sync": true],
    ]
    static let shopifySettings: JSONValue = [
        "status_mapping": [
            "cancelled": "cancelled", "fulfilled": "shipped", "open": "received", "partially_fulfilled": "shipped",
            "refunded": "returned",
        ],
        "status_sync": true, "import_window_days": 30, "excluded_states": ["cancelled", "fulfilled", "refunded"],
        "send_order_data": true, "product_key": nil, "require_contact_channel": false,
        "status_write_back": false, "status_write_mapping": [:],
    ]
    static let connection: JSONValue = [
        "id": .string(connectionID), "kind": "shopify", "name": "Webshop",
        "settings": shopifySettings, "credentials_set": ["access_token", "shop_domain", "webhook_secret"],
        "webhook": webhook(.shopify, "\(publicURL)/hooks/shopify/\(connectionID)", name: "Webshop"),
        "created_at": "2026-11-15T08:30:00.000Z", "updated_at": "2026-11-15T08:30:00.000Z",
    ]
    static let wooConnectionInput: JSONValue = [
        "kind": "woocommerce", "name": "Butik",
        "credentials": [
            "site_url": "https://butik.example.se", "consumer_key": "ck_4f6a8c0e2b4d6f8a0c2e4b6d",
            "consumer_secret": "cs_9e7c5a3f1d9b7e5c3a1f9d7b",
        ],
    ]
    static let wooConnectionCreated: JSONValue = [
        "id": .string(wooConnectionID), "kind": "woocommerce", "name": "Butik",
        "settings": [
            "status_mapping": [
                "cancelled": "cancelled", "completed": "shipped", "failed": "failed", "on-hold": "received",
                "pending": "received", "processing": "received", "refunded": "returned", "trash": "cancelled",
            ],
            "status_sync": true, "import_window_days": 60,
            "excluded_states": ["cancelled", "completed", "failed", "refunded", "trash"], "send_order_data": true,
            "product_key": nil, "require_contact_channel": true, "status_write_back": true,
            "status_write_mapping": [
                "cancelled": "cancelled", "delivered": "completed", "failed": "failed", "in_production": "processing",
                "received": "processing", "returned": "refunded",
            ],
        ],
        "credentials_set": ["consumer_key", "consumer_secret", "site_url", "webhook_secret"],
        "webhook": webhook(.woocommerce, "\(publicURL)/hooks/woocommerce/\(wooConnectionID)", name: "Butik"),
        "created_at": "2026-11-15T08:35:00.000Z", "updated_at": "2026-11-15T08:35:00.000Z",
        "secrets": ["webhook_secret": "Vt8pQ2mZ6kR1xW9cJ4nB7hL3sF5dG0aY2eU8iO6r"],
        "last_import": [
            "id": "job_01JCZ4B2D6F8H0K2M4P6R8T0V2", "connection_id": .string(wooConnectionID), "status": "running",
            "since": "2026-09-16T08:35:00.000Z", "until": "2026-11-15T08:35:00.000Z", "all_states": false,
            "fire_triggers": false, "progress": ["pages": 0, "imported": 0, "rejected": 0, "skipped": 0], "checkpoint": nil,
            "error": nil, "created_at": "2026-11-15T08:35:00.000Z", "updated_at": "2026-11-15T08:35:00.000Z", "finished_at": nil,
        ],
    ]
    static let cartumConnectionCreated: JSONValue = [
        "id": .string(cartumConnectionID), "kind": "cartum", "name": "Horoshop",
        "settings": [
            "status_mapping": ["1": "received", "2": "in_production", "3": "delivered", "4": "cancelled", "6": "shipped"],
            "status_sync": true, "import_window_days": 60, "excluded_states": ["3"], "send_order_data": true,
            "product_key": nil, "require_contact_channel": false, "status_write_back": true,
            "status_write_mapping": ["cancelled": "4", "delivered": "3", "in_production": "2", "in_transit": "6", "received": "1", "shipped": "6"],
        ],
        "credentials_set": ["login", "password", "site_url"],
        "webhook": webhook(.cartum, "\(publicURL)/hooks/cartum/\(cartumConnectionID)/\(cartumToken)", name: "Horoshop"),
        "created_at": "2026-11-15T08:40:00.000Z", "updated_at": "2026-11-15T08:40:00.000Z",
        "secrets": ["webhook_token": .string(cartumToken)],
    ]
    static let shopifyWebhookID = "b54557e4-7ab1-4c4a-9c9c-2f9a1c0a1e10"
    static let inboxItem: JSONValue = [
        "id": "inb_01JDQ8YH1Z4B7N2KX6M3T8C5PD", "connection_id": .string(connectionID),
        "delivery_id": .string(shopifyWebhookID), "topic": "orders/create",
        "received_at": "2026-11-20T09:41:01.874Z", "status": "applied",
        "headers": [
            "content-type": "application/json", "x-shopify-order-id": "820982911946154508",
            "x-shopify-shop-domain": "example-store.myshopify.com", "x-shopify-topic": "orders/create",
            "x-shopify-webhook-id": .string(shopifyWebhookID),
        ],
        "body": .string(##"{"id":820982911946154508,"name":"#1001","created_at":"2026-11-20T10:41:00+01:00","currency":"SEK","##
            + ##""financial_status":"paid","fulfillment_status":null,"line_items":[…]}"##),
        "fetched": nil, "outcome": "order ord_01JDQ8YH2N5C8V3KX7M4T9B6QE created",
        "processed_at": "2026-11-20T09:41:02.000Z",
    ]
    static let backfillRequest: JSONValue = ["since": "2026-01-01T00:00:00Z", "all_states": true]
    static let backfill: JSONValue = [
        "id": "job_01JDR2K8M4P6T9W3Y5B7D1F3H5", "connection_id": .string(connectionID), "status": "running",
        "since": "2026-10-23T10:00:00.000Z", "until": "2026-11-22T10:00:00.000Z", "all_states": false,
        "fire_triggers": false, "progress": ["pages": 2, "imported": 431, "rejected": 3, "skipped": 66],
        "checkpoint": [
            "url": .string("https://example-store.myshopify.com/admin/api/2026-07/orders.json?limit=250"
                + "&page_info=eyJsYXN0X2lkIjo2MTk4NTY3ODkwfQ"),
        ],
        "error": nil, "created_at": "2026-11-22T10:00:00.000Z", "updated_at": "2026-11-22T10:00:07.412Z",
        "finished_at": nil,
    ]
    static let backfillCompleted: JSONValue = backfill.merging([
        "status": "completed", "progress": ["pages": 3, "imported": 588, "rejected": 3, "skipped": 91],
        "updated_at": "2026-11-22T10:00:11.050Z", "finished_at": "2026-11-22T10:00:11.050Z",
    ])
    static let hookStored: JSONValue = ["received": true, "stored": ["inb_01JDQ8YH1Z4B7N2KX6M3T8C5PD"], "duplicates": 0]
    static let shopifyOrderBody: JSONValue = [
        "id": 820982911946154508, "name": "#1001", "created_at": "2026-11-20T10:41:00+01:00", "currency": "SEK",
        "financial_status": "paid", "fulfillment_status": nil, "email": "anna.lindqvist@example.se",
        "total_price": "1145.00",
        "line_items": [
            [
                "id": 466157049, "product_id": 632910392, "sku": "MUG-HOST-03", "title": "Kaffemugg Höstlöv",
                "quantity": 2, "price": "149.00",
            ],
        ],
    ]
    static let cartumOrderBody: JSONValue = [
        "order_id": 1001, "delivery_name": "Olena Kovalenko", "delivery_email": "olena@example.com.ua",
        "delivery_phone": "+38 (067) 123-45-67", "delivery_city": "Kyiv", "stat_status": 1,
        "stat_created": "2024-05-01 10:15:00", "currency": "UAH", "total_sum": 1599,
        "products": [["title": "Example product", "article": "SKU-001", "price": 1599, "quantity": 1, "total_price": 1599]],
    ]
    static let sitooEvents: JSONValue = [
        [
            "event_id": "5e9fd002119a4c5fb4de5ccb9d0b90ea", "event_type": "order", "event_date": 1611138542,
            "account_id": 1500,
            "data": ["eshop_id": 1, "order_id": 12345, "warehouse_id": 4, "order_event_type": "add"],
        ],
        [
            "event_id": "6f0ae113220b5d6fc5ef6ddcae1c01fb", "event_type": "order", "event_date": 1611138600,
            "account_id": 1500,
            "data": ["eshop_id": 1, "order_id": 12345, "order_event_type": "update", "order_state_changed": "closed"],
        ],
    ]

    /// A connection's `webhook` member: the URL and what to do in the platform, as the server writes them.
    static func webhook(_ kind: Connection.Kind, _ url: String, name: String) -> JSONValue {
        ["url": .string(url), "setup": .string(kind.webhookSetup(url: url, connectionName: name))]
    }
}
