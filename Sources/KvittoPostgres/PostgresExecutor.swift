import KvittoSQL
import KvittoStorage
import Logging
import NIOCore
import PostgresNIO

/// `SQLExecutor` over one PostgreSQL connection. It blocks on the connection's futures, which is allowed
/// because it only ever runs on the store's own threads, never on an event loop or the async thread pool.
///
/// In a write transaction, statements whose answer nobody reads (`send`: inserts, BEGIN, SAVEPOINT,
/// NOTIFY) are queued on the connection without waiting: the connection runs its statements in order, so
/// when a later statement's answer arrives theirs have arrived too, and they are checked then. Waiting is
/// what costs here (the writer thread sleeps, the event loop wakes it: two thread switches a statement),
/// so a batch of orders waits once where it waited once an order.
struct PostgresExecutor: SQLExecutor {
    /// The channel on which committed writes tell every process's worker that deliveries are due.
    static let deliveriesDueChannel = "kvitto_deliveries_due"

    let connection: PostgresConnection
    let logger: Logger
    var transaction: SQLTransactionState? = nil
    /// Statements sent without waiting; nil where every statement waits (reads, the migrator).
    var unanswered: Unanswered? = nil
    var dialect: SQLDialect { .postgres }

    /// SQLSTATEs after which the work may simply run again: deadlock victims (40P01) and serialization
    /// failures (40001) were aborted to let another transaction through; a unique violation (23505) means a
    /// concurrent transaction committed the same contact, order, category or product key first, and the
    /// next run finds it instead of inserting it (processes and writer connections do not serialise
    /// writes per account, so this race is expected and resolved here, not prevented).
    static let retryableStates: Set<String> = ["40P01", "40001", "23505"]

