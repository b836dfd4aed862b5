import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// The pages lists answer with, and the few other answers that fit nowhere else.
    static var pageSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "ContactPage": page(of: "Contact", "A page of contacts."),
            "BackfillPage": page(of: "Backfill", "A page of one connection's backfills, newest first."),
            "OrderPage": page(of: "Order", "A page of orders."),
            "ProductPage": page(of: "Product", "A page of products."),
            "CategoryPage": page(of: "Category", "Every category of the account (`next_cursor` is always null)."),
            "RejectionPage": page(of: "Rejection", "A page of rejected inputs."),
            "APIKeyPage": page(of: "APIKey", "Every key of the account (`next_cursor` is always null)."),
            "TemplatePage": page(of: "Template", "A page of templates, newest first."),
            "TriggerPage": page(of: "Trigger", "A page of triggers, newest first."),
            "ContactListPage": page(of: "ContactList", "Every list of the account, by name (`next_cursor` is always null)."),
            "AutomationPage": page(of: "Automation", "A page of automations, newest first."),
            "AutomationRunPage": page(of: "AutomationRun", "A page of an automation's runs, newest first."),
            "DeliveryPage": page(of: "DeliveryDetail", "A page of deliveries with their attempts, newest first."),
            "ConnectionPage": page(of: "Connection", "A page of connections, newest first."),
            "InboxPage": page(of: "InboxItem", "A page of one connection's webhook deliveries of the last 14 days, newest first."),
            "EventPage": .object(
                required: ["items", "next_after"],
                properties: [
                    "items": .array(description: "Oldest first.", items: .ref("Event")),
                    "next_after": .integer(
                        atLeast: 0,
                        description: """
                            The sequence of the last event returned (or the `after` given, when none were): pass it \
                            as `after` to continue.
                            """
                    ),
                ]
            ),
            "Health": .object(required: ["status"], properties: ["status": .string(allowedValues: ["ok"])]),
            "Readiness": .object(
                required: ["status", "database", "migrations", "services"],
                properties: [
                    "status": .string(allowedValues: ["ready", "not ready"]),
                    "database": .string(description: "`ok`, or why not (`unreachable: …`, `no answer within 2 s`)."),
                    "migrations": .string(allowedValues: ["done"]),
                    "services": .object(
                        description: "Each background service of the process: `running` or `not running`.",
                        additionalProperties: .schema(.string(allowedValues: ["running", "not running"]))
                    ),
                ],
                examples: .json([
                    "status": "ready", "database": "ok", "migrations": "done",
                    "services": ["StoreService": "running", "DeliveryWorker": "running", "AutomationScheduler": "running"],
                ])
            ),
        ]
    }

    /// `{"items": [...], "next_cursor": "…" | null}`: a page of a list.
    static func page(of item: String, _ description: String) -> JSONSchema {
        .object(
            required: ["items", "next_cursor"], description: description,
            properties: [
                "items": .array(items: .ref(item)),
                "next_cursor": .string(nullable: true, description: "Pass as `cursor` for the next page; null when there is no more."),
            ]
        )
    }
}
