import Foundation
import KvittoCore
import KvittoTestSupport
import NIOHTTP1
import Testing

/// Whether Chromium, its driver and Selenium are here (`.ci/run` installs them; under CI they must be).
let browserAvailable: Bool = {
    let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + ["/usr/bin"]
    let has = { (name: String) in paths.contains { FileManager.default.isExecutableFile(atPath: $0 + "/" + name) } }
    return has("chromium") && has("chromedriver")
}()

/// The admin in a real browser: headless Chromium driven by Selenium (`scripts/testing/admin-browser.py`)
/// against a real `kvitto serve`. Screenshots of each page are written to `.build/screenshots/`.
@Suite("Process: the admin in a browser")
struct AdminBrowserTests {

    @Test(.enabled(if: (kvittoBinary != nil && browserAvailable) || runningInCI, "needs KVITTO_BIN, chromium, chromium-driver and selenium"))
    func signInSearchReplayMapAndTestAPostbackMakeAKeySignOutAndAViewerChangesNothing() async throws {
        let binary = try #require(kvittoBinary)
        let (database, cleanup) = LifecycleTests.scratchSQLite("admin")
        defer { cleanup() }
        let created = try JSONParser.parse(try await KvittoProcess.run(binary, ["accounts", "create", "--database", database, "--name", "Butiken",
                                                                                "--currency", "SEK", "--country", "SE", "--json"]))
        let (account, key) = (try #require(created["account_id"]?.stringValue), try #require(created["admin_key"]?.stringValue))
        let password = "correct horse battery"
        let user = try await ChildProcess.outcome(binary, ["users", "create", "--database", database, "--account", account,
                                                           "--email", "owner@butiken.se", "--password-stdin"], input: password + "\n")
        try #require(user.exitCode == 0, "\(user)")
        let viewer = try await ChildProcess.outcome(binary, ["users", "create", "--database", database, "--account", account,
                                                             "--email", "viewer@butiken.se", "--role", "viewer", "--password-stdin"],
                                                    input: password + "\n")
        try #require(viewer.exitCode == 0, "\(viewer)")
        let server = try KvittoProcess(binary: binary, database: database, arguments: ["--allow-outbound", "127.0.0.1/32"])
        let sink = try await WebhookReceiver()
        defer { sink.stop() }
        try await KvittoProcess.withClient(stopping: [server]) { client in
            try await server.start(client: client)
            // Postbacks of received orders go to a port nothing listens on, once: the order the browser posts
            // leaves a failed delivery to replay.
            let closed = try WebhookReceiver.freePort()
            let trigger = try await client.json(.POST, server.baseURL + "/v1/triggers", key: key, body: """
                {"name": "Nowhere", "event_types": ["order.received"], "url": "http://127.0.0.1:\(closed)/hooks", "retry": false}
                """)
            try #require(trigger.status == 201, "\(trigger)")
            let run = try await ChildProcess.outcome("python3", [
                repositoryRoot.appendingPathComponent("scripts/testing/admin-browser.py").path, "--base", server.baseURL,
                "--email", "owner@butiken.se", "--viewer-email", "viewer@butiken.se", "--password", password, "--api-key", key,
                "--sink", "http://127.0.0.1:\(sink.port)",
                "--screenshots", repositoryRoot.appendingPathComponent(".build/screenshots").path,
            ])
            #expect(run.exitCode == 0, "the browser steps: \(run.output)\(run.errors)")
        }
    }

    /// `kvitto demo` as a newcomer meets it: its confirmations in the Demo inbox, then a message template
    /// written in the editor and sent by an automation on a tag added on a customer's card.
    @Test(.enabled(if: (kvittoBinary != nil && browserAvailable) || runningInCI, "needs KVITTO_BIN, chromium, chromium-driver and selenium"))
    func theDemoCatchesItsEmailsAndATaggedCustomerGetsTheAutomationsEmail() async throws {
        let binary = try #require(kvittoBinary)
        let port = try WebhookReceiver.freePort()
        let demo = try await ChildProcess.start(binary, ["demo", "--port", String(port), "--every", "1"], environment: ["KVITTO_LOG_LEVEL": "warning"])
        var password: String?
        for _ in 0..<100 where password == nil {
            password = demo.printed.first { $0.contains("sign in") }?.split(separator: " ").last.map(String.init)
            if password == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let run = try await ChildProcess.outcome("python3", [
            repositoryRoot.appendingPathComponent("scripts/testing/demo-browser.py").path, "--base", "http://127.0.0.1:\(port)",
            // One argument, so that a password that begins with "-" is not taken for an option.
            "--password=" + (try #require(password, "the demo prints the sign-in: \(demo.printed)")),
            "--screenshots", repositoryRoot.appendingPathComponent(".build/screenshots").path,
        ])
        demo.interrupt()
        #expect(run.exitCode == 0, "the browser steps: \(run.output)\(run.errors)")
        #expect(try await demo.exitCode() == 0, "Ctrl-C stops the demo cleanly")
    }
}
