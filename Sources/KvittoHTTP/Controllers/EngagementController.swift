import Hummingbird
import KvittoCore
import KvittoStorage
import Synchronization

/// Engagement: when the weekly recompute runs next, what the last one found, and a recompute on demand.
struct EngagementController {
    let services: KvittoServices
    /// Accounts recomputing on demand in this process: a second request waits for nothing and gets a 409.
    static let running = Mutex<Set<String>>([])

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.get("engagement", .read, show)
        group.post("engagement/recompute", .admin, recompute)
    }

    func show(_ call: APICall) async throws -> JSONValue {
        let job = try await services.store.read { r in try r.scheduledJob(account: call.account.id, job: Engagement.job) }
        return ["next_run_at": .string(job.map { Timestamp.format($0.dueAt) }), "last_run": job?.state["last_run"] ?? .null]
    }

    /// Runs at once and answers when done (about a minute for a million contacts), with what it did.
    func recompute(_ call: APICall) async throws -> JSONValue {
        let account = call.account
        guard Self.running.withLock({ $0.insert(account.id).inserted }) else {
            throw KvittoError(code: .conflict, detail: "engagement is being recomputed for this account already")
        }
        defer { _ = Self.running.withLock { $0.remove(account.id) } }
        let run = try await Engagement.recomputeNow(account: account, store: services.store, now: services.clock.now())
        services.deliveriesQueued()
        return run.json
    }
}
