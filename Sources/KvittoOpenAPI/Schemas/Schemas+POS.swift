import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// POS.
    static var posSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "POSCustomer": .object(
                required: [
                    "customer_id", "member_number", "email", "name_first", "name_last", "mobile", "invoice_address",
                    "gender", "accepts_communication", "consents", "status", "promotions", "bonus_checks",
                    "voucher_passwords", "store_id_home", "additional_options", "sections",
                ],
                description: """
                    A customer as the till shows it (Sitoo's customer object). `sections` are the contact's custom \
                    field groups, titled, each value as text; `status` is red for a blacklisted customer, otherwise \
                    green with the engagement segment as its text. `bonus_checks`, `promotions`, `consents`, \
                    `voucher_passwords` and `additional_options` are always lists (empty for now).
                    """,
                properties: [
                    "customer_id": .string(examples: ["con_01JBZ8W3Q0K9X2T4V6M8N0P2R4"]),
                    "member_number": .nullableString,
                    "email": .nullableString,
                    "name_first": .nullableString,
                    "name_last": .nullableString,
                    "mobile": .string(nullable: true, description: "E.164.", examples: ["+46701234567"]),
                    "invoice_address": .object(
                        required: [], nullable: true,
                        properties: [
                            "address": .nullableString,
                            "city": .nullableString,
                            "zip": .nullableString,
                            "country_id": .nullableString,
                        ]
                    ),
                    "gender": .nullableString,
                    "accepts_communication": .array(items: .enumeration(["email", "sms", "mail"])),
                    "consents": .array(items: .string),
                    "status": .object(required: ["color", "text"], properties: ["color": .string, "text": .string]),
                    "promotions": .array(items: .object),
                    "bonus_checks": .array(items: .object),
                    "voucher_passwords": .array(items: .string),
                    "store_id_home": .nullableString,
                    "additional_options": .array(items: .object),
                    "sections": .array(
                        items: .object(
                            required: ["title", "values"],
                            properties: [
                                "title": .string,
                                "values": .array(
                                    items: .object(
                                        required: ["title", "text", "type"],
                                        properties: ["title": .string, "text": .string, "type": .enumeration(["text"])]
                                    )
                                ),
                            ]
                        )
                    ),
                ]
            ),
            "POSCustomerList": .array(description: "Exactly one customer, or none.", maxItems: 1, items: .ref("POSCustomer")),
            "POSCustomerInput": .object(
                required: [],
                description: """
                    A customer as a till registers or edits it. Registering needs `email` or `mobile`; editing \
                    changes what is named (null clears an optional member). Members the till read from the customer \
                    object (`customer_id`, `status`, `sections`, …) may be sent back and are ignored.
                    """,
                properties: [
                    "email": .nullableString,
                    "mobile": .string(nullable: true, description: "As typed; stored in E.164."),
                    "name_first": .nullableString,
                    "name_last": .nullableString,
                    "member_number": .anyOf([.string, .integer], description: "Kept as given; unique in the account."),
                    "invoice_address": .object(
                        required: [], nullable: true,
                        properties: ["address": .string, "city": .string, "zip": .string, "country_id": .string(maxLength: 2)],
                        additionalProperties: .boolean(false)
                    ),
                    "gender": .nullableString,
                    "store_id_home": .anyOf([.string(minLength: 1, maxLength: 255), .integer, .null()]),
                    "accepts_communication": .oneOf(
                        [.array(items: .enumeration(["email", "sms", "mail"])), .boolean],
                        description: "The channels the customer agreed to; kept on the timeline with the store, register and staff."
                    ),
                    // Read from the customer object and sent back: taken and ignored.
                    "customer_id": .fragment,
                    "status": .fragment,
                    "promotions": .fragment,
                    "bonus_checks": .fragment,
                    "voucher_passwords": .fragment,
                    "sections": .fragment,
                    "additional_options": .fragment,
                    "consents": .fragment,
                ],
                additionalProperties: .boolean(false),
                examples: .json(
                    [
                        "email": "anna@example.se", "mobile": "070-123 45 67", "name_first": "Anna",
                        "accepts_communication": ["email", "sms"],
                    ],
                )
            ),
            "Purchase": .object(
                required: [
                    "purchase_id", "number", "source", "connection_id", "created_at", "status", "currency", "total",
                    "lines",
                ],
                description: "One purchase of a customer's history: a shop purchase or a web order.",
                properties: [
                    "purchase_id": .string,
                    "number": .nullableString,
                    "source": .string,
                    "connection_id": .string,
                    "created_at": .timestamp,
                    "status": .string,
                    "currency": .string,
                    "total": .string,
                    "lines": .array(items: .object),
                ]
            ),
            "PurchasePage": page(of: "Purchase", "A page of purchases, newest first."),
            "LookupRecord": .object(
                required: ["id", "at", "key_type", "key_hash", "hit", "contact_id", "store_id", "staff_id", "register_id"],
                description: "One till look-up. The key itself is never stored: `key_hash` is a keyed hash of the normalised key.",
                properties: [
                    "id": .string,
                    "at": .timestamp,
                    "key_type": .enumeration(LookupKeyType.self),
                    "key_hash": .string,
                    "hit": .boolean,
                    "contact_id": .nullableString,
                    "store_id": .nullableString,
                    "staff_id": .nullableString,
                    "register_id": .nullableString,
                ]
            ),
            "LookupPage": page(of: "LookupRecord", "A page of till look-ups, newest first."),
            "POSPurchaseInput": .object(
                required: ["purchase_id", "currency", "lines"],
                description: """
                    A completed purchase at a till. Lines are read as an order's. Without `customer_id` the purchase \
                    is anonymous. The store, register and staff headers, the payment and the purchase id are kept in \
                    the order's `\(POSGroups.order)` group.
                    """,
                properties: [
                    "purchase_id": .ref("Identifier", description: "The till's id of the purchase; sent again, it updates the same order."),
                    "receipt_number": .ref("Identifier"),
                    "customer_id": .string(maxLength: 100),
                    "created_at": .timestamp,
                    "currency": .string,
                    "lines": .array(minItems: 1, items: .ref("LineInput")),
                    "payments": .array(
                        items: .object(
                            required: ["method", "amount"], properties: ["method": .string(maxLength: 100), "amount": .ref("MoneyInput")],
                            additionalProperties: .boolean(false)
                        )
                    ),
                    "total": .ref("MoneyInput"),
                ],
                additionalProperties: .boolean(false),
                examples: .json(
                    [
                        "purchase_id": "R3-889", "customer_id": "con_01JBZ8W3Q0K9X2T4V6M8N0P2R4", "currency": "SEK",
                        "lines": [["sku": "MUG-1", "name": "Mugg", "quantity": 2, "unit_price": "99.00"]],
                        "payments": [["method": "card", "amount": "198.00"]], "total": "198.00",
                    ],
                )
            ),
        ]
    }

    /// Vouchers, engagement.
    static var voucherAndEngagementSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "VoucherImportReport": .object(
                required: ["imported", "updated", "rejected"],
                properties: [
                    "imported": .integer,
                    "updated": .integer,
                    "rejected": .array(
                        items: .object(
                            required: ["row", "reason"],
                            properties: [
                                "row": .integer(description: "As the spreadsheet counts: the header is row 1."),
                                "reason": .string,
                            ]
                        )
                    ),
                ],
                examples: .json(["imported": 1, "updated": 0, "rejected": [["row": 3, "reason": "email: not an e-mail address"]]])
            ),
            "VoucherRedemption": .object(
                required: ["amount", "idempotency_key"],
                properties: [
                    "amount": .ref("MoneyInput"),
                    "idempotency_key": .string(maxLength: 200),
                    "currency": .string(description: "The check's currency; default the account's.", maxLength: 3),
                ],
                additionalProperties: .boolean(false)
            ),
            "VoucherRedeemed": .object(
                required: ["code", "redeemed", "remaining", "currency", "used_at"],
                properties: ["code": .string, "redeemed": .string, "remaining": .string, "currency": .string, "used_at": .timestamp],
                examples: .json(
                    [
                        "code": "BC-1001", "redeemed": "40.00", "remaining": "60.00", "currency": "SEK",
                        "used_at": "2026-12-02T10:00:00.000Z",
                    ],
                )
            ),
            "EngagementRun": .object(
                required: ["started_at", "duration_ms", "contacts", "changed", "segment_changes", "segments"],
                description: "What one recompute did.",
                properties: [
                    "started_at": .timestamp,
                    "duration_ms": .integer(atLeast: 0),
                    "contacts": .integer(atLeast: 0, description: "Contacts with purchases, scored."),
                    "changed": .integer(atLeast: 0, description: "Contacts whose scores changed (and were written)."),
                    "segment_changes": .integer(
                        atLeast: 0,
                        description: "`contact.segment_changed` events emitted (none on a contact's first computation)."
                    ),
                    "segments": .object(
                        required: [],
                        description: """
                            Contacts per segment: \(EngagementSegment.allCases.map(\.rawValue).joined(separator: ", ")).
                            """,
                        additionalProperties: .schema(.integer)
                    ),
                ],
                examples: .json(
                    [
                        "started_at": "2026-12-06T17:00:00.000Z", "duration_ms": 812, "contacts": 1520, "changed": 311,
                        "segment_changes": 97, "segments": ["Champions": 180, "Lost": 240],
                    ],
                )
            ),
            "EngagementStatus": .object(
                required: ["next_run_at", "last_run"],
                properties: [
                    "next_run_at": .nullableTimestamp(description: "The next weekly run: Sunday 18:00 in the account's time zone."),
                    "last_run": .orNull(.ref("EngagementRun")),
                ]
            ),
        ]
    }
}
