#!/usr/bin/env python3
"""Builds Sources/KvittoHTTP/openapi.json, the OpenAPI 3.1 document of the Kvitto API.

Edit this file when an endpoint changes, then run: python3 scripts/openapi/gen.py && python3 scripts/openapi/check.py
"""
import json
import sys

OUT = sys.argv[1] if len(sys.argv) > 1 else "Sources/KvittoHTTP/openapi.json"


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def rresp(name):
    return {"$ref": f"#/components/responses/{name}"}


def param(name):
    return {"$ref": f"#/components/parameters/{name}"}


def nullable(schema):
    """A response member that is always present but may be null."""
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    s = dict(schema)
    s["type"] = [s["type"], "null"]
    return s


def json_content(schema, example=None, examples=None):
    c = {"schema": schema}
    if example is not None:
        c["example"] = example
    if examples is not None:
        c["examples"] = examples
    return {"application/json": c}


TS = {"type": "string", "format": "date-time", "description": "RFC 3339, UTC, millisecond precision.",
      "examples": ["2026-11-01T10:00:00.000Z"]}
NTS = {"type": ["string", "null"], "format": "date-time", "description": "RFC 3339, UTC, millisecond precision, or null."}
NSTR = {"type": ["string", "null"]}


def scope_text(scope):
    if scope is None:
        return ("No API key: the platform's own proof (the signature or token described above) authorises the "
                "request.")
    if scope == "admin":
        return "Requires a key with the `admin` scope."
    return f"Requires a key with the `{scope}` scope (or `admin`, which implies every scope)."


ORDER_EXAMPLE = {
    "source": "webshop",
    "external_id": "1001",
    "number": "#1001",
    "created_at": "2026-11-01T10:00:00Z",
    "status": "received",
    "currency": "SEK",
    "customer": {
        "email": "Anna@Example.se", "phone": "070-123 45 67", "first_name": "Anna", "last_name": "Berg",
        "address": {"line1": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm", "country": "SE"},
    },
    "lines": [{
        "external_id": "p-1", "sku": "HOOD-M", "name": "Hoodie", "description": "Grey, M",
        "categories": [["Clothing", "Hoodies"]], "quantity": 2, "unit_price": "299.00",
    }],
    "shipping": {
        "carrier": "PostNord", "cost": "49.00", "tracking_number": "RR123",
        "tracking_url": "https://tracking.postnord.com/RR123",
        "address": {"name": "Anna Berg", "line1": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm",
                    "country": "SE"},
    },
    "totals": {"subtotal": "598.00", "shipping": "49.00", "tax": "129.40", "total": "647.00"},
    "fields": {"Order": {"channel": "web"}},
}

CONTACT_EXAMPLE = {
    "id": "con_01JBZ8W3Q0K9X2T4V6M8N0P2R4",
    "email": "Anna@Example.se",
    "phone": "+46701234567",
    "phone_raw": "070-123 45 67",
    "first_name": "Anna",
    "last_name": "Berg",
    "address": {"line1": "Storgatan 1", "line2": None, "postal_code": "111 22", "city": "Stockholm",
                "region": None, "country": "SE"},
    "tags": ["Customer"],
    "fields": {},
    "consent": None,
    "blacklisted": False,
    "unsubscribed_at": None,
    "created_at": "2026-11-01T10:00:01.123Z",
    "updated_at": "2026-11-01T10:00:01.123Z",
}

ORDER_RESPONSE_EXAMPLE = {
    "id": "ord_01JBZ8W3Q1A2B3C4D5E6F7G8H9",
    "source": "webshop",
    "connection_id": "cnx_01JBZ8W3Q0Z9Y8X7W6V5T4S3R2",
    "external_id": "1001",
    "number": "#1001",
    "created_at": "2026-11-01T10:00:00.000Z",
    "status": "received",
    "platform_status": None,
    "currency": "SEK",
    "contact_id": "con_01JBZ8W3Q0K9X2T4V6M8N0P2R4",
    "customer": "contact",
    "lines": [{
        "product_id": "prd_01JBZ8W3Q1M2N3P4Q5R6S7T8V9", "external_id": "p-1", "sku": "HOOD-M", "name": "Hoodie",
        "description": "Grey, M", "quantity": 2, "unit_price": "299.00", "line_total": "598.00",
    }],
    "shipping": {
        "carrier": "PostNord", "method": None, "cost": "49.00", "tracking_number": "RR123",
        "tracking_url": "https://tracking.postnord.com/RR123",
        "address": {"name": "Anna Berg", "line1": "Storgatan 1", "line2": None, "postal_code": "111 22",
                    "city": "Stockholm", "region": None, "country": "SE"},
    },
    "totals": {"subtotal": "598.00", "shipping": "49.00", "tax": "129.40", "discount": None, "total": "647.00"},
    "fields": {"Order": {"channel": "web"}},
    "locked": False,
    "received_at": "2026-11-01T10:00:01.123Z",
    "updated_at": "2026-11-01T10:00:01.123Z",
    "outcome": "created",
}

# ---- postbacks (SPEC §5) ----

EVENT_TYPES = ["order.received", "order.in_production", "order.shipped", "order.in_transit", "order.delivered",
               "order.cancelled", "order.returned", "order.failed", "order.updated", "contact.created",
               "contact.updated", "contact.tag_added", "contact.tag_removed", "contact.segment_changed", "contact.erased", "voucher.redeemed"]

TEMPLATE_BODY_EXAMPLE = {
    "orderRef": {"$expr": "data.order.number"},
    "items": {"$expr": "data.order.lines[].{sku: sku, qty: quantity}"},
    "note": {"$template": "Shipped with {{data.order.shipping.carrier}}"},
}

TEMPLATE_INPUT_EXAMPLE = {"name": "GCW order shipped", "kind": "postback", "body": TEMPLATE_BODY_EXAMPLE}

TEMPLATE_EXAMPLE = {
    "id": "tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3",
    "name": "GCW order shipped",
    "kind": "postback",
    "body": TEMPLATE_BODY_EXAMPLE,
    "created_at": "2026-11-01T10:05:00.000Z",
    "updated_at": "2026-11-01T10:05:00.000Z",
}

TRIGGER_INPUT_EXAMPLE = {
    "name": "Notify GCW", "event_types": ["order.shipped", "order.in_transit"],
    "filter": "data.order.totals.total != '0.00'", "url": "https://partner.example/hooks", "method": "POST",
    "template_id": "tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3", "retry": True, "active": True,
}

TRIGGER_EXAMPLE = {
    "id": "trg_01JBZ9C5D6E7F8G9H0J1K2M3N4",
    "name": "Notify GCW",
    "event_types": ["order.shipped", "order.in_transit"],
    "filter": "data.order.totals.total != '0.00'",
    "url": "https://partner.example/hooks",
    "email": None,
    "method": "POST",
    "format": "json",
    "template_id": "tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3",
    "retry": True,
    "active": True,
    "previous_secret_expires_at": None,
    "disabled_at": None,
    "disabled_reason": None,
    "failing_since": None,
    "created_at": "2026-11-01T10:06:00.000Z",
    "updated_at": "2026-11-01T10:06:00.000Z",
}

TRIGGER_SECRET_EXAMPLE = "whsec_iR42kkVzcYwPyRx3TiGk6CADpZPfCGz+bPaMhdC2rxc="

TRIGGER_CREATED_EXAMPLE = {**TRIGGER_EXAMPLE, "secret": TRIGGER_SECRET_EXAMPLE}

TRIGGER_ROTATED_EXAMPLE = {**TRIGGER_EXAMPLE, "previous_secret_expires_at": "2026-11-23T08:00:00.000Z",
                           "updated_at": "2026-11-22T08:00:00.000Z",
                           "secret": "whsec_uDGh28NqngOUevGFDqUwYupmh34v+FMPgJxINhDnMi0="}

DELIVERY_EXAMPLE = {
    "id": "dlv_01JDQ8ZK5A7B2C4D6E8F1G3H5J",
    "channel": "postback",
    "trigger_id": "trg_01JBZ9C5D6E7F8G9H0J1K2M3N4",
    "event_id": "evt_01JDQ8ZK4W3M7T2XC9B5N6RVHA",
    "event_type": "order.shipped",
    "status": "succeeded",
    "attempt_count": 2,
    "cycle_start": 0,
    "next_attempt_at": None,
    "last_status_code": 200,
    "last_error": None,
    "created_at": "2026-11-22T09:41:00.000Z",
    "updated_at": "2026-11-22T09:41:05.372Z",
}

DELIVERY_DETAIL_EXAMPLE = {**DELIVERY_EXAMPLE, "attempts": [
    {"number": 1, "at": "2026-11-22T09:41:00.210Z", "status_code": 503, "latency_ms": 112,
     "response_headers": {"content-type": "text/plain", "retry-after": "5"},
     "response_excerpt": "Service Unavailable", "error": None},
    {"number": 2, "at": "2026-11-22T09:41:05.284Z", "status_code": 200, "latency_ms": 88,
     "response_headers": {"content-type": "application/json"}, "response_excerpt": "{\"ok\":true}", "error": None},
]}

SAMPLE_CONTACT = {
    "id": "con_01J5R2D8W6K3N9T4C7B1X5M8QV",
    "email": "anna.lindqvist@example.se",
    "phone": "+46701234567",
    "phone_raw": "070-123 45 67",
    "first_name": "Anna",
    "last_name": "Lindqvist",
    "address": {"line1": "Götgatan 14", "line2": "lgh 1102", "postal_code": "118 46", "city": "Stockholm",
                "region": None, "country": "SE"},
    "tags": ["Customer", "Newsletter"],
    "fields": {"Sitoo-Contact": {"member_number": "100234", "bonuschecks": [
        {"code": "BONUS-7F3K", "amount": "250.00", "valid_until": "2026-12-31"}]}},
    "consent": True,
    "blacklisted": False,
    "created_at": "2025-10-16T09:41:00.000Z",
    "updated_at": "2026-11-22T09:41:00.000Z",
}

SAMPLE_ORDER_SHIPPED = {
    "id": "ord_01JDQ8YH2N5C8V3KX7M4T9B6QE",
    "source": "shopify",
    "connection_id": "cnx_01JD0M3R8K2W5Y7C4N6B9T1XHV",
    "external_id": "820982911946154508",
    "number": "#1001",
    "created_at": "2026-11-20T09:41:00.000Z",
    "status": "shipped",
    "platform_status": None,
    "currency": "SEK",
    "contact_id": "con_01J5R2D8W6K3N9T4C7B1X5M8QV",
    "customer": "contact",
    "lines": [
        {"product_id": "prd_01JD0P4M8W2K5N7C3T9B6QMZRA", "external_id": "43851337220183", "sku": "MUG-HOST-03",
         "name": "Kaffemugg Höstlöv", "description": None, "quantity": 2, "unit_price": "149.00",
         "line_total": "298.00"},
        {"product_id": "prd_01JD0P4M9X3B6R8D4V1C7NPASB", "external_id": "43851337252951", "sku": "FILT-ULL-GRA",
         "name": "Ullfilt, grå 130×170", "description": None, "quantity": 1, "unit_price": "499.00",
         "line_total": "499.00"},
        {"product_id": "prd_01JD0P4MAY4C7S9E5W2D8PQBTC", "external_id": "43851337285719", "sku": "SERV-LIN-4",
         "name": "Linneservetter 4-pack", "description": None, "quantity": 1, "unit_price": "299.00",
         "line_total": "299.00"},
    ],
    "shipping": {
        "carrier": "PostNord", "method": "MyPack Collect", "cost": "49.00",
        "tracking_number": "00370733741234567893",
        "tracking_url": "https://tracking.postnord.com/se/?id=00370733741234567893",
        "address": {"name": "Anna Lindqvist", "line1": "Götgatan 14", "line2": "lgh 1102", "postal_code": "118 46",
                    "city": "Stockholm", "region": None, "country": "SE"},
    },
    "totals": {"subtotal": "1096.00", "shipping": "49.00", "tax": "229.00", "discount": "0.00", "total": "1145.00"},
    "fields": {"Shopify-Order": {"gateway": "klarna", "note": "Lämna vid dörren"}},
    "locked": False,
    "received_at": "2026-11-20T09:41:02.000Z",
    "updated_at": "2026-11-22T09:41:00.000Z",
}

SAMPLE_ENVELOPE = {"id": "evt_01JDQ8ZK4W3M7T2XC9B5N6RVHA", "sequence": 42, "occurred_at": "2026-11-22T09:41:00.000Z",
                   "account_id": "acc_01JD0K9F3T6W8B2N5C7M4X1RZQ"}

SAMPLE_ORDER_SHIPPED_EVENT = {
    "id": SAMPLE_ENVELOPE["id"], "type": "order.shipped", "sequence": 42, "occurred_at": SAMPLE_ENVELOPE["occurred_at"],
    "origin": "live", "account_id": SAMPLE_ENVELOPE["account_id"],
    "data": {"order": SAMPLE_ORDER_SHIPPED, "contact": SAMPLE_CONTACT},
}

SAMPLE_TAG_ADDED_EVENT = {
    "id": SAMPLE_ENVELOPE["id"], "type": "contact.tag_added", "sequence": 42,
    "occurred_at": SAMPLE_ENVELOPE["occurred_at"], "origin": "api", "account_id": SAMPLE_ENVELOPE["account_id"],
    "data": {"contact": {**SAMPLE_CONTACT, "tags": ["Customer", "Newsletter", "OrderCompleted"]},
             "tag": "OrderCompleted"},
}

TEST_RESULT_EXAMPLE = {
    "request": {
        "method": "POST",
        "url": "https://partner.example/hooks",
        "headers": {
            "content-type": "application/json",
            "user-agent": "Kvitto-Webhooks/0.1 (+https://kvitto.dev/webhooks)",
            "webhook-id": "dlv_01JDQB7M2K9X4T6C8N3V5R1WZP",
            "webhook-timestamp": "1795344000",
            "webhook-signature": "v1,JP5U/5NW9KeuiZqAf49bvC7WFOJBoevoMxy5xUIvNpU=",
        },
        "body": "{\"orderRef\":\"#1001\",\"items\":[{\"sku\":\"MUG-HOST-03\",\"qty\":2},{\"sku\":\"FILT-ULL-GRA\","
                "\"qty\":1},{\"sku\":\"SERV-LIN-4\",\"qty\":1}],\"note\":\"Shipped with PostNord\"}",
    },
    "response": {"status": 200, "headers": {"content-type": "application/json", "content-length": "11"},
                 "body_excerpt": "{\"ok\":true}", "latency_ms": 87, "error": None},
    "event_id": "evt_01JDQ8ZK4W3M7T2XC9B5N6RVHA",
    "sample": True,
    "delivery_written": False,
}

# ---- platform connections (SPEC §7) ----

PUBLIC_URL = "https://kvitto.example.se"  # KVITTO_PUBLIC_URL

CONNECTION_ID = "cnx_01JD0M3R8K2W5Y7C4N6B9T1XHV"
WOO_CONNECTION_ID = "cnx_01JD0N7T2F5H8K3M6P9R1V4XZB"
CARTUM_CONNECTION_ID = "cnx_01JD0P2W6Y9B3D5G8J1L4N7Q0S"
CARTUM_TOKEN = "q7Rk2VbX9mTz4LcN8wHp3JdF6sYg1AeU5oKiM0nB"


def webhook_setup(kind, url):
    """The `webhook.setup` text ConnectionsController.json writes for a platform."""
    return {
        "shopify": "Shopify admin → Settings → Notifications → Webhooks → Create webhook: event Order creation (and Order "
                   "update, Order cancellation, Order fulfillment, Customer creation, Product creation), format JSON, URL "
                   f"{url}. Put the signing key Shopify shows under the webhooks list into credentials.webhook_secret.",
        "woocommerce": "WordPress → WooCommerce → Settings → Advanced → Webhooks → Add webhook: Status Active, Topic Order "
                       f"created (and Order updated), Delivery URL {url}, Secret: the webhook_secret shown when this "
                       "connection was made, API version WP REST API Integration v3.",
        "cartum": "Cartum admin → Settings → Webhooks → add a webhook for the event order_created, method PUT, URL "
                  f"{url} (the token in the URL is the secret; it is shown once, when the connection is made).",
    }[kind]


CONNECTION_INPUT_EXAMPLE = {
    "kind": "shopify", "name": "Webshop",
    "credentials": {"webhook_secret": "shpss_5f1c0e9a7b3d4c2e8f6a", "access_token": "shpat_0a1b2c3d4e5f6a7b8c9d",
                    "shop_domain": "example-store.myshopify.com"},
    "settings": {"import_window_days": 30, "status_sync": True},
}

SHOPIFY_SETTINGS_EXAMPLE = {
    "status_mapping": {"cancelled": "cancelled", "fulfilled": "shipped", "open": "received",
                       "partially_fulfilled": "shipped", "refunded": "returned"},
    "status_sync": True,
    "import_window_days": 30,
    "excluded_states": ["cancelled", "fulfilled", "refunded"],
    "send_order_data": True,
    "product_key": None,
    "require_contact_channel": False,
}

CONNECTION_EXAMPLE = {
    "id": CONNECTION_ID,
    "kind": "shopify",
    "name": "Webshop",
    "settings": SHOPIFY_SETTINGS_EXAMPLE,
    "credentials_set": ["access_token", "shop_domain", "webhook_secret"],
    "webhook": {"url": f"{PUBLIC_URL}/hooks/shopify/{CONNECTION_ID}",
                "setup": webhook_setup("shopify", f"{PUBLIC_URL}/hooks/shopify/{CONNECTION_ID}")},
    "created_at": "2026-11-15T08:30:00.000Z",
    "updated_at": "2026-11-15T08:30:00.000Z",
}

WOO_CONNECTION_INPUT_EXAMPLE = {
    "kind": "woocommerce", "name": "Butik",
    "credentials": {"site_url": "https://butik.example.se", "consumer_key": "ck_4f6a8c0e2b4d6f8a0c2e4b6d",
                    "consumer_secret": "cs_9e7c5a3f1d9b7e5c3a1f9d7b"},
}

WOO_CONNECTION_CREATED_EXAMPLE = {
    "id": WOO_CONNECTION_ID,
    "kind": "woocommerce",
    "name": "Butik",
    "settings": {
        "status_mapping": {"cancelled": "cancelled", "completed": "shipped", "failed": "failed", "on-hold": "received",
                           "pending": "received", "processing": "received", "refunded": "returned",
                           "trash": "cancelled"},
        "status_sync": True,
        "import_window_days": 60,
        "excluded_states": ["cancelled", "completed", "failed", "refunded", "trash"],
        "send_order_data": True,
        "product_key": None,
        "require_contact_channel": True,
    },
    "credentials_set": ["consumer_key", "consumer_secret", "site_url", "webhook_secret"],
    "webhook": {"url": f"{PUBLIC_URL}/hooks/woocommerce/{WOO_CONNECTION_ID}",
                "setup": webhook_setup("woocommerce", f"{PUBLIC_URL}/hooks/woocommerce/{WOO_CONNECTION_ID}")},
    "created_at": "2026-11-15T08:35:00.000Z",
    "updated_at": "2026-11-15T08:35:00.000Z",
    "secrets": {"webhook_secret": "Vt8pQ2mZ6kR1xW9cJ4nB7hL3sF5dG0aY2eU8iO6r"},
}

CARTUM_CONNECTION_CREATED_EXAMPLE = {
    "id": CARTUM_CONNECTION_ID,
    "kind": "cartum",
    "name": "Horoshop",
    "settings": {
        "status_mapping": {"1": "received", "2": "in_production", "3": "delivered", "4": "cancelled", "6": "shipped"},
        "status_sync": True,
        "import_window_days": 60,
        "excluded_states": ["3"],
        "send_order_data": True,
        "product_key": None,
        "require_contact_channel": False,
    },
    "credentials_set": ["login", "password", "site_url"],
    "webhook": {"url": f"{PUBLIC_URL}/hooks/cartum/{CARTUM_CONNECTION_ID}/{CARTUM_TOKEN}",
                "setup": webhook_setup("cartum", f"{PUBLIC_URL}/hooks/cartum/{CARTUM_CONNECTION_ID}/{CARTUM_TOKEN}")},
    "created_at": "2026-11-15T08:40:00.000Z",
    "updated_at": "2026-11-15T08:40:00.000Z",
    "secrets": {"webhook_token": CARTUM_TOKEN},
}

SHOPIFY_WEBHOOK_ID = "b54557e4-7ab1-4c4a-9c9c-2f9a1c0a1e10"

INBOX_ITEM_EXAMPLE = {
    "id": "inb_01JDQ8YH1Z4B7N2KX6M3T8C5PD",
    "connection_id": CONNECTION_ID,
    "delivery_id": SHOPIFY_WEBHOOK_ID,
    "topic": "orders/create",
    "received_at": "2026-11-20T09:41:01.874Z",
    "status": "applied",
    "headers": {"content-type": "application/json", "x-shopify-order-id": "820982911946154508",
                "x-shopify-shop-domain": "example-store.myshopify.com", "x-shopify-topic": "orders/create",
                "x-shopify-webhook-id": SHOPIFY_WEBHOOK_ID},
    "body": "{\"id\":820982911946154508,\"name\":\"#1001\",\"created_at\":\"2026-11-20T10:41:00+01:00\","
            "\"currency\":\"SEK\",\"financial_status\":\"paid\",\"fulfillment_status\":null,\"line_items\":[…]}",
    "fetched": None,
    "outcome": "order ord_01JDQ8YH2N5C8V3KX7M4T9B6QE created",
    "processed_at": "2026-11-20T09:41:02.000Z",
}

BACKFILL_REQUEST_EXAMPLE = {"since": "2026-01-01T00:00:00Z", "all_states": True}

BACKFILL_EXAMPLE = {
    "id": "job_01JDR2K8M4P6T9W3Y5B7D1F3H5",
    "connection_id": CONNECTION_ID,
    "status": "running",
    "since": "2026-10-23T10:00:00.000Z",
    "until": "2026-11-22T10:00:00.000Z",
    "all_states": False,
    "fire_triggers": False,
    "progress": {"pages": 2, "imported": 431, "rejected": 3, "skipped": 66},
    "checkpoint": {"url": "https://example-store.myshopify.com/admin/api/2026-07/orders.json?limit=250"
                          "&page_info=eyJsYXN0X2lkIjo2MTk4NTY3ODkwfQ"},
    "error": None,
    "created_at": "2026-11-22T10:00:00.000Z",
    "updated_at": "2026-11-22T10:00:07.412Z",
    "finished_at": None,
}

BACKFILL_COMPLETED_EXAMPLE = {**BACKFILL_EXAMPLE, "status": "completed",
                              "progress": {"pages": 3, "imported": 588, "rejected": 3, "skipped": 91},
                              "updated_at": "2026-11-22T10:00:11.050Z", "finished_at": "2026-11-22T10:00:11.050Z"}

HOOK_STORED_EXAMPLE = {"received": True, "stored": ["inb_01JDQ8YH1Z4B7N2KX6M3T8C5PD"], "duplicates": 0}

SHOPIFY_ORDER_BODY_EXAMPLE = {
    "id": 820982911946154508, "name": "#1001", "created_at": "2026-11-20T10:41:00+01:00", "currency": "SEK",
    "financial_status": "paid", "fulfillment_status": None, "email": "anna.lindqvist@example.se",
    "total_price": "1145.00",
    "line_items": [{"id": 466157049, "product_id": 632910392, "sku": "MUG-HOST-03", "title": "Kaffemugg Höstlöv",
                    "quantity": 2, "price": "149.00"}],
}

CARTUM_ORDER_BODY_EXAMPLE = {
    "order_id": 1001, "delivery_name": "Olena Kovalenko", "delivery_email": "olena@example.com.ua",
    "delivery_phone": "+38 (067) 123-45-67", "delivery_city": "Kyiv", "stat_status": 1,
    "stat_created": "2024-05-01 10:15:00", "currency": "UAH", "total_sum": 1599,
    "products": [{"title": "Example product", "article": "SKU-001", "price": 1599, "quantity": 1,
                  "total_price": 1599}],
}

SITOO_EVENTS_EXAMPLE = [
    {"event_id": "5e9fd002119a4c5fb4de5ccb9d0b90ea", "event_type": "order", "event_date": 1611138542,
     "account_id": 1500, "data": {"eshop_id": 1, "order_id": 12345, "warehouse_id": 4, "order_event_type": "add"}},
    {"event_id": "6f0ae113220b5d6fc5ef6ddcae1c01fb", "event_type": "order", "event_date": 1611138600,
     "account_id": 1500, "data": {"eshop_id": 1, "order_id": 12345, "order_event_type": "update",
                                  "order_state_changed": "closed"}},
]

# ---------------------------------------------------------------------------------------------------------
# Schemas
# ---------------------------------------------------------------------------------------------------------

schemas = {}

schemas["Problem"] = {
    "type": "object",
    "description": "RFC 9457 problem details (`application/problem+json`). Every error Kvitto answers with has "
                   "this shape.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri",
                 "description": "`https://kvitto.dev/problems/<reason or code>`: the rule's reason for a rejection "
                                "(e.g. `.../currency-mismatch`), otherwise the error code (`malformed`, `invalid`, "
                                "`not-found`, `conflict`, `unauthorized`, `forbidden`, `too-large`, `internal`).",
                 "examples": ["https://kvitto.dev/problems/invalid", "https://kvitto.dev/problems/currency-mismatch"]},
        "title": {"type": "string",
                  "enum": ["Malformed JSON", "Invalid request", "Rejected by a rule", "Not found", "Conflict",
                           "Unauthorized", "Forbidden", "Request body too large", "Internal error"]},
        "status": {"type": "integer", "enum": [400, 401, 403, 404, 409, 413, 422, 500]},
        "detail": {"type": "string", "description": "A human-readable explanation."},
        "reason": {"type": "string",
                   "description": "Only on rejections (422 `Rejected by a rule`): the rule that refused the input. "
                                  "Rejected orders are also kept in `GET /v1/rejections`.",
                   "examples": ["currency-mismatch", "no-lines", "no-customer", "no-contact-channel"]},
        "errors": {
            "type": "array",
            "description": "One entry per invalid field; present on 422 (and on 409 for identifier conflicts). "
                           "All mistakes of a request are reported at once.",
            "items": ref("FieldError"),
        },
    },
}

