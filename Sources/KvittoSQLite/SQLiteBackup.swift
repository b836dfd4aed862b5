import Foundation
import GRDB

/// `kvitto backup`: a consistent copy of a SQLite database that a server may be writing to, made with
/// SQLite's online backup (through GRDB): the pages are copied in one step under a read transaction, so the
/// copy is the database as of one commit, and writers go on meanwhile (WAL readers do not block them).
public enum SQLiteBackup {
    public enum Failure: Error, CustomStringConvertible {
        case destinationExists(String)
        case sourceMissing(String)

        public var description: String {
            switch self {
            case .destinationExists(let path): "\(path) exists; choose a new file (a backup never overwrites one)"
            case .sourceMissing(let path): "there is no database at \(path)"
            }
        }
    }

    /// Copies the database at `source` to a new file `destination`, and the key file beside it (`.key`, which
    /// opens the sealed secrets) to `destination.key`. A failed copy leaves no destination behind.
    /// - Returns: the number of bytes of the copy.
    @discardableResult
    public static func copy(from source: String, to destination: String) throws -> Int64 {
        let files = FileManager.default
        guard files.fileExists(atPath: source) else { throw Failure.sourceMissing(source) }
        guard !files.fileExists(atPath: destination) else { throw Failure.destinationExists(destination) }
        do {
            // Not read-only: a read-only connection cannot open a WAL database whose `-shm` file is gone (after
            // a clean shutdown). The backup only reads from it.
            let from = try DatabaseQueue(path: source)
            let to = try DatabaseQueue(path: destination)
            try from.backup(to: to)
            try from.close()
            try to.close()
            if files.fileExists(atPath: source + ".key") {
                try files.copyItem(atPath: source + ".key", toPath: destination + ".key")
                try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: destination + ".key")
            }
        } catch {
            for leftover in [destination, destination + "-wal", destination + "-shm", destination + ".key"] { try? files.removeItem(atPath: leftover) }
            throw error
        }
        return (try files.attributesOfItem(atPath: destination)[.size] as? NSNumber)?.int64Value ?? 0
    }
}
