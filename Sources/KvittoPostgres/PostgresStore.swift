import Foundation
import KvittoCore
import KvittoSQL
import KvittoStorage
import Logging
import NIOCore
import NIOPosix
import PostgresNIO
import ServiceLifecycle
import Synchronization

/// The scale-out backend: any number of processes share one PostgreSQL database. Connections come from
/// postgres-nio's `PostgresClient` (a pool that opens, keeps alive and replaces connections on its own).
/// `kvitto serve` runs that pool as a service of the application's service group (`unopened`, then `open`
/// once the group runs); one-off commands and tests let the store run it from `connect` to `close`. Each
/// process groups its API writes on several group committers that run side by side (an account's events are
/// numbered only as a transaction commits, see `SQLTransactionState`), the delivery worker's writes on four
/// more, and reads beside them. Committed deliveries are announced with NOTIFY to every process.
///
/// The rules run synchronously (one implementation for every backend, SQLite's serialised writer
/// included), so a transaction's work runs on a thread of the store's own pool with a leased connection,
/// and waits there for the answers it reads; statements whose answers it does not read are sent without
/// waiting (see `PostgresExecutor`). Event loops and the task pool never block.
public final class PostgresStore: KvittoStore {
    private let location: Location
    private let logger: Logger
    private let client: PostgresClient
    /// The pool run by the store itself (`connect`); nil where a service group runs it (`unopened`).
    private let clientRunning: Task<Void, Never>?
    /// Ends when the pool has started, whoever runs it.
    private let clientStarting: AsyncStream<Void>
    /// Where transactions' synchronous work runs: one thread for every connection the pool may lend.
    private let threads: NIOThreadPool
    /// API writes.
    private let writers: CommitterPool
    /// The delivery worker's writes: transactions of their own (see `writeDeliveryState`).
    private let deliveryWriters: CommitterPool
    static let deliveryWriterCount = 4
    /// This process's own writes that made deliveries due; other processes' come by NOTIFY.
    private let dueDeliveries: DueDeliveryAnnouncer
    /// Sent with this process's NOTIFYs, so that its listener can tell them from other processes' (its own
    /// workers have already been told).
    private let processToken = UUID().uuidString
    /// VACUUM after erasures (`reclaimErasedSpace`), in the background.
    private let erasureVacuum: BackgroundRepeater

    /// Connects, migrates and returns a ready store.
    /// - Parameters:
    ///   - readers: connections for reads (kept open while idle).
    ///   - writers: group committers for API writes, each running one transaction at a time.
    public static func connect(url: String, readers: Int = 4, writers: Int = 2,
                               logger: Logger = Logger(label: "kvitto.postgres")) async throws -> PostgresStore {
        let store = try made(url: url, readers: readers, writers: writers, logger: logger, runningItsPool: true).store
        try await store.open()
        return store
    }

    /// A store whose connection pool the caller runs as a service of its service group (the pool is then
    /// started, stopped and watched like every other part of the process): `open` migrates once the group
    /// runs. The group stops the pool after the services that use the store (services stop in reverse
    /// order), so the pool comes before them; `close` leaves the pool to the group.
    public static func unopened(url: String, readers: Int = 4, writers: Int = 2,
                                logger: Logger = Logger(label: "kvitto.postgres")) throws -> (store: PostgresStore, pool: ConnectionPool) {
        try made(url: url, readers: readers, writers: writers, logger: logger, runningItsPool: false)
    }

    /// A store not yet open, and its pool: a connection for each reader, writer and delivery writer.
    private static func made(url: String, readers: Int, writers: Int, logger: Logger,
                             runningItsPool: Bool) throws -> (store: PostgresStore, pool: ConnectionPool) {
        let location = try Location(url: url)
        let (readers, writers) = (max(1, readers), max(1, writers))
        let client = PostgresClient(configuration: location.clientConfiguration(connections: readers + writers + deliveryWriterCount,
                                                                                warm: readers),
                                    backgroundLogger: logger)
        let (started, starting) = AsyncStream<Void>.makeStream()
        let pool = ConnectionPool(client: client, started: starting, logger: logger)
        let store = PostgresStore(location: location, logger: logger, readers: readers, writers: writers, pool: pool,
                                  poolStarted: started, runningPool: runningItsPool ? Task { await pool.run() } : nil)
        return (store, pool)
    }

    /// postgres-nio's pool as a `Service`, saying when it has started (a lease asked for before the pool
    /// runs would wait all the same, but postgres-nio logs a warning for it) and ending within
    /// `poolShutdownLimit` once it is told to stop.
    public struct ConnectionPool: Service {
        let client: PostgresClient
        let started: AsyncStream<Void>.Continuation
        let logger: Logger

