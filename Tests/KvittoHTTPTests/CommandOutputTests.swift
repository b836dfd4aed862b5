import Foundation
import KvittoApp
import KvittoCore
import KvittoImport
import Testing

/// What the commands print: the backfill progress line, and database URLs with their passwords taken out.
@Suite("Commands: progress and redaction")
struct CommandOutputTests {
    static func progress(imported: Int, rejected: Int = 0, skipped: Int = 0, pages: Int, total: Int?, elapsed: TimeInterval) -> BackfillProgress {
        var backfill = Backfill(id: "job_1", accountID: "acc_1", connectionID: "cnx_1", since: Date(timeIntervalSince1970: 0),
                                until: Date(timeIntervalSince1970: 1), allStates: false, fireTriggers: false, createdAt: Date(timeIntervalSince1970: 0))
        backfill.imported = imported
        backfill.rejected = rejected
        backfill.skipped = skipped
        backfill.pages = pages
        return BackfillProgress(backfill: backfill, total: total, elapsed: elapsed)
    }

    @Test func theProgressLineShowsCountsRateAndWithATotalABarAndTheTimeLeft() {
        let line = KvittoCommands.progressLine(Self.progress(imported: 480, rejected: 10, skipped: 10, pages: 2, total: 2000, elapsed: 5))
        #expect(line == "[######..................] 25%  job_1  pages 2  imported 480  rejected 10  skipped 10  100 orders/s  ETA 15 s")
        let done = KvittoCommands.progressLine(Self.progress(imported: 2000, pages: 8, total: 2000, elapsed: 10))
        #expect(done.hasPrefix("[########################] 100%") && !done.contains("ETA"))
        // A platform's total can be below what arrives (orders created during the import): never above 100 %.
        #expect(KvittoCommands.progressLine(Self.progress(imported: 2100, pages: 9, total: 2000, elapsed: 10)).hasPrefix("[########################] 100%"))
    }

    @Test func withoutATotalOrTimeThereIsNoBarAndNoRate() {
        let line = KvittoCommands.progressLine(Self.progress(imported: 250, pages: 1, total: nil, elapsed: 0))
        #expect(line == "job_1  pages 1  imported 250  rejected 0  skipped 0  0 orders/s")
    }

    @Test(arguments: [
        ("postgres://kvitto:s3cret@db.internal:5432/kvitto?sslmode=require", "postgres://kvitto:***@db.internal:5432/kvitto?sslmode=require"),
        ("postgres://kvitto:p@ss/w0rd@db/kvitto", "postgres://kvitto:***@db/kvitto"),
        ("postgresql://db/kvitto?user=kvitto&password=s3cret&sslmode=require", "postgresql://db/kvitto?user=kvitto&password=***&sslmode=require"),
        ("postgres://kvitto@db/kvitto", "postgres://kvitto@db/kvitto"),
        ("sqlite:/var/lib/kvitto/kvitto.sqlite", "sqlite:/var/lib/kvitto/kvitto.sqlite"),
    ])
    func aDatabaseURLLosesItsPassword(url: String, shown: String) {
        #expect(KvittoCommands.redacted(url) == shown)
    }
}
