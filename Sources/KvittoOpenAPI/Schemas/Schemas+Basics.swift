import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Problems, money, identifiers, custom fields, addresses.
    static var basicSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "Problem": .object(
                required: ["type", "title", "status", "detail"],
                description: "RFC 9457 problem details (`application/problem+json`). Every error Kvitto answers with has this shape.",
                properties: [
                    "type": .string(
                        format: .uri,
                        description: """
                            `https://kvitto.dev/problems/<reason or code>`: the rule's reason for a rejection (e.g. \
                            `.../currency-mismatch`), otherwise the error code \
                            (\(codes(KvittoError.Code.allCases.filter { $0 != .rejected }.map(\.rawValue)))).
                            """,
                        examples: ["https://kvitto.dev/problems/invalid", "https://kvitto.dev/problems/currency-mismatch"]
                    ),
                    "title": .enumeration(KvittoError.Code.allCases.map(\.title)),
                    "status": .integer(allowedValues: Set(KvittoError.Code.allCases.map(\.httpStatus)).sorted().map { AnyCodable($0) }),
                    "detail": .string(description: "A human-readable explanation."),
                    "reason": .string(
                        description: """
                            Only on rejections (422 `Rejected by a rule`): the rule that refused the input. Rejected \
                            orders are also kept in `GET /v1/rejections`.
                            """,
                        examples: ["currency-mismatch", "no-lines", "no-customer", "no-contact-channel"]
                    ),
                    "errors": .array(
                        description: """
                            One entry per invalid field; present on 422 (and on 409 for identifier conflicts). All \
                            mistakes of a request are reported at once.
                            """,
                        items: .ref("FieldError")
                    ),
                ]
            ),
            "FieldError": .object(
                required: ["pointer", "detail"],
                properties: [
                    "pointer": .string(
                        description: """
                            RFC 6901 JSON pointer into the request body (`""` is the whole body; `/after` names a \
                            query parameter).
                            """,
                        examples: ["/lines/0/unit_price", "/customer"]
                    ),
                    "detail": .string(examples: ["must be a decimal amount such as \"299.00\""]),
                ]
            ),
            "Money": .string(
                description: """
                    An exact decimal amount as a string, with at least two decimals (more are kept when the input had \
                    them; nothing is rounded). Never a binary floating-point number.
                    """,
                pattern: #"^-?[0-9]+\.[0-9]{2,}$"#,
                examples: ["299.00", "129.40"]
            ),
            "MoneyInput": .anyOf(
                [.string(pattern: #"^[+-]?[0-9]{1,12}(\.[0-9]{1,6})?$"#),
                 .number(maximum: (Money.inputLimit, exclusive: true), minimum: (-Money.inputLimit, exclusive: true))],
                description: """
                    A decimal amount below a million millions either way: a string such as `"299.00"` (preferred) \
                    or a JSON number such as `299`, `299.5` or `1e-2`. It is read exactly, never through a binary \
                    float.
                    """,
                examples: ["299.00", 49]
            ),
            "QuantityInput": .anyOf(
                [.number(greaterThan: 0), .string(maxLength: 40, pattern: #"^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)$"#)],
                description: "A positive quantity: an integer or an exact decimal, as a number or a decimal string.",
                examples: [2, "1.5"]
            ),
            "Identifier": .oneOf(
                [.string(minLength: 1, maxLength: 255), .integer],
                description: """
                    A platform id: a non-empty string of at most 255 characters, or an integer (kept digit for digit, \
                    so `820982911946154508` survives). Always returned as a string.
                    """,
                examples: ["1001", 820982911946154508]
            ),
            "FieldGroups": .dictionary(
                keyLength: 1...100, values: .dictionary(keyLength: 1...100, values: .fragment),
                description: """
                    Custom fields by group: `{"Group": {"field": value}}`. Group and field names are 1–100 \
                    characters. A field's type (\(codes(FieldType.allCases.map(\.rawValue)))) is inferred from its \
                    first value; later values must fit it (otherwise 422). On writes a value replaces the stored one \
                    and `null` removes it.
                    """,
                examples: .json(["Sitoo-Contact": ["member_number": "M-1001"], "Order": ["channel": "web"]])
            ),
            "Address": .object(
                required: ["line1", "line2", "postal_code", "city", "region", "country"],
                description: """
                    An address as Kvitto returns it. `name` (the recipient) appears only on shipping addresses that \
                    have one.
                    """,
                properties: [
                    "name": .string,
                    "line1": .nullableString,
                    "line2": .nullableString,
                    "postal_code": .nullableString,
                    "city": .nullableString,
                    "region": .nullableString,
                    "country": .string(nullable: true, description: "ISO 3166 alpha-2."),
                ]
            ),
            "AddressInput": addressInput(withName: false),
            "ShippingAddressInput": addressInput(withName: true),
        ]
    }

    /// An address as a request gives it; shipping addresses name the recipient.
    private static func addressInput(withName: Bool) -> JSONSchema {
        var properties: OrderedDictionary<String, JSONSchema> = [:]
        if withName { properties["name"] = .string(description: "The recipient.", maxLength: 1000) }
        for line in ["line1", "line2", "postal_code", "city", "region"] { properties[line] = .string(maxLength: 1000) }
        properties["country"] = .string(description: "ISO 3166 alpha-2, e.g. `SE`.", maxLength: 2)
        let which = withName ? "A shipping address; `name` is the recipient." : "A contact's address (no recipient name)."
        return .object(
            required: [], description: which + " All members are optional; the address replaces any stored one as a whole.",
            properties: properties, additionalProperties: .boolean(false)
        )
    }
}
