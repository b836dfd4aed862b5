import Foundation
import KvittoCore
import KvittoPostgres
import KvittoStorage
import Logging
import PostgresNIO
import Testing

@Suite("PostgreSQL: lost connections")
struct PostgresLostConnectionTests {
    /// The server ends every connection of the store (what a database restart or a failover does to a running
    /// process). The pool opens new ones by itself: reads and writes work again without a restart. A
    /// statement that was on a connection as it died fails; a new one may meet a dying connection the pool has
    /// not yet noticed, so the store is given a few seconds.
    @Test(.enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"))
    func readsAndWritesWorkAgainAfterTheServerEndsEveryConnection() async throws {
        let url = try #require(postgresURL)
        try await ScratchDatabase.withStore(serverURL: url, readers: 2, writers: 2) { store, database in
            let account = try await store.write { w in try Accounts.create(name: "Before", currency: "SEK", country: "SE", in: w, now: Date()).account }
            #expect(try await store.read { r in try r.account(account.id) }?.name == "Before")

            var ended = 0
            try await ScratchDatabase.admin(database.server) { connection, logger in
                let rows = try await connection.query(PostgresQuery(unsafeSQL: """
                    SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                    WHERE datname = '\(database.name)' AND pid <> pg_backend_pid()
                    """), logger: logger)
                for try await count in rows.decode(Int.self) { ended = count }
            }
            #expect(ended >= 1, "the server ended the store's connections")

            var renamed: Account?
            var failures = 0
            let deadline = ContinuousClock.now + .seconds(10)
            while renamed == nil, ContinuousClock.now < deadline {
                do {
                    renamed = try await store.write { w in
                        try Accounts.create(name: "After", currency: "SEK", country: "SE", in: w, now: Date()).account
                    }
                } catch {
                    failures += 1
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            let after = try #require(renamed, "a write succeeds again within ten seconds (\(failures) failed meanwhile)")
            #expect(try await store.read { r in try r.account(after.id) }?.name == "After")
            #expect(try await store.read { r in try r.account(account.id) }?.name == "Before", "what was committed before is there")
        }
    }
}
