import Foundation
import KvittoConformance
import KvittoPostgres
import KvittoSQLite
import PostgresNIO
import Testing

/// After an erasure, the person is in no row of any table (PostgreSQL, every table of the schema read as
/// text) and in no byte of the database's files (SQLite, its file and write-ahead log), wherever the
/// conformance case put them: events, a rejection, a raw webhook, a postback and its receiver's answer, a
/// message, timeline comments.
@Suite("Erasure: the whole database searched")
struct ErasureScanTests {
    static let scenario = StoreConformance.all.first { $0.name == "erasingAPersonRedactsTheirCopiesInEventsRejectionsInboxAndDeliveriesAndNoOneElses" }
    /// The erased person's texts as the case gave them (the other person's e-mail, `ingridxu@…`, differs from
    /// the erased one's only where `_` stands: a search taking `_` for a wildcard would find it).
    static let texts = ["ingrid_u@example.se", "+46701234567", "070-123 45 67", "unikadottir", "ylva"]
    /// The person who was not erased: the same search must find them, or it finds nothing at all.
    static let keptText = "ingridxu@example.se"

    @Test(.enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"))
    func onPostgreSQLNoRowOfAnyTableHoldsTheErasedPerson() async throws {
        let url = try #require(postgresURL)
        let scenario = try #require(Self.scenario, "the conformance case was renamed")
        try await ScratchDatabase.withStore(serverURL: url, readers: 2, writers: 2) { store, database in
            try await scenario.run(store)
            try await ScratchDatabase.admin(try PostgresStore.Location(url: database.url)) { connection, logger in
                let tables = try await connection.query(
                    PostgresQuery(unsafeSQL: "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"), logger: logger
                ).collect().map { try $0.decode(String.self) }
                #expect(tables.count >= 20 && tables.contains("events") && tables.contains("delivery_attempts"), "\(tables)")
                func rows(in table: String, holding text: String) async throws -> Int {
                    // strpos, not LIKE: the texts hold `_`.
                    var binds = PostgresBindings()
                    binds.append(text)
                    let query = PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table) AS t WHERE strpos(lower(t::text), $1) > 0", binds: binds)
                    return try await connection.query(query, logger: logger).collect().first.map { try $0.decode(Int.self) } ?? 0
                }
                var keptFound = 0
                for table in tables {
                    for text in Self.texts {
                        let found = try await rows(in: table, holding: text)
                        #expect(found == 0, "\(text) is still in \(found) row(s) of \(table)")
                    }
                    keptFound += try await rows(in: table, holding: Self.keptText)
                }
                #expect(keptFound >= 3, "the search finds the person who was not erased (contact, event, rejection): \(keptFound) rows")
            }
        }
    }

    @Test func onSQLiteNoByteOfTheFilesHoldsTheErasedPerson() async throws {
        let scenario = try #require(Self.scenario, "the conformance case was renamed")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-erasure-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        try await scenario.run(store)
        var files = Data()
        for suffix in ["", "-wal"] { files += (try? Data(contentsOf: URL(fileURLWithPath: path + suffix))) ?? Data() }
        try await store.close()
        #expect(files.count > 50_000, "the database was read: \(files.count) bytes")
        let lowered = Data(String(decoding: files, as: UTF8.self).lowercased().utf8)
        for text in Self.texts { #expect(lowered.range(of: Data(text.utf8)) == nil, "\(text) is still in the database's files") }
        #expect(lowered.range(of: Data(Self.keptText.utf8)) != nil, "the search finds the person who was not erased")
    }
}
