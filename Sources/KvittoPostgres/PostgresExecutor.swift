import KvittoSQL
import KvittoStorage
import Logging
import NIOCore
import PostgresNIO
import Synchronization

/// `SQLExecutor` over one PostgreSQL connection. It blocks on the connection's futures, which is allowed
/// because it only ever runs on the store's own threads, never on an event loop or the async thread pool.
struct PostgresExecutor: SQLExecutor {
    /// The channel on which committed writes tell every process's worker that deliveries are due.
    static let deliveriesDueChannel = "kvitto_deliveries_due"

    let connection: PostgresConnection
    let logger: Logger
    /// Set by writes that make deliveries due; read once before COMMIT (only in write transactions).
    var notes: TransactionNotes? = nil
    var dialect: SQLDialect { .postgres }

    final class TransactionNotes: Sendable {
        let deliveriesDue = Atomic<Bool>(false)
    }

    func deliveriesBecameDue() { notes?.deliveriesDue.store(true, ordering: .relaxed) }

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
            // Deadlock victims and serialization failures may simply run again (see `GroupCommitter`).
            if let state = error.serverInfo?[.sqlState], state == "40P01" || state == "40001" { throw StoreError.retryable(state) }
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
        try execute("SAVEPOINT kvitto", [])
        do {
            let result = try body()
            try execute("RELEASE SAVEPOINT kvitto", [])
            return result
        } catch {
            try execute("ROLLBACK TO SAVEPOINT kvitto", [])
            try execute("RELEASE SAVEPOINT kvitto", [])
            throw error
        }
    }
}
