import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Settings.
    static var settingsSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "SettingsInput": .object(
                required: [],
                description: """
                    `PATCH /v1/settings`: members left out are kept; a JSON `null` removes a section or an optional \
                    member (`"smtp": null`; `"smtp": {"username": null}` also removes the password: without a \
                    username there is no AUTH). Secrets (`password`, `auth_header`) are sealed at rest and never \
                    answered. Unknown members are an error.
                    """,
                properties: [
                    "smtp": .object(
                        required: [], nullable: true,
                        properties: [
                            "host": .string(minLength: 1, maxLength: 253),
                            "port": .integer(atLeast: 1, atMost: 65535, default: 587),
                            "starttls": .boolean(
                                description: "Upgrade with STARTTLS, and refuse to send without it.", defaultValue: true
                            ),
                            "username": .string(nullable: true),
                            "password": .string(nullable: true, permissions: .writeOnly, description: "Needs a username."),
                            "from": .string(examples: ["Butiken <order@butiken.se>"]),
                        ],
                        additionalProperties: .boolean(false)
                    ),
                    "sms_gateway": .object(
                        required: [], nullable: true,
                        properties: [
                            "url": .string(format: .uri),
                            "auth_header": .string(nullable: true, permissions: .writeOnly, examples: ["Bearer …"]),
                            "body": .string(
                                description: """
                                    Mustache text of the request body with `{{to}}` (E.164) and `{{text}}`; default \
                                    `{"to": "{{to}}", "message": "{{text}}"}`.
                                    """
                            ),
                        ],
                        additionalProperties: .boolean(false)
                    ),
                    "time_zone": .string(
                        nullable: true, description: "IANA time zone messages show times in.",
                        examples: ["Europe/Stockholm"]
                    ),
                    "locale": .string(nullable: true, description: "Language and region of messages.", examples: ["sv-SE"]),
                    "alert_email": .string(
                        nullable: true,
                        description: "Where Kvitto writes when a trigger is disabled or a sender keeps failing."
                    ),
                    "engagement_schedule": .object(
                        required: [],
                        description: """
                            When the weekly engagement recompute runs, in the account's time zone (default Sunday \
                            18:00); `null` restores the default.
                            """,
                        nullable: true,
                        properties: [
                            "weekday": .enumeration(AccountSettings.weekdays),
                            "hour": .integer(atLeast: 0, atMost: 23),
                        ],
                        additionalProperties: .boolean(false)
                    ),
                    "identity_priority": .array(
                        description: """
                            Which of e-mail and phone recognises a customer first (the account's, not a message setting); \
                            one of them alone recognises customers by it only.
                            """,
                        minItems: 1, maxItems: 2, uniqueItems: true, items: .string(allowedValues: "email", "phone")
                    ),
                    "product_key": .string(
                        description: "How order lines find their product (the account's default; a connection may set its own).",
                        allowedValues: "sku", "name", "external_id"
                    ),
                    "loyalty": .object(
                        required: [],
                        description: """
                            The loyalty club: whether customers registered at a till get a member number, \
                            `member_number_prefix` then a number counting up from `first_member_number`; a number is \
                            never issued twice.
                            """,
                        properties: [
                            "issue_member_numbers": .boolean,
                            "member_number_prefix": .string(maxLength: 20),
                            "first_member_number": .integer(atLeast: 0, atMost: Int(Int64.max)),
                        ],
                        additionalProperties: .boolean(false)
                    ),
                    "pos": .object(
                        required: [],
                        description: """
                            What tills see: `own_purchases_only` limits a customer's purchase history at the till to \
                            purchases made at tills (no web orders); `sections` names the custom field groups the \
                            customer card at the till shows, in that order (`null`: every group).
                            """,
                        properties: [
                            "own_purchases_only": .boolean,
                            "sections": .array(nullable: true, maxItems: 50, items: .string(minLength: 1, maxLength: 100)),
                        ],
                        additionalProperties: .boolean(false)
                    ),
                ],
                additionalProperties: .boolean(false),
                examples: .json(
                    [
                        "smtp": [
                            "host": "smtp.example.se", "port": 587, "starttls": true, "username": "butiken",
                            "password": "…", "from": "Butiken <order@butiken.se>",
                        ],
                        "time_zone": "Europe/Stockholm", "locale": "sv-SE",
                    ],
                )
            ),
            "Settings": .object(
                required: ["smtp", "sms_gateway", "time_zone", "locale", "alert_email", "formatting"],
                description: """
                    The account's message settings, secrets shown only as whether they are set, and what messages are \
                    formatted in now (`formatting`: the settings where given, the account's country's language and \
                    time zone otherwise, always the account's currency).
                    """,
                properties: [
                    "smtp": .object(
                        required: [], nullable: true,
                        properties: [
                            "host": .string,
                            "port": .integer,
                            "starttls": .boolean,
                            "username": .string(nullable: true),
                            "password_set": .boolean,
                            "from": .string,
                        ]
                    ),
                    "sms_gateway": .object(
                        required: [], nullable: true,
                        properties: ["url": .string, "auth_header_set": .boolean, "body": .string]
                    ),
                    "time_zone": .string(nullable: true),
                    "locale": .string(nullable: true),
                    "alert_email": .string(nullable: true),
                    "engagement_schedule": .object(required: [], properties: ["weekday": .string, "hour": .integer]),
                    "loyalty": .object(
                        required: [],
                        properties: [
                            "issue_member_numbers": .boolean,
                            "member_number_prefix": .string,
                            "first_member_number": .integer,
                        ]
                    ),
                    "pos": .object(required: [], properties: ["own_purchases_only": .boolean,
                                                              "sections": .array(nullable: true, items: .string)]),
                    "updated_at": .string(format: .dateTime, nullable: true),
                    "identity_priority": .array(items: .string(allowedValues: "email", "phone")),
                    "product_key": .string(allowedValues: "sku", "name", "external_id"),
                    "formatting": .object(required: [], properties: ["locale": .string, "time_zone": .string, "currency": .string]),
                ]
            ),
        ]
    }
}
