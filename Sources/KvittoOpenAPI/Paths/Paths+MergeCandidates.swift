import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// Merge candidates.
    static var mergeCandidatePaths: OpenAPI.PathItem.Map {
        [
            "/v1/merge-candidates": .pathItem(.init(
                get: operation(
                    "listMergeCandidates", "List merge candidates", scope: .read, tag: .contacts,
                    """
                    Pairs of contacts that may be one person, newest first: an order or contact came in with an \
                    e-mail that belongs to one contact and a phone that belongs to another. The contact the \
                    account's identity priority chose kept the input; nothing was merged. One candidate per pair: \
                    a pair that conflicts again keeps its candidate (a dismissed pair stays dismissed).
                    """,
                    ok: [.json(200, "A page of merge candidates.", "MergeCandidatePage")], errors: .of(.auth, 422),
                    parameters: [
                        .query("status", .enumeration(MergeCandidate.Status.self), description: "Only candidates in this status."),
                        .component("Limit"), .component("Cursor"),
                    ]
                )
            )),
            "/v1/merge-candidates/{id}": .pathItem(.init(
                parameters: [.component("MergeCandidateID")],
                get: operation(
                    "getMergeCandidate", "Get a merge candidate", scope: .read, tag: .contacts,
                    ok: [.json(200, "The merge candidate.", "MergeCandidate")], errors: .of(.auth, 404)
                )
            )),
            "/v1/merge-candidates/{id}/merge": .pathItem(.init(
                parameters: [.component("MergeCandidateID")],
                post: operation(
                    "mergeContacts", "Merge the two contacts", scope: .admin, tag: .contacts,
                    """
                    Makes the two contacts one. The kept contact (`keep`, by default the first of `contact_ids`) \
                    gets the other's orders, timeline, lists and bonus checks, the tags and custom fields it \
                    lacks, the e-mail, phone, name and address it lacks, and the stricter marketing state (blacklisted \
                    or unsubscribed if either was). The other contact is removed, and `contact.merged` is emitted \
                    with the kept contact and `merged_contact_id`. Other candidates that named the removed contact \
                    name the kept one afterwards. 409 when the candidate is merged or dismissed already.
                    """,
                    ok: [.json(200, "The merge candidate, merged.", "MergeCandidate")], errors: .of(.body, .auth, 404, 409),
                    body: .json("MergeRequest", required: false)
                )
            )),
            "/v1/merge-candidates/{id}/dismiss": .pathItem(.init(
                parameters: [.component("MergeCandidateID")],
                post: operation(
                    "dismissMergeCandidate", "Dismiss a merge candidate", scope: .admin, tag: .contacts,
                    """
                    The two contacts are different people: both stay as they are, and the pair is not proposed \
                    again. 409 when the candidate is merged or dismissed already.
                    """,
                    ok: [.json(200, "The merge candidate, dismissed.", "MergeCandidate")], errors: .of(.auth, 404, 409)
                )
            )),
        ]
    }
}