schemas["FieldError"] = {
    "type": "object",
    "required": ["pointer", "detail"],
    "properties": {
        "pointer": {"type": "string",
                    "description": "RFC 6901 JSON pointer into the request body (`\"\"` is the whole body; "
                                   "`/after` names a query parameter).",
                    "examples": ["/lines/0/unit_price", "/customer"]},
        "detail": {"type": "string", "examples": ["must be a decimal amount such as \"299.00\""]},
    },
}

schemas["Money"] = {
    "type": "string",
    "description": "An exact decimal amount as a string, with at least two decimals (more are kept when the input "
                   "had them; nothing is rounded). Never a binary floating-point number.",
    "pattern": r"^-?[0-9]+\.[0-9]{2,}$",
    "examples": ["299.00", "129.40"],
}

schemas["MoneyInput"] = {
    "description": "A decimal amount: a string such as `\"299.00\"` (preferred; surrounding spaces are trimmed) "
                   "or a JSON number such as `299` or `299.5` without an exponent. At most 40 characters. It is "
                   "read exactly, never through a binary float.",
    "anyOf": [
        {"type": "string", "pattern": r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$", "maxLength": 40},
        {"type": "number"},
    ],
    "examples": ["299.00", 49],
}

schemas["QuantityInput"] = {
    "description": "A positive quantity: an integer or an exact decimal, as a number or a decimal string.",
    "anyOf": [
        {"type": "number", "exclusiveMinimum": 0},
        {"type": "string", "pattern": r"^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)$", "maxLength": 40},
    ],
    "examples": [2, "1.5"],
}

schemas["Identifier"] = {
    "description": "A platform id: a non-empty string of at most 255 characters, or an integer (kept digit for "
                   "digit, so `820982911946154508` survives). Always returned as a string.",
    "oneOf": [
        {"type": "string", "minLength": 1, "maxLength": 255},
        {"type": "integer"},
    ],
    "examples": ["1001", 820982911946154508],
}

schemas["FieldGroups"] = {
    "type": "object",
    "description": "Custom fields by group: `{\"Group\": {\"field\": value}}`. Group and field names are 1–100 "
                   "characters. A field's type (`text`, `number`, `date`, `datetime`, `json`, `multiple`) is "
                   "inferred from its first value; later values must fit it (otherwise 422). On writes a value "
                   "replaces the stored one and `null` removes it.",
    "propertyNames": {"minLength": 1, "maxLength": 100},
    "additionalProperties": {
        "type": "object",
        "propertyNames": {"minLength": 1, "maxLength": 100},
        "additionalProperties": True,
    },
    "examples": [{"Sitoo-Contact": {"member_number": "M-1001"}, "Order": {"channel": "web"}}],
}

schemas["Address"] = {
    "type": "object",
    "description": "An address as Kvitto returns it. `name` (the recipient) appears only on shipping addresses "
                   "that have one.",
    "required": ["line1", "line2", "postal_code", "city", "region", "country"],
    "properties": {
        "name": {"type": "string"},
        "line1": NSTR, "line2": NSTR, "postal_code": NSTR, "city": NSTR, "region": NSTR,
        "country": {"type": ["string", "null"], "description": "ISO 3166 alpha-2."},
    },
}


def address_input(with_name):
    props = {}
    if with_name:
        props["name"] = {"type": "string", "maxLength": 1000, "description": "The recipient."}
    for f in ["line1", "line2", "postal_code", "city", "region"]:
        props[f] = {"type": "string", "maxLength": 1000}
    props["country"] = {"type": "string", "maxLength": 2, "description": "ISO 3166 alpha-2, e.g. `SE`."}
    return {
        "type": "object",
        "description": ("A shipping address; `name` is the recipient." if with_name else
                        "A contact's address (no recipient name).") +
                       " All members are optional; the address replaces any stored one as a whole.",
        "additionalProperties": False,
        "properties": props,
    }


schemas["AddressInput"] = address_input(False)
schemas["ShippingAddressInput"] = address_input(True)

schemas["ContactInput"] = {
    "type": "object",
    "description": "A contact as a request describes it (`POST /v1/contacts`, `PATCH /v1/contacts/{id}`, an "
                   "order's `customer`). Every member is optional and a JSON `null` counts as absent; absent "
                   "members leave stored values alone. A contact is identified by its e-mail key (trimmed, "
                   "lower-cased) or its phone in E.164 (read in the account's default country); junk values such "
                   "as `test@test` or `0000000` identify nobody. Unknown members are an error.",
    "additionalProperties": False,
    "properties": {
        "email": {"type": "string", "maxLength": 254, "examples": ["Anna@Example.se"]},
        "phone": {"type": "string", "maxLength": 40, "description": "Any common notation; normalised to E.164.",
                  "examples": ["070-123 45 67", "+46 70 123 45 67"]},
        "first_name": {"type": "string", "maxLength": 1000},
        "last_name": {"type": "string", "maxLength": 1000},
        "address": ref("AddressInput"),
        "tags": {"type": "array", "maxItems": 1000, "items": {"type": "string"},
                 "description": "Tags to add (existing tags are kept)."},
        "fields": ref("FieldGroups"),
        "consent": {"type": "boolean", "description": "Consent to marketing messages."},
        "blacklisted": {"type": "boolean"},
    },
}

schemas["Contact"] = {
    "type": "object",
    "description": "A person the merchant knows.",
    "required": ["id", "email", "phone", "phone_raw", "first_name", "last_name", "address", "tags", "fields",
                 "consent", "blacklisted", "unsubscribed_at", "created_at", "updated_at"],
    "properties": {
        "id": {"type": "string", "examples": ["con_01JBZ8W3Q0K9X2T4V6M8N0P2R4"]},
        "email": {"type": ["string", "null"], "description": "As given (trimmed)."},
        "phone": {"type": ["string", "null"], "description": "E.164.", "examples": ["+46701234567"]},
        "phone_raw": {"type": ["string", "null"], "description": "The phone as it was sent."},
        "first_name": NSTR,
        "last_name": NSTR,
        "address": nullable(ref("Address")),
        "tags": {"type": "array", "items": {"type": "string"}},
        "fields": ref("FieldGroups"),
        "consent": {"type": ["boolean", "null"],
                    "description": "Consent to marketing; marketing messages need `true` (null: unknown)."},
        "blacklisted": {"type": "boolean", "description": "Blacklisted contacts get no marketing message."},
        "unsubscribed_at": {**NTS, "description": "When the contact unsubscribed with the link in a marketing e-mail, "
                                                  "or null. Unsubscribed contacts get no marketing message, and the "
                                                  "address stays suppressed after erasure."},
        "created_at": TS,
        "updated_at": TS,
    },
    "example": CONTACT_EXAMPLE,
}

schemas["ContactUpsertResult"] = {
    "description": "The contact after the upsert, with what happened to it.",
    "allOf": [
        ref("Contact"),
        {"type": "object", "required": ["outcome"],
         "properties": {"outcome": {"type": "string", "enum": ["created", "updated", "unchanged"]}}},
    ],
}

schemas["CustomerCard"] = {
    "type": "object",
    "description": "The customer card of `GET /v1/contacts/{id}`.",
    "required": ["contact", "fields", "tags", "lists", "latest_orders", "vouchers", "timeline"],
    "properties": {
        "contact": ref("Contact"),
        "fields": ref("FieldGroups"),
        "tags": {"type": "array", "items": {"type": "string"}},
        "lists": {"type": "array", "items": {"type": "string"}, "description": "The ids of the lists the contact is in."},
        "latest_orders": {"type": "array", "maxItems": 10, "items": ref("Order"),
                          "description": "The 10 newest orders from every source, newest first."},
        "vouchers": {"type": "array", "items": {"type": "object"},
                     "description": "Bonus checks of the contact (always empty until vouchers are implemented)."},
        "timeline": {"type": "array", "maxItems": 50, "items": ref("TimelineEntry"),
                     "description": "The 50 newest timeline entries, newest first."},
    },
}

schemas["ContactExport"] = {
    "type": "object",
    "description": "Everything Kvitto holds on one person (GDPR access request).",
    "required": ["contact", "orders", "timeline", "vouchers", "lookups"],
    "properties": {
        "contact": ref("Contact"),
        "orders": {"type": "array", "items": ref("Order"), "description": "All of the contact's orders, newest first."},
        "timeline": {"type": "array", "maxItems": 1000, "items": ref("TimelineEntry"),
                     "description": "Up to 1000 timeline entries, newest first; consent records are among them "
                                    "(kind `consent`, with store, register, staff and channels)."},
        "vouchers": {"type": "array", "items": {"type": "object"}, "description": "The contact's bonus checks."},
        "lookups": {"type": "array", "items": {"$ref": "#/components/schemas/LookupRecord"},
                    "description": "The till look-ups that found the contact, newest first."},
    },
}

schemas["TagsRequest"] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["tags"],
    "properties": {
        "tags": {"type": "array", "maxItems": 1000,
                 "items": {"type": "string", "minLength": 1, "maxLength": 100}},
    },
    "example": {"tags": ["OrderCompleted", "VIP"]},
}

schemas["OrderStatus"] = {
    "type": "string",
    "enum": ["received", "in_production", "shipped", "in_transit", "delivered", "cancelled", "returned", "failed"],
}

schemas["LineInput"] = {
    "type": "object",
    "description": "An order line. It needs at least one of `name`, `sku` and `external_id`; it is matched to a "
                   "catalogue product by the account's (or connection's) product key, and a missing product "
                   "and its categories are created.",
    "additionalProperties": False,
    "required": ["quantity", "unit_price"],
    "anyOf": [{"required": ["name"]}, {"required": ["sku"]}, {"required": ["external_id"]}],
    "properties": {
        "external_id": ref("Identifier"),
        "sku": {"type": "string", "maxLength": 255},
        "name": {"type": "string", "maxLength": 500},
        "description": {"type": "string", "maxLength": 5000},
        "categories": {
            "type": "array", "maxItems": 50,
            "description": "Category paths, most general first (`[[\"Clothing\", \"Hoodies\"]]`); a single name "
                           "is a path of one.",
            "items": {"oneOf": [
                {"type": "string"},
                {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1}},
            ]},
        },
        "quantity": ref("QuantityInput"),
        "unit_price": ref("MoneyInput"),
        "line_total": {"$ref": "#/components/schemas/MoneyInput",
                       "description": "Defaults to quantity × unit price."},
    },
}

schemas["ShippingInput"] = {
    "type": "object",
    "description": "Shipping of an order. Delivery details (carrier, cost, address) become a comment on the "
                   "order's timeline, and a new comment is added when they change.",
    "additionalProperties": False,
    "properties": {
        "carrier": {"type": "string", "maxLength": 1000},
        "method": {"type": "string", "maxLength": 1000},
        "cost": ref("MoneyInput"),
        "tracking_number": {"type": "string", "maxLength": 1000},
        "tracking_url": {"type": "string", "maxLength": 2000},
        "address": ref("ShippingAddressInput"),
    },
}

schemas["TotalsInput"] = {
    "type": "object",
    "description": "Order totals as the source computed them. Without `totals`, a new order's total is the sum of "
                   "its line totals plus the shipping cost.",
    "additionalProperties": False,
    "properties": {
        "subtotal": ref("MoneyInput"),
        "shipping": ref("MoneyInput"),
        "tax": ref("MoneyInput"),
        "discount": ref("MoneyInput"),
        "total": {"$ref": "#/components/schemas/MoneyInput", "description": "`0.00` when absent."},
    },
}

schemas["OrderInput"] = {
    "type": "object",
    "description": "An order as the native API takes it (SPEC §3). Upserted by (`source`, `external_id`): the "
                   "same order sent twice is one order. A JSON `null` counts as an absent member; unknown "
                   "members are an error (422). Beyond shape and types, the order rules apply and reject with a "
                   "`reason`: `currency-mismatch` (currency differs from the account's), `no-lines`, and — where "
                   "the connection requires a contact channel, which new `api` connections do — `no-customer` "
                   "and `no-contact-channel` (a customer with neither a valid e-mail nor phone).",
    "additionalProperties": False,
    "required": ["external_id", "currency"],
    "properties": {
        "source": {"type": "string", "minLength": 1, "maxLength": 100, "default": "api",
                   "description": "The connection's label (e.g. `webshop`); a new label creates a new `api` "
                                  "connection with default settings."},
        "external_id": ref("Identifier"),
        "number": {"description": "The order number shown to people; a number is kept as written.",
                   "type": ["string", "number"]},
        "created_at": {"type": "string",
                       "description": "RFC 3339 (any offset; a space instead of `T` and a bare date are accepted). "
                                      "Defaults to the time of receipt.",
                       "examples": ["2026-11-01T10:00:00Z"]},
        "status": {"$ref": "#/components/schemas/OrderStatus", "description": "Defaults to `received` for a new order."},
        "currency": {"type": "string", "maxLength": 3, "description": "ISO 4217 (upper-cased); must equal the "
                                                                       "account's currency.",
                     "examples": ["SEK"]},
        "customer": ref("ContactInput"),
        "lines": {"type": "array", "maxItems": 1000, "items": ref("LineInput")},
        "shipping": ref("ShippingInput"),
        "totals": ref("TotalsInput"),
        "fields": ref("FieldGroups"),
    },
    "example": ORDER_EXAMPLE,
}

schemas["OrderLine"] = {
    "type": "object",
    "required": ["product_id", "external_id", "sku", "name", "description", "quantity", "unit_price", "line_total"],
    "properties": {
        "product_id": {"type": ["string", "null"], "examples": ["prd_01JBZ8W3Q1M2N3P4Q5R6S7T8V9"]},
        "external_id": NSTR,
        "sku": NSTR,
        "name": {"type": "string"},
        "description": NSTR,
        "quantity": {"type": "number", "description": "Exact, as sent (an integer or a decimal)."},
        "unit_price": ref("Money"),
        "line_total": ref("Money"),
    },
}

schemas["Shipping"] = {
    "type": "object",
    "required": ["carrier", "method", "cost", "tracking_number", "tracking_url", "address"],
    "properties": {
        "carrier": NSTR,
        "method": NSTR,
        "cost": nullable(ref("Money")),
        "tracking_number": NSTR,
        "tracking_url": NSTR,
        "address": nullable(ref("Address")),
    },
}

schemas["Totals"] = {
    "type": "object",
    "required": ["subtotal", "shipping", "tax", "discount", "total"],
    "properties": {
        "subtotal": nullable(ref("Money")),
        "shipping": nullable(ref("Money")),
        "tax": nullable(ref("Money")),
        "discount": nullable(ref("Money")),
        "total": ref("Money"),
    },
}

schemas["Order"] = {
    "type": "object",
    "description": "An order as Kvitto returns it (and as events carry it in `data.order`).",
    "required": ["id", "source", "connection_id", "external_id", "number", "created_at", "status",
                 "platform_status", "currency", "contact_id", "customer", "lines", "shipping", "totals", "fields",
                 "locked", "received_at", "updated_at"],
    "properties": {
        "id": {"type": "string", "examples": ["ord_01JBZ8W3Q1A2B3C4D5E6F7G8H9"]},
        "source": {"type": "string", "description": "The connection's name."},
        "connection_id": {"type": "string"},
        "external_id": {"type": "string", "description": "The source's id, always a string."},
        "number": NSTR,
        "created_at": TS,
        "status": ref("OrderStatus"),
        "platform_status": {"type": ["string", "null"],
                            "description": "The platform's own status, exactly as a platform connection received it "
                                           "(before the connection's `status_mapping` turned it into `status`), so a "
                                           "status nobody mapped — which becomes `received` — is not lost; null for "
                                           "orders of the native API. Updated only while the connection's "
                                           "`status_sync` is on.",
                            "examples": ["awaiting-shipment", "fulfilled", None]},
        "currency": {"type": "string"},
        "contact_id": {"type": ["string", "null"],
                       "description": "null for an *unspecified* customer (or after the contact was erased)."},
        "customer": {"type": "string", "enum": ["contact", "unspecified"]},
        "lines": {"type": "array", "items": ref("OrderLine")},
        "shipping": nullable(ref("Shipping")),
        "totals": ref("Totals"),
        "fields": ref("FieldGroups"),
        "locked": {"type": "boolean", "description": "A locked order (goods written off) ignores later changes."},
        "received_at": TS,
        "updated_at": TS,
    },
}

schemas["OrderUpsertResult"] = {
    "description": "The order after a write, with what happened: `created`, `updated`, `unchanged`, or "
                   "`ignored_locked` (the order is locked; the change was not applied and the timeline says so).",
    "allOf": [
        ref("Order"),
        {"type": "object", "required": ["outcome"],
         "properties": {"outcome": {"type": "string", "enum": ["created", "updated", "unchanged", "ignored_locked"]}}},
    ],
}

schemas["OrderDetail"] = {
    "description": "An order with its timeline (the 100 newest entries, newest first).",
    "allOf": [
        ref("Order"),
        {"type": "object", "required": ["timeline"],
         "properties": {"timeline": {"type": "array", "maxItems": 100, "items": ref("TimelineEntry")}}},
    ],
}

schemas["OrderStatusRequest"] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["status"],
    "properties": {"status": ref("OrderStatus")},
    "example": {"status": "shipped"},
}

schemas["BatchRequest"] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["orders"],
    "properties": {
        "orders": {"type": "array", "maxItems": 1000, "items": ref("OrderInput"),
                   "description": "Up to 1000 orders. Each is read and upserted on its own: a malformed item "
                                  "fails alone, with pointers relative to the item."},
    },
}

schemas["BatchItemSuccess"] = {
    "type": "object",
    "required": ["index", "status", "id", "outcome"],
    "properties": {
        "index": {"type": "integer", "minimum": 0},
        "status": {"type": "integer", "enum": [200, 201]},
        "id": {"type": "string", "examples": ["ord_01JBZ8W3Q1A2B3C4D5E6F7G8H9"]},
        "outcome": {"type": "string", "enum": ["created", "updated", "unchanged", "ignored_locked"]},
    },
}

schemas["BatchItemFailure"] = {
    "type": "object",
    "required": ["index", "status", "problem"],
    "properties": {
        "index": {"type": "integer", "minimum": 0},
        "status": {"type": "integer", "const": 422},
        "problem": ref("Problem"),
    },
}

schemas["BatchResult"] = {
    "type": "object",
    "required": ["results"],
    "properties": {
        "results": {
            "type": "array",
            "description": "One result per input order, in input order.",
            "items": {"oneOf": [ref("BatchItemSuccess"), ref("BatchItemFailure")]},
        },
    },
    "example": {"results": [
        {"index": 0, "status": 201, "id": "ord_01JBZ8W3Q1A2B3C4D5E6F7G8H9", "outcome": "created"},
        {"index": 1, "status": 422, "problem": {
            "type": "https://kvitto.dev/problems/no-lines", "title": "Rejected by a rule", "status": 422,
            "detail": "an order needs at least one line", "reason": "no-lines",
            "errors": [{"pointer": "/lines", "detail": "an order needs at least one line"}]}},
    ]},
}

schemas["Product"] = {
    "type": "object",
    "required": ["id", "name", "description", "sku", "code", "category_id", "unit", "price", "created_at",
                 "updated_at"],
    "properties": {
        "id": {"type": "string", "examples": ["prd_01JBZ8W3Q1M2N3P4Q5R6S7T8V9"]},
        "name": {"type": "string"},
        "description": NSTR,
        "sku": NSTR,
        "code": {"type": ["string", "null"], "description": "The platform's product id."},
        "category_id": NSTR,
        "unit": {"type": "string", "description": "Always `piece` for imported products.", "examples": ["piece"]},
        "price": nullable(ref("Money")),
        "created_at": TS,
        "updated_at": TS,
    },
}

schemas["ProductInput"] = {
    "type": "object",
    "description": "A product to upsert. It is matched to an existing product by the account's product key "
                   "(`sku`, `name` or `external_id` = `code`); a match is updated, otherwise a product is created.",
    "additionalProperties": False,
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "maxLength": 500},
        "description": {"type": "string", "maxLength": 5000},
        "sku": {"type": "string", "maxLength": 255},
        "code": ref("Identifier"),
        "category": {"type": "array", "maxItems": 1000, "items": {"type": "string"},
                     "description": "A category path, most general first; missing categories are created.",
                     "examples": [["Clothing", "Hoodies"]]},
        "price": ref("MoneyInput"),
    },
    "example": {"name": "Hoodie", "sku": "HOOD-M", "code": "p-1", "category": ["Clothing", "Hoodies"],
                "price": "299.00"},
}

schemas["Category"] = {
    "type": "object",
    "required": ["id", "name", "parent_id", "created_at"],
    "properties": {
        "id": {"type": "string", "examples": ["cat_01JBZ8W3Q1T2V3W4X5Y6Z7A8B9"]},
        "name": {"type": "string"},
        "parent_id": {"type": ["string", "null"], "description": "null for a top-level category."},
        "created_at": TS,
    },
}

schemas["EventType"] = {
    "type": "string",
    "enum": ["order.received", "order.in_production", "order.shipped", "order.in_transit", "order.delivered",
             "order.cancelled", "order.returned", "order.failed", "order.updated", "contact.created",
             "contact.updated", "contact.tag_added", "contact.tag_removed", "contact.segment_changed", "contact.erased", "voucher.redeemed"],
}

schemas["EventOrigin"] = {
    "type": "string",
    "description": "`live` (a platform webhook), `api`, `pos` or `backfill`.",
    "enum": ["live", "api", "pos", "backfill"],
}

schemas["Event"] = {
    "type": "object",
    "description": "An immutable fact with a gap-free per-account sequence number.",
    "required": ["id", "type", "sequence", "occurred_at", "origin", "account_id", "data"],
    "properties": {
        "id": {"type": "string", "examples": ["evt_01JBZ8W3Q2B3C4D5E6F7G8H9J0"]},
        "type": ref("EventType"),
        "sequence": {"type": "integer", "minimum": 1},
        "occurred_at": TS,
        "origin": ref("EventOrigin"),
        "account_id": {"type": "string"},
        "data": {
            "type": "object",
            "description": "The objects exactly as the API showed them at the time of the event.",
            "required": ["contact"],
            "properties": {
                "order": {"$ref": "#/components/schemas/Order", "description": "On `order.*` events."},
                "contact": nullable(ref("Contact")),
                "tag": {"type": "string", "description": "On `contact.tag_added` and `contact.tag_removed`: the tag."},
                "automation": {"type": "object", "required": ["id", "run_id", "depth"],
                               "description": "On tag events an automation's tag step caused: which run, and how many tag "
                                              "steps in a row led here (at 5 the event starts no automation).",
                               "properties": {"id": {"type": "string"}, "run_id": {"type": "string"},
                                              "depth": {"type": "integer", "minimum": 1}}},
                "segment": {"type": "string", "description": "On `contact.segment_changed`: the new segment."},
                "previous_segment": {"type": "string", "description": "On `contact.segment_changed`: the segment before."},
                "contact_id": {"type": "string", "description": "On `contact.erased`: the erased contact's id."},
            },
        },
    },
}

