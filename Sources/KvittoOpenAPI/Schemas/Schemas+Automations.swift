import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Automations.
    static var automationSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "AutomationTrigger": .object(
                required: [],
                description: """
                    What makes a contact enter, exactly one of: an event type (with an optional JMESPath `filter` \
                    over the event envelope, e.g. `origin == 'pos'`), a tag added to the contact (from `POST \
                    /v1/contacts/{id}/tags`, a contact upsert or an order's customer), N days after each new order \
                    (thank-you, retention), or N days without an order (winback: each new order cancels the waiting \
                    run and starts the count again). Events imported by a backfill start nothing unless the backfill \
                    asked for it.
                    """,
                properties: [
                    "event_type": .ref("EventType"),
                    "filter": .string(maxLength: 4096),
                    "tag": .string(maxLength: 200),
                    "days_after_order": .integer(atLeast: 1, atMost: 3650),
                    "days_without_order": .integer(atLeast: 1, atMost: 3650),
                ],
                additionalProperties: .boolean(false),
                examples: .json(
                    ["event_type": "order.received"],
                    ["tag": "OrderCompleted"],
                    ["days_after_order": 30],
                    ["days_without_order": 90],
                    ["event_type": "order.received", "filter": "origin == 'pos'"],
                )
            ),
            "AutomationStep": .oneOf(
                [
                    step(["email", "sms"], required: "template_id", ["active": .boolean(defaultValue: true)]),
                    step(["wait"], required: "duration", examples: ["P2D", "PT30M", "P1W"]),
                    step(["add_tag", "remove_tag"], required: "tag"),
                    step(["postback"], required: "trigger_id"),
                ],
                description: """
                    One step: `email` or `sms` (a template of that kind; `active` false skips the step), `wait` (an \
                    ISO 8601 duration in weeks, days, hours, minutes or seconds: `P2D`, `PT30M`), `add_tag` or \
                    `remove_tag`, `postback` (the run's event to a trigger). Marketing templates go only to contacts \
                    with `consent` true who are not blacklisted and did not unsubscribe; transactional ones \
                    (confirmations, receipts) always go. A skipped step is in the run's log with the reason.
                    """
            ),
            "AutomationInput": .object(
                required: [],
                description: """
                    An automation as `POST /v1/automations` (where `name`, `trigger` and `steps` are required) and \
                    `PATCH /v1/automations/{id}` (absent members are kept; `steps` replaces the list) take it.
                    """,
                properties: [
                    "name": .string(maxLength: 200),
                    "active": .boolean(description: "Switching an automation off cancels its waiting runs.", defaultValue: true),
                    "trigger": .ref("AutomationTrigger"),
                    "steps": .array(minItems: 1, maxItems: 50, items: .ref("AutomationStep")),
                ],
                additionalProperties: .boolean(false), examples: .json(Examples.automationInput)
            ),
            "Automation": .object(
                required: ["id", "name", "active", "trigger", "steps", "created_at", "updated_at"],
                description: "An automation (SPEC §6).",
                properties: [
                    "id": .string,
                    "name": .string,
                    "active": .boolean,
                    "trigger": .ref("AutomationTrigger"),
                    "steps": .array(items: .ref("AutomationStep")),
                    "created_at": .timestamp,
                    "updated_at": .timestamp,
                ],
                examples: .json(Examples.automation)
            ),
            "AutomationRun": .object(
                required: [
                    "id", "automation_id", "contact_id", "event_id", "status", "next_step", "due_at", "log",
                    "created_at", "updated_at",
                ],
                description: """
                    One contact's walk through an automation, started by one event (once per automation and event, \
                    however often the event is processed). Steps that only queue something run in the event's own \
                    transaction; waits and tag steps are stored and moved on by the scheduler, so they survive \
                    restarts.
                    """,
                properties: [
                    "id": .string(examples: ["run_01JDR0D1E2F3G4H5J6K7M8N9P0"]),
                    "automation_id": .string,
                    "contact_id": .string(nullable: true),
                    "event_id": .string,
                    "status": .enumeration(AutomationRun.Status.self),
                    "next_step": .integer(atLeast: 0, description: "The index of the step to run when due."),
                    "due_at": .nullableTimestamp(description: "When a waiting run goes on; null once completed or cancelled."),
                    "log": .array(
                        items: .object(
                            required: ["at", "step", "outcome", "delivery_id"],
                            properties: [
                                "at": .timestamp,
                                "step": .integer,
                                "outcome": .string(examples: [
                                    "queued email to anna@example.se", "skipped: the contact did not consent to marketing",
                                    "cancelled: the contact ordered again",
                                ]),
                                "delivery_id": .string(nullable: true),
                            ]
                        )
                    ),
                    "created_at": .timestamp,
                    "updated_at": .timestamp,
                ]
            ),
        ]
    }

    /// Lists.
    static var listSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "ContactList": .object(
                required: ["id", "name", "created_at", "updated_at"],
                description: "A named list of contacts. A contact may be in several lists, or in none.",
                properties: [
                    "id": .string(examples: ["lst_01JDR1A1B2C3D4E5F6G7H8J9K0"]),
                    "name": .string,
                    "created_at": .timestamp,
                    "updated_at": .timestamp,
                ]
            ),
            "ListInput": .object(
                required: ["name"], properties: ["name": .string(maxLength: 200)],
                additionalProperties: .boolean(false), examples: .json(["name": "VIP"])
            ),
            "ContactIDs": .object(
                required: ["contact_ids"], properties: ["contact_ids": .array(maxItems: 1000, items: .string)],
                additionalProperties: .boolean(false), examples: .json(["contact_ids": ["con_01JBZ8W3Q0K9X2T4V6M8N0P2R4"]])
            ),
            "BulkContactAction": .object(
                required: ["filter", "action"],
                description: """
                    An action over every contact the filter selects: those of a list, or of no list (`"list": \
                    "none"`: contacts synced with their orders that nobody sorted yet), with a tag, in an engagement \
                    segment; every member given must match, and at least one is needed. `move` puts them in `list_id` \
                    (and out of the filter's list); `delete` erases them as `DELETE /v1/contacts/{id}` does; \
                    `blacklist` blacklists them and puts their addresses on the suppression list. Works 500 contacts \
                    per transaction.
                    """,
                properties: [
                    "filter": .object(
                        required: [],
                        properties: [
                            "list": .string(examples: ["none"]),
                            "tag": .string(description: "Contacts with this tag (exactly as stored)."),
                            "segment": .enumeration(
                                EngagementSegment.self,
                                description: "Contacts in this engagement segment (the last recompute's)."
                            ),
                        ],
                        additionalProperties: .boolean(false), minProperties: 1
                    ),
                    "action": .enumeration(["move", "delete", "blacklist"]),
                    "list_id": .string(description: "The list to move to (required for `move`)."),
                ],
                additionalProperties: .boolean(false),
                examples: .json(["filter": ["list": "none"], "action": "move", "list_id": "lst_01JDR1A1B2C3D4E5F6G7H8J9K0"])
            ),
            "BulkContactResult": .object(required: ["action", "selected"], properties: ["action": .string, "selected": .integer(atLeast: 0)]),
        ]
    }

    /// The steps of one or more `type`s: their one required member (a non-empty string of at most 200
    /// characters, or a duration of at most 40), and nothing else but `extra`.
    private static func step(_ types: [String], required member: String, _ extra: OrderedDictionary<String, JSONSchema> = [:],
                             examples: [AnyCodable] = []) -> JSONSchema {
        var properties: OrderedDictionary<String, JSONSchema> = [
            "type": .enumeration(types),
            member: .string(minLength: 1, maxLength: member == "duration" ? 40 : 200, examples: examples),
        ]
        for (name, schema) in extra { properties[name] = schema }
        return .object(required: ["type", member], properties: properties, additionalProperties: .boolean(false))
    }
}
