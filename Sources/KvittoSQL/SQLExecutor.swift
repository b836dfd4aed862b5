import KvittoCore
import KvittoStorage

/// A value bound to or read from a SQL statement. Booleans are integers so both dialects store them alike.
public enum SQLValue: Sendable, Equatable {
    case null
    case int(Int64)
    case text(String)

    public var text: String? { if case .text(let s) = self { return s } else { return nil } }
    public var int: Int64? { if case .int(let i) = self { return i } else { return nil } }

    public static func optional(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
    public static func bool(_ value: Bool) -> SQLValue { .int(value ? 1 : 0) }
}

/// The smallest interface a SQL backend offers the shared repositories: statements use `?` placeholders;
/// a backend that numbers its parameters rewrites them.
public protocol SQLExecutor: SendableMetatype {
    /// Runs a statement and returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Runs a query and returns its rows, columns in select order.
    func query(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]]
    /// Runs a statement whose answer the caller does not read, except (with `expectingRows`) that it changed
    /// that many rows; another count means the write lost a race: `StoreError.retryable(reason)`. A backend
    /// whose statements are round trips may send it without waiting for the answer, and then reports its
    /// failure no later than the next statement it waits for, the release of the savepoint it is in, or
    /// `flush()`; so a caller that catches errors to go on must not use it.
    func send(_ sql: String, _ arguments: [SQLValue], expectingRows: Int?, otherwise reason: String) throws
    /// Runs several queries and returns each one's rows, in order. A backend whose statements are round
    /// trips sends them all before it waits for the first answer.
    func queries(_ statements: [(sql: String, arguments: [SQLValue])]) throws -> [[[SQLValue]]]
    /// Inserts one row into `target` ("table (columns)") once this transaction has claimed every key in
    /// `claims` (PostgreSQL advisory locks, see `SQLRepository.insertClaimed`); a key another transaction has
    /// claimed means the write lost a race: `StoreError.retryable(reason)`. The values at `integerColumns` are
    /// integers or null. A backend may hold the row back and insert it together with the rows held after it,
    /// in one statement, before it runs any other statement; it reports a failure as `send` does.
    func sendClaimedInsert(into target: String, _ values: [SQLValue], integerColumns: Set<Int>, claims: [String],
                           otherwise reason: String) throws
    /// Waits for every statement `send` has not waited for, and reports the first failure among them.
    func flush() throws
    /// Opens a nested savepoint, and releases or rolls it back.
    func savepoint<T>(_ body: () throws -> T) throws -> T
    /// Where the dialects differ in a statement.
    var dialect: SQLDialect { get }
    /// The state of the write transaction this executor runs in; `nil` in a read-only snapshot.
    var transaction: SQLTransactionState? { get }
}

extension SQLExecutor {
    /// Runs the statement at once.
    public func send(_ sql: String, _ arguments: [SQLValue], expectingRows: Int?, otherwise reason: String) throws {
        let changed = try execute(sql, arguments)
        if let expectingRows, changed != expectingRows { throw StoreError.retryable(reason) }
    }

    public func flush() throws {}

    public func sendClaimedInsert(into target: String, _ values: [SQLValue], integerColumns: Set<Int>, claims: [String],
                                  otherwise reason: String) throws {
        try send(Self.claimedInsert(into: target, width: values.count, claims: claims.count), values + claims.map { .text($0) },
                 expectingRows: 1, otherwise: reason)
    }

    /// The statement that inserts one row of `width` values once it has taken `claims` claims.
    public static func claimedInsert(into target: String, width: Int, claims: Int) -> String {
        "INSERT INTO \(target) SELECT \(Array(repeating: "?", count: width).joined(separator: ", ")) WHERE \(claiming(claims))"
    }

    /// `VALUES` rows of parameters, `rows` of them, the first casting each to its column's type in `types`:
    /// PostgreSQL types a `VALUES` column by its rows, and one holding only nulls would be text.
    public static func typedValues(_ types: [String], rows: Int) -> String {
        let first = "(" + types.map { "?::\($0)" }.joined(separator: ", ") + ")"
        let other = "(" + Array(repeating: "?", count: types.count).joined(separator: ", ") + ")"
        return ([first] + Array(repeating: other, count: max(0, rows - 1))).joined(separator: ", ")
    }

    /// The condition that takes `count` claims: transaction-level advisory locks on the claims' hashes.
    public static func claiming(_ count: Int) -> String {
        Array(repeating: "pg_try_advisory_xact_lock(hashtextextended(?, 7461626))", count: count).joined(separator: " AND ")
    }

    public func queries(_ statements: [(sql: String, arguments: [SQLValue])]) throws -> [[[SQLValue]]] {
        try statements.map { try query($0.sql, $0.arguments) }
    }

    /// Says that this transaction makes deliveries due now, so that workers in other processes hear of it
    /// when it commits (PostgreSQL NOTIFY). Within one process the writer wakes the worker itself.
    func deliveriesBecameDue() { transaction?.deliveriesDue = true }

    /// Runs `body` in a savepoint opened and closed with `open`, `release` and `rollBack`, and makes the
    /// transaction's state forget what the body did when it is rolled back.
    public func savepoint<T>(open: () throws -> Void, release: () throws -> Void, rollBack: () throws -> Void,
                             _ body: () throws -> T) throws -> T {
        let mark = transaction?.mark()
        try open()
        do {
            let result = try body()
            try release()
            return result
        } catch {
            try rollBack()
            if let mark { transaction?.rollBack(to: mark) }
            throw error
        }
    }
}

public enum SQLDialect: Sendable {
    case sqlite, postgres
}