schemas["TimelineEntry"] = {
    "type": "object",
    "description": "One entry of an order's or contact's feed.",
    "required": ["id", "subject_id", "kind", "at", "text", "data"],
    "properties": {
        "id": {"type": "string", "examples": ["tle_01JBZ8W3Q2C3D4E5F6G7H8J9K0"]},
        "subject_id": {"type": "string", "description": "The order or contact the entry belongs to."},
        "kind": {"type": "string",
                 "enum": ["comment", "status_change", "ignored_update", "merge_candidate", "imported", "created",
                          "updated", "locked"]},
        "at": TS,
        "text": {"type": "string", "examples": ["Delivery details — Carrier: PostNord; Cost: 49.00"]},
        "data": {"description": "Structured detail (e.g. the contacts of a merge candidate), or null."},
    },
}

schemas["Rejection"] = {
    "type": "object",
    "description": "Input that a rule refused, kept so nothing sent to Kvitto disappears unseen.",
    "required": ["id", "at", "reason", "detail", "source", "external_id", "payload"],
    "properties": {
        "id": {"type": "string", "examples": ["rej_01JBZ8W3Q2D3E4F5G6H7J8K9M0"]},
        "at": TS,
        "reason": {"type": "string", "examples": ["currency-mismatch", "no-lines", "no-customer", "no-contact-channel"]},
        "detail": {"type": "string"},
        "source": NSTR,
        "external_id": NSTR,
        "payload": {"description": "The refused request body, as sent."},
    },
}

schemas["Scope"] = {
    "type": "string",
    "description": "`admin` implies every other scope.",
    "enum": ["admin", "ingest", "read", "pos"],
}

schemas["APIKey"] = {
    "type": "object",
    "description": "An API key. Only a hash of the secret is stored.",
    "required": ["id", "account_id", "name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"],
    "properties": {
        "id": {"type": "string", "examples": ["key_01JBZ8W3Q2E3F4G5H6J7K8M9N0"]},
        "account_id": {"type": "string"},
        "name": {"type": "string"},
        "prefix": {"type": "string", "description": "The first 12 characters of the secret, to tell keys apart.",
                   "examples": ["kvt_Xk3m9Qa1"]},
        "scopes": {"type": "array", "items": ref("Scope")},
        "created_at": TS,
        "last_used_at": {**NTS, "description": "Updated at most once a minute."},
        "revoked_at": NTS,
    },
}

schemas["APIKeyCreated"] = {
    "description": "A new key with its secret. The secret is shown only here, once.",
    "allOf": [
        ref("APIKey"),
        {"type": "object", "required": ["key"],
         "properties": {"key": {"type": "string", "description": "The secret: `kvt_` + 43 base64url characters.",
                                "pattern": "^kvt_[A-Za-z0-9_-]{43}$"}}},
    ],
}

schemas["APIKeyInput"] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "scopes"],
    "properties": {
        "name": {"type": "string", "minLength": 1, "maxLength": 200},
        "scopes": {"type": "array", "minItems": 1, "maxItems": 1000, "items": ref("Scope")},
    },
    "example": {"name": "Webshop ingest", "scopes": ["ingest"]},
}

schemas["Account"] = {
    "type": "object",
    "description": "A merchant (not returned by any endpoint yet; accounts are created with "
                   "`kvitto accounts create`).",
    "required": ["id", "name", "currency", "default_country", "identity_priority", "product_key", "created_at"],
    "properties": {
        "id": {"type": "string", "examples": ["acc_01JBZ8W3Q2F3G4H5J6K7M8N9P0"]},
        "name": {"type": "string"},
        "currency": {"type": "string", "description": "ISO 4217."},
        "default_country": {"type": "string", "description": "ISO 3166 alpha-2."},
        "identity_priority": {"type": "array", "items": {"type": "string", "enum": ["email", "phone"]}},
        "product_key": {"type": "string", "enum": ["sku", "name", "external_id"]},
        "created_at": TS,
    },
}


# ---- postbacks: templates, triggers, deliveries (SPEC §5) ----

assert EVENT_TYPES == schemas["EventType"]["enum"], "EVENT_TYPES must list the EventType cases"

schemas["TemplateBody"] = {
    "description": "A postback template: any JSON document (object, array or scalar) whose values may be "
                   "directives, at any depth and at the root. A directive is an object with exactly one member:\n\n"
                   "- `{\"$expr\": \"<JMESPath>\"}` is replaced by the expression's result against the event "
                   "envelope (`{id, type, sequence, occurred_at, origin, account_id, data}`), e.g. "
                   "`data.order.number`;\n"
                   "- `{\"$template\": \"Order {{data.order.number}}\"}` is replaced by the Mustache text rendered "
                   "against the envelope, as a string (nothing is HTML-escaped);\n"
                   "- `{\"$literal\": …}` is replaced by its value exactly as written, even if that looks like a "
                   "directive.\n\n"
                   "Everything else is sent as written. Any other `$`-key, or a directive beside other members, is "
                   "an error (wrap such objects in `$literal`). Every expression and text is compiled when the "
                   "template is saved; problems are a 422 whose `errors` point at the directive (`/body/out/$expr`). "
                   "Limits: 16384 bytes per `$template` text, 1000 directives, 64 levels of nesting, and a rendered "
                   "document of at most 1 MiB or 100000 values; each expression also has length and evaluation-step "
                   "limits.",
    "examples": [TEMPLATE_BODY_EXAMPLE],
}

schemas["MessageTemplateBody"] = {
    "type": "object",
    "description": "An `email` or `sms` template: Mustache text per part. E-mail has `subject` and `text` "
                   "(required) and `html` (optional: without it a text-only e-mail); SMS has `text` only. Merge "
                   "fields read the message context: `contact`, `order` (with `lines` for sections), `shipping` "
                   "(`carrier`, `tracking_number`, `tracking_url`), `event`, `account`; custom fields as "
                   "`{{contact.fields.Sitoo-Contact.member_number}}`. Money renders in the account's currency and "
                   "language (`647,00 kr`, `€12.50`; the plain decimal is beside it as `<name>_amount`), times in "
                   "its time zone (ISO-8601 as `<name>_iso`). Only `html` escapes values; subject, text and SMS "
                   "never do. A part that does not parse is a 422 pointing at it (`/body/html`) with line and "
                   "column.",
    "additionalProperties": False,
    "properties": {"subject": {"type": "string"}, "html": {"type": "string"}, "text": {"type": "string"}},
    "required": ["text"],
    "example": {"subject": "Tack för din order {{order.number}}",
                "html": "<p>Hej {{contact.first_name}}!</p><p>Totalt: {{order.totals.total}}</p>",
                "text": "Hej {{contact.first_name}}! Totalt: {{order.totals.total}}"},
}

schemas["TemplateKind"] = {"type": "string", "enum": ["postback", "email", "sms"],
                           "description": "`postback` shapes postback bodies; `email` and `sms` are messages."}

schemas["TemplatePurpose"] = {
    "type": "string", "enum": ["transactional", "marketing"],
    "description": "Messages only. Transactional messages (order, shipping and delivery confirmations, receipts) "
                   "go to every contact; marketing ones skip contacts without consent, blacklisted or "
                   "unsubscribed ones.",
}

schemas["TemplateInput"] = {
    "type": "object",
    "description": "A template as `POST /v1/templates` (where `name` and `body` are required) and "
                   "`PATCH /v1/templates/{id}` (where every member is optional and absent members are kept) take "
                   "it. A JSON `null` counts as absent; unknown members are an error. The body is checked against "
                   "the kind: a postback document, or message parts.",
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "maxLength": 200},
        "kind": {"$ref": "#/components/schemas/TemplateKind", "default": "postback",
                 "description": "Set on create; a template keeps its kind (changing it on `PATCH` is a 422)."},
        "purpose": {"$ref": "#/components/schemas/TemplatePurpose",
                    "description": "Messages only (default `marketing`); on a postback template a 422."},
        "body": {"anyOf": [ref("TemplateBody"), ref("MessageTemplateBody")],
                 "description": "The template; on `PATCH` it replaces the stored one as a whole."},
    },
}

schemas["TemplateCreateInput"] = {
    "description": "A new template: `name` and `body` are required.",
    "allOf": [ref("TemplateInput"), {"type": "object", "required": ["name", "body"]}],
    "example": TEMPLATE_INPUT_EXAMPLE,
}

schemas["Template"] = {
    "type": "object",
    "description": "A stored template. Every account starts with the standard message templates (Swedish and "
                   "English order, shipping and delivery confirmations, thank-you, and the receipt copy of a "
                   "shop purchase), found by `key` and editable like any other.",
    "required": ["id", "name", "kind", "body", "created_at", "updated_at"],
    "properties": {
        "id": {"type": "string", "examples": ["tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3"]},
        "name": {"type": "string"},
        "kind": ref("TemplateKind"),
        "purpose": {"$ref": "#/components/schemas/TemplatePurpose", "description": "Messages only."},
        "key": {"type": ["string", "null"], "description": "Messages only: the standard template's stable key "
                                                           "(`order_confirmation.sv`, `shipping_confirmation.en`, "
                                                           "`delivery_confirmation.*`, `thank_you.*`, `receipt.*`); "
                                                           "null for the account's own.",
                "examples": ["order_confirmation.sv"]},
        "body": {"anyOf": [ref("TemplateBody"), ref("MessageTemplateBody")]},
        "created_at": TS,
        "updated_at": TS,
    },
    "example": TEMPLATE_EXAMPLE,
}

schemas["TemplatePreviewInput"] = {
    "type": "object",
    "description": "What to render the template against: at most one of a sample event type (the default is "
                   "`order.received`), a stored order (with its customer), a contact or a stored event.",
    "additionalProperties": False,
    "properties": {
        "sample": ref("EventType"),
        "order_id": {"type": "string"},
        "contact_id": {"type": "string"},
        "event_id": {"type": "string"},
    },
    "example": {"order_id": "ord_01JBZ9B4C5D6E7F8G9H0J1K2M3"},
}

schemas["TemplatePreview"] = {
    "type": "object",
    "description": "A rendered template. Messages: the parts, and `warnings` for merge fields that were "
                   "missing and rendered empty (present but null is not a warning); an SMS also says its "
                   "encoding and how many segments it takes. A postback template: its `output`.",
    "properties": {
        "kind": ref("TemplateKind"),
        "subject": {"type": "string"},
        "html": {"type": "string"},
        "text": {"type": "string"},
        "sms": {"type": "object", "properties": {"encoding": {"type": "string", "enum": ["gsm-7", "ucs-2"]},
                                                   "segments": {"type": "integer"},
                                                   "units": {"type": "integer", "description": "GSM-7 septets or "
                                                                                             "UTF-16 code units."}}},
        "output": {"description": "Postback templates: the rendered document."},
        "warnings": {"type": "array", "items": {"type": "object", "properties": {
            "field": {"type": "string", "examples": ["contact.fields.Sitoo-Contact.member_number"]},
            "detail": {"type": "string"}}}},
    },
    "required": ["warnings"],
}

schemas["SettingsInput"] = {
    "type": "object",
    "description": "`PATCH /v1/settings`: members left out are kept; a JSON `null` removes a section or an optional "
                   "member (`\"smtp\": null`; `\"smtp\": {\"username\": null}` also removes the password: without "
                   "a username there is no AUTH). Secrets (`password`, `auth_header`) are sealed at rest and never "
                   "answered. Unknown members are an error.",
    "additionalProperties": False,
    "properties": {
        "smtp": {"type": ["object", "null"], "additionalProperties": False, "properties": {
            "host": {"type": "string", "maxLength": 253},
            "port": {"type": "integer", "minimum": 1, "maximum": 65535, "default": 587},
            "starttls": {"type": "boolean", "default": True, "description": "Upgrade with STARTTLS, and refuse to "
                                                                            "send without it."},
            "username": {"type": ["string", "null"]},
            "password": {"type": ["string", "null"], "writeOnly": True, "description": "Needs a username."},
            "from": {"type": "string", "examples": ["Butiken <order@butiken.se>"]},
        }},
        "sms_gateway": {"type": ["object", "null"], "additionalProperties": False, "properties": {
            "url": {"type": "string", "format": "uri"},
            "auth_header": {"type": ["string", "null"], "writeOnly": True, "examples": ["Bearer …"]},
            "body": {"type": "string", "description": "Mustache text of the request body with `{{to}}` (E.164) and "
                                                      "`{{text}}`; default `{\"to\": \"{{to}}\", \"message\": \"{{text}}\"}`."},
        }},
        "time_zone": {"type": ["string", "null"], "description": "IANA time zone messages show times in.",
                      "examples": ["Europe/Stockholm"]},
        "locale": {"type": ["string", "null"], "description": "Language and region of messages.", "examples": ["sv-SE"]},
        "alert_email": {"type": ["string", "null"], "description": "Where Kvitto writes when a trigger is disabled "
                                                                   "or a sender keeps failing."},
        "engagement_schedule": {"type": ["object", "null"], "additionalProperties": False,
                                "description": "When the weekly engagement recompute runs, in the account's time zone "
                                               "(default Sunday 18:00); `null` restores the default.",
                                "properties": {"weekday": {"type": "string", "enum": ["sunday", "monday", "tuesday", "wednesday",
                                                                                     "thursday", "friday", "saturday"]},
                                               "hour": {"type": "integer", "minimum": 0, "maximum": 23}}},
        "loyalty": {"type": "object", "additionalProperties": False,
                    "description": "The loyalty club: whether customers registered at a till get a member number, "
                                   "`member_number_prefix` then a number counting up from `first_member_number`; a "
                                   "number is never issued twice.",
                    "properties": {"issue_member_numbers": {"type": "boolean"},
                                   "member_number_prefix": {"type": "string", "maxLength": 20},
                                   "first_member_number": {"type": "integer", "minimum": 0}}},
        "pos": {"type": "object", "additionalProperties": False,
                "description": "What tills see: `own_purchases_only` limits a customer's purchase history at the till to "
                               "purchases made at tills (no web orders).",
                "properties": {"own_purchases_only": {"type": "boolean"}}},
    },
    "example": {"smtp": {"host": "smtp.example.se", "port": 587, "starttls": True, "username": "butiken",
                         "password": "…", "from": "Butiken <order@butiken.se>"},
                "time_zone": "Europe/Stockholm", "locale": "sv-SE"},
}

schemas["Settings"] = {
    "type": "object",
    "description": "The account's message settings, secrets shown only as whether they are set, and what messages "
                   "are formatted in now (`formatting`: the settings where given, the account's country's language "
                   "and time zone otherwise, always the account's currency).",
    "required": ["smtp", "sms_gateway", "time_zone", "locale", "alert_email", "formatting"],
    "properties": {
        "smtp": {"type": ["object", "null"], "properties": {
            "host": {"type": "string"}, "port": {"type": "integer"}, "starttls": {"type": "boolean"},
            "username": {"type": ["string", "null"]}, "password_set": {"type": "boolean"}, "from": {"type": "string"}}},
        "sms_gateway": {"type": ["object", "null"], "properties": {
            "url": {"type": "string"}, "auth_header_set": {"type": "boolean"}, "body": {"type": "string"}}},
        "time_zone": {"type": ["string", "null"]},
        "locale": {"type": ["string", "null"]},
        "alert_email": {"type": ["string", "null"]},
        "engagement_schedule": {"type": "object", "properties": {"weekday": {"type": "string"}, "hour": {"type": "integer"}}},
        "loyalty": {"type": "object", "properties": {"issue_member_numbers": {"type": "boolean"},
                                                     "member_number_prefix": {"type": "string"},
                                                     "first_member_number": {"type": "integer"}}},
        "pos": {"type": "object", "properties": {"own_purchases_only": {"type": "boolean"}}},
        "updated_at": {"type": ["string", "null"], "format": "date-time"},
        "formatting": {"type": "object", "properties": {"locale": {"type": "string"}, "time_zone": {"type": "string"},
                                                        "currency": {"type": "string"}}},
    },
}

schemas["TriggerMethod"] = {"type": "string", "enum": ["POST", "PUT"]}

schemas["TriggerInput"] = {
    "type": "object",
    "description": "A postback trigger as `POST /v1/triggers` (where `name`, `event_types` and `url` are "
                   "required) and `PATCH /v1/triggers/{id}` (where every member is optional and absent members are "
                   "kept) take it. A JSON `null` counts as absent, except for `filter` and `template_id`, where it "
                   "removes the stored value. Unknown members are an error. All shape mistakes are reported at "
                   "once; the URL, filter and template are then checked together.",
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string", "maxLength": 200, "description": "Must not be empty on create."},
        "event_types": {"type": "array", "maxItems": 1000, "items": ref("EventType"),
                        "description": "The event types that fire the trigger (at least one on create); replaces "
                                       "the stored list. An unknown type is a 422 pointing at its index "
                                       "(`/event_types/0`)."},
        "filter": {"type": ["string", "null"], "maxLength": 4096,
                   "description": "A JMESPath expression over the event envelope that must be truthy for the "
                                  "trigger to fire (`false`, `null`, `\"\"`, `[]` and `{}` are false; a filter "
                                  "that fails at run time matches nothing). One that does not compile is a 422 at "
                                  "`/filter`. `null` removes the filter.",
                   "examples": ["data.order.totals.total != '0.00'"]},
        "url": {"type": "string", "format": "uri", "maxLength": 2000,
                "description": "The destination: an absolute `http` or `https` URL without credentials (422 at "
                               "`/url` otherwise). Its addresses are checked when sending, after DNS resolution: "
                               "loopback, private, link-local, CGNAT, multicast and reserved ranges are refused "
                               "unless the operator allow-lists them.",
                "examples": ["https://partner.example/hooks"]},
        "method": {"$ref": "#/components/schemas/TriggerMethod", "default": "POST"},
        "format": {"type": "string", "const": "json", "default": "json",
                   "description": "Only JSON is supported; any other value is a 422."},
        "template_id": {"type": ["string", "null"],
                        "description": "A template of the account (`tpl_…`) that shapes the body; an unknown one is a "
                                       "422 at `/template_id`. Without a template (or with `null`, which removes it) "
                                       "the event envelope is sent as is.",
                        "examples": ["tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3"]},
        "retry": {"type": "boolean", "default": True,
                  "description": "Retry on failure (see the retry schedule in the API description). When off, a "
                                 "failed first attempt fails the delivery."},
        "active": {"type": "boolean", "default": True,
                   "description": "Inactive triggers fire nothing (and their pending deliveries fail when due). Setting `true` also re-enables a trigger Kvitto "
                                  "disabled (it clears `disabled_at`, `disabled_reason` and `failing_since`)."},
        "email": {"type": "string", "maxLength": 254,
                  "description": "An e-mail destination instead of `url`: the payload (as a postback would carry it) is "
                                 "sent as the text of an e-mail through the account's SMTP server, retried and counted "
                                 "in the trigger's health like HTTP attempts. Giving both, or an address that is not "
                                 "one, is a 422 at `/email`.", "examples": ["lager@butiken.se"]},
    },
}

schemas["TriggerCreateInput"] = {
    "description": "A new trigger: `name`, `event_types` (at least one) and `url` or `email` are required.",
    "allOf": [
        ref("TriggerInput"),
        {"type": "object", "required": ["name", "event_types"],
         "properties": {"name": {"minLength": 1}, "event_types": {"minItems": 1}},
         "oneOf": [{"required": ["url"]}, {"required": ["email"]}]},
    ],
    "example": TRIGGER_INPUT_EXAMPLE,
}

schemas["Trigger"] = {
    "type": "object",
    "description": "A postback trigger: which events, which filter, where to. Its signing secret is never part of "
                   "it (it is shown once, on create and on rotation).",
    "required": ["id", "name", "event_types", "filter", "url", "email", "method", "format", "template_id", "retry", "active",
                 "previous_secret_expires_at", "disabled_at", "disabled_reason", "failing_since", "created_at",
                 "updated_at"],
    "properties": {
        "id": {"type": "string", "examples": ["trg_01JBZ9C5D6E7F8G9H0J1K2M3N4"]},
        "name": {"type": "string"},
        "event_types": {"type": "array", "items": ref("EventType")},
        "filter": {"type": ["string", "null"], "description": "The JMESPath filter, or null."},
        "url": {"type": ["string", "null"], "description": "null for an e-mail destination."},
        "email": {"type": ["string", "null"], "description": "The e-mail destination, or null."},
        "method": ref("TriggerMethod"),
        "format": {"type": "string", "const": "json"},
        "template_id": {"type": ["string", "null"], "description": "null: the event envelope is sent as is."},
        "retry": {"type": "boolean"},
        "active": {"type": "boolean"},
        "previous_secret_expires_at": {**NTS, "description": "After a rotation, until when the previous secret "
                                                             "still signs alongside the new one (24 h), or null."},
        "disabled_at": {**NTS, "description": "When Kvitto switched the trigger off (the endpoint answered 410, or "
                                              "failed for 5 days), or null. A disabled trigger fires nothing until "
                                              "`active` is set to `true` again."},
        "disabled_reason": {"type": ["string", "null"], "examples": ["the endpoint answered 410 Gone"]},
        "failing_since": {**NTS, "description": "Since when every attempt to the endpoint has failed; cleared by a "
                                                "success."},
        "created_at": TS,
        "updated_at": TS,
    },
    "example": TRIGGER_EXAMPLE,
}

schemas["TriggerWithSecret"] = {
    "description": "A trigger with its signing secret, shown only in this answer.",
    "allOf": [
        ref("Trigger"),
        {"type": "object", "required": ["secret"],
         "properties": {"secret": {"type": "string", "pattern": "^whsec_[A-Za-z0-9+/]{43}=$",
                                   "description": "The Standard Webhooks signing secret: `whsec_` + the base64 of "
                                                  "32 random bytes. Never shown again.",
                                   "examples": [TRIGGER_SECRET_EXAMPLE]}}},
    ],
    "example": TRIGGER_CREATED_EXAMPLE,
}

schemas["TriggerTestRequest"] = {
    "type": "object",
    "description": "Which event to send. The body is optional: without it, the sample of the trigger's first event "
                   "type is sent.",
    "additionalProperties": False,
    "properties": {
        "event_id": {"type": "string", "description": "Send this stored event of the account (404 if unknown).",
                     "examples": ["evt_01JBZ8W3Q2B3C4D5E6F7G8H9J0"]},
        "event_type": {"$ref": "#/components/schemas/EventType",
                       "description": "Send the sample of this event type (ignored when `event_id` is given)."},
    },
    "example": {"event_type": "order.shipped"},
}

schemas["TriggerTestResult"] = {
    "type": "object",
    "description": "The exact request Kvitto sent and what came back. Whatever the receiver answered (or if "
                   "nothing did), the test itself answers 200; nothing is stored and nothing retries.",
    "required": ["request", "response", "event_id", "sample", "delivery_written"],
    "properties": {
        "request": {
            "type": "object",
            "required": ["method", "url", "headers", "body"],
            "properties": {
                "method": ref("TriggerMethod"),
                "url": {"type": "string"},
                "headers": {"type": "object", "additionalProperties": {"type": "string"},
                            "description": "`content-type`, `user-agent`, and the Standard Webhooks headers "
                                           "`webhook-id` (a fresh `dlv_…` id that is not stored), "
                                           "`webhook-timestamp` and `webhook-signature`."},
                "body": {"type": "string", "description": "The body as sent: the rendered template, or the event "
                                                          "envelope."},
            },
        },
        "response": {
            "type": "object",
            "required": ["status", "headers", "body_excerpt", "latency_ms", "error"],
            "properties": {
                "status": {"type": ["integer", "null"], "description": "null when no response arrived."},
                "headers": {"type": "object", "additionalProperties": {"type": "string"}},
                "body_excerpt": {"type": ["string", "null"], "description": "At most 4 KiB of the response body."},
                "latency_ms": {"type": "integer", "minimum": 0},
                "error": {"type": ["string", "null"],
                          "description": "`<kind>: <message>` when no response arrived; kinds are `dns-failure`, "
                                         "`connect-failed`, `timeout`, `tls-failure`, `address-refused` and `other`.",
                          "examples": ["connect-failed: connection refused"]},
            },
        },
        "event_id": {"type": "string", "description": "The event sent (the sample's fixed id for a sample)."},
        "sample": {"type": "boolean", "description": "Whether a sample was sent rather than a stored event."},
        "delivery_written": {"type": "boolean", "const": False, "description": "Always false: a test writes no "
                                                                                "delivery."},
    },
    "example": TEST_RESULT_EXAMPLE,
}

