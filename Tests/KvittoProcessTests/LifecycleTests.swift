import AsyncHTTPClient
import Foundation
import KvittoCore
import KvittoTestSupport
import NIOHTTP1
import Testing

/// SIGTERM as a service manager sends it: an idle server stops at once, work in flight finishes first, and a
/// historical import stops between pages and is finished by the next process.
@Suite("Process: graceful shutdown")
struct LifecycleTests {
    static func scratchSQLite(_ name: String) -> (database: String, cleanup: () -> Void) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-\(name)-\(UUID().uuidString).sqlite").path
        return ("sqlite:" + path, { for suffix in ["", "-wal", "-shm", ".key", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) } })
    }

    /// The delivery lanes, the scheduler and the inbox sleep between looks at their queues; the shutdown wakes
    /// them, so an idle process does not wait out their longest sleep.
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func anIdleServerStopsWithinThreeSeconds() async throws {
        let binary = try #require(kvittoBinary)
        let (database, cleanup) = Self.scratchSQLite("idle")
        defer { cleanup() }
        _ = try await KvittoProcess.createAccount(binary, database: database, name: "Idle")
        let server = try KvittoProcess(binary: binary, database: database)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        // The fastest of up to ten stops: a process that waited out a sleep is slow every time, while a
        // machine busy with the other tests only sometimes is (on an idle machine a stop takes about 15 ms;
        // under a full CI run three in a row once took 2.4 s and more, and on a slower machine five in a row
        // took 3.7 s and more while the heaviest process tests ran beside it). The bound, 3 s, is below the
        // sleeps that matter (the delivery worker's 5 s and its lease heartbeat's 20 s).
        var fastest = Double.infinity
        for _ in 0..<10 where fastest >= 3 {
            try await server.start(client: client)
            // Long enough for every lane to have gone to sleep.
            try await Task.sleep(for: .seconds(2))
            let (seconds, status) = await server.terminate()
            #expect(status == 0, "exits cleanly")
            fastest = min(fastest, seconds)
        }
        #expect(fastest < 3, "stopped in \(fastest) s at best")
    }

    /// A delivery being sent when SIGTERM arrives is finished and recorded before the process exits: it is not
    /// left claimed for the next process to send again.
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func aDeliveryInFlightAtSIGTERMIsFinishedAndRecorded() async throws {
        let binary = try #require(kvittoBinary)
        let (database, cleanup) = Self.scratchSQLite("drain")
        defer { cleanup() }
        let key = try await KvittoProcess.createAccount(binary, database: database, name: "Drain")
        let receiver = try await WebhookReceiver(arguments: ["--delay-ms", "1500"])
        defer { receiver.stop() }
        let arguments = ["--allow-outbound", "127.0.0.1/32"]
        let server = try KvittoProcess(binary: binary, database: database, arguments: arguments)
        try await KvittoProcess.withClient(stopping: []) { client in
            try await server.start(client: client)
            let secret = try await DeliveryReliabilityTests.createTrigger(client, server, key: key, url: receiver.url)
            try await receiver.start(secrets: [secret])
            let order = try await client.json(.POST, server.baseURL + "/v1/orders", key: key, body: """
                {"external_id": "1", "currency": "SEK", "customer": {"email": "anna@example.se"},
                 "lines": [{"sku": "A", "name": "A", "quantity": 1, "unit_price": "10.00"}]}
                """)
            #expect(order.status == 201)
            for _ in 0..<100 where (try await receiver.stats())["requests"]?.numberValue?.int64 ?? 0 == 0 {
                try await Task.sleep(for: .milliseconds(50))
            }
            #expect((try await receiver.stats())["requests"] == 1, "the delivery is in flight")
            let (_, status) = await server.terminate()
            #expect(status == 0, "exits cleanly")

            let restarted = try KvittoProcess(binary: binary, database: database, arguments: arguments)
            try await restarted.start(client: client)
            let deliveries = try await client.json(.GET, restarted.baseURL + "/v1/deliveries", key: key)
            await restarted.stop()
            let delivery = deliveries.json["items"]?.arrayValue?.first
            #expect(delivery?["status"] == "succeeded", "recorded before the exit: \(deliveries.json)")
            #expect(delivery?["attempt_count"] == 1)
            #expect((try await receiver.stats())["requests"] == 1, "not sent again by the next process")
        }
    }

    /// An import started through the API stops between pages at SIGTERM, stays `running` at its checkpoint,
    /// and the next process resumes it: every order arrives once.
    @Test(SharedFixtures.required, .enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func anImportRunningAtSIGTERMIsFinishedByTheNextProcess() async throws {
        let binary = try #require(kvittoBinary)
        let fixtures = SharedFixtures.directory.appendingPathComponent("fixtures").path
        let fake = try await FakePlatform(orders: 1000, fixtures: fixtures, extra: ["--page-delay-ms", "700"])
        defer { fake.stop() }
        let (database, cleanup) = Self.scratchSQLite("import")
        defer { cleanup() }
        let key = try await KvittoProcess.createAccount(binary, database: database, name: "Import", currency: "USD", country: "US")
        let arguments = ["--allow-outbound", "127.0.0.1/32"]
        let server = try KvittoProcess(binary: binary, database: database, arguments: arguments)
        try await KvittoProcess.withClient(stopping: []) { client in
            try await server.start(client: client)
            let made = try await client.json(.POST, server.baseURL + "/v1/connections", key: key, body: """
                {"kind": "shopify", "name": "Shop", "credentials": {"webhook_secret": "s", "access_token": "shpat_fake_token",
                 "base_url": "\(fake.baseURL)"}, "initial_import": false}
                """)
            let connection = try #require(made.json["id"]?.stringValue, "\(made)")
            let started = try await client.json(.POST, server.baseURL + "/v1/connections/\(connection)/backfills", key: key,
                                                body: #"{"since": "2000-01-01T00:00:00Z", "all_states": true}"#)
            let backfill = try #require(started.json["id"]?.stringValue, "\(started)")
            for _ in 0..<200 where (try await fake.stats())["list_requests"]?.numberValue?.int64 ?? 0 < 2 {
                try await Task.sleep(for: .milliseconds(50))
            }
            let (seconds, status) = await server.terminate()
            #expect(status == 0, "exits cleanly")
            #expect(seconds < 5, "does not wait for the whole import (\(seconds) s)")

            let restarted = try KvittoProcess(binary: binary, database: database, arguments: arguments)
            try await restarted.start(client: client)
            var job = try await client.json(.GET, restarted.baseURL + "/v1/backfills/\(backfill)", key: key).json
            for _ in 0..<300 where job["status"] == "running" {
                try await Task.sleep(for: .milliseconds(100))
                job = try await client.json(.GET, restarted.baseURL + "/v1/backfills/\(backfill)", key: key).json
            }
            await restarted.stop()
            #expect(job["status"] == "completed", "\(job)")
            #expect(job["progress"]?["imported"] == 1000, "\(job)")
        }
        let path = String(database.dropFirst("sqlite:".count))
        let count = try await KvittoProcess.run("python3", ["-c", "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*), COUNT(DISTINCT external_id) FROM orders').fetchone())", path])
        #expect(count.trimmingCharacters(in: .whitespacesAndNewlines) == "(1000, 1000)", "every order once: \(count)")
    }
}
