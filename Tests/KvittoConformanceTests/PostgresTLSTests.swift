import Foundation
import KvittoCore
@testable import KvittoPostgres
import KvittoStorage
import Logging
import PostgresNIO
import Testing

/// The root the throwaway cluster's certificate chains to; `scripts/test` starts that cluster with TLS.
let postgresCA = ProcessInfo.processInfo.environment["KVITTO_TEST_POSTGRES_CA"]

@Suite("PostgreSQL: TLS to the database")
struct PostgresTLSTests {
    /// The test server's URL with another host and these query parameters.
    static func url(host: String = "127.0.0.1", _ query: String) throws -> String {
        let server = try #require(postgresURL)
        var components = try #require(URLComponents(string: server))
        components.host = host
        components.percentEncodedQuery = query
        return try #require(components.string)
    }

    /// Whether the server says the connection `url` describes is encrypted.
    static func encrypted(_ url: String) async throws -> Bool {
        let location = try PostgresStore.Location(url: url)
        let logger = Logger(label: "kvitto.tests")
        let connection = try await PostgresConnection.connect(configuration: location.configuration, id: 1, logger: logger)
        defer { Task { try? await connection.close() } }
        let rows = try await connection.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: logger)
        for try await (ssl) in rows.decode(Bool.self) { return ssl }
        throw StoreError.backend("pg_stat_ssl has no row for this connection")
    }

    @Test(.enabled(if: postgresCA != nil || runningInCI, "KVITTO_TEST_POSTGRES_CA is not set (scripts/test starts the cluster with TLS)"))
    func sslModesEncryptAndVerifyAsLibpqDoes() async throws {
        let ca = try #require(postgresCA, "CI must test TLS: KVITTO_TEST_POSTGRES_CA is not set")
        #expect(try await Self.encrypted(Self.url("sslmode=require")), "require encrypts")
        #expect(try await Self.encrypted(Self.url("sslmode=prefer")), "prefer encrypts when the server offers TLS")
        #expect(try await !Self.encrypted(Self.url("sslmode=disable")), "disable does not")
        #expect(try await Self.encrypted(Self.url(host: "localhost", "sslmode=verify-full&sslrootcert=\(ca)")),
                "verify-full accepts a certificate for the host name, signed by the given root")
        #expect(try await Self.encrypted(Self.url("sslmode=verify-ca&sslrootcert=\(ca)")), "verify-ca accepts the root")

        // The certificate chains to a root the system does not trust: verifying against the system's roots fails.
        await #expect(throws: (any Error).self, "verify-full without the cluster's root refuses the certificate") {
            _ = try await Self.encrypted(Self.url(host: "localhost", "sslmode=verify-full"))
        }
        #expect(throws: StoreError.self, "an unknown sslmode is refused before connecting") {
            _ = try PostgresStore.Location(url: Self.url("sslmode=sometimes"))
        }
        #expect(throws: StoreError.self, "an unreadable sslrootcert is refused before connecting") {
            _ = try PostgresStore.Location(url: Self.url("sslmode=verify-full&sslrootcert=/nonexistent/ca.crt"))
        }
    }

    /// The whole store (readers, writers, the migration) works over verified TLS.
    @Test(.enabled(if: postgresCA != nil || runningInCI, "KVITTO_TEST_POSTGRES_CA is not set (scripts/test starts the cluster with TLS)"))
    func theStoreWritesAndReadsOverVerifiedTLS() async throws {
        let ca = try #require(postgresCA)
        let server = try #require(postgresURL)
        let database = try await ScratchDatabase.create(serverURL: server)
        var components = try #require(URLComponents(string: database.url))
        components.host = "localhost"
        components.percentEncodedQuery = "sslmode=verify-full&sslrootcert=\(ca)"
        let url = try #require(components.string)
        let store = try await PostgresStore.connect(url: url, readers: 1, writers: 1)
        do {
            let account = try await store.write { w in try Accounts.create(name: "TLS", currency: "SEK", country: "SE", in: w, now: Date()).account }
            let read = try await store.read { r in try r.account(account.id) }
            #expect(read?.name == "TLS")
        } catch {
            try? await store.close()
            try? await database.drop()
            throw error
        }
        try await store.close()
        try await database.drop()
    }
}
