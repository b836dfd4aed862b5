import Foundation
import KvittoTestSupport
import Testing

/// `kvitto migrate --dry-run` says which migrations a database would get, and changes nothing; a database
/// a newer version migrated is refused.
@Suite("Process: migrate --dry-run")
struct MigrateDryRunTests {
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func onSQLiteADryRunListsWhatWouldBeAppliedAndCreatesNothing() async throws {
        let binary = try #require(kvittoBinary)
        let (database, cleanup) = LifecycleTests.scratchSQLite("dryrun")
        defer { cleanup() }
        let path = String(database.dropFirst("sqlite:".count))
        let fresh = try await ChildProcess.outcome(binary, ["migrate", "--dry-run", "--database", database])
        #expect(fresh.exitCode == 0, "\(fresh.errors)")
        #expect(fresh.output.contains("does not exist yet") && fresh.output.contains("schema 12: merge candidates"), "\(fresh.output)")
        #expect(!FileManager.default.fileExists(atPath: path), "a dry run creates no database")

        _ = try await ChildProcess.outcome(binary, ["migrate", "--database", database])
        let current = try await ChildProcess.outcome(binary, ["migrate", "--dry-run", "--database", database])
        #expect(current.exitCode == 0 && current.output.contains("up to date"), "\(current.output)\(current.errors)")
    }

    @Test(.enabled(if: (kvittoBinary != nil && postgresURL != nil) || runningInCI, "needs KVITTO_BIN and KVITTO_TEST_POSTGRES_URL"))
    func onPostgreSQLADryRunListsTheMissingMigrationsAndANewerDatabaseIsRefused() async throws {
        let binary = try #require(kvittoBinary)
        let serverURL = try #require(postgresURL)
        try await ScratchPostgresDatabase.using(serverURL: serverURL, prefix: "kvitto_dryrun_", binary: binary) { scratch in
            let current = try await ChildProcess.outcome(binary, ["migrate", "--dry-run", "--database", scratch.url])
            #expect(current.exitCode == 0 && current.output.contains("up to date"), "\(current.output)\(current.errors)")

            // As a database of the version before merge candidates would be.
            _ = try await KvittoProcess.run("psql", [scratch.url, "-q", "-c", "DELETE FROM schema_migrations WHERE version IN (12, 1004)"])
            let older = try await ChildProcess.outcome(binary, ["migrate", "--dry-run", "--database", scratch.url])
            #expect(older.output.contains("would get 2 migrations") && older.output.contains("schema 12: merge candidates")
                    && older.output.contains("data 1004:"), "\(older.output)\(older.errors)")
            let again = try await ChildProcess.outcome(binary, ["migrate", "--dry-run", "--database", scratch.url])
            #expect(again.output == older.output, "the dry run changed nothing")

            _ = try await KvittoProcess.run("psql", [scratch.url, "-q", "-c", "INSERT INTO schema_migrations (version, applied_at) VALUES (99, 'x')"])
            let newer = try await ChildProcess.outcome(binary, ["migrate", "--dry-run", "--database", scratch.url])
            #expect(newer.exitCode != 0 && newer.errors.contains("newer version of Kvitto"), "\(newer.output)\(newer.errors)")
            let refused = try await ChildProcess.outcome(binary, ["migrate", "--database", scratch.url])
            #expect(refused.exitCode != 0 && refused.errors.contains("newer version of Kvitto"), "\(refused.output)\(refused.errors)")
        }
    }
}
