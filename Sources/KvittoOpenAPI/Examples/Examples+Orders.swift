import KvittoCore
import OpenAPIKit

/// Example values of the document, kept where several schemas and operations share them. Ids are made up but
/// well-formed; the order, contact and trigger of one area refer to each other.
enum Examples {
    static let order: JSONValue = [
        "source": "webshop", "external_id": "1001", "number": "#1001", "created_at": "2026-11-01T10:00:00Z",
        "status": "received", "currency": "SEK",
        "customer": [
            "email": "Anna@Example.se", "phone": "070-123 45 67", "first_name": "Anna", "last_name": "Berg",
            "address": ["line1": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm", "country": "SE"],
        ],
        "lines": [
            [
                "external_id": "p-1", "sku": "HOOD-M", "name": "Hoodie", "description": "Grey, M",
                "categories": [["Clothing", "Hoodies"]], "quantity": 2, "unit_price": "299.00",
            ],
        ],
        "shipping": [
            "carrier": "PostNord", "cost": "49.00", "tracking_number": "RR123",
            "tracking_url": "https://tracking.postnord.com/RR123",
            "address": ["name": "Anna Berg", "line1": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm", "country": "SE"],
        ],
        "totals": ["subtotal": "598.00", "shipping": "49.00", "tax": "129.40", "total": "647.00"],
        "fields": ["Order": ["channel": "web"]],
    ]
    static let contact: JSONValue = [
        "id": "con_01JBZ8W3Q0K9X2T4V6M8N0P2R4", "email": "Anna@Example.se", "phone": "+46701234567",
        "phone_raw": "070-123 45 67", "first_name": "Anna", "last_name": "Berg",
        "address": [
            "line1": "Storgatan 1", "line2": nil, "postal_code": "111 22", "city": "Stockholm", "region": nil,
            "country": "SE",
        ],
        "tags": ["Customer"], "fields": [:], "consent": nil, "blacklisted": false, "unsubscribed_at": nil,
        "created_at": "2026-11-01T10:00:01.123Z", "updated_at": "2026-11-01T10:00:01.123Z",
    ]
    static let orderResponse: JSONValue = [
        "id": "ord_01JBZ8W3Q1A2B3C4D5E6F7G8H9", "source": "webshop", "connection_id": "cnx_01JBZ8W3Q0Z9Y8X7W6V5T4S3R2",
        "external_id": "1001", "number": "#1001", "created_at": "2026-11-01T10:00:00.000Z", "status": "received",
        "platform_status": nil, "currency": "SEK", "contact_id": "con_01JBZ8W3Q0K9X2T4V6M8N0P2R4",
        "customer": "contact",
        "lines": [
            [
                "product_id": "prd_01JBZ8W3Q1M2N3P4Q5R6S7T8V9", "external_id": "p-1", "sku": "HOOD-M", "name": "Hoodie",
                "description": "Grey, M", "quantity": 2, "unit_price": "299.00", "line_total": "598.00",
            ],
        ],
        "shipping": [
            "carrier": "PostNord", "method": nil, "cost": "49.00", "tracking_number": "RR123",
            "tracking_url": "https://tracking.postnord.com/RR123",
            "address": [
                "name": "Anna Berg", "line1": "Storgatan 1", "line2": nil, "postal_code": "111 22", "city": "Stockholm",
                "region": nil, "country": "SE",
            ],
        ],
        "totals": ["subtotal": "598.00", "shipping": "49.00", "tax": "129.40", "discount": nil, "total": "647.00"],
        "fields": ["Order": ["channel": "web"]], "locked": false, "received_at": "2026-11-01T10:00:01.123Z",
        "updated_at": "2026-11-01T10:00:01.123Z", "outcome": "created",
    ]
}
