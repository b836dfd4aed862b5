import KvittoCore
import KvittoPostgres
import KvittoSQLite
import KvittoStorage
import Logging
import ServiceLifecycle

/// Opens the backend a `--database` value names, migrating it to the current schema.
public enum StoreFactory {
    /// - Parameter writers: PostgreSQL connections for API writes (ignored by SQLite, which has one writer).
    public static func open(_ database: String, writers: Int = KvittoConfiguration().databaseWriters,
                            logger: Logger) async throws -> any KvittoStore {
        switch DatabaseLocation(database) {
        case .postgres(let url): return try await PostgresStore.connect(url: url, writers: writers, logger: logger)
        case .memory: return MemoryStore()
        case .sqlite(let path):
            guard !path.isEmpty else {
                throw KvittoError.invalid([FieldError("/database", "use sqlite:PATH or postgres://user:password@host:port/database")])
            }
            return try SQLiteStore(path: path)
        }
    }

    /// The store `kvitto serve` opens inside its service group, and the services it needs running first:
    /// PostgreSQL's connection pool (listed before the application, the group stops it after the
    /// application and its store have closed). SQLite and memory need none.
    public struct Served: Sendable {
        public let services: [any Service]
        /// Opens (and migrates) the store; call it once the services run.
        public let open: @Sendable () async throws -> any KvittoStore
    }

    public static func served(_ database: String, writers: Int = KvittoConfiguration().databaseWriters,
                              logger: Logger) throws -> Served {
        guard case .postgres(let url) = DatabaseLocation(database) else {
            return Served(services: []) { try await open(database, writers: writers, logger: logger) }
        }
        let (store, pool) = try PostgresStore.unopened(url: url, writers: writers, logger: logger)
        return Served(services: [pool]) {
            try await store.open()
            return store
        }
    }
}
