import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Orders and the catalogue.
    static var orderSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "OrderStatus": .enumeration(OrderStatus.self),
            // The members, then "one of name, sku and external_id": OpenAPIKit writes no `anyOf` beside an object's
            // members, so the two parts are the members of an `allOf`.
            "LineInput": .allOf(
                [
                    .object(
                        required: ["quantity", "unit_price"],
                        properties: [
                            "external_id": .ref("Identifier"),
                            "sku": .string(maxLength: 255),
                            "name": .string(maxLength: 500),
                            "description": .string(maxLength: 5000),
                            "categories": .array(
                                description: """
                                    Category paths, most general first (`[["Clothing", "Hoodies"]]`); a single name \
                                    is a path of one.
                                    """,
                                maxItems: 50,
                                items: .oneOf([.string, .array(minItems: 1, items: .string(minLength: 1))])
                            ),
                            "quantity": .ref("QuantityInput"),
                            "unit_price": .ref("MoneyInput"),
                            "line_total": .ref("MoneyInput", description: "Defaults to quantity × unit price."),
                        ],
                        additionalProperties: .boolean(false)
                    ),
                    .anyOf([.object(required: ["name"]), .object(required: ["sku"]), .object(required: ["external_id"])]),
                ],
                description: """
                    An order line. It needs at least one of `name`, `sku` and `external_id`; it is matched to a \
                    catalogue product by the account's (or connection's) product key, and a missing product and its \
                    categories are created.
                    """
            ),
            "ShippingInput": .object(
                required: [],
                description: """
                    Shipping of an order. Delivery details (carrier, cost, address) become a comment on the order's \
                    timeline, and a new comment is added when they change.
                    """,
                properties: [
                    "carrier": .string(maxLength: 1000),
                    "method": .string(maxLength: 1000),
                    "cost": .ref("MoneyInput"),
                    "tracking_number": .string(maxLength: 1000),
                    "tracking_url": .string(maxLength: 2000),
                    "address": .ref("ShippingAddressInput"),
                ],
                additionalProperties: .boolean(false)
            ),
            "TotalsInput": .object(
                required: [],
                description: """
                    Order totals as the source computed them. Without `totals`, a new order's total is the sum of its \
                    line totals plus the shipping cost.
                    """,
                properties: [
                    "subtotal": .ref("MoneyInput"),
                    "shipping": .ref("MoneyInput"),
                    "tax": .ref("MoneyInput"),
                    "discount": .ref("MoneyInput"),
                    "total": .ref("MoneyInput", description: "`0.00` when absent."),
                ],
                additionalProperties: .boolean(false)
            ),
            "OrderInput": .object(
                required: ["external_id", "currency"],
                description: """
                    An order as the native API takes it (SPEC §3). Upserted by (`source`, `external_id`): the same \
                    order sent twice is one order. A JSON `null` counts as an absent member; unknown members are an \
                    error (422). Beyond shape and types, the order rules apply and reject with a `reason`: \
                    `currency-mismatch` (currency differs from the account's), `no-lines`, and — where the connection \
                    requires a contact channel, which new `api` connections do — `no-customer` and \
                    `no-contact-channel` (a customer with neither a valid e-mail nor phone).
                    """,
                properties: [
                    "source": .string(
                        description: """
                            The connection's label (e.g. `webshop`); a new label creates a new `api` connection with \
                            default settings.
                            """,
                        minLength: 1, maxLength: 100, defaultValue: "api"
                    ),
                    "external_id": .ref("Identifier"),
                    "number": .anyOf(
                        [.string, .number],
                        description: "The order number shown to people; a number is kept as written."
                    ),
                    "created_at": .string(
                        description: """
                            RFC 3339 (any offset; a space instead of `T` and a bare date are accepted). Defaults to \
                            the time of receipt.
                            """,
                        examples: ["2026-11-01T10:00:00Z"]
                    ),
                    "status": .ref("OrderStatus", description: "Defaults to `received` for a new order."),
                    "currency": .string(
                        description: "ISO 4217 (upper-cased); must equal the account's currency.", maxLength: 3,
                        examples: ["SEK"]
                    ),
                    "customer": .ref("ContactInput"),
                    "lines": .array(maxItems: 1000, items: .ref("LineInput")),
                    "shipping": .ref("ShippingInput"),
                    "totals": .ref("TotalsInput"),
                    "fields": .ref("FieldGroups"),
                ],
                additionalProperties: .boolean(false), examples: .json(Examples.order)
            ),
            "OrderLine": .object(
                required: ["product_id", "external_id", "sku", "name", "description", "quantity", "unit_price", "line_total"],
                properties: [
                    "product_id": .string(nullable: true, examples: ["prd_01JBZ8W3Q1M2N3P4Q5R6S7T8V9"]),
                    "external_id": .nullableString,
                    "sku": .nullableString,
                    "name": .string,
                    "description": .nullableString,
                    "quantity": .number(description: "Exact, as sent (an integer or a decimal)."),
                    "unit_price": .ref("Money"),
                    "line_total": .ref("Money"),
                ]
            ),
            "Shipping": .object(
                required: ["carrier", "method", "cost", "tracking_number", "tracking_url", "address"],
                properties: [
                    "carrier": .nullableString,
                    "method": .nullableString,
                    "cost": .orNull(.ref("Money")),
                    "tracking_number": .nullableString,
                    "tracking_url": .nullableString,
                    "address": .orNull(.ref("Address")),
                ]
            ),
            "Totals": .object(
                required: ["subtotal", "shipping", "tax", "discount", "total"],
                properties: [
                    "subtotal": .orNull(.ref("Money")),
                    "shipping": .orNull(.ref("Money")),
                    "tax": .orNull(.ref("Money")),
                    "discount": .orNull(.ref("Money")),
                    "total": .ref("Money"),
                ]
            ),
            "Order": .object(
                required: [
                    "id", "source", "connection_id", "external_id", "number", "created_at", "status", "platform_status",
                    "currency", "contact_id", "customer", "lines", "shipping", "totals", "fields", "locked",
                    "received_at", "updated_at",
                ],
                description: "An order as Kvitto returns it (and as events carry it in `data.order`).",
                properties: [
                    "id": .string(examples: ["ord_01JBZ8W3Q1A2B3C4D5E6F7G8H9"]),
                    "source": .string(description: "The connection's name."),
                    "connection_id": .string,
                    "external_id": .string(description: "The source's id, always a string."),
                    "number": .nullableString,
                    "created_at": .timestamp,
                    "status": .ref("OrderStatus"),
                    "platform_status": .string(
                        nullable: true,
                        description: """
                            The platform's own status, exactly as a platform connection received it (before the \
                            connection's `status_mapping` turned it into `status`), so a status nobody mapped — which \
                            becomes `received` — is not lost; null for orders of the native API. Updated only while \
                            the connection's `status_sync` is on.
                            """,
                        examples: ["awaiting-shipment", "fulfilled", nil]
                    ),
                    "currency": .string,
                    "contact_id": .string(
                        nullable: true, description: "null for an *unspecified* customer (or after the contact was erased)."
                    ),
                    "customer": .enumeration(["contact", "unspecified"]),
                    "lines": .array(items: .ref("OrderLine")),
                    "shipping": .orNull(.ref("Shipping")),
                    "totals": .ref("Totals"),
                    "fields": .ref("FieldGroups"),
                    "locked": .boolean(description: "A locked order (goods written off) ignores later changes."),
                    "received_at": .timestamp,
                    "updated_at": .timestamp,
                ]
            ),
            "OrderUpsertResult": .allOf(
                [
                    .ref("Order"),
                    .object(
                        required: ["outcome"],
                        properties: ["outcome": .enumeration(["created", "updated", "unchanged", "ignored_locked"])]
                    ),
                ],
                description: """
                    The order after a write, with what happened: `created`, `updated`, `unchanged`, or \
                    `ignored_locked` (the order is locked; the change was not applied and the timeline says so).
                    """
            ),
            "OrderDetail": .allOf(
                [
                    .ref("Order"),
                    .object(
                        required: ["timeline"],
                        properties: ["timeline": .array(maxItems: 100, items: .ref("TimelineEntry"))]
                    ),
                ],
                description: "An order with its timeline (the 100 newest entries, newest first)."
            ),
            "OrderStatusRequest": .object(
                required: ["status"], properties: ["status": .ref("OrderStatus")],
                additionalProperties: .boolean(false), examples: .json(["status": "shipped"])
            ),
            "BatchRequest": .object(
                required: ["orders"],
                properties: [
                    "orders": .array(
                        description: """
                            Up to 1000 orders, each an object as `POST /v1/orders` takes it (`OrderInput`). Each is \
                            read and upserted on its own: an item that breaks `OrderInput` or an order rule fails \
                            alone, in its result, with pointers relative to the item, and sinks nothing else. So the \
                            request itself only needs objects here; an item that is not one refuses the whole request.
                            """,
                        maxItems: 1000, items: .object(required: [], additionalProperties: .boolean(true))
                    ),
                ],
                additionalProperties: .boolean(false)
            ),
            "BatchItemSuccess": .object(
                required: ["index", "status", "id", "outcome"],
                properties: [
                    "index": .integer(atLeast: 0),
                    "status": .integer(allowedValues: [200, 201]),
                    "id": .string(examples: ["ord_01JBZ8W3Q1A2B3C4D5E6F7G8H9"]),
                    "outcome": .enumeration(["created", "updated", "unchanged", "ignored_locked"]),
                ]
            ),
            "BatchItemFailure": .object(
                required: ["index", "status", "problem"],
                properties: ["index": .integer(atLeast: 0), "status": .integer(allowedValues: [422]), "problem": .ref("Problem")]
            ),
            "BatchResult": .object(
                required: ["results"],
                properties: [
                    "results": .array(
                        description: "One result per input order, in input order.",
                        items: .oneOf([.ref("BatchItemSuccess"), .ref("BatchItemFailure")])
                    ),
                ],
                examples: .json(
                    [
                        "results": [
                            ["index": 0, "status": 201, "id": "ord_01JBZ8W3Q1A2B3C4D5E6F7G8H9", "outcome": "created"],
                            [
                                "index": 1, "status": 422,
                                "problem": [
                                    "type": "https://kvitto.dev/problems/no-lines", "title": "Rejected by a rule",
                                    "status": 422, "detail": "an order needs at least one line", "reason": "no-lines",
                                    "errors": [["pointer": "/lines", "detail": "an order needs at least one line"]],
                                ],
                            ],
                        ],
                    ],
                )
            ),
            "Product": .object(
                required: ["id", "name", "description", "sku", "code", "category_id", "unit", "price", "created_at", "updated_at"],
                properties: [
                    "id": .string(examples: ["prd_01JBZ8W3Q1M2N3P4Q5R6S7T8V9"]),
                    "name": .string,
                    "description": .nullableString,
                    "sku": .nullableString,
                    "code": .string(nullable: true, description: "The platform's product id."),
                    "category_id": .nullableString,
                    "unit": .string(description: "Always `piece` for imported products.", examples: ["piece"]),
                    "price": .orNull(.ref("Money")),
                    "created_at": .timestamp,
                    "updated_at": .timestamp,
                ]
            ),
            "ProductInput": .object(
                required: ["name"],
                description: """
                    A product to upsert. It is matched to an existing product by the account's product key (`sku`, \
                    `name` or `external_id` = `code`); a match is updated, otherwise a product is created.
                    """,
                properties: [
                    "name": .string(maxLength: 500),
                    "description": .string(maxLength: 5000),
                    "sku": .string(maxLength: 255),
                    "code": .ref("Identifier"),
                    "category": .array(
                        description: "A category path, most general first; missing categories are created.", maxItems: 1000,
                        items: .string, examples: .json(["Clothing", "Hoodies"])
                    ),
                    "price": .ref("MoneyInput"),
                ],
                additionalProperties: .boolean(false),
                examples: .json(
                    [
                        "name": "Hoodie", "sku": "HOOD-M", "code": "p-1", "category": ["Clothing", "Hoodies"],
                        "price": "299.00",
                    ],
                )
            ),
            "Category": .object(
                required: ["id", "name", "parent_id", "created_at"],
                properties: [
                    "id": .string(examples: ["cat_01JBZ8W3Q1T2V3W4X5Y6Z7A8B9"]),
                    "name": .string,
                    "parent_id": .string(nullable: true, description: "null for a top-level category."),
                    "created_at": .timestamp,
                ]
            ),
        ]
    }
}
