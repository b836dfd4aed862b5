import KvittoCore
import KvittoPostgres
import KvittoSQLite
import KvittoStorage
import Logging

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
}
