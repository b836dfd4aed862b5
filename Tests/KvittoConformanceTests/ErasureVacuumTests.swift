import Foundation
import PostgresNIO
import Synchronization
import Testing

@testable import KvittoPostgres

/// On PostgreSQL the tables an erasure changes are vacuumed in the background, one VACUUM at a time.
@Suite("PostgreSQL: VACUUM after an erasure")
struct ErasureVacuumTests {
    final class Tally: Sendable {
        let state = Mutex((runs: 0, running: 0, overlapped: false))
    }

    @Test func requestsDuringARunMakeOneMoreRunNeverTwoAtOnce() async throws {
        let tally = Tally()
        let (gate, open) = AsyncStream<Void>.makeStream()
        let repeater = BackgroundRepeater {
            tally.state.withLock { $0.runs += 1; $0.running += 1; if $0.running > 1 { $0.overlapped = true } }
            if tally.state.withLock({ $0.runs }) == 1 { for await _ in gate { break } }  // the first run waits to be let go
            tally.state.withLock { $0.running -= 1 }
        }
        await repeater.request()
        while tally.state.withLock({ $0.running }) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        for _ in 0..<3 { await repeater.request() }
        open.yield()
        for _ in 0..<400 where tally.state.withLock({ $0.runs < 2 || $0.running > 0 }) { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(100))
        let final = tally.state.withLock { $0 }
        #expect(final.runs == 2, "three requests during the first run: one more run, not three")
        #expect(!final.overlapped, "never two at once")
        await repeater.stop()?.value
    }

    @Test(.enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"))
    func theErasedTablesAreVacuumed() async throws {
        let url = try #require(postgresURL)
        try await ScratchDatabase.withStore(serverURL: url, readers: 1, writers: 1) { store, database in
            try await store.vacuumErasedTables()
            var vacuumed: [String] = []
            // The statistics reach pg_stat_user_tables a moment after the VACUUM.
            for _ in 0..<50 where !Set(vacuumed).isSuperset(of: PostgresStore.erasedTables) {
                try await ScratchDatabase.admin(try PostgresStore.Location(url: database.url)) { connection, logger in
                    vacuumed = try await connection.query(PostgresQuery(unsafeSQL: "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL"),
                                                          logger: logger).collect().map { try $0.decode(String.self) }
                }
                if !Set(vacuumed).isSuperset(of: PostgresStore.erasedTables) { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(Set(vacuumed).isSuperset(of: PostgresStore.erasedTables), "\(vacuumed)")
        }
    }
}
