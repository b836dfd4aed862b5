/// What a `--database` value (`KVITTO_DATABASE`) names, read in one place: a PostgreSQL server
/// (`postgres://…` or `postgresql://…`), the in-memory store (`memory`, for tests), or a SQLite file
/// (`sqlite:PATH`, or a bare PATH). The files beside a SQLite database (its `.key` and `.lock`) are named
/// from `sqlitePath`.
enum DatabaseLocation: Equatable {
    case postgres(url: String)
    case memory
    case sqlite(path: String)

    init(_ database: String) {
        if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
            self = .postgres(url: database)
        } else if database == "memory" {
            self = .memory
        } else {
            self = .sqlite(path: database.hasPrefix("sqlite:") ? String(database.dropFirst("sqlite:".count)) : database)
        }
    }

    /// The SQLite file's path; nil for the other backends.
    var sqlitePath: String? {
        if case .sqlite(let path) = self { path } else { nil }
    }
}