schemas["DeliveryStatus"] = {
    "type": "string",
    "description": "`pending` (due or scheduled for another attempt), `succeeded` (a 2xx arrived) or `failed` "
                   "(given up; it can be replayed).",
    "enum": ["pending", "succeeded", "failed"],
}

schemas["Delivery"] = {
    "type": "object",
    "description": "One event sent to one trigger's URL (`channel` `postback`; its id is the `webhook-id` the "
                   "receiver sees, stable across retries and replays), or one e-mail or SMS an automation queued "
                   "(`channel` `email` or `sms`, with `automation_id`, `run_id`, `template_id`, `contact_id` and "
                   "`recipient`). Both are retried on the same schedule and replayed alike.",
    "required": ["id", "channel", "trigger_id", "event_id", "event_type", "status", "attempt_count", "cycle_start",
                 "next_attempt_at", "last_status_code", "last_error", "created_at", "updated_at"],
    "properties": {
        "id": {"type": "string", "examples": ["dlv_01JDQ8ZK5A7B2C4D6E8F1G3H5J"]},
        "channel": {"type": "string", "enum": ["postback", "email", "sms"]},
        "trigger_id": {"type": ["string", "null"], "description": "The trigger of a postback; null for a message."},
        "automation_id": {"type": ["string", "null"], "description": "Messages: the automation that queued it."},
        "run_id": {"type": ["string", "null"], "description": "Messages: the automation run."},
        "template_id": {"type": ["string", "null"], "description": "Messages: the e-mail or SMS template."},
        "contact_id": {"type": ["string", "null"], "description": "Messages: the contact it is for."},
        "recipient": {"type": ["string", "null"],
                      "description": "Messages: the e-mail address or E.164 number, as the contact had it when the "
                                     "message was queued."},
        "event_id": {"type": "string"},
        "event_type": ref("EventType"),
        "status": ref("DeliveryStatus"),
        "attempt_count": {"type": "integer", "minimum": 0, "description": "Attempts made, over every round."},
        "cycle_start": {"type": "integer", "minimum": 0,
                        "description": "`attempt_count` when the current round began (0, or the count at the last "
                                       "replay): a replay restarts the retry schedule while attempt numbers keep "
                                       "counting."},
        "next_attempt_at": {**NTS, "description": "When the next attempt is due; null once succeeded or failed."},
        "last_status_code": {"type": ["integer", "null"]},
        "last_error": {"type": ["string", "null"],
                       "examples": ["all 8 attempts failed", "timeout: deadline exceeded"]},
        "created_at": TS,
        "updated_at": TS,
    },
    "example": DELIVERY_EXAMPLE,
}

schemas["DeliveryAttempt"] = {
    "type": "object",
    "description": "One HTTP attempt of a delivery.",
    "required": ["number", "at", "status_code", "latency_ms", "response_headers", "response_excerpt", "error"],
    "properties": {
        "number": {"type": "integer", "minimum": 1},
        "at": TS,
        "status_code": {"type": ["integer", "null"], "description": "null when no response arrived."},
        "latency_ms": {"type": "integer", "minimum": 0},
        "response_headers": {"type": "object", "additionalProperties": {"type": "string"}},
        "response_excerpt": {"type": ["string", "null"], "description": "At most 4 KiB of the response body."},
        "error": {"type": ["string", "null"],
                  "description": "`<kind>: <message>` when no response arrived (`dns-failure`, `connect-failed`, "
                                 "`timeout`, `tls-failure`, `address-refused`, `other`)."},
    },
}

schemas["DeliveryDetail"] = {
    "description": "A delivery with every attempt, oldest first.",
    "allOf": [
        ref("Delivery"),
        {"type": "object", "required": ["attempts"],
         "properties": {"attempts": {"type": "array", "items": ref("DeliveryAttempt")}}},
    ],
    "example": DELIVERY_DETAIL_EXAMPLE,
}

schemas["DeliveryReplayRequest"] = {
    "type": "object",
    "description": "Which deliveries to replay; every member is optional and they combine. The body itself is "
                   "optional (no body: every delivery of the account that is not pending).",
    "additionalProperties": False,
    "properties": {
        "trigger_id": {"type": "string", "description": "Only this trigger's deliveries."},
        "status": ref("DeliveryStatus"),
        "event_type": ref("EventType"),
        "since": {"type": "string", "format": "date-time",
                  "description": "RFC 3339: only deliveries created at or after this time."},
    },
    "example": {"status": "failed", "since": "2026-11-22T08:00:00Z"},
}

schemas["ReplayResult"] = {
    "type": "object",
    "required": ["replayed"],
    "properties": {"replayed": {"type": "integer", "minimum": 0, "description": "How many deliveries were queued "
                                                                                "again."}},
    "example": {"replayed": 12},
}

schemas["MappingPreviewRequest"] = {
    "type": "object",
    "description": "A template (`template` inline, or a stored one by `template_id`; the inline one wins) and an "
                   "input (`payload`, else the stored event `event_id`, else the sample of event type `sample`). "
                   "Give one of each (422 at `/template` or `/payload` otherwise).",
    "additionalProperties": False,
    "allOf": [
        {"anyOf": [{"required": ["template"]}, {"required": ["template_id"]}]},
        {"anyOf": [{"required": ["payload"]}, {"required": ["event_id"]}, {"required": ["sample"]}]},
    ],
    "properties": {
        "template": {"$ref": "#/components/schemas/TemplateBody",
                     "description": "An inline template; problems are reported with pointers relative to it "
                                    "(`/out/$expr`)."},
        "template_id": {"type": "string", "description": "A stored template (404 if unknown).",
                        "examples": ["tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3"]},
        "payload": {"description": "Any JSON document to render against (a real postback renders against the event "
                                   "envelope)."},
        "event_id": {"type": "string", "description": "A stored event of the account (404 if unknown).",
                     "examples": ["evt_01JBZ8W3Q2B3C4D5E6F7G8H9J0"]},
        "sample": {"$ref": "#/components/schemas/EventType",
                   "description": "Render against this event type's sample (`GET /v1/samples/{type}`)."},
    },
}

schemas["MappingPreviewResult"] = {
    "type": "object",
    "required": ["output", "warnings"],
    "properties": {
        "output": {"description": "The rendered document, exactly as a postback would carry it."},
        "warnings": {"type": "array", "items": {}, "description": "Always empty so far."},
    },
    "example": {"output": {"out": "1001"}, "warnings": []},
}

# ---- platform connections, the webhook inbox and backfills (SPEC §7) ----

schemas["ConnectionKind"] = {
    "type": "string",
    "description": "The platform. `api` is the native API under a `source` label: such connections are made by "
                   "posting orders (`POST /v1/orders`), never by `POST /v1/connections`, and cannot be changed.",
    "enum": ["api", "shopify", "woocommerce", "cartum", "fapi", "sitoo"],
}

schemas["ConnectionSettingsInput"] = {
    "type": "object",
    "description": "Settings to change. Absent members are kept, and a JSON `null` counts as absent except for "
                   "`product_key`. Unknown members are an error. A new connection starts from its platform's "
                   "defaults (seed 004), which the answer shows.",
    "additionalProperties": False,
    "properties": {
        "product_key": {"type": ["string", "null"], "enum": ["sku", "name", "external_id", None],
                        "description": "How the connection's order lines are matched to catalogue products; `null` "
                                       "(the default) uses the account's product key."},
        "require_contact_channel": {
            "type": "boolean",
            "description": "Refuse orders without a customer (`no-customer`) or whose customer has neither a valid "
                           "e-mail nor a valid phone (`no-contact-channel`). Default on for WooCommerce and FAPI; off "
                           "for Shopify, Cartum and Sitoo, whose orders with a hidden customer are kept with an "
                           "*unspecified* customer."},
        "status_mapping": {
            "type": "object",
            "description": "Platform status → Kvitto status, on top of the platform's defaults (the answer shows the "
                           "combined mapping). Replaces the overrides stored before. Raw statuses compare "
                           "case-insensitively; a status nobody mapped becomes `received` and is kept in the order's "
                           "`platform_status`. A value that is not one of the eight statuses is a 422 at "
                           "`/settings/status_mapping/<raw status>`.",
            "additionalProperties": ref("OrderStatus"),
            "examples": [{"on-hold": "in_production", "awaiting-shipment": "in_production"}],
        },
        "status_sync": {"type": "boolean",
                        "description": "Apply later status changes from the platform to a stored order. Default off "
                                       "for Shopify (an order keeps the status it arrived with), on elsewhere."},
        "import_window_days": {"type": "integer", "minimum": 1, "maximum": 3650, "default": 60,
                               "description": "How far back a backfill reaches when it names no `since` (422 outside "
                                              "1–3650)."},
        "excluded_states": {
            "type": "array", "maxItems": 1000, "items": {"type": "string"},
            "description": "Raw platform states a backfill leaves out unless it asks for `all_states` (finished "
                           "orders); replaces the stored list. Defaults: Shopify `cancelled`, `fulfilled`, "
                           "`refunded`; WooCommerce `cancelled`, `completed`, `failed`, `refunded`, `trash`; Cartum "
                           "`3` (Delivered); none for FAPI and Sitoo.",
            "examples": [["cancelled", "fulfilled", "refunded"]]},
        "send_order_data": {"type": "boolean", "default": True,
                            "description": "Off: orders only bring their customer into the contacts and no order is "
                                           "stored (FAPI's *send order data*)."},
    },
}

schemas["ConnectionInput"] = {
    "type": "object",
    "description": "A platform connection as `POST /v1/connections` (where `kind` and `name` are required) and "
                   "`PATCH /v1/connections/{id}` (where every member is optional and absent members are kept) take "
                   "it. A JSON `null` counts as absent. Unknown members are an error; all mistakes are reported at "
                   "once.",
    "additionalProperties": False,
    "properties": {
        "kind": {"$ref": "#/components/schemas/ConnectionKind",
                 "description": "The platform. `api` is refused (422); on `PATCH` it may only repeat the current "
                                "kind (422 `cannot change; make a new connection`)."},
        "name": {"type": "string", "minLength": 1, "maxLength": 100,
                 "description": "Unique per platform within the account (409 otherwise); the `source` of the "
                                "connection's orders.",
                 "examples": ["Webshop"]},
        "credentials": {
            "type": "object",
            "additionalProperties": {"type": "string", "maxLength": 2000},
            "description": "Platform credentials, string values only (at most 2000 characters each). They are sealed "
                           "at rest (AES-GCM with the server's secret key) and never returned: answers list only "
                           "their names in `credentials_set`. On `PATCH` they merge: the names given are replaced, "
                           "the others kept. The names each platform uses:\n\n"
                           "- Shopify: `webhook_secret` (the key Shopify signs webhooks with; required), "
                           "`access_token` (`shpat_…`) and `shop_domain` (or `base_url`), optionally `api_version`, "
                           "for backfills;\n"
                           "- WooCommerce: `webhook_secret` (generated and shown once in `secrets` when not given), "
                           "`site_url`, `consumer_key`, `consumer_secret` for backfills;\n"
                           "- Cartum: `site_url`, `login`, `password` for backfills (its webhook URL carries a "
                           "generated token instead of a signature);\n"
                           "- FAPI: `user` and `api_key` (required: each notification is checked against the invoice "
                           "fetched with them), optionally `base_url` (default `https://api.fapi.cz`);\n"
                           "- Sitoo: `base_url`, `account_id`, `site_id`, `api_id`, `password` (its webhooks carry a "
                           "generated bearer token).\n\n"
                           "A missing required one is a 422 at `/credentials/<name>` on create; the ones backfills "
                           "need are checked when a backfill starts.",
            "examples": [{"webhook_secret": "shpss_5f1c0e9a7b3d4c2e8f6a", "access_token": "shpat_0a1b2c3d4e5f6a7b8c9d",
                          "shop_domain": "example-store.myshopify.com"}],
        },
        "settings": ref("ConnectionSettingsInput"),
    },
}

schemas["ConnectionCreateInput"] = {
    "description": "A new connection: `kind` (not `api`) and `name` are required, and so are the credentials the "
                   "platform's webhooks are checked with (Shopify `webhook_secret`, FAPI `user` and `api_key`).",
    "allOf": [ref("ConnectionInput"), {"type": "object", "required": ["kind", "name"],
                                       "properties": {"kind": {"not": {"const": "api"}}}}],
    "example": CONNECTION_INPUT_EXAMPLE,
}

schemas["ConnectionSettings"] = {
    "type": "object",
    "description": "A connection's settings as they apply (see `ConnectionSettingsInput`).",
    "required": ["status_mapping", "status_sync", "import_window_days", "excluded_states", "send_order_data",
                 "product_key", "require_contact_channel"],
    "properties": {
        "status_mapping": {"type": "object", "additionalProperties": ref("OrderStatus"),
                           "description": "The whole mapping: the platform's defaults with the connection's "
                                          "overrides, raw statuses lower-cased and sorted."},
        "status_sync": {"type": "boolean"},
        "import_window_days": {"type": "integer", "minimum": 1, "maximum": 3650},
        "excluded_states": {"type": "array", "items": {"type": "string"}},
        "send_order_data": {"type": "boolean"},
        "product_key": {"type": ["string", "null"], "enum": ["sku", "name", "external_id", None],
                        "description": "null: the account's product key."},
        "require_contact_channel": {"type": "boolean"},
    },
    "example": SHOPIFY_SETTINGS_EXAMPLE,
}

schemas["Connection"] = {
    "type": "object",
    "description": "A platform connection: one shop, POS or invoicing account of the merchant. Its credentials are "
                   "never part of it, only their names.",
    "required": ["id", "kind", "name", "settings", "credentials_set", "webhook", "created_at", "updated_at"],
    "properties": {
        "id": {"type": "string", "examples": [CONNECTION_ID]},
        "kind": ref("ConnectionKind"),
        "name": {"type": "string"},
        "settings": ref("ConnectionSettings"),
        "credentials_set": {"type": "array", "items": {"type": "string"},
                            "description": "The names of the stored credentials, sorted.",
                            "examples": [["access_token", "shop_domain", "webhook_secret"]]},
        "webhook": {
            "type": "object",
            "description": "Where the platform sends its webhooks, and what to paste where.",
            "required": ["url", "setup"],
            "properties": {
                "url": {"type": "string",
                        "description": "`<KVITTO_PUBLIC_URL>/hooks/<kind>/<id>` (Sitoo: `…/events`; Cartum: "
                                       "`…/<token>`, the token shown only in the create answer and `{token}` "
                                       "elsewhere).",
                        "examples": [f"{PUBLIC_URL}/hooks/shopify/{CONNECTION_ID}"]},
                "setup": {"type": "string",
                          "description": "Step-by-step instructions in the platform's own words (for `api` "
                                         "connections: how orders arrive)."},
            },
        },
        "created_at": TS,
        "updated_at": TS,
    },
    "example": CONNECTION_EXAMPLE,
}

schemas["ConnectionCreated"] = {
    "description": "A new connection, with the secrets Kvitto generated for it, shown only in this answer.",
    "allOf": [
        ref("Connection"),
        {"type": "object",
         "properties": {"secrets": {
             "type": "object", "additionalProperties": {"type": "string"},
             "description": "Present only when Kvitto made a secret: `webhook_secret` for WooCommerce when none was "
                            "given (paste it into the webhook's *Secret*), `webhook_token` for Cartum (it ends the "
                            "webhook URL) and Sitoo (the bearer token). Never shown again.",
             "properties": {"webhook_secret": {"type": "string", "pattern": "^[A-Za-z0-9]{40}$"},
                            "webhook_token": {"type": "string", "pattern": "^[A-Za-z0-9]{40}$"}}}}},
    ],
    "example": CARTUM_CONNECTION_CREATED_EXAMPLE,
}

schemas["InboxItem"] = {
    "type": "object",
    "description": "One webhook delivery, stored raw before it was answered and kept 14 days, with what became of "
                   "it.",
    "required": ["id", "connection_id", "delivery_id", "topic", "received_at", "status", "headers", "body", "fetched",
                 "outcome", "processed_at"],
    "properties": {
        "id": {"type": "string", "examples": ["inb_01JDQ8YH1Z4B7N2KX6M3T8C5PD"]},
        "connection_id": {"type": "string"},
        "delivery_id": {"type": "string",
                        "description": "What makes a repeated delivery recognisable (stored and applied once): "
                                       "`X-Shopify-Webhook-Id` or `X-WC-Webhook-Delivery-ID`, `event:<event_id>` for "
                                       "a Sitoo event, otherwise `sha256:<hex of the raw body>`.",
                        "examples": [SHOPIFY_WEBHOOK_ID, "event:5e9fd002119a4c5fb4de5ccb9d0b90ea"]},
        "topic": {"type": "string",
                  "description": "The platform's topic (`X-Shopify-Topic`, `X-WC-Webhook-Topic`), or `order_created` "
                                 "(Cartum), `invoice` (FAPI), `order` (Sitoo).",
                  "examples": ["orders/create", "order.updated"]},
        "received_at": TS,
        "status": {"type": "string", "enum": ["pending", "applied", "rejected", "ignored"],
                   "description": "`pending` (stored, not mapped yet), `applied`, `rejected` (refused by a rule or "
                                  "unmappable; the rejection is also in `GET /v1/rejections`) or `ignored` (a topic "
                                  "Kvitto does not act on, such as a delete)."},
        "headers": {"type": "object", "additionalProperties": {"type": "string"},
                    "description": "The request headers that say what the delivery is (topic, ids, shop, "
                                   "`content-type`), names lower-cased."},
        "body": {"type": "string", "description": "The raw body as received (UTF-8 JSON or a URL-encoded form)."},
        "fetched": {"description": "What Kvitto fetched from the platform for webhooks that carry ids only: FAPI "
                                   "`{\"invoice\": …, \"order\": …}`, Sitoo `{\"order\": …}`; otherwise null."},
        "outcome": {"type": ["string", "null"],
                    "description": "What the mapping did (`order <id> created|updated|unchanged|ignored_locked`, "
                                   "`contact <id>`, `product <id>`, `rejected (<reason>): <detail>`, "
                                   "`ignored: <why>`, `failed: <error>`); null while pending.",
                    "examples": ["order ord_01JDQ8YH2N5C8V3KX7M4T9B6QE created", "rejected (no-lines): an order "
                                                                                "needs at least one line"]},
        "processed_at": {**NTS, "description": "When the delivery was mapped; null while pending."},
    },
    "example": INBOX_ITEM_EXAMPLE,
}

schemas["BackfillRequest"] = {
    "type": "object",
    "description": "What to import; every member is optional, and so is the body itself. A JSON `null` counts as "
                   "absent; unknown members are an error.",
    "additionalProperties": False,
    "properties": {
        "since": {"type": "string", "format": "date-time",
                  "description": "RFC 3339: orders created at or after this time. Defaults to the connection's "
                                 "`import_window_days` before now."},
        "until": {"type": "string", "format": "date-time",
                  "description": "RFC 3339: orders created at or before this time; must be after `since` (422 at "
                                 "`/until`). Defaults to now."},
        "all_states": {"type": "boolean", "default": False,
                       "description": "Import orders in every state; by default orders in the connection's "
                                      "`excluded_states` (finished ones) are left out and counted as `skipped`."},
        "fire_triggers": {"type": "boolean", "default": False,
                          "description": "Let the import's events (origin `backfill`) fire postback triggers; by "
                                         "default they fire nothing."},
    },
    "example": BACKFILL_REQUEST_EXAMPLE,
}

schemas["Backfill"] = {
    "type": "object",
    "description": "A historical import of one connection. It runs in the background page by page, each page and "
                   "the checkpoint after it committed together, so a process that stops resumes from the "
                   "checkpoint; orders are upserts, so running an import twice imports nothing twice.",
    "required": ["id", "connection_id", "status", "since", "until", "all_states", "fire_triggers", "progress",
                 "checkpoint", "error", "created_at", "updated_at", "finished_at"],
    "properties": {
        "id": {"type": "string", "examples": ["job_01JDR2K8M4P6T9W3Y5B7D1F3H5"]},
        "connection_id": {"type": "string"},
        "status": {"type": "string", "enum": ["running", "completed", "failed"],
                   "description": "`failed` once the platform's API kept failing after its retries (the error is "
                                  "in `error`) or the connection was deleted."},
        "since": TS,
        "until": TS,
        "all_states": {"type": "boolean"},
        "fire_triggers": {"type": "boolean"},
        "progress": {
            "type": "object",
            "required": ["pages", "imported", "rejected", "skipped"],
            "properties": {
                "pages": {"type": "integer", "minimum": 0, "description": "Pages committed."},
                "imported": {"type": "integer", "minimum": 0,
                             "description": "Orders applied, whatever their outcome (created, updated, "
                                            "unchanged or ignored_locked)."},
                "rejected": {"type": "integer", "minimum": 0,
                             "description": "Refused by a rule or unmappable; each is in `GET /v1/rejections`."},
                "skipped": {"type": "integer", "minimum": 0,
                            "description": "Left out: created outside `since`–`until`, in an excluded state, or "
                                           "ignored."},
            },
        },
        "checkpoint": {"description": "The platform's position after the last committed page (`{\"url\": …}` "
                                      "Shopify, `{\"page\": n}` WooCommerce, `{\"offset\": n}` Cartum and FAPI, "
                                      "`{\"start\": n}` Sitoo); null before the first page."},
        "error": {"type": ["string", "null"], "examples": ["HTTP 401: Shopify orders: {\"errors\":\"[API] Invalid API key or access "
                                                "token (unrecognized login or wrong password)\"}", None]},
        "created_at": TS,
        "updated_at": TS,
        "finished_at": {**NTS, "description": "When the import completed; null while running and after a failure."},
    },
    "example": BACKFILL_COMPLETED_EXAMPLE,
}

schemas["HookReceipt"] = {
    "description": "The answer to a platform webhook: the deliveries stored (inbox ids) and how many were repeats of "
                   "stored ones, or — for WooCommerce's ping — the pinging webhook's id.",
    "oneOf": [
        {"type": "object", "additionalProperties": False, "required": ["received", "stored", "duplicates"],
         "properties": {
             "received": {"type": "boolean", "const": True},
             "stored": {"type": "array", "items": {"type": "string"},
                        "description": "Inbox ids of the deliveries stored now (one per Sitoo order event; empty "
                                       "when every one was a repeat)."},
             "duplicates": {"type": "integer", "minimum": 0,
                            "description": "Deliveries already stored (same delivery id), which are not applied "
                                           "again."}}},
        {"type": "object", "additionalProperties": False, "required": ["received", "ping"],
         "properties": {"received": {"type": "boolean", "const": True},
                        "ping": {"type": "string", "pattern": "^[0-9]+$",
                                 "description": "The WooCommerce webhook id of the ping; nothing is stored."}}},
    ],
    "example": HOOK_STORED_EXAMPLE,
}

schemas["FAPINotification"] = {
    "type": "object",
    "description": "FAPI's notification form (`application/x-www-form-urlencoded`). Other fields are ignored.",
    "required": ["id", "time", "security"],
    "properties": {
        "id": {"type": "string", "pattern": "^[0-9]+$", "description": "The invoice id."},
        "time": {"type": "string", "pattern": "^[0-9]+$", "description": "Unix seconds, as FAPI sent them."},
        "security": {"type": "string", "pattern": "^[0-9A-Fa-f]{40}$",
                     "description": "FAPI's SHA-1 over `time`, the invoice's id and number and an MD5 of each item "
                                    "(fapi-client's `SecurityChecker`)."},
    },
    "example": {"id": "185993812", "time": "1599572000", "security": "e63d982281b92fd45edebb528a398f78ef5fa53d"},
}

