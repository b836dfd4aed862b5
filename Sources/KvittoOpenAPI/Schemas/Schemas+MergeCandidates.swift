import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Merge candidates.
    static var mergeCandidateSchemas: OpenAPI.ComponentDictionary<JSONSchema> {
        [
            "MergeCandidate": .object(
                required: ["id", "status", "contact_ids", "email", "phone", "created_at", "resolved_at", "kept_contact_id"],
                description: "Two contacts that may be one person.",
                properties: [
                    "id": .string(examples: ["mrg_01JDQ8ZM4N6P8Q0R2S4T6V8W0Y"]),
                    "status": .enumeration(MergeCandidate.Status.self),
                    "contact_ids": .array(
                        description: "The two contacts; the first is the one the identity priority chose, kept by default.",
                        minItems: 2, maxItems: 2, items: .string
                    ),
                    "email": .string(description: "The e-mail (normalised) that came in with the phone."),
                    "phone": .string(description: "The phone (E.164) that came in with the e-mail."),
                    "created_at": .timestamp,
                    "resolved_at": .orNull(.timestamp),
                    "kept_contact_id": .orNull(.string(description: "After a merge: the contact that was kept.")),
                ]
            ),
            "MergeRequest": .object(
                required: [], properties: ["keep": .string(description: "The contact to keep: one of the candidate's `contact_ids`.")],
                additionalProperties: .boolean(false), examples: .json(["keep": "con_01JBZ8W3Q0K9X2T4V6M8N0P2R4"])
            ),
            "MergeCandidatePage": page(of: "MergeCandidate", "Merge candidates, newest first."),
        ]
    }
}
