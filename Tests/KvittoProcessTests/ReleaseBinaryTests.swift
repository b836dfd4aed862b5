import AsyncHTTPClient
import Foundation
import KvittoCore
import KvittoTestSupport
import NIOHTTP1
import Testing

/// The file scripts/release writes (KVITTO_RELEASE_BIN; scripts/test builds it and runs this suite in the
/// whole run), used the way a newcomer who downloaded it would: no Swift on the path, no environment at all.
let releaseBinary = ProcessInfo.processInfo.environment["KVITTO_RELEASE_BIN"]

@Suite("Process: the release binary")
struct ReleaseBinaryTests {
    @Test(.enabled(if: releaseBinary != nil, "needs KVITTO_RELEASE_BIN (scripts/test builds it with scripts/release in the whole run)"))
    func itNamesItsCommitNeedsNoSwiftRuntimeAndMatchesItsChecksum() async throws {
        let binary = try #require(releaseBinary)
        let version = try await ChildProcess.output(binary, ["--version"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let commit = try #require(ProcessInfo.processInfo.environment["KVITTO_RELEASE_COMMIT"], "scripts/test passes the commit it built from")
        // `-modified` follows when the working tree had changes nobody committed.
        #expect(version.hasPrefix("kvitto \(KvittoVersion.number) (commit \(commit)") && version.hasSuffix(")"), "\(version)")
        let libraries = try await ChildProcess.output("ldd", [binary])
        #expect(!libraries.contains("libswift") && !libraries.contains("libFoundation") && !libraries.contains("/opt/swift"),
                "the Swift runtime is linked in:\n\(libraries)")
        let checksum = try String(contentsOfFile: binary + ".sha256", encoding: .utf8)
        let actual = try await ChildProcess.output("sha256sum", [binary])
        #expect(checksum.split(separator: " ").first == actual.split(separator: " ").first, "the .sha256 file is the file's")
        #expect(checksum.hasSuffix(" \(URL(fileURLWithPath: binary).lastPathComponent)\n"), "sha256sum -c finds the file by its name beside it")
    }

    /// `env -i`, in an empty directory: what the README's first command does on a machine that has only the file.
    @Test(.enabled(if: releaseBinary != nil, "needs KVITTO_RELEASE_BIN (scripts/test builds it with scripts/release in the whole run)"))
    func theDemoRunsFromAnEmptyEnvironmentInAnEmptyDirectory() async throws {
        let binary = try #require(releaseBinary)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-newcomer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        let port = try WebhookReceiver.freePort()
        // env replaces itself with kvitto, so the signal below reaches kvitto.
        let demo = try await ChildProcess.start("/usr/bin/env", ["-i", "-C", directory.path, binary, "demo", "--port", String(port), "--every", "1"])
        try await KvittoProcess.withClient(stopping: []) { client in
            let apiKey = try #require(try await KvittoProcess.demoAPIKey(demo), "the demo prints its API key: \(demo.printed)")
            let order = #"{"source": "shop", "external_id": "newcomer-1", "currency": "SEK", "customer": {"email": "newcomer@example.se"}, "lines": [{"sku": "MUG", "name": "Mug", "quantity": 1, "unit_price": "99.00"}]}"#
            let posted = try await client.json(.POST, "http://127.0.0.1:\(port)/v1/orders", key: apiKey, body: order)
            #expect(posted.status == 201, "\(posted.json)")
            let orderID = try #require(posted.json["id"]?.stringValue)
            var found = false
            for _ in 0..<50 where !found {
                let events = try await client.json(.GET, "http://127.0.0.1:\(port)/v1/events?after=0&limit=500", key: apiKey)
                found = events.json["items"]?.arrayValue?.contains { $0["type"]?.stringValue == "order.received" && $0["data"]?["order"]?["id"]?.stringValue == orderID } == true
                if !found { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(found, "the posted order is in the event feed")
        }
        demo.interrupt()
        #expect(try await demo.exitCode() == 0, "Ctrl-C stops it cleanly")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "nothing is left in the directory it ran in")
    }
}
