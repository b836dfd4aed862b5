import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Operations, API keys.
    static var operationPaths: OpenAPI.PathItem.Map {
        [
            "/health": .pathItem(.init(get: openOperation(
                "getHealth", "Liveness check", tag: .operations,
                #"Answers `{"status": "ok"}` while the process serves requests. No key is needed."#,
                responses: [200: .response(.init(description: "The process is up.", content: json(.ref("Health"), example: ["status": "ok"])))]
            ))),
            "/ready": .pathItem(.init(get: openOperation(
                "getReadiness", "Readiness check", tag: .operations,
                """
                Whether the process can take traffic: the database answers (within 2 s), its migrations are done \
                (the server serves only after that), and every background service of the process's role is \
                running (the delivery worker, the scheduler, imports…). 503 with the same body otherwise, e.g. \
                while the process stops. No key is needed.
                """,
                responses: [
                    200: .response(.init(description: "Ready.", content: json(.ref("Readiness")))),
                    503: .response(.init(description: "Not ready; the body says which check failed.", content: json(.ref("Readiness")))),
                ]
            ))),
            "/metrics": .pathItem(.init(get: openOperation(
                "getMetrics", "Prometheus metrics", tag: .operations,
                """
                Metrics in the Prometheus text exposition format (request counts and latency by route, ingested orders by \
                outcome, rejections by reason, …). No key is needed.
                """,
                responses: [200: .response(description: "Prometheus text format, version 0.0.4.", content: [
                    .txt: content(.string, example: """
                        # TYPE kvitto_orders_ingested_total counter
                        kvitto_orders_ingested_total{outcome="created"} 42

                        """),
                ])]
            ))),
            "/openapi.json": .pathItem(.init(get: openOperation(
                "getOpenAPIDocument", "This OpenAPI document", tag: .operations,
                "The OpenAPI 3.1 document of the API, as kept in the repository. No key is needed.",
                responses: [200: .response(.init(description: "The OpenAPI document.", content: json(.object)))]
            ))),
            "/v1/api-keys": .pathItem(.init(
                get: operation(
                    "listAPIKeys", "List API keys", scope: .admin, tag: .apiKeys,
                    """
                    The account's keys, revoked ones included, newest first, a page at a time. Secrets are never \
                    returned.
                    """,
                    ok: [.json(200, "A page of keys.", "APIKeyPage")], errors: .of(.auth),
                    parameters: [.component("Limit"), .component("Cursor")]
                ),
                post: operation(
                    "createAPIKey", "Create an API key", scope: .admin, tag: .apiKeys,
                    """
                    Creates a named key with the given scopes (\(codes(Scope.allCases.map(\.rawValue)))). The secret \
                    is in the answer's `key` and is never shown again.
                    """,
                    ok: [.json(201, "The key was created.", "APIKeyCreated")], errors: .of(.body, .auth),
                    body: .json("APIKeyInput")
                )
            )),
            "/v1/api-keys/{id}": .pathItem(.init(
                parameters: [.component("APIKeyID")],
                delete: operation(
                    "revokeAPIKey", "Revoke an API key", scope: .admin, tag: .apiKeys,
                    """
                    Revokes the key at once in this process (other processes stop accepting it within about a \
                    second). An unknown or already revoked key is a 404.
                    """,
                    ok: [.json(204, "The key was revoked.")], errors: .of(.auth, 404)
                )
            )),
        ]
    }

    /// Contacts.
    static var contactPaths: OpenAPI.PathItem.Map {
        [
            "/v1/contacts": .pathItem(.init(
                get: operation(
                    "listContacts", "Find a contact exactly, or list contacts", scope: .read, tag: .contacts,
                    """
                    With `email` or `phone`: an exact look-up after normalisation (GDPR: no partial matching), \
                    answering a page of zero or one contact; the e-mail is tried first. Values that cannot \
                    identify anyone find nothing. Without them: a page of contacts, newest first.
                    """,
                    ok: [.json(200, "The matching contact, or a page of contacts.", "ContactPage")], errors: .of(.auth),
                    parameters: [
                        .query(
                            "email",
                            .string,
                            description: "Exact e-mail (compared trimmed and lower-cased).", example: "anna@example.se"
                        ),
                        .query(
                            "phone",
                            .string,
                            description: "Exact phone (normalised to E.164 in the account's default country).",
                            example: "+46701234567"
                        ),
                        .query(
                            "list",
                            .string,
                            description: "Only the contacts of this list (`lst_…`), or with `none` those in no list.",
                            example: "none"
                        ),
                        .component("Limit"),
                        .component("Cursor"),
                    ]
                ),
                post: operation(
                    "upsertContact", "Create or update a contact by identity", scope: .ingest, tag: .contacts,
                    """
                    Finds the contact by e-mail key or phone (E.164) and applies the input, or creates one. A \
                    valid e-mail or phone is required (422 otherwise). When the e-mail and the phone point at two \
                    different contacts, the one named first in the account's identity priority wins, the other \
                    identifier is not moved, and a merge candidate is recorded on both timelines. Tags are added; \
                    fields are merged (`null` removes one). A member number (`Sitoo-Contact.member_number`) \
                    another contact holds is a 409 naming the field. Answers 201 when a contact was created and \
                    200 otherwise.
                    """,
                    ok: [
                        .json(201, "A contact was created (`outcome` `created`).", "ContactUpsertResult"),
                        .json(
                            200,
                            "An existing contact was found (`outcome` `updated` or `unchanged`).",
                            "ContactUpsertResult"
                        ),
                    ],
                    errors: .of(.body, .auth, 409),
                    body: .json(
                        "ContactInput",
                        example: [
                            "email": "Anna@Example.se", "phone": "070-123 45 67", "first_name": "Anna",
                            "last_name": "Berg", "tags": ["Customer"],
                            "fields": ["Sitoo-Contact": ["member_number": "M-1001"]], "consent": true,
                        ]
                    )
                )
            )),
            "/v1/contacts/{id}": .pathItem(.init(
                parameters: [.component("ContactID")],
                get: operation(
                    "getCustomerCard", "Get the customer card", scope: .read, tag: .contacts,
                    """
                    The contact, its custom fields by group, tags, latest orders from every source, vouchers and \
                    timeline.
                    """,
                    ok: [.json(200, "The customer card.", "CustomerCard")], errors: .of(.auth, 404)
                ),
                delete: operation(
                    "eraseContact", "Erase a contact (GDPR)", scope: .admin, tag: .contacts,
                    """
                    Removes the contact and its timeline. Its orders are kept for the books, anonymised (no \
                    contact, no recipient address). Copies of its data elsewhere are redacted in place: its snapshot \
                    in every event of the feed (the event and its sequence stay), the payloads of rejections and the \
                    bodies of webhooks that hold its e-mail address or phone number, the recipient of messages to it \
                    (one not yet sent fails) and the receivers' answers to the deliveries of those events. Emits \
                    `contact.erased` carrying only the id.
                    """,
                    ok: [.json(204, "The contact was erased.")], errors: .of(.auth, 404)
                ),
                patch: operation(
                    "patchContact", "Change a contact", scope: .ingest, tag: .contacts,
                    """
                    Changes one known contact. Absent members are left alone; tags are added; fields are merged \
                    (`null` removes one). A new e-mail or phone that is unusable is a 422; one that belongs to \
                    another contact is a 409 — contacts are never merged silently.
                    """,
                    ok: [.json(200, "The changed contact.", "Contact")], errors: .of(.body, .auth, 404, 409),
                    body: .json(
                        "ContactInput",
                        example: [
                            "first_name": "Anna", "last_name": "Lind",
                            "address": ["line1": "Drottninggatan 5", "postal_code": "111 51", "city": "Stockholm", "country": "SE"],
                        ]
                    )
                )
            )),
            "/v1/contacts/{id}/export": .pathItem(.init(
                parameters: [.component("ContactID")],
                get: operation(
                    "exportContact", "Export a contact's data (GDPR)", scope: .read, tag: .contacts,
                    """
                    Everything Kvitto holds on one person, as a JSON attachment: the contact, all its orders, its \
                    timeline, bonus checks and till look-ups, and the events, rejections and deliveries that hold its \
                    id, e-mail address or phone number.
                    """,
                    ok: [.json(200, "The export.", "ContactExport", headers: [
                        "Content-Disposition": .header(.init(schema: .string, description: #"`attachment; filename="<id>.json"`"#)),
                    ])],
                    errors: .of(.auth, 404)
                )
            )),
            "/v1/contacts/{id}/tags": .pathItem(.init(
                parameters: [.component("ContactID")],
                post: operation(
                    "addContactTags", "Add tags to a contact", scope: .ingest, tag: .contacts,
                    "Adds the tags the contact does not have yet; each new tag emits `contact.tag_added`.",
                    ok: [.json(200, "The contact with its tags.", "Contact")], errors: .of(.body, .auth, 404),
                    body: .json("TagsRequest")
                ),
                delete: operation(
                    "removeContactTags", "Remove tags from a contact", scope: .ingest, tag: .contacts,
                    """
                    Removes the given tags (the tags are in the JSON body); emits `contact.updated` when any was \
                    removed.
                    """,
                    ok: [.json(200, "The contact with its remaining tags.", "Contact")], errors: .of(.body, .auth, 404),
                    body: .json("TagsRequest")
                )
            )),
        ]
    }
}
