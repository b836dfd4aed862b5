import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Lists.
    static var listPaths: OpenAPI.PathItem.Map {
        [
            "/v1/lists": .pathItem(.init(
                get: operation(
                    "listLists", "List the lists", scope: .read, tag: .lists,
                    "The lists, newest first, a page at a time.",
                    ok: [.json(200, "A page of lists.", "ContactListPage")], errors: .of(.auth),
                    parameters: [.component("Limit"), .component("Cursor")]
                ),
                post: operation(
                    "createList", "Create a list", scope: .admin, tag: .lists,
                    ok: [.json(201, "The list.", "ContactList")], errors: .of(.body, .auth),
                    body: .json("ListInput")
                )
            )),
            "/v1/lists/{id}": .pathItem(.init(
                parameters: [.component("ListID")],
                get: operation(
                    "getList", "Get a list", scope: .read, tag: .lists,
                    ok: [.json(200, "The list.", "ContactList")], errors: .of(.auth, 404)
                ),
                delete: operation(
                    "deleteList", "Delete a list", scope: .admin, tag: .lists,
                    "Deletes the list; its contacts stay (in their other lists, or in no list).",
                    ok: [.json(204, "Deleted.")], errors: .of(.auth, 404)
                ),
                patch: operation(
                    "renameList", "Rename a list", scope: .admin, tag: .lists,
                    ok: [.json(200, "The list.", "ContactList")], errors: .of(.body, .auth, 404),
                    body: .json("ListInput")
                )
            )),
            "/v1/lists/{id}/contacts": .pathItem(.init(
                parameters: [.component("ListID")],
                post: operation(
                    "addToList", "Put contacts in a list", scope: .ingest, tag: .lists,
                    """
                    Contacts already in it stay as they are. An id that is no contact of the account is a 422 \
                    naming it (`/contact_ids/0`), and nothing changes.
                    """,
                    ok: [.json(200, "`{\"added\": n}`.")], errors: .of(.body, .auth, 404),
                    body: .json("ContactIDs")
                ),
                delete: operation(
                    "removeFromList", "Take contacts out of a list", scope: .ingest, tag: .lists,
                    ok: [.json(200, "`{\"removed\": n}`: how many were in it.")], errors: .of(.body, .auth, 404),
                    body: .json("ContactIDs")
                )
            )),
            "/v1/contacts/bulk": .pathItem(.init(
                post: operation(
                    "bulkContacts", "Move, delete or blacklist the contacts a filter selects", scope: .admin, tag: .lists,
                    ok: [.json(200, "How many contacts were selected.", "BulkContactResult")], errors: .of(.body, .auth),
                    body: .json("BulkContactAction")
                )
            )),
        ]
    }

    /// Engagement, automations.
    static var engagementAndAutomationPaths: OpenAPI.PathItem.Map {
        [
            "/v1/engagement": .pathItem(.init(
                get: operation(
                    "getEngagement", "Engagement: the schedule and the last run", scope: .read, tag: .engagement,
                    """
                    Every contact with purchases (cancelled, returned and failed orders do not count) gets RFM \
                    quintile scores 1–5 and a segment in its `Engagement` field group (`recency`, `frequency`, \
                    `monetary`, `rfm`, `segment`, `segment_key`, `computed_at`), recomputed weekly and on demand.
                    """,
                    ok: [.json(200, "The schedule and the last run.", "EngagementStatus")], errors: .of(.auth)
                )
            )),
            "/v1/engagement/recompute": .pathItem(.init(
                post: operation(
                    "recomputeEngagement", "Recompute engagement now", scope: .admin, tag: .engagement,
                    """
                    Runs at once and answers when done (about a minute for a million contacts). A contact whose \
                    segment changed emits `contact.segment_changed` (with `segment` and `previous_segment`), \
                    which automations can start on. 409 while a recompute of the account runs in this process.
                    """,
                    ok: [.json(200, "What it did.", "EngagementRun")], errors: .of(.auth, 409)
                )
            )),
            "/v1/automations": .pathItem(.init(
                get: operation(
                    "listAutomations", "List automations", scope: .read, tag: .automations,
                    "Automations, newest first.",
                    ok: [.json(200, "A page of automations.", "AutomationPage")], errors: .of(.auth),
                    parameters: [.component("Limit"), .component("Cursor")]
                ),
                post: operation(
                    "createAutomation", "Create an automation", scope: .admin, tag: .automations,
                    """
                    A trigger (event type, tag, or time rule) and steps. Every template and trigger a step names \
                    must exist in the account and be of the step's kind; the answer is a 422 with a pointer per \
                    mistake otherwise, and nothing is stored.
                    """,
                    ok: [.json(201, "The automation.", "Automation")], errors: .of(.body, .auth),
                    body: .json("AutomationInput")
                )
            )),
            "/v1/automations/{id}": .pathItem(.init(
                parameters: [.component("AutomationID")],
                get: operation(
                    "getAutomation", "Get an automation", scope: .read, tag: .automations,
                    ok: [.json(200, "The automation.", "Automation")], errors: .of(.auth, 404)
                ),
                delete: operation(
                    "deleteAutomation", "Delete an automation", scope: .admin, tag: .automations,
                    "Deletes it and cancels its waiting runs. Messages it queued stay in the delivery log.",
                    ok: [.json(204, "Deleted.")], errors: .of(.auth, 404)
                ),
                patch: operation(
                    "patchAutomation", "Change an automation", scope: .admin, tag: .automations,
                    """
                    Changes the given members. Switching it off (`active` false) cancels its waiting runs; new \
                    events start none until it is on again.
                    """,
                    ok: [.json(200, "The changed automation.", "Automation")], errors: .of(.body, .auth, 404),
                    body: .json("AutomationInput", example: ["active": false])
                )
            )),
            "/v1/automations/{id}/runs": .pathItem(.init(
                parameters: [.component("AutomationID")],
                get: operation(
                    "listAutomationRuns", "List an automation's runs", scope: .read, tag: .automations,
                    "Runs newest first, each with its log: what every step did, or why it was skipped.",
                    ok: [.json(200, "A page of runs.", "AutomationRunPage")], errors: .of(.auth, 404, 422),
                    parameters: [
                        .query("status", .enumeration(AutomationRun.Status.self)),
                        .component("Limit"),
                        .component("Cursor"),
                    ]
                )
            )),
            "/unsubscribe/{token}": .pathItem(.init(
                parameters: [
                    .path(
                        "token", .string,
                        description: "The signed token of one marketing message (`{account}.{delivery}.{signature}`)."
                    ),
                ],
                get: openOperation(
                    "getUnsubscribePage", "The unsubscribe page", tag: .automations,
                    """
                    The link at the foot of every marketing e-mail and in its `List-Unsubscribe` header. Shows a page \
                    with one button; a GET unsubscribes nobody (mail scanners follow links).
                    """,
                    responses: htmlPage(200, "The page.")
                ),
                post: openOperation(
                    "unsubscribe", "Unsubscribe (one-click)", tag: .automations,
                    """
                    The page's button and mail clients' one-click unsubscribe (RFC 8058, body \
                    `List-Unsubscribe=One-Click`). The address goes on the account's suppression list (a keyed hash, \
                    kept through erasure), the contact gets `unsubscribed_at` and a timeline entry, and \
                    `contact.updated` is emitted.
                    """,
                    responses: htmlPage(200, "Unsubscribed.")
                )
            )),
        ]
    }

    /// The answers of the unsubscribe link: HTML pages, `ok` or that the token is not valid.
    private static func htmlPage(_ status: Int, _ description: String) -> OpenAPI.Response.Map {
        let page: OpenAPI.Content.Map = [.html: content(.string)]
        return [
            .status(code: status): .response(.init(description: description, content: page)),
            404: .response(.init(description: "The token is not valid.", content: page)),
        ]
    }
}