schemas["SitooEvents"] = {
    "type": "array",
    "description": "A Sitoo Events SPI delivery: at most 10 events. Events of type `order` need `event_id`, "
                   "`event_date` (Unix seconds) and `data.order_id`; events of other types are skipped.",
    "maxItems": 10,
    "items": {
        "type": "object",
        "required": ["event_type"],
        "if": {"properties": {"event_type": {"const": "order"}}},
        "then": {"required": ["event_id", "event_date", "data"],
                 "properties": {"data": {"type": "object", "required": ["order_id"]}}},
        "properties": {
            "event_id": {"type": ["string", "integer"]},
            "event_type": {"type": "string", "examples": ["order"]},
            "event_date": {"type": "integer", "description": "Unix seconds."},
            "account_id": {"type": ["string", "integer"]},
            "data": {"type": "object", "properties": {
                "order_id": {"type": ["string", "integer"]},
                "eshop_id": {"type": ["string", "integer"]},
                "order_event_type": {"type": "string", "examples": ["add", "update"]},
                "order_state_changed": {"type": "string", "examples": ["closed"]},
            }},
        },
    },
    "example": SITOO_EVENTS_EXAMPLE,
}

# ---- automations (SPEC §6) ----
AUTOMATION_EXAMPLE = {
    "id": "aut_01JDR0A1B2C3D4E5F6G7H8J9K0", "name": "Orderbekräftelse", "active": True,
    "trigger": {"event_type": "order.received"},
    "steps": [{"type": "email", "template_id": "tpl_01JDR0B1C2D3E4F5G6H7J8K9M0", "active": True},
              {"type": "wait", "duration": "P2D"},
              {"type": "sms", "template_id": "tpl_01JDR0C1D2E3F4G5H6J7K8M9N0", "active": False},
              {"type": "add_tag", "tag": "Customer"},
              {"type": "postback", "trigger_id": "trg_01JBZ9C5D6E7F8G9H0J1K2M3N4"}],
    "created_at": "2026-12-01T09:00:00.000Z", "updated_at": "2026-12-01T09:00:00.000Z",
}
schemas["AutomationTrigger"] = {
    "type": "object",
    "description": "What makes a contact enter, exactly one of: an event type (with an optional JMESPath `filter` "
                   "over the event envelope, e.g. `origin == 'pos'`), a tag added to the contact (from "
                   "`POST /v1/contacts/{id}/tags`, a contact upsert or an order's customer), N days after each new "
                   "order (thank-you, retention), or N days without an order (winback: each new order cancels the "
                   "waiting run and starts the count again). Events imported by a backfill start nothing unless the "
                   "backfill asked for it.",
    "properties": {
        "event_type": ref("EventType"),
        "filter": {"type": "string", "maxLength": 4096},
        "tag": {"type": "string", "maxLength": 200},
        "days_after_order": {"type": "integer", "minimum": 1, "maximum": 3650},
        "days_without_order": {"type": "integer", "minimum": 1, "maximum": 3650},
    },
    "additionalProperties": False,
    "examples": [{"event_type": "order.received"}, {"tag": "OrderCompleted"}, {"days_after_order": 30},
                 {"days_without_order": 90}, {"event_type": "order.received", "filter": "origin == 'pos'"}],
}
schemas["AutomationStep"] = {
    "type": "object",
    "description": "One step: `email` or `sms` (a template of that kind; `active` false skips the step), `wait` "
                   "(an ISO 8601 duration in weeks, days, hours, minutes or seconds: `P2D`, `PT30M`), `add_tag` or "
                   "`remove_tag`, `postback` (the run's event to a trigger). Marketing templates go only to "
                   "contacts with `consent` true who are not blacklisted and did not unsubscribe; transactional "
                   "ones (confirmations, receipts) always go. A skipped step is in the run's log with the reason.",
    "required": ["type"],
    "properties": {
        "type": {"type": "string", "enum": ["email", "sms", "wait", "add_tag", "remove_tag", "postback"]},
        "template_id": {"type": "string"},
        "active": {"type": "boolean", "default": True},
        "duration": {"type": "string", "examples": ["P2D", "PT30M", "P1W"]},
        "tag": {"type": "string"},
        "trigger_id": {"type": "string"},
    },
    "additionalProperties": False,
}
schemas["AutomationInput"] = {
    "type": "object",
    "description": "An automation as `POST /v1/automations` (where `name`, `trigger` and `steps` are required) and "
                   "`PATCH /v1/automations/{id}` (absent members are kept; `steps` replaces the list) take it.",
    "properties": {
        "name": {"type": "string", "maxLength": 200},
        "active": {"type": "boolean", "default": True,
                   "description": "Switching an automation off cancels its waiting runs."},
        "trigger": ref("AutomationTrigger"),
        "steps": {"type": "array", "items": ref("AutomationStep"), "minItems": 1, "maxItems": 50},
    },
    "additionalProperties": False,
    "example": {k: v for k, v in AUTOMATION_EXAMPLE.items() if k in ("name", "active", "trigger", "steps")},
}
schemas["Automation"] = {
    "type": "object",
    "description": "An automation (SPEC §6).",
    "required": ["id", "name", "active", "trigger", "steps", "created_at", "updated_at"],
    "properties": {
        "id": {"type": "string"}, "name": {"type": "string"}, "active": {"type": "boolean"},
        "trigger": ref("AutomationTrigger"), "steps": {"type": "array", "items": ref("AutomationStep")},
        "created_at": TS, "updated_at": TS,
    },
    "example": AUTOMATION_EXAMPLE,
}
schemas["AutomationRun"] = {
    "type": "object",
    "description": "One contact's walk through an automation, started by one event (once per automation and "
                   "event, however often the event is processed). Steps that only queue something run in the "
                   "event's own transaction; waits and tag steps are stored and moved on by the scheduler, so they "
                   "survive restarts.",
    "required": ["id", "automation_id", "contact_id", "event_id", "status", "next_step", "due_at", "log",
                 "created_at", "updated_at"],
    "properties": {
        "id": {"type": "string", "examples": ["run_01JDR0D1E2F3G4H5J6K7M8N9P0"]},
        "automation_id": {"type": "string"},
        "contact_id": {"type": ["string", "null"]},
        "event_id": {"type": "string"},
        "status": {"type": "string", "enum": ["waiting", "completed", "cancelled"]},
        "next_step": {"type": "integer", "minimum": 0, "description": "The index of the step to run when due."},
        "due_at": {**NTS, "description": "When a waiting run goes on; null once completed or cancelled."},
        "log": {"type": "array", "items": {
            "type": "object", "required": ["at", "step", "outcome", "delivery_id"],
            "properties": {"at": TS, "step": {"type": "integer"},
                           "outcome": {"type": "string", "examples": ["queued email to anna@example.se",
                                                                      "skipped: the contact did not consent to marketing",
                                                                      "cancelled: the contact ordered again"]},
                           "delivery_id": {"type": ["string", "null"]}}}},
        "created_at": TS, "updated_at": TS,
    },
}


# ---- lists (SPEC §6) ----
schemas["ContactList"] = {
    "type": "object", "description": "A named list of contacts. A contact may be in several lists, or in none.",
    "required": ["id", "name", "created_at", "updated_at"],
    "properties": {"id": {"type": "string", "examples": ["lst_01JDR1A1B2C3D4E5F6G7H8J9K0"]}, "name": {"type": "string"},
                   "created_at": TS, "updated_at": TS},
}
schemas["ListInput"] = {"type": "object", "required": ["name"], "properties": {"name": {"type": "string", "maxLength": 200}},
                        "additionalProperties": False, "example": {"name": "VIP"}}
schemas["ContactIDs"] = {"type": "object", "required": ["contact_ids"],
                         "properties": {"contact_ids": {"type": "array", "items": {"type": "string"}, "maxItems": 1000}},
                         "additionalProperties": False, "example": {"contact_ids": ["con_01JBZ8W3Q0K9X2T4V6M8N0P2R4"]}}
schemas["BulkContactAction"] = {
    "type": "object",
    "description": "An action over every contact the filter selects: those of a list, or of no list (`\"list\": \"none\"`: "
                   "contacts synced with their orders that nobody sorted yet), with a tag, in an engagement segment; every "
                   "member given must match, and at least one is needed. `move` puts them in `list_id` (and out of the "
                   "filter's list); "
                   "`delete` erases them as `DELETE /v1/contacts/{id}` does; `blacklist` blacklists them and puts their "
                   "addresses on the suppression list. Works 500 contacts per transaction.",
    "required": ["filter", "action"],
    "properties": {
        "filter": {"type": "object", "minProperties": 1,
                   "properties": {"list": {"type": "string", "examples": ["none"]},
                                  "tag": {"type": "string", "description": "Contacts with this tag (exactly as stored)."},
                                  "segment": {"type": "string", "enum": ["Champions", "Loyal", "Potential loyalist", "New",
                                                                        "Promising", "Need attention", "About to sleep",
                                                                        "At risk", "Can't lose them", "Hibernating", "Lost"],
                                              "description": "Contacts in this engagement segment (the last recompute's)."}},
                   "additionalProperties": False},
        "action": {"type": "string", "enum": ["move", "delete", "blacklist"]},
        "list_id": {"type": "string", "description": "The list to move to (required for `move`)."},
    },
    "additionalProperties": False,
    "example": {"filter": {"list": "none"}, "action": "move", "list_id": "lst_01JDR1A1B2C3D4E5F6G7H8J9K0"},
}
schemas["BulkContactResult"] = {"type": "object", "required": ["action", "selected"],
                                "properties": {"action": {"type": "string"}, "selected": {"type": "integer", "minimum": 0}}}


def page(item, name, desc):
    schemas[name] = {
        "type": "object",
        "description": desc,
        "required": ["items", "next_cursor"],
        "properties": {
            "items": {"type": "array", "items": ref(item)},
            "next_cursor": {"type": ["string", "null"],
                            "description": "Pass as `cursor` for the next page; null when there is no more."},
        },
    }


page("Contact", "ContactPage", "A page of contacts.")
page("Order", "OrderPage", "A page of orders.")
page("Product", "ProductPage", "A page of products.")
page("Category", "CategoryPage", "Every category of the account (`next_cursor` is always null).")
page("Rejection", "RejectionPage", "A page of rejected inputs.")
page("APIKey", "APIKeyPage", "Every key of the account (`next_cursor` is always null).")
page("Template", "TemplatePage", "A page of templates, newest first.")
page("Trigger", "TriggerPage", "A page of triggers, newest first.")
page("ContactList", "ContactListPage", "Every list of the account, by name (`next_cursor` is always null).")
page("Automation", "AutomationPage", "A page of automations, newest first.")
page("AutomationRun", "AutomationRunPage", "A page of an automation's runs, newest first.")
page("DeliveryDetail", "DeliveryPage", "A page of deliveries with their attempts, newest first.")
page("Connection", "ConnectionPage", "A page of connections, newest first.")
page("InboxItem", "InboxPage", "A page of one connection's webhook deliveries of the last 14 days, newest first.")

schemas["EventPage"] = {
    "type": "object",
    "required": ["items", "next_after"],
    "properties": {
        "items": {"type": "array", "items": ref("Event"), "description": "Oldest first."},
        "next_after": {"type": "integer", "minimum": 0,
                       "description": "The sequence of the last event returned (or the `after` given, when none "
                                      "were): pass it as `after` to continue."},
    },
}

schemas["Health"] = {
    "type": "object",
    "required": ["status"],
    "properties": {"status": {"type": "string", "const": "ok"}},
}

# ---------------------------------------------------------------------------------------------------------
# Parameters and responses
# ---------------------------------------------------------------------------------------------------------

parameters = {
    "Limit": {"name": "limit", "in": "query", "required": False,
              "description": "Page size, 1–500 (values outside are clamped; non-integers mean the default).",
              "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
    "Cursor": {"name": "cursor", "in": "query", "required": False,
               "description": "The `next_cursor` of the previous page.",
               "schema": {"type": "string"}},
    "ContactID": {"name": "id", "in": "path", "required": True, "description": "A contact id (`con_…`).",
                  "schema": {"type": "string"}, "example": "con_01JBZ8W3Q0K9X2T4V6M8N0P2R4"},
    "OrderID": {"name": "id", "in": "path", "required": True, "description": "An order id (`ord_…`).",
                "schema": {"type": "string"}, "example": "ord_01JBZ8W3Q1A2B3C4D5E6F7G8H9"},
    "APIKeyID": {"name": "id", "in": "path", "required": True, "description": "An API key id (`key_…`).",
                 "schema": {"type": "string"}, "example": "key_01JBZ8W3Q2E3F4G5H6J7K8M9N0"},
    "TemplateID": {"name": "id", "in": "path", "required": True, "description": "A template id (`tpl_…`).",
                   "schema": {"type": "string"}, "example": "tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3"},
    "TriggerID": {"name": "id", "in": "path", "required": True, "description": "A trigger id (`trg_…`).",
                  "schema": {"type": "string"}, "example": "trg_01JBZ9C5D6E7F8G9H0J1K2M3N4"},
    "ListID": {"name": "id", "in": "path", "required": True, "description": "A list id (`lst_…`).",
               "schema": {"type": "string"}, "example": "lst_01JDR1A1B2C3D4E5F6G7H8J9K0"},
    "AutomationID": {"name": "id", "in": "path", "required": True, "description": "An automation id (`aut_…`).",
                     "schema": {"type": "string"}, "example": "aut_01JDR0A1B2C3D4E5F6G7H8J9K0"},
    "DeliveryID": {"name": "id", "in": "path", "required": True, "description": "A delivery id (`dlv_…`).",
                   "schema": {"type": "string"}, "example": "dlv_01JDQ8ZK5A7B2C4D6E8F1G3H5J"},
    "ConnectionID": {"name": "id", "in": "path", "required": True, "description": "A connection id (`cnx_…`).",
                     "schema": {"type": "string"}, "example": CONNECTION_ID},
    "BackfillID": {"name": "id", "in": "path", "required": True, "description": "A backfill id (`job_…`).",
                   "schema": {"type": "string"}, "example": "job_01JDR2K8M4P6T9W3Y5B7D1F3H5"},
    "HookConnection": {"name": "connection", "in": "path", "required": True,
                       "description": "The connection id (`cnx_…`) from the connection's `webhook.url`; it must be a "
                                      "connection of this platform (404 otherwise).",
                       "schema": {"type": "string"}, "example": CONNECTION_ID},
}


def problem_resp(desc, example):
    return {"description": desc,
            "content": {"application/problem+json": {"schema": ref("Problem"), "example": example}}}


responses = {
    "BadRequest": problem_resp("Malformed JSON: the body is missing or is not JSON.", {
        "type": "https://kvitto.dev/problems/malformed", "title": "Malformed JSON", "status": 400,
        "detail": "the request has no JSON body"}),
    "Unauthorized": {
        "description": "No API key, or the key is unknown or revoked.",
        "headers": {"WWW-Authenticate": {"schema": {"type": "string", "const": "Bearer"}}},
        "content": {"application/problem+json": {"schema": ref("Problem"), "example": {
            "type": "https://kvitto.dev/problems/unauthorized", "title": "Unauthorized", "status": 401,
            "detail": "an API key is required: Authorization: Bearer <key>"}}},
    },
    "Forbidden": problem_resp("The key is valid but lacks the scope the endpoint needs.", {
        "type": "https://kvitto.dev/problems/forbidden", "title": "Forbidden", "status": 403,
        "detail": "this key lacks the 'ingest' scope"}),
    "NotFound": problem_resp("No such object in the caller's account (another account's objects are never visible).", {
        "type": "https://kvitto.dev/problems/not-found", "title": "Not found", "status": 404,
        "detail": "contact con_01JBZ8W3Q0K9X2T4V6M8N0P2R4 not found"}),
    "Conflict": problem_resp("The new e-mail or phone belongs to another contact; nothing is merged silently.", {
        "type": "https://kvitto.dev/problems/conflict", "title": "Conflict", "status": 409,
        "detail": "the identifier belongs to another contact",
        "errors": [{"pointer": "/email", "detail": "belongs to contact con_01JBZ8W3Q0M1N2P3Q4R5S6T7V8"}]}),
    "TooLarge": problem_resp("The body is larger than 1 MiB (1048576 bytes); nothing was read.", {
        "type": "https://kvitto.dev/problems/too-large", "title": "Request body too large", "status": 413,
        "detail": "the body is larger than 1048576 bytes"}),
    "Invalid": problem_resp("Valid JSON that is invalid: unknown, missing or mistyped members, each with a JSON "
                            "pointer in `errors`.", {
        "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
        "detail": "2 fields are invalid",
        "errors": [{"pointer": "/name", "detail": "is required"},
                   {"pointer": "/colour", "detail": "is not a known field"}]}),
    "OrderUnprocessable": {
        "description": "The order is invalid (`title` `Invalid request`, field errors in `errors`) or a rule "
                       "rejected it (`title` `Rejected by a rule`, the rule in `reason`: `currency-mismatch`, "
                       "`no-lines`, `no-customer` or `no-contact-channel`, with a pointer in `errors`). Rejected "
                       "orders are kept in `GET /v1/rejections`.",
        "content": {"application/problem+json": {"schema": ref("Problem"), "examples": {
            "invalid": {"summary": "Invalid fields", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "2 fields are invalid",
                "errors": [{"pointer": "/external_id", "detail": "is required"},
                           {"pointer": "/lines/0/unit_price", "detail": "must be a decimal amount such as \"299.00\""}]}},
            "currency-mismatch": {"summary": "Currency differs from the account's", "value": {
                "type": "https://kvitto.dev/problems/currency-mismatch", "title": "Rejected by a rule", "status": 422,
                "detail": "order currency EUR differs from the account currency SEK", "reason": "currency-mismatch",
                "errors": [{"pointer": "/currency",
                            "detail": "order currency EUR differs from the account currency SEK"}]}},
            "no-lines": {"summary": "No lines", "value": {
                "type": "https://kvitto.dev/problems/no-lines", "title": "Rejected by a rule", "status": 422,
                "detail": "an order needs at least one line", "reason": "no-lines",
                "errors": [{"pointer": "/lines", "detail": "an order needs at least one line"}]}},
            "no-customer": {"summary": "No customer", "value": {
                "type": "https://kvitto.dev/problems/no-customer", "title": "Rejected by a rule", "status": 422,
                "detail": "the order has no customer", "reason": "no-customer",
                "errors": [{"pointer": "/customer", "detail": "the order has no customer"}]}},
            "no-contact-channel": {"summary": "Customer without e-mail or phone", "value": {
                "type": "https://kvitto.dev/problems/no-contact-channel", "title": "Rejected by a rule",
                "status": 422, "detail": "the customer has neither a valid e-mail nor a valid phone",
                "reason": "no-contact-channel",
                "errors": [{"pointer": "/customer",
                            "detail": "the customer has neither a valid e-mail nor a valid phone"}]}},
        }}},
    },
    "TemplateInvalid": {
        "description": "The template request is invalid: unknown, missing or mistyped members, or a body that does "
                       "not compile, with a pointer to the directive at fault under `/body`.",
        "content": {"application/problem+json": {"schema": ref("Problem"), "examples": {
            "expression": {"summary": "A $expr that does not parse", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "/body/out/$expr: invalid JMESPath expression: unexpected end of expression at byte 13",
                "errors": [{"pointer": "/body/out/$expr",
                            "detail": "invalid JMESPath expression: unexpected end of expression at byte 13"}]}},
            "directive": {"summary": "An unknown directive", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "/body/note/$tmpl: unknown directive \"$tmpl\": keys starting with $ are directives "
                          "($expr, $template, $literal); to send such a key, wrap its object in {\"$literal\": …}",
                "errors": [{"pointer": "/body/note/$tmpl",
                            "detail": "unknown directive \"$tmpl\": keys starting with $ are directives ($expr, "
                                      "$template, $literal); to send such a key, wrap its object in "
                                      "{\"$literal\": …}"}]}},
            "missing": {"summary": "Name and body missing on create", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "2 fields are invalid",
                "errors": [{"pointer": "/name", "detail": "is required"},
                           {"pointer": "/body", "detail": "is required"}]}},
        }}},
    },
    "TriggerInvalid": {
        "description": "The trigger request is invalid, each mistake with a pointer: a missing member, an unknown "
                       "event type (`/event_types/0`), a filter that does not compile (`/filter`), a URL that is "
                       "not an absolute http(s) URL (`/url`), an unknown template (`/template_id`), or an e-mail "
                       "destination that is not an address or comes with a URL (`/email`).",
        "content": {"application/problem+json": {"schema": ref("Problem"), "examples": {
            "missing": {"summary": "Required members missing on create", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "3 fields are invalid",
                "errors": [{"pointer": "/name", "detail": "is required"},
                           {"pointer": "/event_types", "detail": "name at least one event type"},
                           {"pointer": "/url", "detail": "is required (or an e-mail address in email)"}]}},
            "event-type": {"summary": "An unknown event type", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "/event_types/0: unknown event type; one of " + ", ".join(EVENT_TYPES),
                "errors": [{"pointer": "/event_types/0",
                            "detail": "unknown event type; one of " + ", ".join(EVENT_TYPES)}]}},
            "url-filter-template": {"summary": "Bad URL, filter and template", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "3 fields are invalid",
                "errors": [{"pointer": "/url",
                            "detail": "must be an absolute http(s) URL, e.g. https://partner.example/hooks"},
                           {"pointer": "/filter",
                            "detail": "not a valid JMESPath expression: syntax: '=' is not an operator; did you "
                                      "mean '=='? at byte 24"},
                           {"pointer": "/template_id",
                            "detail": "no template tpl_01JBZ9B4C5D6E7F8G9H0J1K2M4 in this account"}]}},
            "email": {"summary": "An e-mail destination that is not one", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "/email: is not an e-mail address",
                "errors": [{"pointer": "/email", "detail": "is not an e-mail address"}]}},
        }}},
    },
    "TriggerTestInvalid": problem_resp(
        "The body is invalid (an unknown member, an unknown `event_type`), or the trigger's template failed on the "
        "event (pointers into the template).", {
            "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
            "detail": "/event_type: must be one of " + ", ".join(EVENT_TYPES),
            "errors": [{"pointer": "/event_type", "detail": "must be one of " + ", ".join(EVENT_TYPES)}]}),
    "TriggerTestUnavailable": problem_resp(
        "This process runs no delivery worker (it was started with role `api`), so it cannot send; call a worker "
        "process.", {
            "type": "https://kvitto.dev/problems/conflict", "title": "Conflict", "status": 409,
            "detail": "this process runs no delivery worker (role api); test from a worker process"}),
    "TemplateInUse": problem_resp("A trigger still uses the template; point it elsewhere first.", {
        "type": "https://kvitto.dev/problems/conflict", "title": "Conflict", "status": 409,
        "detail": "trigger trg_01JBZ9C5D6E7F8G9H0J1K2M3N4 uses this template; point it elsewhere first"}),
    "PreviewUnprocessable": {
        "description": "No template or no input was given, or the template does not compile or fails on the input: "
                       "`errors` point at the directive, relative to the template (`/out/$expr`).",
        "content": {"application/problem+json": {"schema": ref("Problem"), "examples": {
            "expression": {"summary": "A $expr that does not parse", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "/out/$expr: invalid JMESPath expression: unexpected end of expression at byte 13",
                "errors": [{"pointer": "/out/$expr",
                            "detail": "invalid JMESPath expression: unexpected end of expression at byte 13"}]}},
            "missing": {"summary": "Neither template nor input", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "2 fields are invalid",
                "errors": [{"pointer": "/template", "detail": "give a template or a template_id"},
                           {"pointer": "/payload", "detail": "give a payload, an event_id or a sample event type"}]}},
        }}},
    },
    "DeliveryFilterInvalid": {
        "description": "A filter value is invalid (`status`, `event_type` or `since`; the pointer names the query "
                       "parameter or body member), or — for a replay body — a member is unknown or the body is not "
                       "an object.",
        "content": {"application/problem+json": {"schema": ref("Problem"), "examples": {
            "filter": {"summary": "Bad status and since", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "2 fields are invalid",
                "errors": [{"pointer": "/status", "detail": "pending, succeeded or failed"},
                           {"pointer": "/since", "detail": "must be an RFC 3339 timestamp"}]}},
            "unknown": {"summary": "An unknown body member", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "/state: is not a known field",
                "errors": [{"pointer": "/state", "detail": "is not a known field"}]}},
        }}},
    },
    "ConnectionInvalid": {
        "description": "The connection request is invalid, each mistake with a pointer: an unknown or missing member, "
                       "a kind that is `api` or (on `PATCH`) differs from the connection's, a status mapping to "
                       "something other than the eight statuses, an import window outside 1–3650 days, or a "
                       "credential the platform's webhooks cannot be checked without.",
        "content": {"application/problem+json": {"schema": ref("Problem"), "examples": {
            "credentials": {"summary": "A Shopify connection without its webhook secret", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "/credentials/webhook_secret: is required for shopify webhooks",
                "errors": [{"pointer": "/credentials/webhook_secret", "detail": "is required for shopify webhooks"}]}},
            "settings": {"summary": "Bad kind and settings", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "3 fields are invalid",
                "errors": [{"pointer": "/kind", "detail": "must be one of api, shopify, woocommerce, cartum, fapi, sitoo"},
                           {"pointer": "/settings/import_window_days",
                            "detail": "must be a whole number of days from 1 to 3650"},
                           {"pointer": "/settings/colour", "detail": "is not a known field"}]}},
            "status-mapping": {"summary": "A status mapped to an unknown status", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "/settings/status_mapping/open: must be one of " + ", ".join(schemas["OrderStatus"]["enum"]),
                "errors": [{"pointer": "/settings/status_mapping/open",
                            "detail": "must be one of " + ", ".join(schemas["OrderStatus"]["enum"])}]}},
            "api": {"summary": "An api connection", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "/kind: api connections are made by posting orders with a source label",
                "errors": [{"pointer": "/kind",
                            "detail": "api connections are made by posting orders with a source label"}]}},
            "kind-change": {"summary": "Another kind on PATCH", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "/kind: cannot change; make a new connection",
                "errors": [{"pointer": "/kind", "detail": "cannot change; make a new connection"}]}},
        }}},
    },
    "ConnectionConflict": {
        "description": "A connection of this platform with this name exists in the account, or the stored credentials "
                       "cannot be opened with this process's secret key.",
        "content": {"application/problem+json": {"schema": ref("Problem"), "examples": {
            "exists": {"summary": "The name is taken", "value": {
                "type": "https://kvitto.dev/problems/conflict", "title": "Conflict", "status": 409,
                "detail": "a shopify connection named Webshop exists"}},
            "sealed": {"summary": "Credentials sealed with another key", "value": {
                "type": "https://kvitto.dev/problems/conflict", "title": "Conflict", "status": 409,
                "detail": f"the credentials of connection {CONNECTION_ID} cannot be opened: this process's secret "
                          "key (KVITTO_SECRET_KEY, or the key file beside the SQLite database) is not the one they "
                          "were sealed with"}},
        }}},
    },
    "CredentialsSealed": problem_resp(
        "The connection's stored credentials cannot be opened: this process runs with another secret key than the "
        "one they were sealed with.", {
            "type": "https://kvitto.dev/problems/conflict", "title": "Conflict", "status": 409,
            "detail": f"the credentials of connection {CONNECTION_ID} cannot be opened: this process's secret key "
                      "(KVITTO_SECRET_KEY, or the key file beside the SQLite database) is not the one they were "
                      "sealed with"}),
    "BackfillInvalid": {
        "description": "The backfill request is invalid (an unknown member, a timestamp that is not RFC 3339, `until` "
                       "not after `since`), or the connection lacks a credential the platform's API needs for "
                       "imports (pointer `/credentials/<name>`; set it with `PATCH /v1/connections/{id}`).",
        "content": {"application/problem+json": {"schema": ref("Problem"), "examples": {
            "window": {"summary": "until before since", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "/until: must be after since",
                "errors": [{"pointer": "/until", "detail": "must be after since"}]}},
            "credentials": {"summary": "No access token to import with", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "/credentials/access_token: is required to import from shopify",
                "errors": [{"pointer": "/credentials/access_token", "detail": "is required to import from shopify"}]}},
        }}},
    },
    "SignatureInvalid": {
        "description": "The platform's proof does not match: a missing or wrong signature (Shopify, WooCommerce), a "
                       "wrong URL or bearer token (Cartum, Sitoo), or a FAPI `security` that does not fit the "
                       "invoice it names. Nothing was stored.",
        "headers": {"WWW-Authenticate": {"schema": {"type": "string", "const": "Bearer"}}},
        "content": {"application/problem+json": {"schema": ref("Problem"), "example": {
            "type": "https://kvitto.dev/problems/unauthorized", "title": "Unauthorized", "status": 401,
            "detail": "the shopify signature does not match; nothing was stored"}}},
    },
    "HookNotFound": problem_resp("No connection with this id, or it is a connection of another platform.", {
        "type": "https://kvitto.dev/problems/not-found", "title": "Not found", "status": 404,
        "detail": f"connection {CONNECTION_ID} not found"}),
    "FAPINotificationInvalid": problem_resp("The form lacks `id`, `time` or `security`, or one is malformed.", {
        "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
        "detail": "2 fields are invalid",
        "errors": [{"pointer": "/time", "detail": "must be a decimal number"},
                   {"pointer": "/security", "detail": "must be a 40-digit hexadecimal SHA-1"}]}),
    "SitooEventsInvalid": {
        "description": "The body is not an array of at most 10 events, or an order event lacks its `event_id`, "
                       "`event_date` or `data.order_id`. Nothing was stored.",
        "content": {"application/problem+json": {"schema": ref("Problem"), "examples": {
            "order-id": {"summary": "An order event without its order id", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "/1/data/order_id: is required",
                "errors": [{"pointer": "/1/data/order_id", "detail": "is required"}]}},
            "too-many": {"summary": "More than 10 events", "value": {
                "type": "https://kvitto.dev/problems/invalid", "title": "Invalid request", "status": 422,
                "detail": "body: holds 11 events; Sitoo sends at most 10",
                "errors": [{"pointer": "", "detail": "holds 11 events; Sitoo sends at most 10"}]}},
        }}},
    },
    "InternalError": problem_resp("An unexpected failure; nothing was committed.", {
        "type": "https://kvitto.dev/problems/internal", "title": "Internal error", "status": 500,
        "detail": "the request failed; nothing was committed unless a 2xx was returned"}),
}


