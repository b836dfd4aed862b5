import KvittoSQL
import KvittoStorage
import Logging
import NIOCore
import PostgresNIO

/// `SQLExecutor` over one PostgreSQL connection. It blocks on the connection's futures, which is allowed
/// because it only ever runs on the store's own threads, never on an event loop or the async thread pool.
struct PostgresExecutor: SQLExecutor {
    /// The channel on which committed writes tell every process's worker that deliveries are due.
    static let deliveriesDueChannel = "kvitto_deliveries_due"

    let connection: PostgresConnection
    let logger: Logger
    var transaction: SQLTransactionState? = nil
    var dialect: SQLDialect { .postgres }

    /// SQLSTATEs after which the work may simply run again: deadlock victims (40P01) and serialization
    /// failures (40001) were aborted to let another transaction through; a unique violation (23505) means a
    /// concurrent transaction committed the same contact, order, category or product key first, and the
    /// next run finds it instead of inserting it (processes and writer connections do not serialise
    /// writes per account, so this race is expected and resolved here, not prevented).
    static let retryableStates: Set<String> = ["40P01", "40001", "23505"]

    /// `?` → `$1, $2, …`. Kvitto's statements never hold a `?` inside a string literal.
    static func numbered(_ sql: String) -> String {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 8)
        var n = 0
        for ch in sql {
            if ch == "?" { n += 1; out += "$\(n)" } else { out.append(ch) }
        }
        return out
    }

    func run(_ sql: String, _ values: [SQLValue]) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: binds.appendNull()
            case .int(let i): binds.append(i)
            case .text(let s): binds.append(s)
            }
        }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: Self.numbered(sql), binds: binds), logger: logger).wait()
        } catch let error as PSQLError {
            let state = error.serverInfo?[.sqlState]
            if let state, Self.retryableStates.contains(state) { throw StoreError.retryable(state) }
            // PSQLError's description hides everything; the server's message names the constraint or column
            // at fault and carries no bound values.
            if let message = error.serverInfo?[.message] { throw StoreError.backend("PostgreSQL \(state ?? "error"): \(message)") }
            throw error
        }
    }

    @discardableResult
    func execute(_ sql: String, _ values: [SQLValue]) throws -> Int {
        try run(sql, values).metadata.rows ?? 0
    }

    func query(_ sql: String, _ values: [SQLValue]) throws -> [[SQLValue]] {
        try run(sql, values).rows.map { row in
            try row.map { cell -> SQLValue in
                guard cell.bytes != nil else { return .null }
                switch cell.dataType {
                case .int8, .int4, .int2: return .int(try cell.decode(Int64.self))
                default: return .text(try cell.decode(String.self))
                }
            }
        }
    }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        try savepoint(open: { try execute("SAVEPOINT kvitto", []) },
                      release: { try execute("RELEASE SAVEPOINT kvitto", []) },
                      rollBack: {
                          try execute("ROLLBACK TO SAVEPOINT kvitto", [])
                          try execute("RELEASE SAVEPOINT kvitto", [])
                      }, body)
    }
}
