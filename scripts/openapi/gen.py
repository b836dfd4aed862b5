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
                 "consent", "blacklisted", "created_at", "updated_at"],
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
        "consent": {"type": ["boolean", "null"]},
        "blacklisted": {"type": "boolean"},
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
    "required": ["contact", "fields", "tags", "latest_orders", "vouchers", "timeline"],
    "properties": {
        "contact": ref("Contact"),
        "fields": ref("FieldGroups"),
        "tags": {"type": "array", "items": {"type": "string"}},
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
    "required": ["contact", "orders", "timeline"],
    "properties": {
        "contact": ref("Contact"),
        "orders": {"type": "array", "items": ref("Order"), "description": "All of the contact's orders, newest first."},
        "timeline": {"type": "array", "maxItems": 1000, "items": ref("TimelineEntry"),
                     "description": "Up to 1000 timeline entries, newest first."},
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
    "required": ["id", "source", "connection_id", "external_id", "number", "created_at", "status", "currency",
                 "contact_id", "customer", "lines", "shipping", "totals", "fields", "locked", "received_at",
                 "updated_at"],
    "properties": {
        "id": {"type": "string", "examples": ["ord_01JBZ8W3Q1A2B3C4D5E6F7G8H9"]},
        "source": {"type": "string", "description": "The connection's name."},
        "connection_id": {"type": "string"},
        "external_id": {"type": "string", "description": "The source's id, always a string."},
        "number": NSTR,
        "created_at": TS,
        "status": ref("OrderStatus"),
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
             "contact.updated", "contact.tag_added", "contact.erased", "voucher.redeemed"],
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
                "tag": {"type": "string", "description": "On `contact.tag_added`: the tag that was added."},
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
    "InternalError": problem_resp("An unexpected failure; nothing was committed.", {
        "type": "https://kvitto.dev/problems/internal", "title": "Internal error", "status": 500,
        "detail": "the request failed; nothing was committed unless a 2xx was returned"}),
}


def errors(*codes, unprocessable="Invalid"):
    m = {"400": "BadRequest", "401": "Unauthorized", "403": "Forbidden", "404": "NotFound", "409": "Conflict",
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
                       "names the scope it needs (`admin` implies every scope).",
    },
    "servers": [{"url": "http://127.0.0.1:8080"}],
    "security": [{"bearer": []}, {"basic": []}],
    "tags": [
        {"name": "Contacts"}, {"name": "Orders"}, {"name": "Catalogue"}, {"name": "Events"},
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
