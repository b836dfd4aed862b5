import Foundation

/// Which process listens on a port, read from Linux's /proc. A port chosen free for a server is free only
/// until another test's server binds it; a `/health` that answers on it may then be that other server's,
/// and a harness that took it for its own child's would talk to the wrong process.
public enum ListeningSocket {
    /// Whether process `pid` holds the TCP socket listening on `port` (any local address). True where /proc
    /// cannot tell (not Linux), so that such a harness works as it did without the check.
    public static func isHeld(port: Int, by pid: Int32) -> Bool {
        let tables = ["/proc/net/tcp", "/proc/net/tcp6"].compactMap(wholeFile)
        guard !tables.isEmpty else { return true }
        let inodes = Set(tables.flatMap { listeningInodes(in: $0, port: port) })
        guard !inodes.isEmpty else { return false }
        let directory = "/proc/\(pid)/fd"
        let descriptors = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return descriptors.contains { descriptor in
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(directory)/\(descriptor)") else { return false }
            return inodes.contains(target)
        }
    }

    /// A /proc file read to its end. These files say their size is 0, and `String(contentsOfFile:)` and
    /// `Data(contentsOf:)` then read only their first page (4 KB, about 27 sockets of /proc/net/tcp): with
    /// more sockets open, as in a full test run, a server's listening socket was often past it, and the
    /// harness waited 60 s for a server that had answered all along.
    static func wholeFile(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return (try? handle.readToEnd()).map { String(decoding: $0 ?? Data(), as: UTF8.self) }
    }

    /// The inodes, as a descriptor's link names them (`socket:[N]`), of the sockets in a /proc/net/tcp table
    /// that listen on `port`. A line: `sl local_address rem_address st … uid timeout inode …`, the local
    /// address as hex `ADDRESS:PORT`, the state 0A for LISTEN.
    static func listeningInodes(in table: String, port: Int) -> [String] {
        table.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count > 9, fields[3] == "0A", let colon = fields[1].lastIndex(of: ":"),
                  Int(fields[1][fields[1].index(after: colon)...], radix: 16) == port else { return nil }
            return "socket:[\(fields[9])]"
        }
    }
}
