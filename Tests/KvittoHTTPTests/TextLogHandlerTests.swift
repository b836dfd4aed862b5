@testable import KvittoApp
import Logging
import Synchronization
import Testing

/// The default log lines are swift-log's own (`StreamLogHandler`'s), whatever metadata a logger carries.
@Suite("Log lines in text")
struct TextLogHandlerTests {
    final class Lines: TextOutputStream, Sendable {
        let written = Mutex<[String]>([])
        func write(_ string: String) { written.withLock { $0.append(string) } }
    }

    /// A line without its timestamp (the first two fields, date-time and zone, are one token here).
    static func untimed(_ line: String) -> Substring { line.drop { $0 != " " } }

    @Test func linesAreStreamLogHandlersWithTheLoggersAndTheLinesMetadata() {
        let (ours, theirs) = (Lines(), Lines())
        var text = Logger(label: "kvitto") { label in TextLogHandler(label: label, stream: ours, metadataProvider: nil) }
        var stream = Logger(label: "kvitto") { label in StreamLogHandler(label: label, stream: theirs, metadataProvider: nil) }
        text[metadataKey: "hb.request.id"] = "r-1"
        stream[metadataKey: "hb.request.id"] = "r-1"
        text[metadataKey: "role"] = "all"
        stream[metadataKey: "role"] = "all"
        text.info("storage ready", metadata: ["database": "sqlite:/tmp/x.sqlite"])
        stream.info("storage ready", metadata: ["database": "sqlite:/tmp/x.sqlite"])
        text[metadataKey: "role"] = nil
        stream[metadataKey: "role"] = nil
        text.logLevel = .debug
        stream.logLevel = .debug
        text.debug("plain")
        stream.debug("plain")
        text.trace("not written")
        let (written, expected) = (ours.written.withLock { $0 }, theirs.written.withLock { $0 })
        #expect(written.count == 2 && written.map(Self.untimed) == expected.map(Self.untimed), "\(written)\n\(expected)")
        #expect(written.first?.contains("database=sqlite:/tmp/x.sqlite hb.request.id=r-1 role=all [") == true, "\(written)")
    }
}
