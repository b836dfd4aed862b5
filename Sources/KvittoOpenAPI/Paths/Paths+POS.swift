import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// POS.
    static var posPaths: OpenAPI.PathItem.Map {
        [
            "/pos/v2/customers": .pathItem(.init(
                get: operation(
                    "findPOSCustomer", "Find a customer (Sitoo: search customer)", scope: .pos, tag: .pos,
                    """
                    Exactly one customer or an empty list. `key_type` is `mobile` (Sitoo's name) or `phone`, \
                    `email`, `member_number` or `customer_id`; keys are normalised as ingestion does (a Swedish \
                    `070-123 45 67` finds `+46701234567`; e-mail ignores case) and must then match exactly: \
                    partial values and wildcards find nobody. Every look-up, hit or miss, is logged (`GET \
                    /v1/audit/lookups`).
                    """,
                    ok: [.json(200, "The customer, or none.", "POSCustomerList")], errors: .of(.auth, 422),
                    parameters: [
                        .query(
                            "key_type",
                            required: true,
                            .enumeration(["mobile"] + LookupKeyType.allCases.map(\.rawValue))
                        ),
                        .query("key", required: true, .string(minLength: 1)),
                    ] + posHeaders
                ),
                post: operation(
                    "createPOSCustomer", "Register a customer (Sitoo: add customer)", scope: .pos, tag: .pos,
                    """
                    Needs `email` or `mobile`. One that belongs to another customer, or a member number that \
                    does, is a 409 naming the field. Without a member number, an account whose loyalty club \
                    issues them gives the next.
                    """,
                    ok: [.json(201, "The customer.", "POSCustomer")], errors: .of(.body, .auth, 409),
                    body: .json("POSCustomerInput"), parameters: posHeaders
                )
            )),
            "/pos/v2/customers/{id}": .pathItem(.init(
                parameters: [.component("POSCustomerID")],
                get: operation(
                    "getPOSCustomer", "Get a customer (a logged look-up by `customer_id`)", scope: .pos, tag: .pos,
                    ok: [.json(200, "The customer.", "POSCustomer")], errors: .of(.auth, 404),
                    parameters: posHeaders
                ),
                put: operation(
                    "updatePOSCustomer", "Edit a customer (Sitoo: update customer)", scope: .pos, tag: .pos,
                    "Changes what the body names; a customer must keep an e-mail or a mobile.",
                    ok: [.json(200, "The customer.", "POSCustomer")], errors: .of(.body, .auth, 404, 409),
                    body: .json("POSCustomerInput"), parameters: posHeaders
                )
            )),
            "/pos/v2/customers/{id}/purchases": .pathItem(.init(
                parameters: [.component("POSCustomerID")],
                get: operation(
                    "listPOSPurchases", "A customer's purchase history", scope: .pos, tag: .pos,
                    "Orders from every connection (shops and web), newest first.",
                    ok: [.json(200, "A page of purchases.", "PurchasePage")], errors: .of(.auth, 404),
                    parameters: [.component("Limit"), .component("Cursor")]
                )
            )),
            "/pos/v2/purchases": .pathItem(.init(
                post: operation(
                    "recordPOSPurchase", "Record a purchase at a till", scope: .pos, tag: .pos,
                    """
                    The purchase becomes an order with origin `pos`: triggers and automations (the digital \
                    receipt copy: `order.received` with the filter `origin == 'pos'`) see it. The account's first \
                    purchase creates the groups `\(POSGroups.address)`, `\(POSGroups.contact)` and \
                    `\(POSGroups.order)` with their fields.
                    """,
                    ok: [
                        .json(201, "Recorded.", "Purchase"),
                        .json(200, "The same purchase id again: updated.", "Purchase"),
                    ],
                    errors: .of(.body, .auth), body: .json("POSPurchaseInput"),
                    parameters: posHeaders
                )
            )),
            "/v1/vouchers/import": .pathItem(.init(
                post: operation(
                    "importVouchers", "Import bonus checks from a file", scope: .ingest, tag: .pos,
                    """
                    The body is the file: `text/csv` (comma or semicolon), `text/tab-separated-values` / \
                    `text/plain` (a `.txt`) or an Excel workbook (its first sheet), a header row naming `email` \
                    and/or `phone`, `code`, `amount`, `currency`, `valid_from`, `valid_to`. Bad rows (a formula \
                    cell among them) are reported and skipped; the good rows are written in one transaction; a \
                    code imported again updates its check. Up to 20 MB.
                    """,
                    ok: [.json(200, "What was imported and which rows were not.", "VoucherImportReport")],
                    errors: .of(413, 422, .auth),
                    body: OpenAPI.Request(content: [
                        .csv: content(.string), .tsv: content(.string), .txt: content(.string),
                        .xlsx: content(.string(format: .other("binary"))),
                    ], required: true)
                )
            )),
            "/pos/v2/bonus-checks/{code}/redeem": .pathItem(.init(
                parameters: [.path("code", .string)],
                post: operation(
                    "redeemBonusCheck", "Redeem part of a bonus check", scope: .pos, tag: .pos,
                    """
                    Takes `amount` from the check and writes back the date used and what remains. Refused with a \
                    `reason`: `voucher-unknown` (404), `voucher-expired`, `voucher-not-yet-valid`, \
                    `voucher-currency`, `voucher-exhausted`, `voucher-over-amount` (422). The same \
                    `idempotency_key` again answers the first answer and changes nothing; registers redeeming one \
                    check at once never take more than its balance.
                    """,
                    ok: [.json(200, "Redeemed.", "VoucherRedeemed")], errors: .of(.body, .auth, 404),
                    body: .json("VoucherRedemption"), parameters: posHeaders
                )
            )),
            "/v1/audit/lookups": .pathItem(.init(
                get: operation(
                    "listLookups", "The till look-up log", scope: .admin, tag: .pos,
                    """
                    Every look-up, hit or miss, newest first: key type, a keyed hash of the normalised key (never \
                    the key), store, staff and register. Erasing a contact removes the look-ups tied to it.
                    """,
                    ok: [.json(200, "A page of look-ups.", "LookupPage")], errors: .of(.auth),
                    parameters: [.component("Limit"), .component("Cursor")]
                )
            )),
        ]
    }

    /// Where a till's request comes from, as Sitoo sends it.
    private static var posHeaders: OpenAPI.Parameter.Array {
        ["Store-ID", "Staff-ID", "Register-ID"].map { name in
            .header(name, .string, description: "Sitoo's header, URL-encoded UTF-8; recorded with the look-up or consent.")
        }
    }
}