        public func run() async {
            // In a task of its own so that it can be left behind: in full test runs here (many stores opened
            // and closed side by side) a pool now and then closed every connection it had and yet its `run`
            // never returned, and a pool that cannot connect at all did not end when cancelled. A process must
            // stop regardless. (The client's `run` marks it running before it first suspends, so nothing
            // leases before that.)
            let running = Task {
                started.finish()
                await client.run()
            }
            let (stop, stopping) = AsyncStream<Void>.makeStream()
            await withTaskCancellationOrGracefulShutdownHandler {
                for await _ in stop {}
            } onCancelOrGracefulShutdown: {
                stopping.finish()
            }
            running.cancel()
            if await !PostgresStore.ended(running, within: PostgresStore.poolShutdownLimit) {
                logger.warning("the PostgreSQL connection pool did not end in time; stopping without waiting for it",
                               metadata: ["seconds": "\(PostgresStore.poolShutdownLimit.components.seconds)"])
            }
        }
    }

    /// Waits for the pool to run, then migrates the database to the current schema; closes the store if
    /// that fails.
    public func open() async throws {
        for await _ in clientStarting {}
        do {
            try await transaction { db in
                // One migrator at a time when several processes start together.
                _ = try db.query("SELECT pg_advisory_xact_lock(7461626)", [])
                try SQLMigrator.migrate(db)
            }
        } catch {
            try? await close()
            throw error
        }
    }

