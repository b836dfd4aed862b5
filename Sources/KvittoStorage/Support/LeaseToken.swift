import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The token a process writes beside the rows it leases (deliveries, inbox entries, backfills): the host
/// and process that holds them, then a random part that keeps every claimer's token its own. Naming the
/// holder lets an operator (and the kill tests) tell which process held what when it died, with one
/// look at the table: `SELECT lease_token, count(*) FROM deliveries WHERE lease_token IS NOT NULL GROUP BY 1`.
public enum LeaseToken {
    /// `host:pid:uuid`, e.g. `kvitto-2:4711:9F1C…`.
    public static func make() -> String {
        "\(hostName):\(getpid()):\(UUID().uuidString)"
    }

    /// Read once: `gethostname` is a system call, and the name does not change under a running process.
    private static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // A colon would make the parts ambiguous; host names have none, but a misconfigured one might.
        return name.isEmpty ? "localhost" : name.replacingOccurrences(of: ":", with: "-")
    }()
}
