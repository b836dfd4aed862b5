import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Events, rejections, API keys, accounts.
    static var eventAndKeySchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "EventType": .enumeration(EventType.self),
            "EventOrigin": .enumeration(
                EventOrigin.self,
                description: "`live` (a platform webhook), `api`, `pos` or `backfill`."
            ),
            "Event": .object(
                required: ["id", "type", "sequence", "occurred_at", "origin", "account_id", "data"],
                description: "An immutable fact with a gap-free per-account sequence number.",
                properties: [
                    "id": .string(examples: ["evt_01JBZ8W3Q2B3C4D5E6F7G8H9J0"]),
                    "type": .ref("EventType"),
                    "sequence": .integer(atLeast: 1),
                    "occurred_at": .timestamp,
                    "origin": .ref("EventOrigin"),
                    "account_id": .string,
                    "data": .object(
                        required: ["contact"],
                        description: "The objects exactly as the API showed them at the time of the event.",
                        properties: [
                            "order": .ref("Order", description: "On `order.*` events."),
                            "contact": .any(of: [.ref("Contact"), .ref("ErasedContact"), .null()]),
                            "tag": .string(description: "On `contact.tag_added` and `contact.tag_removed`: the tag."),
                            "automation": .object(
                                required: ["id", "run_id", "depth"],
                                description: """
                                    On tag events an automation's tag step caused: which run, and how many tag steps \
                                    in a row led here (at 5 the event starts no automation).
                                    """,
                                properties: ["id": .string, "run_id": .string, "depth": .integer(atLeast: 1)]
                            ),
                            "segment": .string(description: "On `contact.segment_changed`: the new segment."),
                            "previous_segment": .string(description: "On `contact.segment_changed`: the segment before."),
                            "contact_id": .string(description: "On `contact.erased`: the erased contact's id."),
                            "merged_contact_id": .string(description: "On `contact.merged`: the contact merged into `contact` and removed."),
                            "merge_candidate_id": .string(description: "On `contact.merged`: the merge candidate decided."),
                        ]
                    ),
                ]
            ),
            "ErasedContact": .object(
                required: ["id", "erased"],
                description: """
                    What an event keeps of a contact that was erased since (`DELETE /v1/contacts/{id}`): its id, \
                    nothing else.
                    """,
                properties: ["id": .string(examples: ["con_01JBZ8W3Q2B3C4D5E6F7G8H9J0"]), "erased": .boolean(description: "Always true.")]
            ),
            "TimelineEntry": .object(
                required: ["id", "subject_id", "kind", "at", "text", "data"],
                description: "One entry of an order's or contact's feed.",
                properties: [
                    "id": .string(examples: ["tle_01JBZ8W3Q2C3D4E5F6G7H8J9K0"]),
                    "subject_id": .string(description: "The order or contact the entry belongs to."),
                    "kind": .enumeration(TimelineEntry.Kind.self),
                    "at": .timestamp,
                    "text": .string(examples: ["Delivery details — Carrier: PostNord; Cost: 49.00"]),
                    "data": .fragment(description: "Structured detail (e.g. the contacts of a merge candidate), or null."),
                ]
            ),
            "Rejection": .object(
                required: ["id", "at", "reason", "detail", "source", "external_id", "payload"],
                description: "Input that a rule refused, kept so nothing sent to Kvitto disappears unseen.",
                properties: [
                    "id": .string(examples: ["rej_01JBZ8W3Q2D3E4F5G6H7J8K9M0"]),
                    "at": .timestamp,
                    "reason": .string(examples: ["currency-mismatch", "no-lines", "no-customer", "no-contact-channel"]),
                    "detail": .string,
                    "source": .nullableString,
                    "external_id": .nullableString,
                    "payload": .fragment(description: "The refused request body, as sent."),
                ]
            ),
            "Scope": .enumeration(Scope.self, description: "`\(Scope.admin.rawValue)` implies every other scope."),
            "APIKey": .object(
                required: ["id", "account_id", "name", "prefix", "scopes", "created_at", "last_used_at", "revoked_at"],
                description: "An API key. Only a hash of the secret is stored.",
                properties: [
                    "id": .string(examples: ["key_01JBZ8W3Q2E3F4G5H6J7K8M9N0"]),
                    "account_id": .string,
                    "name": .string,
                    "prefix": .string(
                        description: "The first 12 characters of the secret, to tell keys apart.",
                        examples: ["kvt_Xk3m9Qa1"]
                    ),
                    "scopes": .array(items: .ref("Scope")),
                    "created_at": .timestamp,
                    "last_used_at": .nullableTimestamp(description: "Updated at most once a minute."),
                    "revoked_at": .nullableTimestamp,
                ]
            ),
            "APIKeyCreated": .allOf(
                [
                    .ref("APIKey"),
                    .object(
                        required: ["key"],
                        properties: [
                            "key": .string(
                                description: "The secret: `kvt_` + 43 base64url characters.",
                                pattern: "^kvt_[A-Za-z0-9_-]{43}$"
                            ),
                        ]
                    ),
                ],
                description: "A new key with its secret. The secret is shown only here, once."
            ),
            "APIKeyInput": .object(
                required: ["name", "scopes"],
                properties: [
                    "name": .string(minLength: 1, maxLength: 200),
                    "scopes": .array(minItems: 1, maxItems: 1000, items: .ref("Scope")),
                ],
                additionalProperties: .boolean(false), examples: .json(["name": "Webshop ingest", "scopes": ["ingest"]])
            ),
            "Account": .object(
                required: ["id", "name", "currency", "default_country", "identity_priority", "product_key", "created_at"],
                description: "A merchant (not returned by any endpoint yet; accounts are created with `kvitto accounts create`).",
                properties: [
                    "id": .string(examples: ["acc_01JBZ8W3Q2F3G4H5J6K7M8N9P0"]),
                    "name": .string,
                    "currency": .string(description: "ISO 4217."),
                    "default_country": .string(description: "ISO 3166 alpha-2."),
                    "identity_priority": .array(items: .enumeration(IdentityKind.self)),
                    "product_key": .enumeration(ProductKey.self),
                    "created_at": .timestamp,
                ]
            ),
        ]
    }
}
