import Testing

@testable import KvittoPostgres

/// Kvitto's statements are written with `?`; PostgreSQL numbers its parameters.
@Suite("PostgreSQL: numbered parameters")
struct PostgresPlaceholderTests {
    @Test func placeholdersAreNumberedInOrderAndTheRestIsKept() {
        #expect(PostgresExecutor.numbered("SELECT a FROM t WHERE b = ? AND c IN (?, ?)") == "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)")
        #expect(PostgresExecutor.numbered("SELECT 'åäö ✓', x FROM t WHERE y = ?") == "SELECT 'åäö ✓', x FROM t WHERE y = $1")
        #expect(PostgresExecutor.numbered("COMMIT") == "COMMIT")
        let many = Array(repeating: "(?, ?)", count: 600).joined(separator: ", ")
        let expected = stride(from: 1, to: 1200, by: 2).map { "($\($0), $\($0 + 1))" }.joined(separator: ", ")
        #expect(PostgresExecutor.numbered("INSERT INTO t VALUES " + many) == "INSERT INTO t VALUES " + expected)
    }
}
