import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Orders, catalogue, feed.
    static var orderPaths: OpenAPI.PathItem.Map {
        [
            "/v1/orders": .pathItem(.init(
                get: operation(
                    "listOrders", "List orders", scope: .read, tag: .orders,
                    """
                    Orders, newest first (in the order Kvitto received them), narrowed by contact, connection, \
                    status and the time they were placed (`created_at`); the filters combine.
                    """,
                    ok: [.json(200, "A page of orders.", "OrderPage")], errors: .of(.auth, 422),
                    parameters: [
                        .component("Limit"),
                        .component("Cursor"),
                        .query(
                            "contact_id",
                            .string,
                            description: "Only this contact's orders.", example: "con_01JBZ8W3Q0K9X2T4V6M8N0P2R4"
                        ),
                        .query(
                            "connection_id",
                            .string,
                            description: "Only orders that came through this connection (one `source`).",
                            example: "cnx_01JBZ8W3Q0K9X2T4V6M8N0P2R4"
                        ),
                        .query(
                            "status",
                            .ref("OrderStatus"),
                            description: "Only orders in this status (422 for another value).", example: "shipped"
                        ),
                        .query(
                            "created_from",
                            .string(format: .dateTime),
                            description: "Only orders placed at or after this time.", example: "2026-11-01T00:00:00Z"
                        ),
                        .query(
                            "created_before",
                            .string(format: .dateTime),
                            description: "Only orders placed before this time.", example: "2026-12-01T00:00:00Z"
                        ),
                    ]
                ),
                post: operation(
                    "upsertOrder", "Create or update an order", scope: .ingest, tag: .orders,
                    """
                    Upserts by (`source`, `external_id`): the same order sent twice is one order. The customer is \
                    upserted as a contact; lines are matched to catalogue products (missing products and \
                    categories are created). While the order is unlocked, changes update it and emit events; once \
                    locked they are ignored (`outcome` `ignored_locked`) and noted on its timeline. A rule \
                    violation is answered with a 422 carrying `reason` and is kept in the rejection log; a \
                    customer given a member number another contact holds is a 409 naming the field. Answers 201 \
                    when the order was created and 200 otherwise.
                    """,
                    ok: [
                        .json(
                            201,
                            "The order was created (`outcome` `created`).",
                            "OrderUpsertResult",
                            example: Examples.orderResponse
                        ),
                        .json(
                            200,
                            "The order existed (`outcome` `updated`, `unchanged` or `ignored_locked`).",
                            "OrderUpsertResult"
                        ),
                    ],
                    errors: .of(.body, .auth, 409, unprocessable: "OrderUnprocessable"),
                    body: .json("OrderInput", examples: ["spec": .example("The SPEC §3 order", Examples.order)])
                )
            )),
            "/v1/orders/batch": .pathItem(.init(
                post: operation(
                    "upsertOrderBatch", "Create or update up to 1000 orders", scope: .ingest, tag: .orders,
                    """
                    Upserts up to 1000 orders in one transaction; each succeeds or fails alone and gets a result \
                    at its index: `status` 201 or 200 with the order `id` and `outcome`, or 422 with a `problem` \
                    (invalid input, or a rule's rejection, which is also kept in the rejection log). The whole \
                    batch answers 200; a 4xx means the envelope itself was wrong (not JSON, `orders` missing, not \
                    an array or over 1000 items).
                    """,
                    ok: [.json(200, "One result per order.", "BatchResult")], errors: .of(.body, .auth),
                    body: .json("BatchRequest", example: ["orders": [Examples.order]])
                )
            )),
            "/v1/orders/{id}": .pathItem(.init(
                parameters: [.component("OrderID")],
                get: operation(
                    "getOrder", "Get an order", scope: .read, tag: .orders,
                    "The order with its timeline.",
                    ok: [.json(200, "The order.", "OrderDetail")], errors: .of(.auth, 404)
                )
            )),
            "/v1/orders/{id}/status": .pathItem(.init(
                parameters: [.component("OrderID")],
                post: operation(
                    "setOrderStatus", "Change an order's status", scope: .ingest, tag: .orders,
                    """
                    Sets the status and emits its `order.<status>` event. Setting the current status changes \
                    nothing (`unchanged`); on a locked order the change is ignored and noted on the timeline \
                    (`ignored_locked`).
                    """,
                    ok: [.json(
                         200,
                         "The order with the outcome (`updated`, `unchanged` or `ignored_locked`).",
                         "OrderUpsertResult"
                     )],
                    errors: .of(.body, .auth, 404), body: .json("OrderStatusRequest")
                )
            )),
            "/v1/orders/{id}/lock": .pathItem(.init(
                parameters: [.component("OrderID")],
                post: operation(
                    "lockOrder", "Lock an order", scope: .ingest, tag: .orders,
                    """
                    Locks the order (its goods are written off): later changes from any source are ignored. \
                    Locking a locked order changes nothing. No request body is needed.
                    """,
                    ok: [.json(200, "The locked order.", "Order")], errors: .of(.auth, 404)
                )
            )),
            "/v1/products": .pathItem(.init(
                get: operation(
                    "listProducts", "List products", scope: .read, tag: .catalogue,
                    "Products, newest first.",
                    ok: [.json(200, "A page of products.", "ProductPage")], errors: .of(.auth),
                    parameters: [.component("Limit"), .component("Cursor")]
                ),
                post: operation(
                    "upsertProduct", "Create or update a product", scope: .ingest, tag: .catalogue,
                    """
                    Matches an existing product by the account's product key and updates it (200), or creates one \
                    (201). Missing categories of `category` are created.
                    """,
                    ok: [
                        .json(201, "The product was created.", "Product"),
                        .json(200, "An existing product was matched (and updated where the input differs).", "Product"),
                    ],
                    errors: .of(.body, .auth), body: .json("ProductInput")
                )
            )),
            "/v1/categories": .pathItem(.init(
                get: operation(
                    "listCategories", "List categories", scope: .read, tag: .catalogue,
                    "The account's category tree, oldest first (so parents precede their children), a page at a time.",
                    ok: [.json(200, "A page of categories.", "CategoryPage")], errors: .of(.auth),
                    parameters: [.component("Limit"), .component("Cursor")]
                )
            )),
            "/v1/events": .pathItem(.init(
                get: operation(
                    "listEvents", "Read the event feed", scope: .read, tag: .events,
                    """
                    Events with a sequence greater than `after`, oldest first: a consumer keeps the last \
                    `next_after` it saw. A non-numeric or negative `after`, or a `limit` outside 1–1000, is a 422.
                    """,
                    ok: [.json(200, "The next events.", "EventPage")], errors: .of(.auth, 422),
                    parameters: [
                        .query(
                            "after",
                            .integer(atLeast: 0, atMost: Int(Int64.max), default: 0),
                            description: "Only events with a greater sequence."
                        ),
                        .query(
                            "limit",
                            .integer(atLeast: 1, atMost: 1000, default: 100),
                            description: "At most this many events, 1–1000."
                        ),
                    ]
                )
            )),
            "/v1/rejections": .pathItem(.init(
                get: operation(
                    "listRejections", "List rejected inputs", scope: .read, tag: .events,
                    "Inputs a rule refused, with reason and the payload as sent, newest first.",
                    ok: [.json(200, "A page of rejections.", "RejectionPage")], errors: .of(.auth),
                    parameters: [.component("Limit"), .component("Cursor")]
                )
            )),
        ]
    }
}
