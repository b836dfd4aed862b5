import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Contacts.
    static var contactSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "ContactInput": .object(
                required: [],
                description: """
                    A contact as a request describes it (`POST /v1/contacts`, `PATCH /v1/contacts/{id}`, an order's \
                    `customer`). Every member is optional and a JSON `null` counts as absent; absent members leave \
                    stored values alone. A contact is identified by its e-mail key (trimmed, lower-cased) or its \
                    phone in E.164 (read in the account's default country); junk values such as `test@test` or \
                    `0000000` identify nobody. Unknown members are an error.
                    """,
                properties: [
                    "email": .string(maxLength: 254, examples: ["Anna@Example.se"]),
                    "phone": .string(
                        description: "Any common notation; normalised to E.164.", maxLength: 40,
                        examples: ["070-123 45 67", "+46 70 123 45 67"]
                    ),
                    "first_name": .string(maxLength: 1000),
                    "last_name": .string(maxLength: 1000),
                    "address": .ref("AddressInput"),
                    "tags": .array(description: "Tags to add (existing tags are kept).", maxItems: 1000, items: .string),
                    "fields": .ref("FieldGroups"),
                    "consent": .boolean(description: "Consent to marketing messages."),
                    "blacklisted": .boolean,
                ],
                additionalProperties: .boolean(false)
            ),
            "Contact": .object(
                required: [
                    "id", "email", "phone", "phone_raw", "first_name", "last_name", "address", "tags", "fields",
                    "consent", "blacklisted", "unsubscribed_at", "created_at", "updated_at",
                ],
                description: "A person the merchant knows.",
                properties: [
                    "id": .string(examples: ["con_01JBZ8W3Q0K9X2T4V6M8N0P2R4"]),
                    "email": .string(nullable: true, description: "As given (trimmed)."),
                    "phone": .string(nullable: true, description: "E.164.", examples: ["+46701234567"]),
                    "phone_raw": .string(nullable: true, description: "The phone as it was sent."),
                    "first_name": .nullableString,
                    "last_name": .nullableString,
                    "address": .orNull(.ref("Address")),
                    "tags": .array(items: .string),
                    "fields": .ref("FieldGroups"),
                    "consent": .boolean(
                        nullable: true, description: "Consent to marketing; marketing messages need `true` (null: unknown)."
                    ),
                    "blacklisted": .boolean(description: "Blacklisted contacts get no marketing message."),
                    "unsubscribed_at": .nullableTimestamp(
                        description: """
                            When the contact unsubscribed with the link in a marketing e-mail, or null. Unsubscribed \
                            contacts get no marketing message, and the address stays suppressed after erasure.
                            """
                    ),
                    "created_at": .timestamp,
                    "updated_at": .timestamp,
                ],
                examples: .json(Examples.contact)
            ),
            "ContactUpsertResult": .allOf(
                [
                    .ref("Contact"),
                    .object(
                        required: ["outcome"],
                        properties: ["outcome": .enumeration(["created", "updated", "unchanged"])]
                    ),
                ],
                description: "The contact after the upsert, with what happened to it."
            ),
            "CustomerCard": .object(
                required: ["contact", "fields", "tags", "lists", "latest_orders", "vouchers", "timeline"],
                description: "The customer card of `GET /v1/contacts/{id}`.",
                properties: [
                    "contact": .ref("Contact"),
                    "fields": .ref("FieldGroups"),
                    "tags": .array(items: .string),
                    "lists": .array(description: "The ids of the lists the contact is in.", items: .string),
                    "latest_orders": .array(
                        description: "The 10 newest orders from every source, newest first.", maxItems: 10,
                        items: .ref("Order")
                    ),
                    "vouchers": .array(
                        description: "Bonus checks of the contact (always empty until vouchers are implemented).",
                        items: .object
                    ),
                    "timeline": .array(
                        description: "The 50 newest timeline entries, newest first.", maxItems: 50,
                        items: .ref("TimelineEntry")
                    ),
                ]
            ),
            "ContactExport": .object(
                required: ["contact", "orders", "timeline", "vouchers", "lookups", "events", "rejections", "deliveries"],
                description: "Everything Kvitto holds on one person (GDPR access request).",
                properties: [
                    "contact": .ref("Contact"),
                    "orders": .array(description: "All of the contact's orders, newest first.", items: .ref("Order")),
                    "timeline": .array(
                        description: """
                            Up to 1000 timeline entries, newest first; consent records are among them (kind \
                            `consent`, with store, register, staff and channels).
                            """,
                        maxItems: 1000, items: .ref("TimelineEntry")
                    ),
                    "vouchers": .array(description: "The contact's bonus checks.", items: .object),
                    "lookups": .array(
                        description: "The till look-ups that found the contact, newest first.", items: .ref("LookupRecord")
                    ),
                    "events": .array(
                        description: "The events of the feed that hold the contact's id, e-mail address or phone number, oldest first.",
                        items: .ref("Event")
                    ),
                    "rejections": .array(
                        description: "Refused input that holds the contact's id, e-mail address or phone number.", items: .ref("Rejection")
                    ),
                    "deliveries": .array(
                        description: "Messages to the contact, and the deliveries of the events above (postbacks among them).",
                        items: .ref("Delivery")
                    ),
                ]
            ),
            "TagsRequest": .object(
                required: ["tags"],
                properties: ["tags": .array(maxItems: 1000, items: .string(minLength: 1, maxLength: 100))],
                additionalProperties: .boolean(false), examples: .json(["tags": ["OrderCompleted", "VIP"]])
            ),
        ]
    }
}
