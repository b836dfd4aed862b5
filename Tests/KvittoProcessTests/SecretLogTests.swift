import AsyncHTTPClient
import Foundation
import KvittoCore
import KvittoTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// Credentials never reach the log, even at `trace`: a server logs everything it does while a connection with
/// an access token imports from a platform and the account's SMTP password and SMS gateway header are set,
/// and none of them is in what it wrote.
@Suite("Process: secrets stay out of the log", SharedFixtures.required)
struct SecretLogTests {
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func traceLoggingWritesNoCredential() async throws {
        let binary = try #require(kvittoBinary)
        let fake = try await FakePlatform(orders: 60, fixtures: SharedFixtures.directory.appendingPathComponent("fixtures").path)
        defer { fake.stop() }
        let (database, cleanup) = LifecycleTests.scratchSQLite("secretlog")
        defer { cleanup() }
        let log = String(database.dropFirst("sqlite:".count)) + ".log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        let key = try await KvittoProcess.createAccount(binary, database: database, name: "Loggad", currency: "USD", country: "US")
        let port = try WebhookReceiver.freePort()
        let base = "http://127.0.0.1:\(port)"
        let server = try await KvittoProcess.serveLogging(binary, database: database, port: port, to: log,
                                                          ["--log-level", "trace", "--allow-outbound", "127.0.0.1/32"])
        defer { server.terminate() }
        let secrets = ["shpat_fake_token", "whsec-never-logged-9Q2", "smtp-password-never-logged-4K", "Bearer sms-header-never-logged-7Z"]
        try await KvittoProcess.withClient(stopping: []) { client in
            let settings = try await client.json(.PATCH, base + "/v1/settings", key: key, body: """
                {"smtp": {"host": "127.0.0.1", "port": 2525, "starttls": false, "username": "shop", "password": "\(secrets[2])", "from": "a@b.example"},
                 "sms_gateway": {"url": "http://127.0.0.1:9/sms", "auth_header": "\(secrets[3])"}}
                """)
            #expect(settings.status == 200, "\(settings.json)")
            let made = try await client.json(.POST, base + "/v1/connections", key: key, body: """
                {"kind": "shopify", "name": "Shop", "credentials": {"webhook_secret": "\(secrets[1])", "access_token": "\(secrets[0])",
                 "base_url": "\(fake.baseURL)"}, "initial_import": false}
                """)
            let connection = try #require(made.json["id"]?.stringValue, "\(made.json)")
            let started = try await client.json(.POST, base + "/v1/connections/\(connection)/backfills", key: key,
                                                body: #"{"since": "2000-01-01T00:00:00Z", "all_states": true}"#)
            let backfill = try #require(started.json["id"]?.stringValue, "\(started.json)")
            var job = try await client.json(.GET, base + "/v1/backfills/\(backfill)", key: key).json
            for _ in 0..<300 where job["status"] == "running" || job["status"] == "pending" {
                try await Task.sleep(for: .milliseconds(100))
                job = try await client.json(.GET, base + "/v1/backfills/\(backfill)", key: key).json
            }
            #expect(job["status"] == "completed", "the import ran, with the token: \(job)")
        }
        server.terminate()
        _ = try await server.exitCode()
        let written = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(written.split(separator: "\n").count > 20, "trace logging wrote plenty (\(written.count) bytes)")
        for secret in secrets {
            #expect(!written.contains(secret), "\(secret) is not in the log")
        }
    }
}
