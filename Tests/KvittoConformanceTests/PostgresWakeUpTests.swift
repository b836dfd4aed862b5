import Foundation
import KvittoCore
import KvittoPostgres
import KvittoStorage
import Synchronization
import Testing

@Suite("PostgreSQL: delivery wake-ups across processes")
struct PostgresWakeUpTests {
    /// Two stores on one database stand for two processes: a delivery committed through one wakes the
    /// worker listening through the other (LISTEN/NOTIFY), without waiting for a poll. (That each store's
    /// own commits wake its own workers once, not twice, is a case of the storage conformance suite.)
    @Test(.enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"))
    func aDeliveryCommittedInOneProcessWakesTheWorkerOfAnother() async throws {
        let url = try #require(postgresURL)
        let database = try await ScratchDatabase.create(serverURL: url)
        let writer = try await PostgresStore.connect(url: database.url, readers: 1)
        let listener = try await PostgresStore.connect(url: database.url, readers: 1)
        let wakes = Atomic<Int>(0)
        let watching = Task { try await listener.watchDueDeliveries { wakes.add(1, ordering: .relaxed) } }
        do {
            let account = try await writer.write { w in try Accounts.create(name: "N", currency: "SEK", country: "SE", in: w, now: Date()).account }
            // A commit made before the listener is listening goes unheard (that worker would find it by polling),
            // so deliveries are committed until one is heard, for at most five seconds.
            for _ in 0..<25 where wakes.load(ordering: .relaxed) == 0 {
                try await writer.write { w in
                    try w.insertDelivery(Delivery(id: KvittoID.make(.delivery, at: Date()), accountID: account.id, triggerID: "trg_x",
                                                  eventID: "evt_x", eventType: .orderReceived, createdAt: Date()))
                }
                for _ in 0..<10 where wakes.load(ordering: .relaxed) == 0 { try await Task.sleep(for: .milliseconds(20)) }
            }
            #expect(wakes.load(ordering: .relaxed) >= 1, "a commit woke the other process's worker")
            try await Task.sleep(for: .milliseconds(300))
            // A transaction that queues nothing sends nothing.
            let quiet = wakes.load(ordering: .relaxed)
            try await writer.write { w in _ = try Accounts.create(name: "M", currency: "SEK", country: "SE", in: w, now: Date()) }
            try await Task.sleep(for: .milliseconds(500))
            #expect(wakes.load(ordering: .relaxed) == quiet, "no deliveries, no wake-up")
        } catch {
            watching.cancel()
            try? await writer.close(); try? await listener.close()
            try? await database.drop()
            throw error
        }
        watching.cancel()
        _ = await watching.result
        try await writer.close()
        try await listener.close()
        try await database.drop()
    }
}
