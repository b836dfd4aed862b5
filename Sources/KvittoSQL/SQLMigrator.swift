/// Applies the numbered migrations of `SQLSchema` that a database has not seen yet, each in the caller's
/// transaction, recording them in `schema_migrations`.
public enum SQLMigrator {
    public static func migrate(_ db: some SQLExecutor) throws {
        try db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version \(db.dialect == .postgres ? "BIGINT" : "INTEGER") PRIMARY KEY, applied_at TEXT NOT NULL)", [])
        let applied = Set(try db.query("SELECT version FROM schema_migrations", []).compactMap { $0[0].int })
        for migration in SQLSchema.migrations(db.dialect) where !applied.contains(Int64(migration.version)) {
            for statement in migration.statements { try db.execute(statement, []) }
            try db.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                           [.int(Int64(migration.version)), .text(Timestamp.format(Date()))])
        }
    }
}

import Foundation
import KvittoCore
