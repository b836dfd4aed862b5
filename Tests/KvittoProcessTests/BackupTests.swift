import AsyncHTTPClient
import Foundation
import KvittoCore
import KvittoTestSupport
import NIOHTTP1
import Synchronization
import Testing

/// `kvitto backup` of a SQLite database a server is writing to: the copy opens in a new server (its key file
/// beside it) and holds every order acknowledged before the backup began.
@Suite("Process: backup")
struct BackupTests {
    /// The ids of the orders the server acknowledged (201), shared with the task that posts them.
    final class Acknowledged: Sendable {
        let ids = Mutex<[String]>([])
    }

    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func aBackupTakenUnderWritesHoldsEveryOrderAcknowledgedBeforeIt() async throws {
        let binary = try #require(kvittoBinary)
        let (database, cleanup) = LifecycleTests.scratchSQLite("backup")
        defer { cleanup() }
        let copy = String(database.dropFirst("sqlite:".count)) + ".copy"
        defer { for suffix in ["", "-wal", "-shm", ".key", ".lock"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
        let key = try await KvittoProcess.createAccount(binary, database: database, name: "Backup")
        let server = try KvittoProcess(binary: binary, database: database)
        let acknowledged = Acknowledged()
        var beforeBackup: [String] = []
        try await KvittoProcess.withClient(stopping: [server]) { client in
            try await server.start(client: client)
            // Orders keep arriving, four at a time, from before the backup until after it.
            let writing = Task { [acknowledged] in
                var n = 0
                while !Task.isCancelled {
                    try await withThrowingTaskGroup(of: String?.self) { group in
                        for _ in 0..<4 {
                            n += 1
                            let number = n
                            group.addTask {
                                let order = try await client.json(.POST, server.baseURL + "/v1/orders", key: key, body: """
                                    {"external_id": "B\(number)", "currency": "SEK", "customer": {"email": "kund\(number % 50)@example.se"},
                                     "lines": [{"sku": "A", "name": "A", "quantity": 1, "unit_price": "10.00"}]}
                                    """)
                                return order.status == 201 ? order.json["id"]?.stringValue : nil
                            }
                        }
                        for try await id in group { if let id { acknowledged.ids.withLock { $0.append(id) } } }
                    }
                }
            }
            while acknowledged.ids.withLock({ $0.count }) < 200 { try await Task.sleep(for: .milliseconds(20)) }
            beforeBackup = acknowledged.ids.withLock { $0 }
            let backup = try await ChildProcess.outcome(binary, ["backup", "--database", database, "--to", copy])
            #expect(backup.exitCode == 0, "\(backup.errors)")
            try await Task.sleep(for: .milliseconds(300))
            writing.cancel()
            _ = try? await writing.value
            #expect(acknowledged.ids.withLock { $0.count } > beforeBackup.count, "writes went on during and after the backup")
            let again = try await ChildProcess.outcome(binary, ["backup", "--database", database, "--to", copy])
            #expect(again.exitCode != 0 && again.errors.contains("exists"), "an existing file is never overwritten: \(again.errors)")
        }
        #expect(FileManager.default.fileExists(atPath: copy + ".key"), "the key file goes with the copy")
        let restored = try KvittoProcess(binary: binary, database: "sqlite:" + copy)
        try await KvittoProcess.withClient(stopping: [restored]) { client in
            try await restored.start(client: client)
            var found: Set<String> = []
            var cursor: String?
            repeat {
                let page = try await client.json(.GET, restored.baseURL + "/v1/orders?limit=500" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
                found.formUnion(page.json["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
                cursor = page.json["next_cursor"]?.stringValue
            } while cursor != nil
            let missing = beforeBackup.filter { !found.contains($0) }
            #expect(missing.isEmpty, "every order acknowledged before the backup is in the copy; missing \(missing.count) of \(beforeBackup.count)")
            let settings = try await client.json(.GET, restored.baseURL + "/v1/settings", key: key)
            #expect(settings.status == 200, "the copy's key (and so its sealed secrets) opens")
        }
    }
}
