import Foundation
import KvittoPostgres
import Logging
import PostgresNIO
import Testing

/// Large documents (webhook bodies above all) are compressed with lz4 where the server has it.
@Suite("PostgreSQL: documents compressed with lz4")
struct PostgresCompressionTests {
    @Test(.enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"))
    func documentColumnsUseLZ4WhereTheServerHasIt() async throws {
        let url = try #require(postgresURL)
        try await ScratchDatabase.withStore(serverURL: url, readers: 1, writers: 1) { _, database in
            try await ScratchDatabase.admin(try PostgresStore.Location(url: database.url)) { connection, logger in
                // A server built without lz4 refuses a column that asks for it; the migration then leaves pglz.
                var hasLZ4 = true
                do {
                    _ = try await connection.query("CREATE TEMPORARY TABLE lz4_probe (d text COMPRESSION lz4)", logger: logger).collect()
                } catch {
                    hasLZ4 = false
                }
                let rows = try await connection.query("""
                    SELECT attrelid::regclass::text, attcompression::text FROM pg_attribute
                    WHERE attname = 'doc' AND attrelid::regclass::text IN ('inbox', 'orders', 'events', 'contacts', 'deliveries')
                    ORDER BY 1
                    """, logger: logger).collect().map { try $0.decode((String, String).self) }
                #expect(rows.map(\.0) == ["contacts", "deliveries", "events", "inbox", "orders"])
                let expected = hasLZ4 ? "l" : ""
                #expect(rows.allSatisfy { $0.1 == expected }, "compression per table (l: lz4; none: the default): \(rows)")
            }
        }
    }
}
