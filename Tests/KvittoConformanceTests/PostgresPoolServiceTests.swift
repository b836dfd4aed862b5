import Foundation
import KvittoCore
import KvittoPostgres
import KvittoStorage
import Logging
import PostgresNIO
import ServiceLifecycle
import Synchronization
import Testing

/// `kvitto serve` runs the store's connection pool as a service of its service group: the store opens once
/// the group runs, and the group closes the pool's connections after the store has closed.
@Suite("PostgreSQL: the connection pool as a service")
struct PostgresPoolServiceTests {
    @Test(.enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"))
    func theGroupRunsThePoolAndClosesItsConnectionsAfterTheStore() async throws {
        let url = try #require(postgresURL)
        let database = try await ScratchDatabase.create(serverURL: url)
        let (store, pool) = try PostgresStore.unopened(url: database.url, readers: 1, writers: 1)
        let user = StoreUser(store: store)
        let group = ServiceGroup(configuration: .init(services: [pool, user], logger: Logger(label: "kvitto.tests")))
        let running = Task { try await group.run() }
        let connectionsWhileServing: Int
        do {
            let account = try await user.opened.value
            #expect(try await store.read { try $0.account(account.id)?.name } == "Pool")
            connectionsWhileServing = try await Self.connections(to: database)
        } catch {
            await group.triggerGracefulShutdown()
            _ = await running.result
            try? await database.drop()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await running.value
        #expect(connectionsWhileServing >= 1, "the store worked through the pool's connections")
        #expect(user.closedStore.withLock { $0 }, "the store was closed before the group ended")
        // The server notices a closed connection at once, but counts it out a moment later.
        var left = try await Self.connections(to: database)
        for _ in 0..<50 where left > 0 {
            try await Task.sleep(for: .milliseconds(100))
            left = try await Self.connections(to: database)
        }
        #expect(left == 0, "the group stopped the pool, and it closed its connections")
        try await database.drop()
    }

    static func connections(to database: ScratchDatabase) async throws -> Int {
        var count = 0
        try await ScratchDatabase.admin(database.server) { connection, logger in
            let rows = try await connection.query("SELECT count(*)::int8 FROM pg_stat_activity WHERE datname = \(database.name)",
                                                  logger: logger).collect()
            count = Int(try rows.first?.decode(Int64.self) ?? 0)
        }
        return count
    }
}

/// A service of the group that uses the store as the application does: opens it once the group runs,
/// and closes it at graceful shutdown.
private final class StoreUser: Service, Sendable {
    let store: PostgresStore
    let opened: Task<Account, any Error>
    private let openedPromise: AsyncThrowingStream<Account, any Error>.Continuation
    let closedStore = Mutex(false)

    init(store: PostgresStore) {
        self.store = store
        let (stream, continuation) = AsyncThrowingStream<Account, any Error>.makeStream()
        openedPromise = continuation
        opened = Task {
            for try await account in stream { return account }
            throw CancellationError()
        }
    }

    func run() async throws {
        do {
            try await store.open()
            let account = try await store.write { w in
                try Accounts.create(name: "Pool", currency: "SEK", country: "SE", in: w, now: Date()).account
            }
            openedPromise.yield(account)
            openedPromise.finish()
        } catch {
            openedPromise.finish(throwing: error)
            throw error
        }
        try? await gracefulShutdown()
        try await store.close()
        closedStore.withLock { $0 = true }
    }
}
