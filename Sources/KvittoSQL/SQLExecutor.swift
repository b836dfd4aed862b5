import KvittoCore

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
public protocol SQLExecutor {
    /// Runs a statement and returns the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Runs a query and returns its rows, columns in select order.
    func query(_ sql: String, _ arguments: [SQLValue]) throws -> [[SQLValue]]
    /// Opens a nested savepoint, and releases or rolls it back.
    func savepoint<T>(_ body: () throws -> T) throws -> T
    /// Where the dialects differ in a statement.
    var dialect: SQLDialect { get }
    /// Says that this transaction makes deliveries due now, so that workers in other processes hear of it
    /// when it commits (PostgreSQL NOTIFY). Within one process the writer wakes the worker itself.
    func deliveriesBecameDue()
}

extension SQLExecutor {
    public func deliveriesBecameDue() {}
}

public enum SQLDialect: Sendable {
    case sqlite, postgres
}
