import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// Merge candidates: contacts that may be one person, listed for someone to merge or dismiss.
struct MergeCandidatesController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.get("merge-candidates", .read, list)
        group.get("merge-candidates/{id}", .read) { call in
            try await services.one(call, "merge candidate") { try $0.mergeCandidate(account: $1, id: $2) }.json
        }
        group.post("merge-candidates/{id}/merge", .admin, merge)
        group.post("merge-candidates/{id}/dismiss", .admin, dismiss)
    }

    func list(_ call: APICall) async throws -> Page {
        var status: MergeCandidate.Status?
        if let given = call.query("status") {
            guard let known = MergeCandidate.Status(rawValue: given) else {
                throw KvittoError.invalid([FieldError("/status", "must be one of " + MergeCandidate.Status.allCases.map(\.rawValue).joined(separator: ", "))])
            }
            status = known
        }
        return try await services.page(call) { [status] in try $0.mergeCandidates(account: $1, status: status, page: $2) }
    }

    /// `{"keep": "con_…"}`, optional: which of the two contacts stays (by default the first of `contact_ids`).
    func merge(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        let keep = try ObjectReader.decode(try await call.optionalBody() ?? [:]) { r -> String?? in .some(r.string("keep")) }
        let (account, now) = (call.account, services.clock.now())
        let merged = try await services.store.write { w in
            try MergeCandidates.merge(id: id, keep: keep, account: account, origin: .api, in: w, now: now)
        }
        services.deliveriesQueued()
        return merged.json
    }

    func dismiss(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        let (account, now) = (call.account.id, services.clock.now())
        return try await services.store.write { w in try MergeCandidates.dismiss(id: id, account: account, in: w, now: now) }.json
    }
}
