import KvittoCore
import KvittoSQL
import Logging
import PostgresNIO

/// `TillCardQuery` as a statement postgres-nio prepares once per connection. Its text depends on the kind
/// of key, and a prepared statement's text is fixed per type, so there is a type per kind.
struct PreparedTillCard<Key: TillCardKey>: PostgresPreparedStatement {
    typealias Row = [SQLValue]
    static var sql: String { PostgresExecutor.numbered(TillCardQuery.sql(Key.keyType)) }

    let values: [SQLValue]

    func makeBindings() -> PostgresBindings { PostgresExecutor.bindings(values) }

    func decodeRow(_ row: PostgresRow) throws -> [SQLValue] { try PostgresExecutor.values(of: row) }

    func rows(on connection: PostgresConnection, logger: Logger) async throws -> [[SQLValue]] {
        try PostgresExecutor.checkOpen(connection)
        var rows: [[SQLValue]] = []
        for try await row in try await connection.execute(self, logger: logger) { rows.append(row) }
        return rows
    }
}

protocol TillCardKey: Sendable {
    static var keyType: LookupKeyType { get }
}

enum TillCardByPhone: TillCardKey { static var keyType: LookupKeyType { .phone } }
enum TillCardByEmail: TillCardKey { static var keyType: LookupKeyType { .email } }
enum TillCardByMemberNumber: TillCardKey { static var keyType: LookupKeyType { .memberNumber } }
enum TillCardByCustomerID: TillCardKey { static var keyType: LookupKeyType { .customerID } }
