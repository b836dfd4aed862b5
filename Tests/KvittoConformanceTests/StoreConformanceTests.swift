import Foundation
import KvittoConformance
import KvittoPostgres
import KvittoSQLite
import KvittoStorage
import Testing

/// The PostgreSQL run needs the throwaway cluster `scripts/test` starts; under CI its absence is a failure.
let postgresURL = ProcessInfo.processInfo.environment["KVITTO_TEST_POSTGRES_URL"]
let runningInCI = ProcessInfo.processInfo.environment["CI"] == "true"

@Suite("Storage conformance")
struct StoreConformanceTests {
    @Test("memory", arguments: StoreConformance.all)
    func memory(_ behaviour: ConformanceCase) async throws {
        try await behaviour.run(MemoryStore())
    }

    @Test("SQLite file", arguments: StoreConformance.all)
    func sqlite(_ behaviour: ConformanceCase) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-conformance-\(UUID().uuidString).sqlite").path
        let store = try SQLiteStore(path: path)
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        try await behaviour.run(store)
        try await store.close()
    }

    @Test("PostgreSQL", .enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"),
          arguments: StoreConformance.all)
    func postgres(_ behaviour: ConformanceCase) async throws {
        let url = try #require(postgresURL, "CI must run the PostgreSQL conformance suite: KVITTO_TEST_POSTGRES_URL is not set")
        let store = try await PostgresStore.connect(url: url, readers: 2)
        do {
            try await behaviour.run(store)
        } catch {
            try await store.close()
            throw error
        }
        try await store.close()
    }
}
