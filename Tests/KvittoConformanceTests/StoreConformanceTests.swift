import Foundation
import KvittoConformance
import KvittoPostgres
import KvittoSQLite
import KvittoStorage
import Logging
import PostgresNIO
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
        // A database of its own per case: the delivery queue is shared by all accounts of a database, so
        // cases running in parallel in one database would claim each other's deliveries.
        try await ScratchDatabase.withStore(serverURL: url, readers: 2, writers: 3) { store, _ in try await behaviour.run(store) }
    }
}

/// A throwaway database on the test server, named after a UUID.
struct ScratchDatabase {
    let url: String
    let name: String
    let server: PostgresStore.Location

    static func create(serverURL: String) async throws -> ScratchDatabase {
        let server = try PostgresStore.Location(url: serverURL)
        let name = "kvitto_case_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await admin(server) { try await $0.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"), logger: $1) }
        var components = URLComponents(string: serverURL)!
        components.path = "/" + name
        return ScratchDatabase(url: components.string!, name: name, server: server)
    }

    /// Runs `body` on a store over a database of its own, and drops the database after, whatever happens.
    static func withStore(serverURL: String, readers: Int, writers: Int,
                          _ body: (PostgresStore, ScratchDatabase) async throws -> Void) async throws {
        let database = try await ScratchDatabase.create(serverURL: serverURL)
        let store = try await PostgresStore.connect(url: database.url, readers: readers, writers: writers)
        do {
            try await body(store, database)
        } catch {
            try await store.close()
            try await database.drop()
            throw error
        }
        try await store.close()
        try await database.drop()
    }

    func drop() async throws {
        try await Self.admin(server) { try await $0.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name)"), logger: $1) }
    }

    static func admin(_ server: PostgresStore.Location, _ body: (PostgresConnection, Logger) async throws -> Void) async throws {
        let logger = Logger(label: "kvitto.tests")
        let connection = try await PostgresConnection.connect(
            configuration: .init(host: server.host, port: server.port, username: server.username, password: server.password,
                                 database: server.database, tls: .disable), id: 1, logger: logger)
        do { try await body(connection, logger) } catch { try? await connection.close(); throw error }
        try await connection.close()
    }
}
