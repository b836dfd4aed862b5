import Foundation
import KvittoCore
import Logging
import Synchronization

/// `--log-format json`: one JSON object per line on standard error, for log shippers that read JSON lines
/// (`{"time": "2026-12-03T15:42:07.123Z", "level": "info", "label": "kvitto", "message": "…", "metadata": {…}}`;
/// `source`, `file` and `line` say where it was logged). Lines are written whole, one at a time.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) { self.label = label }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// Serialises writes from every logger of the process.
    private static let output = Mutex(())

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let line = Self.line(time: Date(), level: event.level, label: label, message: "\(event.message)", metadata: merged,
                             source: event.source, file: event.file, line: event.line)
        Self.output.withLock { _ in FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata,
                     source: String, file: String, line: UInt) -> String {
        var object = JSONObject()
        object["time"] = .string(Timestamp.format(time))
        object["level"] = .string(level.rawValue)
        object["label"] = .string(label)
        object["message"] = .string(message)
        if !metadata.isEmpty { object["metadata"] = Self.json(.dictionary(metadata)) }
        object["source"] = .string(source)
        object["file"] = .string(file)
        object["line"] = .number(JSONNumber(Int64(line)))
        return JSONWriter.string(.object(object))
    }

    static func json(_ value: Logger.MetadataValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(text)
        case .stringConvertible(let convertible): return .string(convertible.description)
        case .array(let values): return .array(values.map(json))
        case .dictionary(let members):
            var object = JSONObject()
            for (key, member) in members.sorted(by: { $0.key < $1.key }) { object[key] = json(member) }
            return .object(object)
        }
    }
}
