import AsyncHTTPClient
import Foundation
import KvittoCore
import KvittoTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// `--log-format json`: every line the server writes is one JSON object with its time, level and message,
/// and the metadata of the message as an object.
@Suite("Process: JSON log lines")
struct LogFormatTests {
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func everyLineIsAJSONObjectWithTimeLevelAndMessage() async throws {
        let binary = try #require(kvittoBinary)
        let (database, cleanup) = LifecycleTests.scratchSQLite("jsonlog")
        defer { cleanup() }
        let log = String(database.dropFirst("sqlite:".count)) + ".log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let server = try await KvittoProcess.serveLogging(binary, database: database, port: try WebhookReceiver.freePort(), to: log,
                                                          ["--log-format", "json"])
        defer { server.terminate() }
        server.terminate()
        _ = try await server.exitCode()
        let lines = ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n")
        #expect(lines.count >= 3, "the start and the stop are logged: \(lines)")
        for line in lines {
            let object = try? JSONParser.parse(Array(line.utf8))
            #expect(object?["time"]?.stringValue.flatMap(Timestamp.parse) != nil, "a time: \(line)")
            #expect(object?["level"]?.stringValue != nil && object?["message"]?.stringValue != nil, "a level and a message: \(line)")
        }
        let ready = lines.compactMap { try? JSONParser.parse(Array($0.utf8)) }.first { $0["message"] == "storage ready" }
        #expect(ready?["level"] == "info" && ready?["metadata"]?["role"] == "all", "metadata as an object: \(String(describing: ready))")
    }
}
