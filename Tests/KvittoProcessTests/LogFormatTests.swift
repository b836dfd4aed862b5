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
        let port = try WebhookReceiver.freePort()
        // Through a shell, for the server's standard error (where the log goes) to land in a file.
        let server = try await ChildProcess.start("/bin/sh", ["-c", #"exec "$0" serve --database "$1" --port "$2" --log-format json 2>"$3""#,
                                                              binary, database, String(port), log], waitForFirstLine: false)
        defer { server.terminate() }
        try await KvittoProcess.withClient(stopping: []) { client in
            var up = false
            for _ in 0..<100 where !up {
                up = (try? await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/health"), timeout: .seconds(1)))?.status == .ok
                if !up { try await Task.sleep(for: .milliseconds(100)) }
            }
            try #require(up, "the server answers")
        }
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
