import Logging
import Synchronization

/// Where and how the process's log lines go: text (the default) or JSON lines, on standard error.
public enum LogOutput {
    private static let bootstrapped = Mutex(false)

    /// Makes every logger created from now on write `format`. swift-log allows one bootstrap a process: the
    /// first call decides.
    public static func bootstrapOnce(_ format: KvittoConfiguration.LogFormat) {
        bootstrapped.withLock { done in
            guard !done else { return }
            done = true
            switch format {
            case .json: LoggingSystem.bootstrap { label in JSONLogHandler(label: label) }
            case .text: LoggingSystem.bootstrap { label in TextLogHandler(label: label, metadataProvider: LoggingSystem.metadataProvider) }
            }
        }
    }
}

/// swift-log's own text lines (`StreamLogHandler` on standard error writes them), with a logger's metadata
/// made into text only when a line is written. `StreamLogHandler` does it each time metadata is set, and the
/// HTTP server sets a request id on every request's logger: 2–3 % of the CPU an order costs in a profile of
/// `bench/ingest`, for lines that are almost never written (requests log at debug).
struct TextLogHandler: LogHandler {
    private var lines: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    init(label: String, metadataProvider: Logger.MetadataProvider?) {
        lines = .standardError(label: label, metadataProvider: metadataProvider)
    }

    /// Writing to `stream` (tests).
    init(label: String, stream: any TextOutputStream & Sendable, metadataProvider: Logger.MetadataProvider?) {
        lines = StreamLogHandler(label: label, stream: stream, metadataProvider: metadataProvider)
    }

    var logLevel: Logger.Level {
        get { lines.logLevel }
        set { lines.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { lines.metadataProvider }
        set { lines.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var writer = lines
        writer.metadata = metadata
        writer.log(event: event)
    }
}
