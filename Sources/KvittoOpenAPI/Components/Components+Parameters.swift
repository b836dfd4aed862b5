import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// The parameters operations share: paging, and the ids in paths.
    static var parameters: OpenAPI.ComponentDictionary<OpenAPI.Parameter> {
        [
            "Limit": .query(
                "limit",
                .integer(atLeast: 1, atMost: 500, default: 50),
                description: "Page size, 1–500 (another value is a 422 naming `/limit`)."
            ),
            "Cursor": .query("cursor", .string, description: "The `next_cursor` of the previous page."),
            "ContactID": .path("id", .string, description: "A contact id (`con_…`).", example: "con_01JBZ8W3Q0K9X2T4V6M8N0P2R4"),
            "OrderID": .path("id", .string, description: "An order id (`ord_…`).", example: "ord_01JBZ8W3Q1A2B3C4D5E6F7G8H9"),
            "APIKeyID": .path("id", .string, description: "An API key id (`key_…`).", example: "key_01JBZ8W3Q2E3F4G5H6J7K8M9N0"),
            "TemplateID": .path("id", .string, description: "A template id (`tpl_…`).", example: "tpl_01JBZ9B4C5D6E7F8G9H0J1K2M3"),
            "TriggerID": .path("id", .string, description: "A trigger id (`trg_…`).", example: "trg_01JBZ9C5D6E7F8G9H0J1K2M3N4"),
            "MergeCandidateID": .path(
                "id", .string, description: "A merge candidate id (`mrg_…`).", example: "mrg_01JDQ8ZM4N6P8Q0R2S4T6V8W0Y"
            ),
            "ListID": .path("id", .string, description: "A list id (`lst_…`).", example: "lst_01JDR1A1B2C3D4E5F6G7H8J9K0"),
            "AutomationID": .path("id", .string, description: "An automation id (`aut_…`).", example: "aut_01JDR0A1B2C3D4E5F6G7H8J9K0"),
            "DeliveryID": .path("id", .string, description: "A delivery id (`dlv_…`).", example: "dlv_01JDQ8ZK5A7B2C4D6E8F1G3H5J"),
            "ConnectionID": .path("id", .string, description: "A connection id (`cnx_…`).", example: .string(Examples.connectionID)),
            "BackfillID": .path("id", .string, description: "A backfill id (`job_…`).", example: "job_01JDR2K8M4P6T9W3Y5B7D1F3H5"),
            "HookConnection": .path(
                "connection",
                .string,
                description: """
                    The connection id (`cnx_…`) from the connection's `webhook.url`; it must be a connection of this \
                    platform (404 otherwise).
                    """,
                example: .string(Examples.connectionID)
            ),
            "POSCustomerID": .path("id", .string, description: "A customer id (`con_…`)."),
        ]
    }
}

extension OpenAPI.Parameter {
    static func query(
        _ name: String, required: Bool = false, _ schema: JSONSchema, description: String? = nil, example: JSONValue? = nil
    ) -> OpenAPI.Parameter {
        .query(name: name, required: required, schemaOrContent: .schema(.init(schema, style: .form, example: example?.anyCodable)),
               description: description)
    }

    static func header(
        _ name: String, required: Bool = false, _ schema: JSONSchema, description: String? = nil, example: JSONValue? = nil
    ) -> OpenAPI.Parameter {
        .header(name: name, required: required, schemaOrContent: .schema(.init(schema, style: .simple, example: example?.anyCodable)),
                description: description)
    }

    static func path(_ name: String, _ schema: JSONSchema, description: String? = nil, example: JSONValue? = nil) -> OpenAPI.Parameter {
        .path(name: name, schemaOrContent: .schema(.init(schema, style: .simple, example: example?.anyCodable)), description: description)
    }
}
