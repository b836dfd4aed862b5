import Foundation
import KvittoCore
import KvittoStorage

/// What `GET /ready` checks: that the database answers, and that the background services this process
/// runs (by its role) are running. Migrations need no check of their own: the server serves only once the
/// store has opened the database and migrated it. A load balancer sends traffic to a ready process only,
/// and stops as soon as a stopping one's services end.
public struct Readiness: Sendable {
    /// The background services that must be running, as `runningServices` names them.
    public var expectedServices: [String]
    public var runningServices: @Sendable () -> [String]
    /// How long the database may take to answer before the process counts as not ready.
    public var databaseTimeLimit: Duration

    public init(expectedServices: [String] = [], runningServices: @escaping @Sendable () -> [String] = { [] },
                databaseTimeLimit: Duration = .seconds(2)) {
        self.expectedServices = expectedServices; self.runningServices = runningServices; self.databaseTimeLimit = databaseTimeLimit
    }

    /// The answer's body, and whether every check passed.
    public func check(_ store: any KvittoStore) async -> (ready: Bool, body: JSONValue) {
        let database = await Self.databaseAnswers(store, within: databaseTimeLimit)
        let running = Set(runningServices())
        var services = JSONObject()
        for name in expectedServices { services[name] = .string(running.contains(name) ? "running" : "not running") }
        let ready = database == nil && expectedServices.allSatisfy(running.contains)
        return (ready, [
            "status": .string(ready ? "ready" : "not ready"),
            "database": .string(database ?? "ok"),
            "migrations": "done",
            "services": .object(services),
        ])
    }

    /// nil when a read of the database came back in time; otherwise what went wrong. A read that does not
    /// come back (a database that does not answer) is left to its own time-outs: the probe answers anyway.
    static func databaseAnswers(_ store: any KvittoStore, within limit: Duration) async -> String? {
        do {
            return try await abandoning(after: limit, answering: { "no answer within \(limit.components.seconds) s" }) {
                _ = try await store.read { r in try r.account("acc_readiness_check") }
                return nil
            }
        } catch {
            return "unreachable: \(error)"
        }
    }
}
