import Foundation
import KvittoCore
#if canImport(Glibc)
import Glibc
#endif

/// One server owns a SQLite database: `kvitto serve` holds an exclusive lock on `PATH.lock` for as long as it
/// runs, and a second server on the same file stops at once with a message, instead of both writing (SQLite
/// would let them, each grouping its own commits and racing the other for the write lock).
///
/// The lock is `flock(2)` on a file beside the database: the kernel drops it when the process ends, however it
/// ends, so a crash never leaves the database locked. The CLI's commands (`accounts create`, `keys`,
/// `migrate`) do not take it and keep working beside a running server.
final class ServerLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Takes the lock of the SQLite database `database` names (`sqlite:PATH` or a bare path); nil for other
    /// backends, which have no single owner.
    /// - Throws: `KvittoError` (conflict) naming the process that holds it.
    static func take(database: String) throws -> ServerLock? {
        guard let database = DatabaseLocation(database).sqlitePath else { return nil }
        let path = database + ".lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw KvittoError(code: .conflict, detail: "cannot open the lock file \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            close(descriptor)
            throw KvittoError(code: .conflict, detail: "the database \(path.dropLast(5)) is in use by another kvitto serve"
                + (holder.isEmpty ? "" : " (process \(holder))") + "; one server owns a SQLite database (use PostgreSQL for several)")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
        return ServerLock(descriptor: descriptor)
    }

    /// Lets go before the process ends (a test that starts servers one after another in one process).
    func release() {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
