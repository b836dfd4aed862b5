import Foundation
import KvittoCore

/// A storage backend. Bodies are synchronous so one implementation of the rules runs on every backend;
/// each backend runs them where blocking is allowed (GRDB's writer queue, a PostgreSQL worker thread).
public protocol KvittoStore: Sendable {
    /// Runs `body` against a consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T
    /// Runs `body` in a transaction and returns once it is durably committed. Concurrent calls may share
    /// one transaction (group commit); each body is isolated in a savepoint, so one failure undoes only itself.
    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T
    /// `write`, saying beforehand what `body` will look up, so that a backend whose statements are round
    /// trips reads it for a whole group of writes in a few statements before any of them runs.
    func write<T: Sendable>(preparing: WritePreparation, _ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T
    /// `write` for the delivery worker's own bookkeeping (claims, results, heartbeats, trigger health). A
    /// backend with several writer connections runs these on one of their own, so that a long API write
    /// (a 1,000-order batch) cannot hold a heartbeat back until the worker's leases expire.
    func writeDeliveryState<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T
    func close() async throws
    /// Runs `body` while this process is the one that leads `role` among all processes sharing the store,
    /// and returns when `body` does, or throws when leadership is lost (its task is then cancelled). A
    /// backend that only one process uses makes every caller the leader at once; PostgreSQL holds a
    /// session advisory lock on a connection of its own, so a leader that dies frees the role with its
    /// connection and another process takes over within seconds.
    func lead(_ role: LeaderRole, _ body: @escaping @Sendable () async throws -> Void) async throws
    /// Calls `wake` whenever a write commits deliveries that are due now, until cancelled: this process's
    /// writes, and on a database that several processes share, theirs too. Writes that queue nothing wake
    /// nobody.
    func watchDueDeliveries(_ wake: @escaping @Sendable () -> Void) async throws
    /// Called once an erasure has committed: makes what it removed unreadable in the database's own files
    /// where the backend can. SQLite overwrites freed space with zeros as it frees it (`secure_delete`) and
    /// truncates its write-ahead log, which still holds the pages as they were; PostgreSQL vacuums the
    /// tables an erasure changes. (Backups and, on PostgreSQL, WAL archives keep what they kept.)
    func reclaimErasedSpace() async throws
    /// `StoreReader.tillCard` as a read of its own: the till's hot path, which a backend whose reads are
    /// round trips may answer without a transaction around its one statement.
    func tillCard(account: String, keyType: LookupKeyType, key: String) async throws -> TillCard?
    /// Stores till look-up records (`LookupAuditLog`'s batches), durably, before it returns. They join
    /// nothing and number nothing, so a backend may write them outside its group commits.
    func appendLookups(_ records: [LookupRecord]) async throws
    /// Whether reads run beside the writer, on connections of their own, so that a request that reads much
    /// and writes a little is cheaper as a read plus a small batched write (PostgreSQL). False where a write
    /// transaction reads as cheaply as a read does and a second transaction only adds work (SQLite, memory):
    /// measured on till look-ups, a read plus a batched audit insert cost SQLite 40 % more CPU than one write.
    var readsRunBesideTheWriter: Bool { get }
}

extension KvittoStore {
    public var readsRunBesideTheWriter: Bool { false }

    public func tillCard(account: String, keyType: LookupKeyType, key: String) async throws -> TillCard? {
        try await read { try $0.tillCard(account: account, keyType: keyType, key: key) }
    }

    public func appendLookups(_ records: [LookupRecord]) async throws {
        try await write { try $0.insertLookups(records) }
    }

    /// Nothing to do where nothing is kept in files (memory).
    public func reclaimErasedSpace() async throws {}

    public func write<T: Sendable>(preparing: WritePreparation, _ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await write(body)
    }

    public func writeDeliveryState<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await write(body)
    }

    public func lead(_ role: LeaderRole, _ body: @escaping @Sendable () async throws -> Void) async throws { try await body() }
}

/// What a write is about to look up: the orders it will upsert for an account (the existing orders by
/// external id, the contacts by e-mail and phone). Writes grouped into one transaction are prepared together
/// (`Orders.preload`), so a group of single-order requests costs a few reads instead of two per order.
public struct WritePreparation: Sendable {
    public var account: Account
    public var orders: [OrderInput]

    public init(account: Account, orders: [OrderInput]) {
        self.account = account
        self.orders = orders
    }

    /// Whom the write is about (its first order's customer), for a backend with several writer connections
    /// to send writes about the same customer to the same one: they then share a transaction or follow each
    /// other, rather than race to create the customer or wait on each other's row locks.
    public var customerKey: String? {
        guard let customer = orders.first?.customer else { return nil }
        let identity = Contacts.Identity(customer, country: account.defaultCountry)
        return (identity.emailKey ?? identity.phone).map { account.id + "/" + $0 }
    }

    /// Prepares `preparations` in `writer`'s transaction: one preload per account.
    public static func prepare(_ preparations: [WritePreparation], in writer: any StoreWriter) throws {
        var byAccount: [String: (account: Account, orders: [OrderInput])] = [:]
        for preparation in preparations {
            byAccount[preparation.account.id, default: (preparation.account, [])].orders.append(contentsOf: preparation.orders)
        }
        for (account, orders) in byAccount.values where !orders.isEmpty {
            try Orders.preload(orders, account: account, in: writer)
        }
    }
}

/// A job that runs for each account on a schedule (the weekly engagement recompute): when it is next due,
/// and what it keeps between runs (the last run's figures).
public struct ScheduledJob: Sendable, Equatable {
    public var accountID: String
    public var job: String
    public var dueAt: Date
    public var state: JSONValue
    public init(accountID: String, job: String, dueAt: Date, state: JSONValue) {
        self.accountID = accountID; self.job = job; self.dueAt = dueAt; self.state = state
    }
}

/// A job exactly one process runs at a time.
public enum LeaderRole: Int64, Sendable {
    /// The automation scheduler: waits, time rules and engagement.
    case scheduler = 7461627
}
