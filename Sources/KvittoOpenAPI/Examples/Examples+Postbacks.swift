import KvittoCore
import OpenAPIKit

extension Examples {
    static let templateBody: JSONValue = [
        "orderRef": ["$expr": "data.order.number"], "items": ["$expr": "data.order.lines[].{sku: sku, qty: quantity}"],
        "note": ["$template": "Shipped with {{data.order.shipping.carrier}}"],
    ]
    static let templateInput: JSONValue = ["name": "GCW order shipped", "kind": "postback", "body": templateBody]
    static let template: JSONValue = [
        "id": "tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3", "name": "GCW order shipped", "kind": "postback",
        "body": templateBody, "created_at": "2026-11-01T10:05:00.000Z",
        "updated_at": "2026-11-01T10:05:00.000Z",
    ]
    static let triggerInput: JSONValue = [
        "name": "Notify GCW", "event_types": ["order.shipped", "order.in_transit"],
        "filter": "data.order.totals.total != '0.00'", "url": "https://partner.example/hooks", "method": "POST",
        "template_id": "tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3", "retry": true, "active": true,
    ]
    static let trigger: JSONValue = [
        "id": "trg_01JBZ9C5D6E7F8G9H0J1K2M3N4", "name": "Notify GCW",
        "event_types": ["order.shipped", "order.in_transit"], "filter": "data.order.totals.total != '0.00'",
        "url": "https://partner.example/hooks", "email": nil, "method": "POST", "format": "json",
        "template_id": "tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3", "retry": true, "active": true,
        "previous_secret_expires_at": nil, "disabled_at": nil, "disabled_reason": nil, "failing_since": nil,
        "created_at": "2026-11-01T10:06:00.000Z", "updated_at": "2026-11-01T10:06:00.000Z",
    ]
    static let triggerSecret = "whsec_iR42kkVzcYwPyRx3TiGk6CADpZPfCGz+bPaMhdC2rxc="
    static let triggerCreated: JSONValue = trigger.merging(["secret": .string(triggerSecret)])
    static let triggerRotated: JSONValue = trigger.merging([
        "previous_secret_expires_at": "2026-11-23T08:00:00.000Z", "updated_at": "2026-11-22T08:00:00.000Z",
        "secret": "whsec_uDGh28NqngOUevGFDqUwYupmh34v+FMPgJxINhDnMi0=",
    ])
    static let delivery: JSONValue = [
        "id": "dlv_01JDQ8ZK5A7B2C4D6E8F1G3H5J", "channel": "postback", "trigger_id": "trg_01JBZ9C5D6E7F8G9H0J1K2M3N4",
        "event_id": "evt_01JDQ8ZK4W3M7T2XC9B5N6RVHA", "event_type": "order.shipped", "status": "succeeded",
        "attempt_count": 2, "cycle_start": 0, "next_attempt_at": nil, "last_status_code": 200, "last_error": nil,
        "created_at": "2026-11-22T09:41:00.000Z", "updated_at": "2026-11-22T09:41:05.372Z",
    ]
    static let deliveryDetail: JSONValue = delivery.merging([
        "attempts": [
            [
                "number": 1, "at": "2026-11-22T09:41:00.210Z", "status_code": 503, "latency_ms": 112,
                "response_headers": ["content-type": "text/plain", "retry-after": "5"],
                "response_excerpt": "Service Unavailable", "error": nil,
            ],
            [
                "number": 2, "at": "2026-11-22T09:41:05.284Z", "status_code": 200, "latency_ms": 88,
                "response_headers": ["content-type": "application/json"], "response_excerpt": "{\"ok\":true}",
                "error": nil,
            ],
        ],
    ])
    static let sampleContact: JSONValue = [
        "id": "con_01J5R2D8W6K3N9T4C7B1X5M8QV", "email": "anna.lindqvist@example.se", "phone": "+46701234567",
        "phone_raw": "070-123 45 67", "first_name": "Anna", "last_name": "Lindqvist",
        "address": [
            "line1": "Götgatan 14", "line2": "lgh 1102", "postal_code": "118 46", "city": "Stockholm", "region": nil,
            "country": "SE",
        ],
        "tags": ["Customer", "Newsletter"],
        "fields": [
            "Sitoo-Contact": [
                "member_number": "100234",
                "bonuschecks": [["code": "BONUS-7F3K", "amount": "250.00", "valid_until": "2026-12-31"]],
            ],
        ],
        "consent": true, "blacklisted": false, "created_at": "2025-10-16T09:41:00.000Z",
        "updated_at": "2026-11-22T09:41:00.000Z",
    ]
    static let sampleOrderShipped: JSONValue = [
        "id": "ord_01JDQ8YH2N5C8V3KX7M4T9B6QE", "source": "shopify", "connection_id": "cnx_01JD0M3R8K2W5Y7C4N6B9T1XHV",
        "external_id": "820982911946154508", "number": "#1001", "created_at": "2026-11-20T09:41:00.000Z",
        "status": "shipped", "platform_status": nil, "currency": "SEK", "contact_id": "con_01J5R2D8W6K3N9T4C7B1X5M8QV",
        "customer": "contact",
        "lines": [
            [
                "product_id": "prd_01JD0P4M8W2K5N7C3T9B6QMZRA", "external_id": "43851337220183", "sku": "MUG-HOST-03",
                "name": "Kaffemugg Höstlöv", "description": nil, "quantity": 2, "unit_price": "149.00",
                "line_total": "298.00",
            ],
            [
                "product_id": "prd_01JD0P4M9X3B6R8D4V1C7NPASB", "external_id": "43851337252951", "sku": "FILT-ULL-GRA",
                "name": "Ullfilt, grå 130×170", "description": nil, "quantity": 1, "unit_price": "499.00",
                "line_total": "499.00",
            ],
            [
                "product_id": "prd_01JD0P4MAY4C7S9E5W2D8PQBTC", "external_id": "43851337285719", "sku": "SERV-LIN-4",
                "name": "Linneservetter 4-pack", "description": nil, "quantity": 1, "unit_price": "299.00",
                "line_total": "299.00",
            ],
        ],
        "shipping": [
            "carrier": "PostNord", "method": "MyPack Collect", "cost": "49.00",
            "tracking_number": "00370733741234567893",
            "tracking_url": "https://tracking.postnord.com/se/?id=00370733741234567893",
            "address": [
                "name": "Anna Lindqvist", "line1": "Götgatan 14", "line2": "lgh 1102", "postal_code": "118 46",
                "city": "Stockholm", "region": nil, "country": "SE",
            ],
        ],
        "totals": ["subtotal": "1096.00", "shipping": "49.00", "tax": "229.00", "discount": "0.00", "total": "1145.00"],
        "fields": ["Shopify-Order": ["gateway": "klarna", "note": "Lämna vid dörren"]], "locked": false,
        "received_at": "2026-11-20T09:41:02.000Z", "updated_at": "2026-11-22T09:41:00.000Z",
    ]
    /// What both sample events have in common.
    static let sampleEnvelope: JSONValue = [
        "id": "evt_01JDQ8ZK4W3M7T2XC9B5N6RVHA", "sequence": 42, "occurred_at": "2026-11-22T09:41:00.000Z",
        "account_id": "acc_01JD0K9F3T6W8B2N5C7M4X1RZQ",
    ]
    static let sampleOrderShippedEvent: JSONValue = sampleEnvelope.merging([
        "type": "order.shipped", "origin": "live", "data": ["order": sampleOrderShipped, "contact": sampleContact],
    ])
    static let sampleTagAddedEvent: JSONValue = sampleEnvelope.merging([
        "type": "contact.tag_added", "origin": "api",
        "data": ["contact": sampleContact.merging(["tags": ["Customer", "Newsletter", "OrderCompleted"]]), "tag": "OrderCompleted"],
    ])
    static let testResult: JSONValue = [
        "request": [
            "method": "POST", "url": "https://partner.example/hooks",
            "headers": [
                "content-type": "application/json", "user-agent": "Kvitto-Webhooks/0.1 (+https://kvitto.dev/webhooks)",
                "webhook-id": "dlv_01JDQB7M2K9X4T6C8N3V5R1WZP", "webhook-timestamp": "1795344000",
                "webhook-signature": "v1,JP5U/5NW9KeuiZqAf49bvC7WFOJBoevoMxy5xUIvNpU=",
            ],
            "body": .string(##"{"orderRef":"#1001","items":[{"sku":"MUG-HOST-03","qty":2},{"sku":"FILT-ULL-GRA","qty":1},"##
                + ##"{"sku":"SERV-LIN-4","qty":1}],"note":"Shipped with PostNord"}"##),
        ],
        "response": [
            "status": 200, "headers": ["content-type": "application/json", "content-length": "11"],
            "body_excerpt": "{\"ok\":true}", "latency_ms": 87, "error": nil,
        ],
        "event_id": "evt_01JDQ8ZK4W3M7T2XC9B5N6RVHA", "sample": true, "delivery_written": false,
    ]
    static let automationInput: JSONValue = [
        "name": "Orderbekräftelse", "active": true, "trigger": ["event_type": "order.received"],
        "steps": [
            ["type": "email", "template_id": "tpl_01JDR0B1C2D3E4F5G6H7J8K9M0", "active": true],
            ["type": "wait", "duration": "P2D"],
            ["type": "sms", "template_id": "tpl_01JDR0C1D2E3F4G5H6J7K8M9N0", "active": false],
            ["type": "add_tag", "tag": "Customer"],
            ["type": "postback", "trigger_id": "trg_01JBZ9C5D6E7F8G9H0J1K2M3N4"],
        ],
    ]
    static let automation: JSONValue = automationInput.merging([
        "id": "aut_01JDR0A1B2C3D4E5F6G7H8J9K0", "created_at": "2026-12-01T09:00:00.000Z", "updated_at": "2026-12-01T09:00:00.000Z",
    ])
}