def errors(*codes, unprocessable="Invalid", conflict="Conflict", unauthorized="Unauthorized", not_found="NotFound"):
    m = {"400": "BadRequest", "401": unauthorized, "403": "Forbidden", "404": not_found, "409": conflict,
         "413": "TooLarge", "422": unprocessable}
    out = {c: rresp(m[c]) for c in codes}
    out["500"] = rresp("InternalError")
    return out


AUTH = ("401", "403")
BODY = ("400", "413", "422")


def op(op_id, summary, scope, desc, tag, ok, err, body=None, params=None, extra=None):
    o = {"operationId": op_id, "summary": summary, "tags": [tag],
         "description": (desc + "\n\n" if desc else "") + scope_text(scope)}
    if params:
        o["parameters"] = params
    if body:
        o["requestBody"] = body
    resps = dict(ok)
    resps.update(err)
    o["responses"] = dict(sorted(resps.items()))
    if extra:
        o.update(extra)
    return o


def body(schema_name, example=None, examples=None, desc=None):
    b = {"required": True, "content": json_content(ref(schema_name), example=example, examples=examples)}
    if desc:
        b["description"] = desc
    return b


def ok(code, desc, schema_name=None, headers=None, example=None):
    r = {"description": desc}
    if schema_name:
        r["content"] = json_content(ref(schema_name), example=example)
    if headers:
        r["headers"] = headers
    return {str(code): r}


paths = {}

# ---- unauthenticated ----
paths["/health"] = {"get": {
    "operationId": "getHealth", "summary": "Liveness check", "tags": ["Operations"], "security": [],
    "description": "Answers `{\"status\": \"ok\"}` while the process serves requests. No key is needed.",
    "responses": {"200": {"description": "The process is up.",
                          "content": json_content(ref("Health"), example={"status": "ok"})}},
}}
paths["/metrics"] = {"get": {
    "operationId": "getMetrics", "summary": "Prometheus metrics", "tags": ["Operations"], "security": [],
    "description": "Metrics in the Prometheus text exposition format (request counts and latency by route, "
                   "ingested orders by outcome, rejections by reason, …). No key is needed.",
    "responses": {"200": {"description": "Prometheus text format, version 0.0.4.",
                          "content": {"text/plain": {"schema": {"type": "string"},
                                                     "example": "# TYPE kvitto_orders_ingested_total counter\n"
                                                                "kvitto_orders_ingested_total{outcome=\"created\"} 42\n"}}}},
}}
paths["/openapi.json"] = {"get": {
    "operationId": "getOpenAPIDocument", "summary": "This OpenAPI document", "tags": ["Operations"],
    "security": [],
    "description": "The OpenAPI 3.1 document of the API, as kept in the repository. No key is needed.",
    "responses": {"200": {"description": "The OpenAPI document.",
                          "content": {"application/json": {"schema": {"type": "object"}}}}},
}}

# ---- API keys ----
paths["/v1/api-keys"] = {
    "post": op("createAPIKey", "Create an API key", "admin",
               "Creates a named key with the given scopes (`admin`, `ingest`, `read`, `pos`). The secret is in "
               "the answer's `key` and is never shown again.", "API keys",
               ok(201, "The key was created.", "APIKeyCreated"), errors(*BODY, *AUTH), body=body("APIKeyInput")),
    "get": op("listAPIKeys", "List API keys", "admin",
              "Every key of the account, revoked ones included, newest first, in one page. Secrets are never "
              "returned.", "API keys", ok(200, "The keys.", "APIKeyPage"), errors(*AUTH)),
}
paths["/v1/api-keys/{id}"] = {
    "parameters": [param("APIKeyID")],
    "delete": op("revokeAPIKey", "Revoke an API key", "admin",
                 "Revokes the key at once in this process (other processes stop accepting it within about a "
                 "second). An unknown or already revoked key is a 404.", "API keys",
                 ok(204, "The key was revoked."), errors(*AUTH, "404")),
}

# ---- contacts ----
paths["/v1/contacts"] = {
    "post": op("upsertContact", "Create or update a contact by identity", "ingest",
               "Finds the contact by e-mail key or phone (E.164) and applies the input, or creates one. A valid "
               "e-mail or phone is required (422 otherwise). When the e-mail and the phone point at two different "
               "contacts, the one named first in the account's identity priority wins, the other identifier is "
               "not moved, and a merge candidate is recorded on both timelines. Tags are added; fields are merged "
               "(`null` removes one). Answers 201 when a contact was created and 200 otherwise.", "Contacts",
               {**ok(201, "A contact was created (`outcome` `created`).", "ContactUpsertResult"),
                **ok(200, "An existing contact was found (`outcome` `updated` or `unchanged`).",
                     "ContactUpsertResult")},
               errors(*BODY, *AUTH),
               body=body("ContactInput", example={"email": "Anna@Example.se", "phone": "070-123 45 67",
                                                  "first_name": "Anna", "last_name": "Berg", "tags": ["Customer"],
                                                  "fields": {"Sitoo-Contact": {"member_number": "M-1001"}},
                                                  "consent": True})),
    "get": op("listContacts", "Find a contact exactly, or list contacts", "read",
              "With `email` or `phone`: an exact look-up after normalisation (GDPR: no partial matching), "
              "answering a page of zero or one contact; the e-mail is tried first. Values that cannot identify "
              "anyone find nothing. Without them: a page of contacts, newest first.", "Contacts",
              ok(200, "The matching contact, or a page of contacts.", "ContactPage"), errors(*AUTH),
              params=[
                  {"name": "email", "in": "query", "required": False, "schema": {"type": "string"},
                   "description": "Exact e-mail (compared trimmed and lower-cased).", "example": "anna@example.se"},
                  {"name": "phone", "in": "query", "required": False, "schema": {"type": "string"},
                   "description": "Exact phone (normalised to E.164 in the account's default country).",
                   "example": "+46701234567"},
                  {"name": "list", "in": "query", "required": False, "schema": {"type": "string"},
                   "description": "Only the contacts of this list (`lst_…`), or with `none` those in no list.",
                   "example": "none"},
                  param("Limit"), param("Cursor"),
              ]),
}
paths["/v1/contacts/{id}"] = {
    "parameters": [param("ContactID")],
    "get": op("getCustomerCard", "Get the customer card", "read",
              "The contact, its custom fields by group, tags, latest orders from every source, vouchers and "
              "timeline.", "Contacts", ok(200, "The customer card.", "CustomerCard"), errors(*AUTH, "404")),
    "patch": op("patchContact", "Change a contact", "ingest",
                "Changes one known contact. Absent members are left alone; tags are added; fields are merged "
                "(`null` removes one). A new e-mail or phone that is unusable is a 422; one that belongs to "
                "another contact is a 409 — contacts are never merged silently.", "Contacts",
                ok(200, "The changed contact.", "Contact"), errors(*BODY, *AUTH, "404", "409"),
                body=body("ContactInput", example={"first_name": "Anna", "last_name": "Lind",
                                                   "address": {"line1": "Drottninggatan 5", "postal_code": "111 51",
                                                               "city": "Stockholm", "country": "SE"}})),
    "delete": op("eraseContact", "Erase a contact (GDPR)", "admin",
                 "Removes the contact and its timeline. Its orders are kept for the books, anonymised (no contact, "
                 "no recipient address). Emits `contact.erased` carrying only the id.", "Contacts",
                 ok(204, "The contact was erased."), errors(*AUTH, "404")),
}
paths["/v1/contacts/{id}/export"] = {
    "parameters": [param("ContactID")],
    "get": op("exportContact", "Export a contact's data (GDPR)", "read",
              "Everything Kvitto holds on one person: the contact, all its orders and its timeline, as a JSON "
              "attachment.", "Contacts",
              ok(200, "The export.", "ContactExport",
                 headers={"Content-Disposition": {"description": "`attachment; filename=\"<id>.json\"`",
                                                   "schema": {"type": "string"}}}),
              errors(*AUTH, "404")),
}
paths["/v1/contacts/{id}/tags"] = {
    "parameters": [param("ContactID")],
    "post": op("addContactTags", "Add tags to a contact", "ingest",
               "Adds the tags the contact does not have yet; each new tag emits `contact.tag_added`.", "Contacts",
               ok(200, "The contact with its tags.", "Contact"), errors(*BODY, *AUTH, "404"),
               body=body("TagsRequest")),
    "delete": op("removeContactTags", "Remove tags from a contact", "ingest",
                 "Removes the given tags (the tags are in the JSON body); emits `contact.updated` when any was "
                 "removed.", "Contacts",
                 ok(200, "The contact with its remaining tags.", "Contact"), errors(*BODY, *AUTH, "404"),
                 body=body("TagsRequest")),
}

# ---- orders ----
paths["/v1/orders"] = {
    "post": op("upsertOrder", "Create or update an order", "ingest",
               "Upserts by (`source`, `external_id`): the same order sent twice is one order. The customer is "
               "upserted as a contact; lines are matched to catalogue products (missing products and categories "
               "are created). While the order is unlocked, changes update it and emit events; once locked they "
               "are ignored (`outcome` `ignored_locked`) and noted on its timeline. A rule violation is answered "
               "with a 422 carrying `reason` and is kept in the rejection log. Answers 201 when the order was "
               "created and 200 otherwise.", "Orders",
               {**ok(201, "The order was created (`outcome` `created`).", "OrderUpsertResult",
                     example=ORDER_RESPONSE_EXAMPLE),
                **ok(200, "The order existed (`outcome` `updated`, `unchanged` or `ignored_locked`).",
                     "OrderUpsertResult")},
               errors(*BODY, *AUTH, unprocessable="OrderUnprocessable"),
               body=body("OrderInput", examples={"spec": {"summary": "The SPEC §3 order", "value": ORDER_EXAMPLE}})),
    "get": op("listOrders", "List orders", "read", "Orders, newest first; only one contact's with `contact_id`.",
              "Orders", ok(200, "A page of orders.", "OrderPage"), errors(*AUTH),
              params=[param("Limit"), param("Cursor"),
                      {"name": "contact_id", "in": "query", "required": False, "schema": {"type": "string"},
                       "description": "Only this contact's orders.", "example": "con_01JBZ8W3Q0K9X2T4V6M8N0P2R4"}]),
}
paths["/v1/orders/batch"] = {
    "post": op("upsertOrderBatch", "Create or update up to 1000 orders", "ingest",
               "Upserts up to 1000 orders in one transaction; each succeeds or fails alone and gets a result at "
               "its index: `status` 201 or 200 with the order `id` and `outcome`, or 422 with a `problem` "
               "(invalid input, or a rule's rejection, which is also kept in the rejection log). The whole batch "
               "answers 200; a 4xx means the envelope itself was wrong (not JSON, `orders` missing, not an array "
               "or over 1000 items).", "Orders",
               ok(200, "One result per order.", "BatchResult"), errors(*BODY, *AUTH),
               body=body("BatchRequest", example={"orders": [ORDER_EXAMPLE]})),
}
paths["/v1/orders/{id}"] = {
    "parameters": [param("OrderID")],
    "get": op("getOrder", "Get an order", "read", "The order with its timeline.", "Orders",
              ok(200, "The order.", "OrderDetail"), errors(*AUTH, "404")),
}
paths["/v1/orders/{id}/status"] = {
    "parameters": [param("OrderID")],
    "post": op("setOrderStatus", "Change an order's status", "ingest",
               "Sets the status and emits its `order.<status>` event. Setting the current status changes nothing "
               "(`unchanged`); on a locked order the change is ignored and noted on the timeline "
               "(`ignored_locked`).", "Orders",
               ok(200, "The order with the outcome (`updated`, `unchanged` or `ignored_locked`).",
                  "OrderUpsertResult"),
               errors(*BODY, *AUTH, "404"), body=body("OrderStatusRequest")),
}
paths["/v1/orders/{id}/lock"] = {
    "parameters": [param("OrderID")],
    "post": op("lockOrder", "Lock an order", "ingest",
               "Locks the order (its goods are written off): later changes from any source are ignored. Locking a "
               "locked order changes nothing. No request body is needed.", "Orders",
               ok(200, "The locked order.", "Order"), errors(*AUTH, "404")),
}

# ---- catalogue ----
paths["/v1/products"] = {
    "post": op("upsertProduct", "Create or update a product", "ingest",
               "Matches an existing product by the account's product key and updates it (200), or creates one "
               "(201). Missing categories of `category` are created.", "Catalogue",
               {**ok(201, "The product was created.", "Product"),
                **ok(200, "An existing product was matched (and updated where the input differs).", "Product")},
               errors(*BODY, *AUTH), body=body("ProductInput")),
    "get": op("listProducts", "List products", "read", "Products, newest first.", "Catalogue",
              ok(200, "A page of products.", "ProductPage"), errors(*AUTH),
              params=[param("Limit"), param("Cursor")]),
}
paths["/v1/categories"] = {
    "get": op("listCategories", "List categories", "read",
              "The account's whole category tree in one page, oldest first (so parents precede their children).",
              "Catalogue", ok(200, "Every category.", "CategoryPage"), errors(*AUTH)),
}

