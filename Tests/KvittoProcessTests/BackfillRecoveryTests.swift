import AsyncHTTPClient
import Foundation
import KvittoCore
import KvittoTestSupport
import NIOHTTP1
import Testing

@Suite("Process: historical import recovery", SharedFixtures.required)
struct BackfillRecoveryTests {
    /// `kvitto backfill` is SIGKILLed after a few pages and started again: it resumes from its checkpoint,
    /// every order arrives once, and at most the pages in flight at the kill are fetched again.
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func aKilledImportResumesFromItsCheckpointAndImportsEveryOrderOnce() async throws {
        let binary = try #require(kvittoBinary)
        let fake = try await FakePlatform(orders: 2000, fixtures: SharedFixtures.directory.appendingPathComponent("fixtures").path,
                                    extra: ["--page-delay-ms", "1000"])
        defer { fake.stop() }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-backfill-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = "sqlite:" + path
        let key = try await KvittoProcess.createAccount(binary, database: database, name: "B", currency: "USD", country: "US")

        // The connection is made through the API; the server is then stopped, and the import runs on its own.
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        // Allowed to reach the fake platform on loopback: a refused literal address is turned away when entered.
        let server = try KvittoProcess(binary: binary, database: database, arguments: ["--role", "api", "--allow-outbound", "127.0.0.1/32"])
        let connection: String
        do {
            try await server.start(client: client)
            let made = try await client.json(.POST, server.baseURL + "/v1/connections", key: key, body: """
                {"kind": "shopify", "name": "Shop", "credentials": {"webhook_secret": "s", "access_token": "shpat_fake_token",
                 "base_url": "\(fake.baseURL)"}, "initial_import": false}
                """)
            connection = try #require(made.json["id"]?.stringValue, "\(made)")
            await server.stop()
        } catch {
            await server.kill()
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()

        let arguments = ["backfill", "--database", database, "--connection", connection, "--all-states", "--since", "2000-01-01T00:00:00Z",
                         "--allow-outbound", "127.0.0.1/32"]
        let first = try await ChildProcess.start(binary, arguments, waitForFirstLine: false)
        // Killed once three pages have been served (8 pages in all, a second each: the five left are the
        // margin for this polling task, which a full test run on two cores can hold back for seconds).
        for _ in 0..<200 {
            if (try await fake.stats())["list_requests"]?.numberValue?.int64 ?? 0 >= 3 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        try await first.kill()
        #expect(try await first.exitCode() == nil, "the import was killed mid-run")

        let finished = try JSONParser.parse(try await KvittoProcess.run(binary, arguments).split(separator: "\n").last.map(String.init) ?? "")
        #expect(finished["status"] == "completed", "\(finished)")
        #expect(finished["progress"]?["imported"] == 2000, "counts are committed with each page: \(finished["progress"] ?? .null)")
        let stats = try await fake.stats()
        let repeated = stats["duplicate_page_requests"]?.numberValue?.int64 ?? -1
        // At most the page being written and the page fetched ahead of it are fetched again.
        #expect((0...2).contains(repeated), "only the pages in flight at the kill are fetched again (\(repeated))")

        let count = try await KvittoProcess.run("python3", ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*), COUNT(DISTINCT external_id) FROM orders').fetchone())", path])
        #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "(2000, 2000)", "every order once: \(count)")
    }
}
