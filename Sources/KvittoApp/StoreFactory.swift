import KvittoCore
import KvittoPostgres
import KvittoSQLite
import KvittoStorage
import Logging

/// Opens the backend a `--database` value names, migrating it to the current schema.
public enum StoreFactory {
    public static func open(_ database: String, logger: Logger) async throws -> any KvittoStore {
        if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
            return try await PostgresStore.connect(url: database, logger: logger)
        }
        if database == "memory" { return MemoryStore() }
        let path = database.hasPrefix("sqlite:") ? String(database.dropFirst("sqlite:".count)) : database
        guard !path.isEmpty else {
            throw KvittoError.invalid([FieldError("/database", "use sqlite:PATH or postgres://user:password@host:port/database")])
        }
        return try SQLiteStore(path: path)
    }
}