# ---- feed ----
paths["/v1/events"] = {
    "get": op("listEvents", "Read the event feed", "read",
              "Events with a sequence greater than `after`, oldest first: a consumer keeps the last `next_after` "
              "it saw. A non-numeric or negative `after` is a 422.", "Events",
              ok(200, "The next events.", "EventPage"), errors(*AUTH, "422"),
              params=[
                  {"name": "after", "in": "query", "required": False,
                   "description": "Only events with a greater sequence.",
                   "schema": {"type": "integer", "minimum": 0, "default": 0}},
                  {"name": "limit", "in": "query", "required": False,
                   "description": "At most this many events, 1–1000 (values outside are clamped).",
                   "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}},
              ]),
}
paths["/v1/rejections"] = {
    "get": op("listRejections", "List rejected inputs", "read",
              "Inputs a rule refused, with reason and the payload as sent, newest first.", "Events",
              ok(200, "A page of rejections.", "RejectionPage"), errors(*AUTH),
              params=[param("Limit"), param("Cursor")]),
}

# ---- postback templates ----
paths["/v1/templates"] = {
    "post": op("createTemplate", "Create a template", "admin",
               "Stores a template: a postback template shapes postback bodies (every `$expr` and `$template` is "
               "compiled now; a body that does not compile is a 422 whose `errors` point at the directive under "
               "`/body`, e.g. `/body/out/$expr`); an `email` or `sms` template is a message whose parts are "
               "compiled now (a 422 points at the part, e.g. `/body/html`, with line and column).", "Templates",
               ok(201, "The template was created.", "Template"),
               errors(*BODY, *AUTH, unprocessable="TemplateInvalid"),
               body=body("TemplateCreateInput")),
    "get": op("listTemplates", "List templates", "read", "Templates, newest first.", "Templates",
              ok(200, "A page of templates.", "TemplatePage"), errors(*AUTH),
              params=[param("Limit"), param("Cursor")]),
}
paths["/v1/templates/{id}"] = {
    "parameters": [param("TemplateID")],
    "get": op("getTemplate", "Get a template", "read", "", "Templates",
              ok(200, "The template.", "Template"), errors(*AUTH, "404")),
    "patch": op("patchTemplate", "Change a template", "admin",
                "Changes the name and/or replaces the body (compiled as on create). Triggers using the template "
                "send the new body from their next attempt on.", "Templates",
                ok(200, "The changed template.", "Template"),
                errors(*BODY, *AUTH, "404", unprocessable="TemplateInvalid"),
                body=body("TemplateInput", example={"body": {"orderRef": {"$expr": "data.order.number"},
                                                             "total": {"$expr": "data.order.totals.total"}}})),
    "delete": op("deleteTemplate", "Delete a template", "admin",
                 "Deletes the template. A template a trigger still uses cannot be deleted (409): point the "
                 "trigger elsewhere (or set its `template_id` to null) first.", "Templates",
                 ok(204, "The template was deleted."), errors(*AUTH, "404", "409", conflict="TemplateInUse")),
}
paths["/v1/settings"] = {
    "get": op("getSettings", "Get the message settings", "read",
              "How e-mail and SMS go out and what messages are formatted in. Secrets are never answered.", "Templates",
              ok(200, "The settings.", "Settings"), errors(*AUTH)),
    "patch": op("patchSettings", "Change the message settings", "admin",
                "SMTP server, SMS gateway, time zone, language and alert address. Checked as a whole: a refused "
                "change stores nothing.", "Templates",
                ok(200, "The settings as stored.", "Settings"), errors(*BODY, *AUTH),
                body=body("SettingsInput")),
}
paths["/v1/templates/{id}/preview"] = {
    "parameters": [param("TemplateID")],
    "post": op("previewTemplate", "Render a stored template", "read",
               "Renders the template against a sample event, a stored order, a contact or a stored event, in the "
               "account's currency, language and time zone, and lists the merge fields that were missing.",
               "Templates", ok(200, "The rendered template.", "TemplatePreview"),
               errors(*BODY, *AUTH, "404", unprocessable="TemplateInvalid"),
               body=body("TemplatePreviewInput")),
}
schemas["TemplateTestInput"] = {
    "type": "object",
    "description": "Where to send the test (`to`, required) and what to render it against, as for the preview.",
    "additionalProperties": False,
    "required": ["to"],
    "properties": {
        "to": {"type": "string", "description": "An e-mail address for an e-mail template, a phone number (any "
                                                "spelling; sent as E.164) for an SMS template.",
               "examples": ["Anna Berg <anna@example.se>", "070-123 45 67"]},
        "sample": ref("EventType"),
        "order_id": {"type": "string"},
        "contact_id": {"type": "string"},
        "event_id": {"type": "string"},
    },
}
schemas["TemplateTestResult"] = {
    "type": "object",
    "required": ["to", "sent", "server_reply", "error", "warnings"],
    "properties": {
        "to": {"type": "string", "description": "Where it went (an SMS number as E.164)."},
        "sent": {"type": "boolean", "description": "Whether the SMTP server or SMS gateway took the message."},
        "server_reply": {"type": ["string", "null"], "examples": ["250 OK queued as 4F2A", "HTTP 200: {\"id\": \"sms-1\"}"]},
        "error": {"type": ["object", "null"], "properties": {
            "detail": {"type": "string", "description": "What went wrong, with the server's own words when it "
                                                        "answered (e.g. `550 …`)."},
            "retryable": {"type": "boolean", "description": "Whether sending again later could succeed (a 4xx, a "
                                                            "connection that failed) or not (a 5xx, a refused address)."}}},
        "warnings": {"type": "array", "items": {"type": "object"}},
    },
}
paths["/v1/templates/{id}/test"] = {
    "parameters": [param("TemplateID")],
    "post": op("testTemplate", "Send a template as a test e-mail or SMS", "admin",
               "Renders the e-mail or SMS template as the preview does and sends it at once to `to` through the "
               "account's SMTP server or SMS gateway (`PATCH /v1/settings`), outside the queue, and answers with what "
               "the server or gateway said. 409 when the sender is not set or the template is a postback template; "
               "422 at `/to` when `to` is not an e-mail address (e-mail) or a phone number (SMS).", "Templates",
               ok(200, "What the SMTP server or SMS gateway answered.", "TemplateTestResult"),
               errors(*BODY, *AUTH, "404", "409"), body=body("TemplateTestInput")),
}
paths["/v1/samples/{type}"] = {
    "parameters": [{"name": "type", "in": "path", "required": True,
                    "description": "An event type; an unknown one is a 404.",
                    "schema": ref("EventType"), "example": "order.shipped"}],
    "get": {**op("getEventSample", "Get an event type's sample", "read",
                 "The sample envelope of an event type, exactly as a real event of that type looks (a Swedish "
                 "web-shop order in SEK for `order.*`), for writing and previewing templates and for "
                 "`POST /v1/triggers/{id}/test`.", "Templates",
                 {"200": {"description": "The sample event envelope.",
                          "content": {"application/json": {"schema": ref("Event"), "examples": {
                              "order.shipped": {"summary": "order.shipped", "value": SAMPLE_ORDER_SHIPPED_EVENT},
                              "contact.tag_added": {"summary": "contact.tag_added", "value": SAMPLE_TAG_ADDED_EVENT},
                          }}}}},
                 errors(*AUTH, "404"))},
}
paths["/v1/mappings/preview"] = {
    "post": op("previewMapping", "Preview a template", "read",
               "Renders a template (inline, or a stored one) against a posted payload, a stored event or an event "
               "type's sample, and returns the output exactly as a postback would carry it. Nothing is stored or "
               "sent. A template that does not compile, or fails on the input, is a 422 whose `errors` point at "
               "the directive (e.g. `/out/$expr`); an unknown `template_id` or `event_id` is a 404.", "Templates",
               ok(200, "The rendered output.", "MappingPreviewResult"),
               errors(*BODY, *AUTH, "404", unprocessable="PreviewUnprocessable"),
               body=body("MappingPreviewRequest", examples={
                   "spec": {"summary": "Inline template and payload (SPEC §5)",
                            "value": {"template": {"out": {"$expr": "order.number"}},
                                      "payload": {"order": {"number": "1001"}}}},
                   "stored": {"summary": "A stored template against a sample",
                              "value": {"template_id": "tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3", "sample": "order.shipped"}},
                   "event": {"summary": "An inline template against a stored event",
                             "value": {"template": TEMPLATE_BODY_EXAMPLE,
                                       "event_id": "evt_01JBZ8W3Q2B3C4D5E6F7G8H9J0"}},
               })),
}

# ---- triggers ----
paths["/v1/triggers"] = {
    "post": op("createTrigger", "Create a postback trigger", "admin",
               "Creates a trigger and its signing secret (`whsec_…`), which is in the answer's `secret` and is "
               "never shown again. From now on every matching event (type and filter) creates a delivery in the "
               "event's own transaction; backfilled events fire nothing.", "Triggers",
               ok(201, "The trigger was created; `secret` is shown only here.", "TriggerWithSecret"),
               errors(*BODY, *AUTH, unprocessable="TriggerInvalid"),
               body=body("TriggerCreateInput")),
    "get": op("listTriggers", "List postback triggers", "read", "Triggers, newest first. Secrets are never "
                                                                "returned.", "Triggers",
              ok(200, "A page of triggers.", "TriggerPage"), errors(*AUTH),
              params=[param("Limit"), param("Cursor")]),
}
paths["/v1/triggers/{id}"] = {
    "parameters": [param("TriggerID")],
    "get": op("getTrigger", "Get a postback trigger", "read", "The trigger (without its secret).", "Triggers",
              ok(200, "The trigger.", "Trigger"), errors(*AUTH, "404")),
    "patch": op("patchTrigger", "Change a postback trigger", "admin",
                "Changes the given members; absent members are kept, `filter` or `template_id` `null` removes "
                "them. Setting `active` to `true` re-enables a trigger Kvitto disabled.", "Triggers",
                ok(200, "The changed trigger.", "Trigger"),
                errors(*BODY, *AUTH, "404", unprocessable="TriggerInvalid"),
                body=body("TriggerInput", example={"active": True, "filter": None})),
    "delete": op("deleteTrigger", "Delete a postback trigger", "admin",
                 "Deletes the trigger. Its deliveries stay in the log; pending ones are not sent (they fail with "
                 "`the trigger was deleted`).", "Triggers",
                 ok(204, "The trigger was deleted."), errors(*AUTH, "404")),
}
paths["/v1/triggers/{id}/rotate-secret"] = {
    "parameters": [param("TriggerID")],
    "post": op("rotateTriggerSecret", "Rotate a trigger's signing secret", "admin",
               "Generates a new secret, returned once in `secret`. The previous secret keeps signing alongside the "
               "new one for 24 hours (`previous_secret_expires_at`; `webhook-signature` then carries two `v1,…` "
               "entries), so a receiver can switch without a gap. No request body is needed.", "Triggers",
               ok(200, "The trigger with its new `secret`, shown only here.", "TriggerWithSecret",
                  example=TRIGGER_ROTATED_EXAMPLE),
               errors(*AUTH, "404")),
}
paths["/v1/triggers/{id}/test"] = {
    "parameters": [param("TriggerID")],
    "post": op("testTrigger", "Send a test postback", "admin",
               "Sends one real, signed request to the trigger's URL — with a stored event (`event_id`), the sample "
               "of `event_type`, or by default the sample of the trigger's first event type, shaped by its "
               "template — and returns the exact request (headers, body) and the response (status, headers, body "
               "excerpt, time). It is sent even if the trigger is inactive or disabled. Nothing is written, so "
               "nothing retries. The body is optional. Only processes that run the delivery worker can send "
               "(409 otherwise).", "Triggers",
               ok(200, "The request sent and what came back.", "TriggerTestResult"),
               errors("400", "413", *AUTH, "404", "409", "422", unprocessable="TriggerTestInvalid",
                      conflict="TriggerTestUnavailable"),
               body={"required": False, "content": json_content(ref("TriggerTestRequest"))}),
}

# ---- lists ----
paths["/v1/lists"] = {
    "post": op("createList", "Create a list", "admin", "", "Lists", ok(201, "The list.", "ContactList"),
               errors(*BODY, *AUTH), body=body("ListInput")),
    "get": op("listLists", "List the lists", "read", "Every list, by name.", "Lists",
              ok(200, "The lists.", "ContactListPage"), errors(*AUTH)),
}
paths["/v1/lists/{id}"] = {
    "parameters": [param("ListID")],
    "get": op("getList", "Get a list", "read", "", "Lists", ok(200, "The list.", "ContactList"), errors(*AUTH, "404")),
    "patch": op("renameList", "Rename a list", "admin", "", "Lists", ok(200, "The list.", "ContactList"),
                errors(*BODY, *AUTH, "404"), body=body("ListInput")),
    "delete": op("deleteList", "Delete a list", "admin", "Deletes the list; its contacts stay (in their other lists, "
                 "or in no list).", "Lists", ok(204, "Deleted."), errors(*AUTH, "404")),
}
paths["/v1/lists/{id}/contacts"] = {
    "parameters": [param("ListID")],
    "post": op("addToList", "Put contacts in a list", "ingest",
               "Contacts already in it stay as they are. An id that is no contact of the account is a 422 naming it "
               "(`/contact_ids/0`), and nothing changes.", "Lists",
               ok(200, "`{\"added\": n}`."), errors(*BODY, *AUTH, "404"), body=body("ContactIDs")),
    "delete": op("removeFromList", "Take contacts out of a list", "ingest", "", "Lists",
                 ok(200, "`{\"removed\": n}`: how many were in it."), errors(*BODY, *AUTH, "404"), body=body("ContactIDs")),
}
paths["/v1/contacts/bulk"] = {
    "post": op("bulkContacts", "Move, delete or blacklist the contacts a filter selects", "admin", "",
               "Lists", ok(200, "How many contacts were selected.", "BulkContactResult"), errors(*BODY, *AUTH),
               body=body("BulkContactAction")),
}

# ---- POS ----
STRN = {"type": ["string", "null"]}
schemas["POSCustomer"] = {
    "type": "object",
    "description": "A customer as the till shows it (Sitoo's customer object). `sections` are the contact's custom "
                   "field groups, titled, each value as text; `status` is red for a blacklisted customer, otherwise "
                   "green with the engagement segment as its text. `bonus_checks`, `promotions`, `consents`, "
                   "`voucher_passwords` and `additional_options` are always lists (empty for now).",
    "required": ["customer_id", "member_number", "email", "name_first", "name_last", "mobile", "invoice_address", "gender",
                 "accepts_communication", "consents", "status", "promotions", "bonus_checks", "voucher_passwords",
                 "store_id_home", "additional_options", "sections"],
    "properties": {
        "customer_id": {"type": "string", "examples": ["con_01JBZ8W3Q0K9X2T4V6M8N0P2R4"]},
        "member_number": STRN, "email": STRN, "name_first": STRN, "name_last": STRN,
        "mobile": {"type": ["string", "null"], "description": "E.164.", "examples": ["+46701234567"]},
        "invoice_address": {"type": ["object", "null"], "properties": {"address": STRN, "city": STRN, "zip": STRN, "country_id": STRN}},
        "gender": STRN,
        "accepts_communication": {"type": "array", "items": {"type": "string", "enum": ["email", "sms", "mail"]}},
        "consents": {"type": "array", "items": {"type": "string"}},
        "status": {"type": "object", "required": ["color", "text"], "properties": {"color": {"type": "string"}, "text": {"type": "string"}}},
        "promotions": {"type": "array", "items": {"type": "object"}},
        "bonus_checks": {"type": "array", "items": {"type": "object"}},
        "voucher_passwords": {"type": "array", "items": {"type": "string"}},
        "store_id_home": STRN,
        "additional_options": {"type": "array", "items": {"type": "object"}},
        "sections": {"type": "array", "items": {"type": "object", "required": ["title", "values"], "properties": {
            "title": {"type": "string"},
            "values": {"type": "array", "items": {"type": "object", "required": ["title", "text", "type"], "properties": {
                "title": {"type": "string"}, "text": {"type": "string"}, "type": {"type": "string", "enum": ["text"]}}}}}}},
    },
}
schemas["POSCustomerList"] = {"type": "array", "maxItems": 1, "items": ref("POSCustomer"),
                              "description": "Exactly one customer, or none."}
schemas["POSCustomerInput"] = {
    "type": "object",
    "description": "A customer as a till registers or edits it. Registering needs `email` or `mobile`; editing changes "
                   "what is named (null clears an optional member). Members the till read from the customer object "
                   "(`customer_id`, `status`, `sections`, …) may be sent back and are ignored.",
    "properties": {
        "email": STRN, "mobile": {"type": ["string", "null"], "description": "As typed; stored in E.164."},
        "name_first": STRN, "name_last": STRN,
        "member_number": {"type": ["string", "integer"], "description": "Kept as given; unique in the account."},
        "invoice_address": {"type": ["object", "null"], "additionalProperties": False,
                            "properties": {"address": {"type": "string"}, "city": {"type": "string"}, "zip": {"type": "string"},
                                           "country_id": {"type": "string", "maxLength": 2}}},
        "gender": STRN, "store_id_home": {"type": ["string", "integer", "null"]},
        "accepts_communication": {"oneOf": [{"type": "array", "items": {"type": "string", "enum": ["email", "sms", "mail"]}},
                                            {"type": "boolean"}],
                                  "description": "The channels the customer agreed to; kept on the timeline with the store, "
                                                 "register and staff."},
        "customer_id": {}, "status": {}, "promotions": {}, "bonus_checks": {}, "voucher_passwords": {}, "sections": {},
        "additional_options": {}, "consents": {},
    },
    "additionalProperties": False,
    "example": {"email": "anna@example.se", "mobile": "070-123 45 67", "name_first": "Anna", "accepts_communication": ["email", "sms"]},
}
schemas["Purchase"] = {
    "type": "object", "description": "One purchase of a customer's history: a shop purchase or a web order.",
    "required": ["purchase_id", "number", "source", "connection_id", "created_at", "status", "currency", "total", "lines"],
    "properties": {
        "purchase_id": {"type": "string"}, "number": STRN, "source": {"type": "string"}, "connection_id": {"type": "string"},
        "created_at": TS, "status": {"type": "string"}, "currency": {"type": "string"}, "total": {"type": "string"},
        "lines": {"type": "array", "items": {"type": "object"}},
    },
}
page("Purchase", "PurchasePage", "A page of purchases, newest first.")
schemas["LookupRecord"] = {
    "type": "object", "description": "One till look-up. The key itself is never stored: `key_hash` is a keyed hash of "
                                     "the normalised key.",
    "required": ["id", "at", "key_type", "key_hash", "hit", "contact_id", "store_id", "staff_id", "register_id"],
    "properties": {"id": {"type": "string"}, "at": TS,
                   "key_type": {"type": "string", "enum": ["phone", "email", "member_number", "customer_id"]},
                   "key_hash": {"type": "string"}, "hit": {"type": "boolean"}, "contact_id": STRN,
                   "store_id": STRN, "staff_id": STRN, "register_id": STRN},
}
page("LookupRecord", "LookupPage", "A page of till look-ups, newest first.")
POS_HEADERS = [{"name": n, "in": "header", "required": False, "schema": {"type": "string"},
                "description": "Sitoo's header, URL-encoded UTF-8; recorded with the look-up or consent."}
               for n in ["Store-ID", "Staff-ID", "Register-ID"]]
parameters["POSCustomerID"] = {"name": "id", "in": "path", "required": True, "description": "A customer id (`con_…`).",
                               "schema": {"type": "string"}}
paths["/pos/v2/customers"] = {
    "get": op("findPOSCustomer", "Find a customer (Sitoo: search customer)", "pos",
              "Exactly one customer or an empty list. `key_type` is `mobile` (Sitoo's name) or `phone`, `email`, "
              "`member_number` or `customer_id`; keys are normalised as ingestion does (a Swedish `070-123 45 67` finds "
              "`+46701234567`; e-mail ignores case) and must then match exactly: partial values and wildcards find "
              "nobody. Every look-up, hit or miss, is logged (`GET /v1/audit/lookups`).", "POS",
              ok(200, "The customer, or none.", "POSCustomerList"), errors(*AUTH, "422"),
              params=[{"name": "key_type", "in": "query", "required": True,
                       "schema": {"type": "string", "enum": ["mobile", "phone", "email", "member_number", "customer_id"]}},
                      {"name": "key", "in": "query", "required": True, "schema": {"type": "string"}}] + POS_HEADERS),
    "post": op("createPOSCustomer", "Register a customer (Sitoo: add customer)", "pos",
               "Needs `email` or `mobile`. One that belongs to another customer, or a member number that does, is a 409 "
               "naming the field. Without a member number, an account whose loyalty club issues them gives the next.",
               "POS", ok(201, "The customer.", "POSCustomer"), errors(*BODY, *AUTH, "409"), body=body("POSCustomerInput"),
               params=POS_HEADERS),
}
paths["/pos/v2/customers/{id}"] = {
    "parameters": [param("POSCustomerID")],
    "get": op("getPOSCustomer", "Get a customer (a logged look-up by `customer_id`)", "pos", "", "POS",
              ok(200, "The customer.", "POSCustomer"), errors(*AUTH, "404"), params=POS_HEADERS),
    "put": op("updatePOSCustomer", "Edit a customer (Sitoo: update customer)", "pos",
              "Changes what the body names; a customer must keep an e-mail or a mobile.", "POS",
              ok(200, "The customer.", "POSCustomer"), errors(*BODY, *AUTH, "404", "409"), body=body("POSCustomerInput"),
              params=POS_HEADERS),
}
paths["/pos/v2/customers/{id}/purchases"] = {
    "parameters": [param("POSCustomerID")],
    "get": op("listPOSPurchases", "A customer's purchase history", "pos",
              "Orders from every connection (shops and web), newest first.", "POS",
              ok(200, "A page of purchases.", "PurchasePage"), errors(*AUTH, "404"), params=[param("Limit"), param("Cursor")]),
}
schemas["POSPurchaseInput"] = {
    "type": "object", "required": ["purchase_id", "currency", "lines"], "additionalProperties": False,
    "description": "A completed purchase at a till. Lines are read as an order's. Without `customer_id` the purchase is "
                   "anonymous. The store, register and staff headers, the payment and the purchase id are kept in the "
                   "order's `Sitoo-Order` group.",
    "properties": {
        "purchase_id": {"type": ["string", "integer"], "description": "The till's id of the purchase; sent again, it "
                                                                      "updates the same order."},
        "receipt_number": {"type": ["string", "integer"]}, "customer_id": {"type": "string"},
        "created_at": TS, "currency": {"type": "string"},
        "lines": {"type": "array", "minItems": 1, "items": ref("LineInput")},
        "payments": {"type": "array", "items": {"type": "object", "required": ["method", "amount"], "additionalProperties": False,
                                                "properties": {"method": {"type": "string"}, "amount": {"type": "string"}}}},
        "total": {"type": "string"},
    },
    "example": {"purchase_id": "R3-889", "customer_id": "con_01JBZ8W3Q0K9X2T4V6M8N0P2R4", "currency": "SEK",
                "lines": [{"sku": "MUG-1", "name": "Mugg", "quantity": 2, "unit_price": "99.00"}],
                "payments": [{"method": "card", "amount": "198.00"}], "total": "198.00"},
}
paths["/pos/v2/purchases"] = {
    "post": op("recordPOSPurchase", "Record a purchase at a till", "pos",
               "The purchase becomes an order with origin `pos`: triggers and automations (the digital receipt copy: "
               "`order.received` with the filter `origin == 'pos'`) see it. The account's first purchase creates the "
               "groups `Sitoo-Address`, `Sitoo-Contact` and `Sitoo-Order` with their fields.", "POS",
               {**ok(201, "Recorded.", "Purchase"), **ok(200, "The same purchase id again: updated.", "Purchase")},
               errors(*BODY, *AUTH), body=body("POSPurchaseInput"), params=POS_HEADERS),
}
schemas["VoucherImportReport"] = {
    "type": "object", "required": ["imported", "updated", "rejected"],
    "properties": {"imported": {"type": "integer"}, "updated": {"type": "integer"},
                   "rejected": {"type": "array", "items": {"type": "object", "required": ["row", "reason"],
                                                           "properties": {"row": {"type": "integer", "description": "As the "
                                                                                  "spreadsheet counts: the header is row 1."},
                                                                          "reason": {"type": "string"}}}}},
    "example": {"imported": 1, "updated": 0, "rejected": [{"row": 3, "reason": "email: not an e-mail address"}]},
}
schemas["VoucherRedemption"] = {
    "type": "object", "required": ["amount", "idempotency_key"], "additionalProperties": False,
    "properties": {"amount": {"type": "string", "examples": ["40.00"]}, "idempotency_key": {"type": "string", "maxLength": 200},
                   "currency": {"type": "string", "description": "The check's currency; default the account's."}},
}
schemas["VoucherRedeemed"] = {
    "type": "object", "required": ["code", "redeemed", "remaining", "currency", "used_at"],
    "properties": {"code": {"type": "string"}, "redeemed": {"type": "string"}, "remaining": {"type": "string"},
                   "currency": {"type": "string"}, "used_at": TS},
    "example": {"code": "BC-1001", "redeemed": "40.00", "remaining": "60.00", "currency": "SEK", "used_at": "2026-12-02T10:00:00.000Z"},
}
paths["/v1/vouchers/import"] = {
    "post": op("importVouchers", "Import bonus checks from a file", "ingest",
               "The body is the file: `text/csv` (comma or semicolon), `text/tab-separated-values` / `text/plain` (a "
               "`.txt`) or an Excel workbook (its first sheet), a header row naming `email` and/or `phone`, `code`, `amount`, "
               "`currency`, `valid_from`, `valid_to`. Bad rows (a formula cell among them) are reported and skipped; the good "
               "rows are written in one transaction; a code imported again updates its check. Up to 20 MB.", "POS",
               ok(200, "What was imported and which rows were not.", "VoucherImportReport"), errors("413", "422", *AUTH),
               extra={"requestBody": {"required": True, "content": {
                   "text/csv": {"schema": {"type": "string"}},
                   "text/tab-separated-values": {"schema": {"type": "string"}},
                   "text/plain": {"schema": {"type": "string"}},
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}}}),
}
paths["/pos/v2/bonus-checks/{code}/redeem"] = {
    "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
    "post": op("redeemBonusCheck", "Redeem part of a bonus check", "pos",
               "Takes `amount` from the check and writes back the date used and what remains. Refused with a `reason`: "
               "`voucher-unknown` (404), `voucher-expired`, `voucher-not-yet-valid`, `voucher-currency`, `voucher-exhausted`, "
               "`voucher-over-amount` (422). The same `idempotency_key` again answers the first answer and changes nothing; "
               "registers redeeming one check at once never take more than its balance.", "POS",
               ok(200, "Redeemed.", "VoucherRedeemed"), errors(*BODY, *AUTH, "404"), body=body("VoucherRedemption"),
               params=POS_HEADERS),
}
paths["/v1/audit/lookups"] = {
    "get": op("listLookups", "The till look-up log", "admin",
              "Every look-up, hit or miss, newest first: key type, a keyed hash of the normalised key (never the key), "
              "store, staff and register. Erasing a contact removes the look-ups tied to it.", "POS",
              ok(200, "A page of look-ups.", "LookupPage"), errors(*AUTH), params=[param("Limit"), param("Cursor")]),
}

# ---- engagement ----
schemas["EngagementRun"] = {
    "type": "object", "description": "What one recompute did.",
    "required": ["started_at", "duration_ms", "contacts", "changed", "segment_changes", "segments"],
    "properties": {
        "started_at": TS, "duration_ms": {"type": "integer", "minimum": 0},
        "contacts": {"type": "integer", "minimum": 0, "description": "Contacts with purchases, scored."},
        "changed": {"type": "integer", "minimum": 0, "description": "Contacts whose scores changed (and were written)."},
        "segment_changes": {"type": "integer", "minimum": 0,
                            "description": "`contact.segment_changed` events emitted (none on a contact's first computation)."},
        "segments": {"type": "object", "additionalProperties": {"type": "integer"},
                     "description": "Contacts per segment: Champions, Loyal, Potential loyalist, New, Promising, Need "
                                    "attention, About to sleep, At risk, Can't lose them, Hibernating, Lost."},
    },
    "example": {"started_at": "2026-12-06T17:00:00.000Z", "duration_ms": 812, "contacts": 1520, "changed": 311,
                "segment_changes": 97, "segments": {"Champions": 180, "Lost": 240}},
}
schemas["EngagementStatus"] = {
    "type": "object", "required": ["next_run_at", "last_run"],
    "properties": {"next_run_at": {**NTS, "description": "The next weekly run: Sunday 18:00 in the account's time zone."},
                   "last_run": nullable(ref("EngagementRun"))},
}
paths["/v1/engagement"] = {
    "get": op("getEngagement", "Engagement: the schedule and the last run", "read",
              "Every contact with purchases (cancelled, returned and failed orders do not count) gets RFM quintile "
              "scores 1–5 and a segment in its `Engagement` field group (`recency`, `frequency`, `monetary`, `rfm`, "
              "`segment`, `segment_key`, `computed_at`), recomputed weekly and on demand.", "Engagement",
              ok(200, "The schedule and the last run.", "EngagementStatus"), errors(*AUTH)),
}
paths["/v1/engagement/recompute"] = {
    "post": op("recomputeEngagement", "Recompute engagement now", "admin",
               "Runs at once and answers when done (about a minute for a million contacts). A contact whose segment "
               "changed emits `contact.segment_changed` (with `segment` and `previous_segment`), which automations "
               "can start on. 409 while a recompute of the account runs in this process.", "Engagement",
               ok(200, "What it did.", "EngagementRun"), errors(*AUTH, "409")),
}

# ---- automations ----
paths["/v1/automations"] = {
    "post": op("createAutomation", "Create an automation", "admin",
               "A trigger (event type, tag, or time rule) and steps. Every template and trigger a step names must "
               "exist in the account and be of the step's kind; the answer is a 422 with a pointer per mistake "
               "otherwise, and nothing is stored.", "Automations",
               ok(201, "The automation.", "Automation"), errors(*BODY, *AUTH), body=body("AutomationInput")),
    "get": op("listAutomations", "List automations", "read", "Automations, newest first.", "Automations",
              ok(200, "A page of automations.", "AutomationPage"), errors(*AUTH),
              params=[param("Limit"), param("Cursor")]),
}
paths["/v1/automations/{id}"] = {
    "parameters": [param("AutomationID")],
    "get": op("getAutomation", "Get an automation", "read", "", "Automations", ok(200, "The automation.", "Automation"),
              errors(*AUTH, "404")),
    "patch": op("patchAutomation", "Change an automation", "admin",
                "Changes the given members. Switching it off (`active` false) cancels its waiting runs; new events "
                "start none until it is on again.", "Automations",
                ok(200, "The changed automation.", "Automation"), errors(*BODY, *AUTH, "404"),
                body=body("AutomationInput", example={"active": False})),
    "delete": op("deleteAutomation", "Delete an automation", "admin",
                 "Deletes it and cancels its waiting runs. Messages it queued stay in the delivery log.",
                 "Automations", ok(204, "Deleted."), errors(*AUTH, "404")),
}
paths["/v1/automations/{id}/runs"] = {
    "parameters": [param("AutomationID")],
    "get": op("listAutomationRuns", "List an automation's runs", "read",
              "Runs newest first, each with its log: what every step did, or why it was skipped.", "Automations",
              ok(200, "A page of runs.", "AutomationRunPage"), errors(*AUTH, "404", "422"),
              params=[{"name": "status", "in": "query", "required": False,
                       "schema": {"type": "string", "enum": ["waiting", "completed", "cancelled"]}},
                      param("Limit"), param("Cursor")]),
}

# ---- unsubscribe links: signed, no API key ----
UNSUBSCRIBE_TOKEN = {"name": "token", "in": "path", "required": True,
                     "description": "The signed token of one marketing message (`{account}.{delivery}.{signature}`).",
                     "schema": {"type": "string"}}
HTML_PAGE = {"text/html": {"schema": {"type": "string"}}}
paths["/unsubscribe/{token}"] = {
    "parameters": [UNSUBSCRIBE_TOKEN],
    "get": {"operationId": "getUnsubscribePage", "summary": "The unsubscribe page", "tags": ["Automations"],
            "security": [],
            "description": "The link at the foot of every marketing e-mail and in its `List-Unsubscribe` header. "
                           "Shows a page with one button; a GET unsubscribes nobody (mail scanners follow links).",
            "responses": {"200": {"description": "The page.", "content": HTML_PAGE},
                          "404": {"description": "The token is not valid.", "content": HTML_PAGE}}},
    "post": {"operationId": "unsubscribe", "summary": "Unsubscribe (one-click)", "tags": ["Automations"],
             "security": [],
             "description": "The page's button and mail clients' one-click unsubscribe (RFC 8058, body "
                            "`List-Unsubscribe=One-Click`). The address goes on the account's suppression list (a "
                            "keyed hash, kept through erasure), the contact gets `unsubscribed_at` and a timeline "
                            "entry, and `contact.updated` is emitted.",
             "responses": {"200": {"description": "Unsubscribed.", "content": HTML_PAGE},
                           "404": {"description": "The token is not valid.", "content": HTML_PAGE}}},
}

# ---- deliveries ----
DELIVERY_FILTER_PARAMS = [
    {"name": "trigger_id", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "Only this trigger's deliveries.", "example": "trg_01JBZ9C5D6E7F8G9H0J1K2M3N4"},
    {"name": "automation_id", "in": "query", "required": False, "schema": {"type": "string"},
     "description": "Only the messages this automation queued.", "example": "aut_01JDR0A1B2C3D4E5F6G7H8J9K0"},
    {"name": "status", "in": "query", "required": False, "schema": ref("DeliveryStatus"),
     "description": "Only deliveries with this status (422 for another value)."},
    {"name": "event_type", "in": "query", "required": False, "schema": ref("EventType"),
     "description": "Only deliveries of this event type (422 for an unknown one)."},
    {"name": "since", "in": "query", "required": False, "schema": {"type": "string", "format": "date-time"},
     "description": "RFC 3339: only deliveries created at or after this time (422 otherwise).",
     "example": "2026-11-22T08:00:00Z"},
]
paths["/v1/deliveries"] = {
    "get": op("listDeliveries", "List deliveries", "read",
              "The delivery log, newest first, each delivery with every attempt (time, status, latency, response "
              "headers and excerpt). The filters combine.", "Deliveries",
              ok(200, "A page of deliveries.", "DeliveryPage"),
              errors(*AUTH, "422", unprocessable="DeliveryFilterInvalid"),
              params=[*DELIVERY_FILTER_PARAMS, param("Limit"), param("Cursor")]),
}
paths["/v1/deliveries/{id}"] = {
    "parameters": [param("DeliveryID")],
    "get": op("getDelivery", "Get a delivery", "read", "The delivery with every attempt, oldest first.",
              "Deliveries", ok(200, "The delivery.", "DeliveryDetail"), errors(*AUTH, "404")),
}
paths["/v1/deliveries/{id}/replay"] = {
    "parameters": [param("DeliveryID")],
    "post": op("replayDelivery", "Replay a delivery", "admin",
               "Queues the delivery again, whatever its status: same id (so the same `webhook-id`), a fresh retry "
               "schedule, due now. Attempt numbers keep counting (`cycle_start` marks the new round). No request "
               "body is needed.", "Deliveries",
               ok(202, "The delivery is queued (`status` `pending`).", "Delivery"), errors(*AUTH, "404")),
}
paths["/v1/deliveries/replay"] = {
    "post": op("replayDeliveries", "Replay deliveries in bulk", "admin",
               "Queues again every delivery the filter selects that is not pending — typically `status` `failed` "
               "`since` an outage began — each as `POST /v1/deliveries/{id}/replay` does. The body is optional; "
               "without it (or with `{}`) every non-pending delivery of the account is replayed.", "Deliveries",
               ok(202, "The deliveries are queued.", "ReplayResult"),
               errors("400", "413", *AUTH, "422", unprocessable="DeliveryFilterInvalid"),
               body={"required": False, "content": json_content(ref("DeliveryReplayRequest"))}),
}

# ---- platform connections (SPEC §7) ----
paths["/v1/connections"] = {
    "post": op("createConnection", "Connect a platform", "admin",
               "Makes a connection to a shop, POS or invoicing account (`shopify`, `woocommerce`, `cartum`, `fapi`, "
               "`sitoo`) with the platform's default settings (seed 004) overridden by `settings`. Credentials are "
               "sealed and never returned. The answer has the webhook URL and what to paste where "
               "(`webhook.setup`), and — only here — the secrets Kvitto generated (`secrets`): the WooCommerce "
               "`webhook_secret` when none was given, the Cartum and Sitoo `webhook_token`. A connection of the same "
               "platform and name is a 409.", "Connections",
               ok(201, "The connection was made; `secrets` is shown only here.", "ConnectionCreated",
                  example=WOO_CONNECTION_CREATED_EXAMPLE),
               errors(*BODY, *AUTH, "409", conflict="ConnectionConflict", unprocessable="ConnectionInvalid"),
               body=body("ConnectionCreateInput", examples={
                   "shopify": {"summary": "Shopify, with a webhook secret and import credentials",
                               "value": CONNECTION_INPUT_EXAMPLE},
                   "woocommerce": {"summary": "WooCommerce; Kvitto makes the webhook secret",
                                   "value": WOO_CONNECTION_INPUT_EXAMPLE},
                   "cartum": {"summary": "Cartum; Kvitto makes the URL token",
                              "value": {"kind": "cartum", "name": "Horoshop",
                                        "credentials": {"site_url": "https://shop.example.com.ua", "login": "api",
                                                        "password": "s3cret-Pa55"}}},
                   "fapi": {"summary": "FAPI, in all states, customers only",
                            "value": {"kind": "fapi", "name": "Faktury",
                                      "credentials": {"user": "obchod@example.cz", "api_key": "fapi_2b4d6f8a0c2e"},
                                      "settings": {"send_order_data": False}}},
               })),
    "get": op("listConnections", "List connections", "read",
              "The account's connections, newest first, `api` connections included. Credentials are never "
              "returned, only their names in `credentials_set`.", "Connections",
              ok(200, "A page of connections.", "ConnectionPage"),
              errors(*AUTH, "409", conflict="CredentialsSealed"), params=[param("Limit"), param("Cursor")]),
}
paths["/v1/connections/{id}"] = {
    "parameters": [param("ConnectionID")],
    "get": op("getConnection", "Get a connection", "read",
              "The connection with its settings, the names of its credentials and its webhook URL (a Cartum URL "
              "shows `{token}` in place of the token, which only the create answer has).", "Connections",
              ok(200, "The connection.", "Connection"),
              errors(*AUTH, "404", "409", conflict="CredentialsSealed")),
    "patch": op("patchConnection", "Change a connection", "admin",
                "Changes the given members; absent ones are kept. `credentials` merge (the names given are replaced, "
                "the others kept, so sending a new access token keeps the webhook secret); each given setting "
                "replaces the stored one (`status_mapping` replaces the earlier overrides; `product_key` `null` "
                "returns to the account's key). The kind cannot change; a new name that another connection of the "
                "platform has is a 409. `api` connections cannot be changed (404).", "Connections",
                ok(200, "The changed connection.", "Connection"),
                errors(*BODY, *AUTH, "404", "409", conflict="ConnectionConflict", unprocessable="ConnectionInvalid"),
                body=body("ConnectionInput", example={"settings": {"status_sync": True,
                                                                   "status_mapping": {"open": "in_production"}},
                                                      "credentials": {"access_token": "shpat_9f8e7d6c5b4a3f2e1d0c"}})),
    "delete": op("deleteConnection", "Delete a connection", "admin",
                 "Deletes the connection and its sealed credentials. Its orders, contacts and products stay. Webhooks "
                 "to its URL then answer 404, deliveries still pending in its inbox are marked `ignored`, and a "
                 "running backfill fails with `the connection was deleted`.", "Connections",
                 ok(204, "The connection was deleted."), errors(*AUTH, "404")),
}
paths["/v1/connections/{id}/inbox"] = {
    "parameters": [param("ConnectionID")],
    "get": op("listConnectionInbox", "List a connection's webhook deliveries", "read",
              "The connection's webhook deliveries of the last 14 days, newest first, each raw as it arrived "
              "(headers, body, what was fetched for it) with its status and what the mapping did. Deliveries are "
              "stored before they are answered and mapped right after, so a fresh one may still be `pending`; one "
              "that cannot be mapped stays here as `rejected`.", "Connections",
              ok(200, "A page of deliveries.", "InboxPage", example={"items": [INBOX_ITEM_EXAMPLE], "next_cursor": None}),
              errors(*AUTH, "404"), params=[param("Limit"), param("Cursor")]),
}
paths["/v1/connections/{id}/backfills"] = {
    "parameters": [param("ConnectionID")],
    "post": op("startBackfill", "Start a historical import", "admin",
               "Starts importing the connection's past orders from the platform's API in the background and answers "
               "at once with the backfill; follow it with `GET /v1/backfills/{id}`. By default it takes the orders "
               "created in the connection's `import_window_days` up to now, without those in `excluded_states`. "
               "Orders are upserts with origin `backfill` (nothing is imported twice) and fire no triggers unless "
               "`fire_triggers` is true. While a backfill of the connection is running, that backfill is returned "
               "instead of a new one. The body is optional. A connection without the credentials its platform's API "
               "needs is a 422; `api` connections have nothing to import (404).", "Connections",
               ok(202, "The backfill is running (or was already).", "Backfill", example=BACKFILL_EXAMPLE),
               errors("413", *AUTH, "404", "409", "422", conflict="CredentialsSealed", unprocessable="BackfillInvalid"),
               body={"required": False, "content": json_content(ref("BackfillRequest"))}),
}
paths["/v1/backfills/{id}"] = {
    "parameters": [param("BackfillID")],
    "get": op("getBackfill", "Get a backfill", "read",
              "The backfill's status and progress (pages, imported, rejected, skipped), its checkpoint and, after a "
              "failure, the error. A backfill that was running when its process stopped is resumed from its "
              "checkpoint by the next process that runs workers.", "Connections",
              ok(200, "The backfill.", "Backfill"), errors(*AUTH, "404")),
}

# ---- platform webhooks: authorised by the platform's signature, not an API key ----
HOOK_ERRORS = dict(unauthorized="SignatureInvalid", not_found="HookNotFound", conflict="CredentialsSealed")
HOOK_OK = ok(200, "The delivery was stored (or recognised as a repeat) and will be mapped.", "HookReceipt",
             example=HOOK_STORED_EXAMPLE)


def hook_header(name, desc, required=False, example=None):
    h = {"name": name, "in": "header", "required": required, "description": desc, "schema": {"type": "string"}}
    if example is not None:
        h["example"] = example
    return h


HOOK_TEXT = ("The raw body is checked before anything is parsed, stored, answered, and mapped afterwards, so the "
             "platform is answered in time and a payload that does not map stays in the inbox as `rejected` "
             "(never a 5xx the platform retries forever). A repeated delivery is recognised and not applied again "
             "(`duplicates`).")

paths["/hooks/shopify/{connection}"] = {
    "parameters": [param("HookConnection")],
    "post": op("receiveShopifyWebhook", "Receive a Shopify webhook", None,
               "Shopify's webhooks (topics `orders/*`, `customers/*`, `products/*`; deletes are ignored). The "
               "`X-Shopify-Hmac-Sha256` header must be the base64 HMAC-SHA256 of the raw body keyed with the "
               "connection's `credentials.webhook_secret`. " + HOOK_TEXT, "Connections",
               HOOK_OK, errors("401", "404", "409", "413", **HOOK_ERRORS),
               params=[hook_header("X-Shopify-Hmac-Sha256", "base64 HMAC-SHA256 of the raw body.", True,
                                   "5vZNMRefJ9zFsoNdxImKBWjUOij28H31eDG4/YAHi9Y="),
                       hook_header("X-Shopify-Topic", "The topic; `orders/create` when absent.", example="orders/create"),
                       hook_header("X-Shopify-Webhook-Id", "The delivery id that recognises a repeat.",
                                   example=SHOPIFY_WEBHOOK_ID)],
               body={"required": True, "description": "The resource as Shopify sends it, stored byte for byte.",
                     "content": json_content({"type": "object"}, example=SHOPIFY_ORDER_BODY_EXAMPLE)},
               extra={"security": []}),
}
paths["/hooks/woocommerce/{connection}"] = {
    "parameters": [param("HookConnection")],
    "post": op("receiveWooCommerceWebhook", "Receive a WooCommerce webhook", None,
               "WooCommerce's order webhooks (`order.*`; `order.deleted` is ignored). The `X-WC-Webhook-Signature` "
               "header must be the base64 HMAC-SHA256 of the raw body keyed with the connection's "
               "`credentials.webhook_secret`. The unsigned ping WooCommerce sends when a webhook is saved (the form "
               "`webhook_id=<n>`) is answered with `{\"received\": true, \"ping\": \"<n>\"}` and stores nothing. "
               + HOOK_TEXT, "Connections",
               {"200": {"description": "The delivery was stored (or recognised as a repeat), or the ping was answered.",
                        "content": json_content(ref("HookReceipt"), examples={
                            "stored": {"summary": "An order delivery", "value": HOOK_STORED_EXAMPLE},
                            "ping": {"summary": "The ping", "value": {"received": True, "ping": "17"}}})}},
               errors("401", "404", "409", "413", **HOOK_ERRORS),
               params=[hook_header("X-WC-Webhook-Signature", "base64 HMAC-SHA256 of the raw body (absent on the "
                                                             "ping).", example="Zl3v0Ssl6rGn8yqVJ7U7ZVvCH0RkU5kJ5Q0m2Rz8bQo="),
                       hook_header("X-WC-Webhook-Topic", "The topic; `order.created` when absent.",
                                   example="order.created"),
                       hook_header("X-WC-Webhook-Delivery-ID", "The delivery id that recognises a repeat.",
                                   example="a1b2c3d4e5f60718293a4b5c6d7e8f90")],
               body={"required": True, "description": "The order as WooCommerce sends it (stored byte for byte), or "
                                                      "the ping form.",
                     "content": {"application/json": {"schema": {"type": "object"}},
                                 "application/x-www-form-urlencoded": {
                                     "schema": {"type": "object", "required": ["webhook_id"],
                                                "properties": {"webhook_id": {"type": "string", "pattern": "^[0-9]+$"}}},
                                     "example": {"webhook_id": "17"}}}},
               extra={"security": []}),
}
paths["/hooks/cartum/{connection}/{token}"] = {
    "parameters": [param("HookConnection"),
                   {"name": "token", "in": "path", "required": True,
                    "description": "The connection's webhook token (`secrets.webhook_token` of the create answer); "
                                   "Cartum signs nothing, so the URL is the secret.",
                    "schema": {"type": "string"}, "example": CARTUM_TOKEN}],
    "put": op("receiveCartumWebhook", "Receive a Cartum webhook", None,
              "Cartum's `order_created` webhook (`POST` to the same URL is accepted too). The token in the URL must "
              "be the connection's. " + HOOK_TEXT, "Connections",
              HOOK_OK, errors("401", "404", "409", "413", **HOOK_ERRORS),
              body={"required": True, "description": "The order as Cartum sends it, stored byte for byte.",
                    "content": json_content({"type": "object"}, example=CARTUM_ORDER_BODY_EXAMPLE)},
              extra={"security": []}),
}
paths["/hooks/fapi/{connection}"] = {
    "parameters": [param("HookConnection")],
    "post": op("receiveFAPINotification", "Receive a FAPI notification", None,
               "FAPI's invoice notification. FAPI signs nothing: Kvitto fetches the invoice it names (and its order) "
               "from FAPI with the connection's `credentials.user` and `api_key`, and stores the delivery only when "
               "`security` matches that invoice. If FAPI's API cannot be reached the answer is a 500 and nothing is "
               "stored, so FAPI tries again. " + HOOK_TEXT, "Connections",
               HOOK_OK, errors("401", "404", "409", "413", "422", **HOOK_ERRORS,
                               unprocessable="FAPINotificationInvalid"),
               body={"required": True, "content": {"application/x-www-form-urlencoded": {
                   "schema": ref("FAPINotification"),
                   "example": {"id": "185993812", "time": "1599572000",
                               "security": "e63d982281b92fd45edebb528a398f78ef5fa53d"}}}},
               extra={"security": []}),
}
paths["/hooks/sitoo/{connection}/events"] = {
    "parameters": [param("HookConnection")],
    "post": op("receiveSitooEvents", "Receive Sitoo events", None,
               "Sitoo's Events SPI. The request must carry `Authorization: Bearer <webhook_token>` (the connection's "
               "`secrets.webhook_token` of the create answer). Events carry ids only: each order event's order is "
               "fetched from Sitoo with the connection's credentials and stored as its own delivery, de-duplicated "
               "by `event_id`; events of other types are skipped. If Sitoo's API cannot be reached the answer is a "
               "500 and nothing is stored. " + HOOK_TEXT, "Connections",
               HOOK_OK, errors("401", "404", "409", "413", "422", **HOOK_ERRORS, unprocessable="SitooEventsInvalid"),
               body={"required": True, "content": json_content(ref("SitooEvents"), example=SITOO_EVENTS_EXAMPLE)},
               extra={"security": []}),
}

doc = {
    "openapi": "3.1.0",
    "info": {
        "title": "Kvitto",
        "version": "0.1.0",
        "description": "Kvitto is a self-hosted commerce event hub. Shops, point-of-sale and invoicing systems "
                       "send it their orders, customers and products; Kvitto keeps one clean contact and order "
                       "record per merchant account, records every change as an event in a per-account feed, and "
                       "keeps every refused input in a rejection log. The API speaks JSON with `snake_case` "
                       "members under `/v1`; money is always a decimal string such as `\"299.00\"`; ids are "
                       "prefixed and opaque (`con_…`, `ord_…`); lists are cursor-paginated, newest first unless "
                       "stated. Request bodies are at most 1 MiB and unknown members are an error. Every error is "
                       "an RFC 9457 problem (`application/problem+json`). A 2xx answer to a write means it is "
                       "durably committed; a request that fails stores nothing. Authenticate with "
                       "`Authorization: Bearer <key>` (or HTTP Basic with the key as password); each operation "
                       "names the scope it needs (`admin` implies every scope).\n\n"
                       "**Postbacks.** A trigger sends matching events to a URL, shaped by an optional template "
                       "(`$expr` JMESPath, `$template` Mustache text, `$literal`). Postbacks follow "
                       "[Standard Webhooks](https://www.standardwebhooks.com/): each request carries `webhook-id` (the "
                       "delivery id, stable across retries and replays), `webhook-timestamp` (Unix seconds) and "
                       "`webhook-signature` (`v1,<base64 HMAC-SHA256 of id.timestamp.body>` keyed with the trigger's "
                       "`whsec_…` secret; during the 24 hours after a rotation it carries one entry per secret, "
                       "separated by a space). A 2xx answer is a success; anything else, including a 3xx (redirects "
                       "are never followed), is a failure. Connect timeout 5 s, whole request 15 s. With *retry on "
                       "failure* switched on, a failed delivery is tried again after 5 s, 5 min, 30 min, 2 h, 5 h, "
                       "10 h and 10 h (8 attempts in all), each wait moved by ±20 % jitter; a receiver's "
                       "`Retry-After` is honoured within 1×–2× of the scheduled wait. Then the delivery is `failed` "
                       "and can be replayed. A `410 Gone` answer disables the trigger at once, and so does an "
                       "endpoint that has failed continuously for 5 days (a `trigger.disabled` notice is recorded); "
                       "setting the trigger `active` again re-enables it.\n\n"
                       "**Connections.** A connection is one Shopify, WooCommerce, Cartum, FAPI or Sitoo account of "
                       "the merchant. Its credentials are sealed at rest and never returned; making one answers with "
                       "the webhook URL to paste into the platform and, once, the secrets Kvitto generated. Platform "
                       "webhooks (`/hooks/…`) need no API key: each is checked by the platform's own signature or "
                       "token before anything is parsed (a bad one is a 401 that stores nothing), stored raw in the "
                       "connection's 14-day inbox, answered, and then mapped under the platform's rules; a repeated "
                       "delivery is applied once. A backfill imports past orders from the platform's API page by "
                       "page, resumes from its checkpoint after a restart, and fires no triggers unless asked.",
    },
    "servers": [{"url": "http://127.0.0.1:8080"}],
    "security": [{"bearer": []}, {"basic": []}],
    "tags": [
        {"name": "Contacts"}, {"name": "Orders"}, {"name": "Catalogue"}, {"name": "Events"},
        {"name": "Templates", "description": "Postback templates, event samples and the mapping preview."},
        {"name": "Triggers", "description": "Postback triggers: where events are sent, signed with which secret."},
        {"name": "Lists", "description": "Lists of contacts, and bulk actions over a list or over the contacts in "
                                         "no list."},
        {"name": "Engagement", "description": "RFM scores and segments of every buying contact."},
        {"name": "Automations",
         "description": "Flows that send e-mail and SMS, wait, tag and post back, started by events, tags or time "
                        "rules; their runs; the unsubscribe link of marketing e-mail."},
        {"name": "Deliveries", "description": "The delivery log (postbacks, e-mail and SMS) and replays."},
        {"name": "Connections",
         "description": "Platform connections (Shopify, WooCommerce, Cartum, FAPI, Sitoo): their settings and sealed "
                        "credentials, the webhook receivers under `/hooks/` (authorised by the platform's signature "
                        "or token, not an API key), the inbox of raw webhook deliveries, and historical imports "
                        "(backfills)."},
        {"name": "POS",
         "description": "The till's API, compatible with Sitoo's CRM SPI v2 (point Sitoo's Custom CRM at "
                        "`https://HOST/pos/v2` with a `pos` key as the HTTP Basic password): exact customer look-ups, "
                        "all logged, registration and editing, purchase history; and the look-up audit log."},
        {"name": "API keys"}, {"name": "Operations"},
    ],
    "paths": paths,
    "components": {
        "securitySchemes": {
            "bearer": {"type": "http", "scheme": "bearer",
                       "description": "`Authorization: Bearer <key>` with an API key (`kvt_…`)."},
            "basic": {"type": "http", "scheme": "basic",
                      "description": "HTTP Basic for POS systems: any user name, the API key as the password."},
        },
        "parameters": parameters,
        "responses": responses,
        "schemas": schemas,
    },
}

with open(OUT, "w", encoding="utf-8") as f:
    json.dump(doc, f, indent=2, ensure_ascii=False)
    f.write("\n")
print("wrote", OUT)
