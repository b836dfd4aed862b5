import AsyncHTTPClient
import Foundation
import KvittoCore
import KvittoTestSupport
import NIOHTTP1
import Testing

/// `kvitto demo`, as the README's first command starts it: it prints the admin's sign-in and an API key,
/// its shop sends orders that are shipped and delivered, and Ctrl-C stops it all and deletes the database.
@Suite("Process: kvitto demo")
struct DemoTests {
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func theDemoShopSendsOrdersAndCtrlCLeavesNothing() async throws {
        let binary = try #require(kvittoBinary)
        let port = try WebhookReceiver.freePort()
        let demo = try await ChildProcess.start(binary, ["demo", "--port", String(port), "--every", "1"], environment: ["KVITTO_LOG_LEVEL": "warning"])
        try await KvittoProcess.withClient(stopping: []) { client in
            let apiKey = try #require(try await KvittoProcess.demoAPIKey(demo), "the demo prints its API key: \(demo.printed)")
            #expect(demo.printed.contains { $0.contains("/admin/login") } && demo.printed.contains { $0.contains("demo@example.se") && $0.contains("password") })
            var types: [String] = []
            for _ in 0..<100 where types.filter({ $0 == "order.shipped" }).isEmpty {
                try await Task.sleep(for: .milliseconds(200))
                let events = try? await client.json(.GET, "http://127.0.0.1:\(port)/v1/events?after=0&limit=100", key: apiKey)
                types = events?.json["items"]?.arrayValue?.compactMap { $0["type"]?.stringValue } ?? []
            }
            #expect(types.filter { $0 == "order.received" }.count >= 2, "the shop sends orders: \(types)")
            #expect(types.contains("order.shipped"), "and ships earlier ones: \(types)")
            // The confirmations went to the built-in mail catcher and the postbacks to the built-in sink: both
            // took them, so they succeeded (nothing leaves the machine).
            var channels: Set<String> = []
            for _ in 0..<100 where !channels.isSuperset(of: ["email", "postback"]) {
                let delivered = try? await client.json(.GET, "http://127.0.0.1:\(port)/v1/deliveries?status=succeeded&limit=100", key: apiKey)
                channels = Set(delivered?.json["items"]?.arrayValue?.compactMap { $0["channel"]?.stringValue } ?? [])
                if !channels.isSuperset(of: ["email", "postback"]) { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(channels.isSuperset(of: ["email", "postback"]), "e-mails and postbacks are delivered to the demo's catcher and sink: \(channels)")
        }
        let database = demo.firstLine.firstMatch(of: /sqlite:(\S+)\)/).map { String($0.output.1) }
        demo.interrupt()
        #expect(try await demo.exitCode() == 0, "Ctrl-C stops it cleanly")
        let path = try #require(database, "the first line names the database: \(demo.firstLine)")
        #expect(!FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path), "the temporary database is gone")
    }
}