    /// `?` → `$1, $2, …`. Kvitto's statements never hold a `?` inside a string literal. Byte by byte: every
    /// statement goes through here, multi-row inserts with hundreds of parameters among them, and walking
    /// the text by Characters was 3 % of PostgreSQL ingest's CPU.
    static func numbered(_ sql: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(sql.utf8.count + 16)
        var n = 0
        for byte in sql.utf8 {
            guard byte == UInt8(ascii: "?") else { out.append(byte); continue }
            n += 1
            // A number's text is a small string, kept inline: no allocation.
            out.append(UInt8(ascii: "$"))
            out.append(contentsOf: String(n).utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The statements of one transaction sent and not yet checked, oldest first, and the rows it holds back.
    final class Unanswered {
        struct Statement {
            let answer: EventLoopFuture<PostgresQueryResult>
            let expectingRows: Int?
            let reason: String
        }
        var statements: [Statement] = []
        /// Claimed inserts not sent yet, a list per target in the order first held (see `sendClaimedInsert`).
        var held: [HeldInserts] = []
    }

    /// Rows for one target ("table (columns)"), each with the claims it takes.
    struct HeldInserts {
        let target: String
        let integerColumns: Set<Int>
        var rows: [(values: [SQLValue], claims: [String])] = []
    }

    /// The most rows one held-back insert statement takes (at most 8 values and 3 claims a row here, far under
    /// PostgreSQL's 65,535 parameters).
    static let heldRowsPerStatement = 256

    /// A statement as postgres-nio takes it.
    static func query(_ sql: String, _ values: [SQLValue]) -> PostgresQuery {
        PostgresQuery(unsafeSQL: Self.numbered(sql), binds: bindings(values))
    }

    static func bindings(_ values: [SQLValue]) -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            switch value {
            case .null: binds.appendNull()
            case .int(let i): binds.append(i)
            case .text(let s): binds.append(s)
            }
        }
        return binds
    }

    /// Throws where `connection` is known to be closed. postgres-nio's async `query` and `execute` hand their
    /// statement to the channel without a promise for the write: on a channel already closed and torn down,
    /// the statement's answer never comes and its caller would wait forever (`start` below checks on the
    /// event loop itself). A lease from the pool is open when given, so this only closes the gap that is left.
    static func checkOpen(_ connection: PostgresConnection) throws {
        if connection.isClosed { throw StoreError.retryable("the connection to PostgreSQL was closed") }
    }

    /// A result row as `SQLExecutor.query` answers it: integers as integers, everything else as text.
    static func values(of row: PostgresRow) throws -> [SQLValue] {
        try row.map { cell -> SQLValue in
            guard cell.bytes != nil else { return .null }
            switch cell.dataType {
            case .int8, .int4, .int2: return .int(try cell.decode(Int64.self))
            default: return .text(try cell.decode(String.self))
            }
        }
    }

    func start(_ sql: String, _ values: [SQLValue]) -> EventLoopFuture<PostgresQueryResult> {
        let (connection, logger, query) = (connection, logger, Self.query(sql, values))
        // Checked and written in one step on the connection's event loop: postgres-nio drops the failure of a
        // query written to a channel that closed before the write got there (the server ended the connection,
        // a failover), and its answer never comes, which would hold this thread and the transaction forever.
        // On the loop, a channel still active takes the query, and its handler fails the query if it closes.
        return connection.eventLoop.flatSubmit {
            guard !connection.isClosed else {
                return connection.eventLoop.makeFailedFuture(StoreError.retryable("the connection to PostgreSQL was closed"))
            }
            return connection.query(query, logger: logger)
        }
    }

    /// What a failed statement means to the caller.
    static func translated(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError else { return error }
        let state = error.serverInfo?[.sqlState]
        if let state, Self.retryableStates.contains(state) { return StoreError.retryable(state) }
        // PSQLError's description hides everything; the server's message names the constraint or column at
        // fault and carries no bound values.
        if let message = error.serverInfo?[.message] { return StoreError.backend("PostgreSQL \(state ?? "error"): \(message)") }
        return error
    }

    /// A PostgreSQL failure as a log line can say it. PSQLError's own description hides everything (it may
    /// hold a statement's bound values); its code, the server's SQLSTATE and message and the network error
    /// under it carry none.
    static func loggable(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        var parts = ["PostgreSQL \(error.code)"]
        if let state = error.serverInfo?[.sqlState] { parts.append(state) }
        if let message = error.serverInfo?[.message] { parts.append(message) }
        if let underlying = error.underlying { parts.append("\(underlying)") }
        return parts.joined(separator: ": ")
    }

    /// Runs a statement and waits for its answer. A statement sent earlier that failed is reported first:
    /// it came first, and this one then failed only because the transaction was aborted. (A statement sent
    /// earlier that changed other than the rows expected is no error to the server: COMMIT and RELEASE
    /// check those first, see `commit`.)
    func run(_ sql: String, _ values: [SQLValue]) throws -> PostgresQueryResult {
        sendHeld()
        let answer = Result { try start(sql, values).wait() }
        try flush()
        do { return try answer.get() } catch { throw Self.translated(error) }
    }

    func send(_ sql: String, _ values: [SQLValue], expectingRows: Int?, otherwise reason: String) throws {
        guard let unanswered else {
            let changed = try execute(sql, values)
            if let expectingRows, changed != expectingRows { throw StoreError.retryable(reason) }
            return
        }
        sendHeld()
        unanswered.statements.append(.init(answer: start(sql, values), expectingRows: expectingRows, reason: reason))
    }

    /// In a write transaction the row is held back until another statement is to run (or the transaction is
    /// checked or committed), and then inserted with every row held for the same table in one statement that
    /// takes all their claims: a group of orders is an insert of orders and one of contacts, where it was two
    /// statements an order. Holding back reorders nothing the server could see except these inserts among
    /// themselves, and no table held here refers to another. A claim refused refuses the whole statement
    /// (the rows changed are fewer than those sent), so the group runs again, its writes one by one.
    func sendClaimedInsert(into target: String, _ values: [SQLValue], integerColumns: Set<Int>, claims: [String],
                           otherwise reason: String) throws {
        guard let unanswered, transaction != nil else {
            let changed = try execute(Self.claimedInsert(into: target, width: values.count, claims: claims.count), values + claims.map { .text($0) })
            if changed != 1 { throw StoreError.retryable(reason) }
            return
        }
        if let index = unanswered.held.firstIndex(where: { $0.target == target }) {
            unanswered.held[index].rows.append((values, claims))
        } else {
            unanswered.held.append(HeldInserts(target: target, integerColumns: integerColumns, rows: [(values, claims)]))
        }
    }

    /// Sends the rows held back, a multi-row insert per target (and per `heldRowsPerStatement` rows), the
    /// values typed by their columns (`typedValues`).
    func sendHeld() {
        guard let unanswered, !unanswered.held.isEmpty else { return }
        let held = unanswered.held
        unanswered.held.removeAll()
        for inserts in held {
            var rest = inserts.rows[...]
            while !rest.isEmpty {
                let chunk = rest.prefix(Self.heldRowsPerStatement)
                rest = rest.dropFirst(chunk.count)
                let width = chunk.first?.values.count ?? 0
                let rows = Self.typedValues((0..<width).map { inserts.integerColumns.contains($0) ? "bigint" : "text" }, rows: chunk.count)
                let claims = chunk.flatMap(\.claims)
                let sql = "INSERT INTO \(inserts.target) SELECT * FROM (VALUES \(rows)) AS held WHERE \(Self.claiming(claims.count))"
                let values = chunk.flatMap(\.values) + claims.map { SQLValue.text($0) }
                let more = claims.count > 1 ? " and \(claims.count - 1) more" : ""
                unanswered.statements.append(.init(answer: start(sql, values), expectingRows: chunk.count,
                                                   reason: "creation of \(claims.first ?? "")\(more) in progress"))
            }
        }
    }

    /// Commits, once every statement sent has been checked. COMMIT goes out behind the statements still
    /// unanswered, without waiting for them, when none of them has a row count to check: a failure among them
    /// aborts the transaction, and the server then answers COMMIT by rolling back, while the failure is
    /// reported here as the first answer checked. (A row count other than expected is no error to the server,
    /// so statements with one are checked before COMMIT is sent.)
    func commit() throws {
        sendHeld()
        if let unanswered, unanswered.statements.allSatisfy({ $0.expectingRows == nil }) {
            unanswered.statements.append(.init(answer: start("COMMIT", []), expectingRows: nil, reason: ""))
            try flush()
            return
        }
        try flush()
        try execute("COMMIT", [])
    }

    func flush() throws {
        sendHeld()
        guard let unanswered, !unanswered.statements.isEmpty else { return }
        let statements = unanswered.statements
        unanswered.statements.removeAll()
        for statement in statements {
            let result: PostgresQueryResult
            do { result = try statement.answer.wait() } catch { throw Self.translated(error) }
            if let expected = statement.expectingRows, (result.metadata.rows ?? 0) != expected { throw StoreError.retryable(statement.reason) }
        }
    }

    /// Forgets the statements sent and not checked, and the rows held back, before a rollback undoes them.
    /// (The rollback's own answer comes after theirs, so nothing of them is left on the connection once it
    /// is back.)
    func discardUnanswered() {
        unanswered?.statements.removeAll()
        unanswered?.held.removeAll()
    }

    @discardableResult
    func execute(_ sql: String, _ values: [SQLValue]) throws -> Int {
        try run(sql, values).metadata.rows ?? 0
    }

    func query(_ sql: String, _ values: [SQLValue]) throws -> [[SQLValue]] {
        try run(sql, values).rows.map(Self.values(of:))
    }

    /// Every query is sent before the first answer is waited for: the connection answers them in order, so
    /// the statements cost one wait where they cost one each.
    func queries(_ statements: [(sql: String, arguments: [SQLValue])]) throws -> [[[SQLValue]]] {
        sendHeld()
        let answers = statements.map { start($0.sql, $0.arguments) }.map { answer in Result { try answer.wait() } }
        try flush()
        return try answers.map { answer in
            do { return try answer.get().rows.map(Self.values(of:)) } catch { throw Self.translated(error) }
        }
    }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        // Statements sent before the savepoint are checked first, so that a failure among them is not
        // taken for the body's.
        try savepoint(open: { try flush(); try send("SAVEPOINT kvitto", [], expectingRows: nil, otherwise: "") },
                      // Only once everything the body sent has succeeded (a row count it expected is not
                      // an error to the server, which would release the savepoint all the same).
                      release: {
                          try flush()
                          try send("RELEASE SAVEPOINT kvitto", [], expectingRows: nil, otherwise: "")
                      },
                      rollBack: {
                          discardUnanswered()
                          try execute("ROLLBACK TO SAVEPOINT kvitto", [])
                          try execute("RELEASE SAVEPOINT kvitto", [])
                      }, body)
    }
}
