import Foundation
import HTTPTypes
import KvittoCore
import KvittoHTTP
import KvittoSQLite
import KvittoStorage
import Testing

@Suite("HTTP: readiness")
struct ReadinessTests {
    @Test func aServingProcessIsReadyOnceItsBackgroundServicesRun() async throws {
        let harness = try APIHarness()
        try await harness.run { api in
            // The background services start beside the server: ready within a few seconds, not necessarily at once.
            var answer = try await api.call(.get, "/ready", key: nil)
            for _ in 0..<50 where answer.status != .ok {
                try await Task.sleep(for: .milliseconds(100))
                answer = try await api.call(.get, "/ready", key: nil)
            }
            #expect(answer.status == .ok, "\(answer.text)")
            #expect(answer.json["status"] == "ready" && answer.json["database"] == "ok" && answer.json["migrations"] == "done")
            let services = try #require(answer.json["services"]?.objectValue)
            #expect(services["DeliveryWorker"] == "running" && services["StoreService"] == "running", "\(answer.text)")
            #expect(services.allSatisfy { $0.value == "running" })
        }
    }

    @Test func aServiceNotRunningOrADatabaseThatDoesNotAnswerIsNotReady() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-ready-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        // A minute for the database: a loaded test machine once took more than the 2 s a probe allows.
        let readiness = Readiness(expectedServices: ["DeliveryWorker", "InboxProcessor"], runningServices: { ["DeliveryWorker"] },
                                  databaseTimeLimit: .seconds(60))
        let missing = await readiness.check(store)
        #expect(!missing.ready && missing.body["status"] == "not ready")
        #expect(missing.body["services"]?["InboxProcessor"] == "not running" && missing.body["database"] == "ok")

        let allRunning = Readiness(expectedServices: ["DeliveryWorker"], runningServices: { ["DeliveryWorker"] },
                                   databaseTimeLimit: .seconds(60))
        #expect(await allRunning.check(store).ready)
        try await store.close()
        let closed = await allRunning.check(store)
        #expect(!closed.ready, "\(closed.body)")
        #expect(closed.body["database"]?.stringValue?.hasPrefix("unreachable") == true, "\(closed.body)")
    }
}