    /// The migrations the database at `url` has had, read on a connection of its own without changing anything.
    public static func appliedMigrations(url: String, logger: Logger) async throws -> Set<Int64> {
        let connection = try await open(try Location(url: url), id: 1, logger: logger)
        do {
            var exists = false
            for try await found in try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL", logger: logger)
                .decode(Bool.self) { exists = found }
            var applied: Set<Int64> = []
            if exists {
                for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger)
                    .decode(Int64.self) { applied.insert(version) }
            }
            try await connection.close()
            return applied
        } catch {
            try? await connection.close()
            throw error
        }
    }

    static func open(_ location: Location, id: Int, logger: Logger) async throws -> PostgresConnection {
        try await PostgresConnection.connect(configuration: location.configuration, id: id, logger: logger)
    }

    private init(location: Location, logger: Logger, readers: Int, writers: Int, pool: ConnectionPool,
                 poolStarted: AsyncStream<Void>, runningPool: Task<Void, Never>?) {
        self.location = location
        self.logger = logger
        let connections = readers + writers + Self.deliveryWriterCount
        let client = pool.client
        self.client = client
        self.clientStarting = poolStarted
        self.clientRunning = runningPool
        self.threads = NIOThreadPool(numberOfThreads: connections)
        self.threads.start()
        self.erasureVacuum = BackgroundRepeater { [client, logger] in
            do {
                try await Self.vacuumErasedTables(client, logger: logger)
            } catch {
                logger.warning("vacuuming after an erasure failed; autovacuum will do it later",
                               metadata: ["error": "\(PostgresExecutor.loggable(error))"])
            }
        }
        let dueDeliveries = DueDeliveryAnnouncer()
        self.dueDeliveries = dueDeliveries
        let announcement = Announcement(announcer: dueDeliveries, processToken: processToken)
        let transaction: GroupCommitter<PostgresExecutor>.Transaction = { [client, threads] work in
            try await client.withConnection { connection in
                try await threads.runIfActive {
                    try PostgresStore.inTransaction(connection, logger: logger, announcing: announcement, work)
                }
            }
        }
        self.writers = CommitterPool(count: writers, transaction: transaction)
        self.deliveryWriters = CommitterPool(count: Self.deliveryWriterCount, transaction: transaction)
    }

    /// Group committers taken in turn: a transaction waits on its statements' round trips, so several side
    /// by side keep a distant database busy where one could not. But each one more makes every group smaller, and
    /// a transaction's own statements (about a dozen, whatever its size) are shared by fewer orders: hence
    /// two by default (`KvittoConfiguration.databaseWriters`).
    final class CommitterPool: Sendable {
        let committers: [GroupCommitter<PostgresExecutor>]
        let next = Atomic<Int>(0)

        init(count: Int, transaction: @escaping GroupCommitter<PostgresExecutor>.Transaction) {
            committers = (0..<count).map { _ in GroupCommitter(transaction: transaction) }
        }

        func submit<T: Sendable>(preparing preparation: WritePreparation? = nil,
                                 _ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
            // Writes about one customer take one committer; the rest take turns.
            let turn = preparation?.customerKey.map { Int(UInt(bitPattern: $0.hashValue) % UInt(committers.count)) }
                ?? next.wrappingAdd(1, ordering: .relaxed).oldValue
            return try await committers[turn % committers.count].submit(preparing: preparation, body)
        }
    }

    /// Who hears of a commit that made deliveries due: this process's workers at once, the others by NOTIFY.
    struct Announcement: Sendable {
        let announcer: DueDeliveryAnnouncer
        let processToken: String
    }

    /// One transaction outside the group committers (the migration), on a leased connection.
    private func transaction(_ work: @escaping @Sendable (PostgresExecutor) throws -> Void) async throws {
        try await client.withConnection { [threads, logger] connection in
            try await threads.runIfActive { try PostgresStore.inTransaction(connection, logger: logger, work) }
        }
    }

    static func inTransaction(_ connection: PostgresConnection, logger: Logger, announcing announcement: Announcement? = nil,
                              _ work: (PostgresExecutor) throws -> Void) throws {
        let state = SQLTransactionState(defersWrites: true)
        let db = PostgresExecutor(connection: connection, logger: logger, transaction: state, unanswered: .init())
        try db.send("BEGIN", [], expectingRows: nil, otherwise: "")
        do {
            try work(db)
            // Last before COMMIT: from here to COMMIT the accounts' sequence rows are locked.
            try SQLRepository(db).writePending()
            // Delivered to listeners only when (and if) the transaction commits; duplicates within one
            // transaction are folded into one by the server anyway.
            let announce = state.deliveriesDue ? announcement : nil
            if let announce {
                // The token is a UUID: nothing in it needs quoting.
                try db.send("NOTIFY \(PostgresExecutor.deliveriesDueChannel), '\(announce.processToken)'", [], expectingRows: nil, otherwise: "")
            }
            try db.commit()
            announce?.announcer.announce()
        } catch {
            db.discardUnanswered()
            _ = try? db.execute("ROLLBACK", [])
            // Deadlocks (40P01) and serialization failures (40001) abort the whole transaction; the group
            // committer runs it again. Processes that complete deliveries of one trigger can deadlock.
            throw error
        }
    }

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        try await client.withConnection { [threads, logger] connection in
            try await threads.runIfActive {
                // BEGIN and COMMIT are sent without waiting: a read-only transaction's end changes nothing, and
                // the connection answers it before the next reader's statements. A read then waits only for
                // its queries.
                let db = PostgresExecutor(connection: connection, logger: logger, unanswered: .init())
                try db.send("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", [], expectingRows: nil, otherwise: "")
                do {
                    let result = try body(SQLRepository(db))
                    // The connection answers in order, so its next borrower's answers come after this one.
                    try db.send("COMMIT", [], expectingRows: nil, otherwise: "")
                    return result
                } catch {
                    db.discardUnanswered()
                    _ = try? db.execute("ROLLBACK", [])
                    throw error
                }
            }
        }
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await writers.submit(body)
    }

    public func write<T: Sendable>(preparing: WritePreparation, _ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await writers.submit(preparing: preparing, body)
    }

    public var readsRunBesideTheWriter: Bool { true }

    /// The till's look-up as its one statement on a leased connection, awaited without the store's threads:
    /// no transaction around it (a statement reads one snapshot), no thread switch for the answer, and a
    /// statement prepared once per connection, so the server neither parses nor plans it again. At a thousand
    /// look-ups a second on two cores, the three statements and two thread hops of a `read` were what kept
    /// the tail long.
    public func tillCard(account: String, keyType: LookupKeyType, key: String) async throws -> TillCard? {
        let card = TillCardQuery(account: account, keyType: keyType, key: key)
        let rows = try await client.withConnection { [logger] connection in
            do {
                switch keyType {
                case .phone: return try await PreparedTillCard<TillCardByPhone>(values: card.values).rows(on: connection, logger: logger)
                case .email: return try await PreparedTillCard<TillCardByEmail>(values: card.values).rows(on: connection, logger: logger)
                case .memberNumber: return try await PreparedTillCard<TillCardByMemberNumber>(values: card.values).rows(on: connection, logger: logger)
                case .customerID: return try await PreparedTillCard<TillCardByCustomerID>(values: card.values).rows(on: connection, logger: logger)
                }
            } catch {
                throw PostgresExecutor.translated(error)
            }
        }
        return try card.card(from: rows)
    }

    /// A batch of look-up records as its own statement (a transaction when it takes several), awaited on a
    /// leased connection: outside the group committers and the store's threads, which API writes keep busy.
    public func appendLookups(_ records: [LookupRecord]) async throws {
        let statements = LookupInserts(records).statements.map { PostgresExecutor.query($0.sql, $0.values) }
        do {
            if statements.count == 1 {
                try await client.withConnection { [logger] connection in
                    try PostgresExecutor.checkOpen(connection)
                    for try await _ in try await connection.query(statements[0], logger: logger) {}
                }
            } else {
                try await client.withTransaction(logger: logger) { [logger] connection in
                    for statement in statements {
                        try PostgresExecutor.checkOpen(connection)
                        for try await _ in try await connection.query(statement, logger: logger) {}
                    }
                }
            }
        } catch {
            throw PostgresExecutor.translated(error)
        }
    }

    public func writeDeliveryState<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await deliveryWriters.submit(body)
    }

    /// This process's commits are announced in process; other processes' are heard with LISTEN on a
    /// connection of its own, reconnecting after a second when it drops (the worker's polling covers the time
    /// it is away). Cancelling the calling task ends it.
    /// The tables an erasure changes are vacuumed, so that the old row versions that still hold the person's
    /// data are removed (not a VACUUM FULL, which would lock the tables against every write while it
    /// rewrites them). In the background: on a large database it takes a while, and neither the erasure's
    /// answer nor the next erasure waits for it; erasures meanwhile make it run once more afterwards.
    public func reclaimErasedSpace() async throws {
        await erasureVacuum.request()
    }

    static let erasedTables = ["contacts", "orders", "events", "timeline", "rejections", "inbox", "deliveries", "delivery_attempts",
                               "lookups", "vouchers", "merge_candidates", "list_members"]

    static func vacuumErasedTables(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withConnection { connection in
            _ = try await connection.query(PostgresQuery(unsafeSQL: "VACUUM \(erasedTables.joined(separator: ", "))"), logger: logger)
        }
    }

    /// Runs (and waits for) the VACUUM `reclaimErasedSpace` starts.
    func vacuumErasedTables() async throws {
        try await Self.vacuumErasedTables(client, logger: logger)
    }

    public func watchDueDeliveries(_ wake: @escaping @Sendable () -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.dueDeliveries.watch(wake) }
            group.addTask { try await self.listenForDueDeliveries(wake) }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func listenForDueDeliveries(_ wake: @escaping @Sendable () -> Void) async throws {
        let ownToken = processToken
        // The first time, the workers are just starting and look at the queue anyway; after a lost
        // connection, whatever was committed meanwhile is due.
        var reconnecting = false
        while !Task.isCancelled {
            defer { reconnecting = true }
            do {
                let connection = try await Self.open(location, id: 100, logger: logger)
                do {
                    try await connection.listen(on: PostgresExecutor.deliveriesDueChannel) { [reconnecting] notifications in
                        if reconnecting { wake() }
                        for try await notification in notifications where notification.payload != ownToken { wake() }
                    }
                } catch {
                    try? await connection.close()
                    throw error
                }
                try? await connection.close()
            } catch where !Task.isCancelled {
                logger.warning("listening for due deliveries failed; polling meanwhile", metadata: ["error": "\(PostgresExecutor.loggable(error))"])
            }
            try await Task.sleep(for: .seconds(1))
        }
    }

    /// Holds `role`'s session advisory lock on a connection of its own while `body` runs. Standing by, it
    /// asks for the lock every second; leading, it checks the connection every two seconds and cancels
    /// `body` when the connection (and with it the lock) is gone. PostgreSQL frees the lock of a process
    /// that dies as soon as its connection closes, which is what makes takeover quick.
    public func lead(_ role: LeaderRole, _ body: @escaping @Sendable () async throws -> Void) async throws {
        let connection = try await Self.open(location, id: 200, logger: logger)
        do {
            while true {
                try Task.checkCancellation()
                var held = false
                for try await (got) in try await connection.query("SELECT pg_try_advisory_lock(\(role.rawValue))", logger: logger)
                    .decode(Bool.self) { held = got }
                if held { break }
                try await Task.sleep(for: .seconds(1))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await body() }
                group.addTask {
                    while true {
                        try await Task.sleep(for: .seconds(2))
                        _ = try await connection.query("SELECT 1", logger: self.logger).collect()
                    }
                }
                // Whichever ends first ends both: the body's return, or the connection failing.
                defer { group.cancelAll() }
                try await group.next()
            }
            try? await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// How long a stopped pool is waited for once its connections are being closed.
    static let poolShutdownLimit: Duration = .seconds(10)

    public func close() async throws {
        if let vacuum = await erasureVacuum.stop(), await !Self.ended(vacuum, within: .seconds(5)) {
            logger.warning("closing while a VACUUM after an erasure still runs")
        }
        // A pool run by a service group is stopped by the group, after this (see `unopened`); one run by the
        // store ends within `poolShutdownLimit` of being cancelled (see `ConnectionPool`).
        if let clientRunning {
            clientRunning.cancel()
            await clientRunning.value
        }
        try await threads.shutdownGracefully()
    }

    /// Whether `task` ended within `limit` (it is left running if not).
    static func ended(_ task: Task<Void, Never>, within limit: Duration) async -> Bool {
        (try? await abandoning(after: limit, answering: { false }) { await task.value; return true }) ?? false
    }
}
