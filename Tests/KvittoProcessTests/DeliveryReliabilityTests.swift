import AsyncHTTPClient
import Foundation
import KvittoCore
import KvittoTestSupport
import NIOHTTP1
import Testing

let postgresURL = ProcessInfo.processInfo.environment["KVITTO_TEST_POSTGRES_URL"]

/// What the delivery workers need in these tests: loopback allowed, retries and leases short enough to
/// finish in seconds (the production schedule starts at 5 s and the lease is 60 s).
let fastDelivery = [
    "KVITTO_SECRET_KEY": "reliability-test-key", "KVITTO_ALLOW_OUTBOUND": "127.0.0.1/32",
    "KVITTO_RETRY_SCHEDULE": "0.2,0.4,0.8,1,1,2,2,3", "KVITTO_DELIVERY_LEASE": "30",
]

@Suite("Process: delivery reliability", .serialized)
struct DeliveryReliabilityTests {
    static func orders(_ range: Range<Int>, prefix: String) -> String {
        #"{"orders": ["# + range.map { n in
            #"{"source": "shop", "external_id": "\#(prefix)-\#(n)", "currency": "SEK", "customer": {"email": "c\#(n % 500)@example.se"}, "lines": [{"sku": "S\#(n % 9)", "quantity": 1, "unit_price": "10.00"}]}"#
        }.joined(separator: ",") + "]}"
    }

    /// A sink failing 20 % of requests at random, but no delivery more than four times: the test is about
    /// retries and killed workers, and nine failures in a row (the whole schedule) would otherwise come by
    /// chance whenever one delivery is retried alone and takes consecutive draws of the seeded sequence.
    static func flakySink(seed: Int) -> [String] {
        ["--fail-rate", "0.2", "--most-failures-per-id", "4", "--seed", String(seed)]
    }

    static func createTrigger(_ client: HTTPClient, _ server: KvittoProcess, key: String, url: String) async throws -> String {
        let trigger = try await client.json(.POST, server.baseURL + "/v1/triggers", key: key,
                                            body: #"{"name": "sink", "event_types": ["order.received"], "url": "\#(url)"}"#)
        return try #require(trigger.json["secret"]?.stringValue, "trigger not created: \(trigger)")
    }

    /// An event the killed process sent but could not record is sent again, so its retry may still be pending
    /// when the sink has seen every event once. Stuck means still pending after a minute; none may fail for good.
    static func expectQueueDrains(_ client: HTTPClient, _ server: KvittoProcess, key: String) async throws {
        var pending = try await client.json(.GET, server.baseURL + "/v1/deliveries?status=pending&limit=5", key: key)
        for _ in 0..<120 where pending.json["items"]?.arrayValue?.isEmpty == false {
            try await Task.sleep(for: .milliseconds(500))
            pending = try await client.json(.GET, server.baseURL + "/v1/deliveries?status=pending&limit=5", key: key)
        }
        #expect(pending.json["items"]?.arrayValue?.isEmpty == true, "no delivery left pending: \(pending.json)")
        let failed = try await client.json(.GET, server.baseURL + "/v1/deliveries?status=failed&limit=5", key: key)
        #expect(failed.json["items"]?.arrayValue?.isEmpty == true, "no delivery failed for good: \(failed.json)")
    }

    /// Waits until the receiver has accepted `count` distinct webhook-ids (or the time runs out).
    static func waitForDistinct(_ receiver: WebhookReceiver, count: Int, seconds: Int) async throws -> JSONValue {
        var stats: JSONValue = .null
        for _ in 0..<(seconds * 4) {
            stats = try await receiver.stats()
            let delivered = stats["ids"]?.objectValue?.values.filter { ($0.numberValue?.int64 ?? 0) > 0 }.count ?? 0
            if delivered >= count { return stats }
            try await Task.sleep(for: .milliseconds(250))
        }
        return stats
    }

    static func duplicates(_ stats: JSONValue) -> Int {
        stats["ids"]?.objectValue?.values.reduce(0) { $0 + max(0, Int($1.numberValue?.int64 ?? 0) - 1) } ?? 0
    }

    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func aKilledSQLiteProcessLosesNoDeliveryAfterARestart() async throws {
        let binary = try #require(kvittoBinary)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-deliver-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let key = try await KvittoProcess.createAccount(binary, database: "sqlite:" + path, name: "R")
        let receiver = try await WebhookReceiver(arguments: Self.flakySink(seed: 3))
        defer { receiver.stop() }
        let server = try KvittoProcess(binary: binary, database: "sqlite:" + path, environment: fastDelivery)
        try await KvittoProcess.withClient(stopping: [server]) { client in
            try await server.start(client: client)
            try await receiver.start(secrets: [try await Self.createTrigger(client, server, key: key, url: receiver.url)])
            let batch = try await client.json(.POST, server.baseURL + "/v1/orders/batch", key: key, body: Self.orders(0..<600, prefix: "s"))
            #expect(batch.status == 200)
            _ = try await Self.waitForDistinct(receiver, count: 150, seconds: 60)
            await server.kill()
            try await server.start(client: client)
            let stats = try await Self.waitForDistinct(receiver, count: 600, seconds: 120)
            let delivered = stats["ids"]?.objectValue?.values.filter { ($0.numberValue?.int64 ?? 0) > 0 }.count ?? 0
            #expect(delivered == 600, "every event reached the receiver after the restart")
            #expect(stats["unverified"] == 0)
            print("sqlite kill/restart: 600 deliveries, \(Self.duplicates(stats)) duplicates, \(stats["failed_on_purpose"] ?? 0) failures injected")
            try await Self.expectQueueDrains(client, server, key: key)
        }
    }

    /// Three worker processes on one PostgreSQL database, 10,000 events, a sink failing 20 % at random,
    /// one worker SIGKILLed mid-run: every event arrives, only what the killed worker held arrives twice,
    /// nothing is left pending.
    @Test(.enabled(if: kvittoBinary != nil && postgresURL != nil, "needs the kvitto binary and PostgreSQL (scripts/test provides both)"))
    func threeWorkersOnPostgreSQLDeliverEveryEventDespiteAKilledWorker() async throws {
        let binary = try #require(kvittoBinary)
        let serverURL = try #require(postgresURL)
        try await ScratchPostgresDatabase.using(serverURL: serverURL, prefix: "kvitto_reliability_", binary: binary) { scratch in
            let database = scratch.url
            let key = try await KvittoProcess.createAccount(binary, database: database, name: "R")
            let receiver = try await WebhookReceiver(arguments: Self.flakySink(seed: 11))
            defer { receiver.stop() }
            let workers = try (0..<3).map { _ in
                try KvittoProcess(binary: binary, database: database, arguments: ["--role", "worker"], environment: fastDelivery)
            }
            try await KvittoProcess.withClient(stopping: workers) { client in
                for worker in workers { try await worker.start(client: client) }
                try await receiver.start(secrets: [try await Self.createTrigger(client, workers[0], key: key, url: receiver.url)])
                let started = Date()
                for chunk in 0..<10 {
                    let batch = try await client.json(.POST, workers[chunk % 3].baseURL + "/v1/orders/batch", key: key,
                                                      body: Self.orders(chunk * 1000..<(chunk + 1) * 1000, prefix: "p"))
                    #expect(batch.status == 200)
                }
                _ = try await Self.waitForDistinct(receiver, count: 3000, seconds: 120)
                let killed = try #require(workers[2].processIdentifier)
                await workers[2].kill()
                // What the killed worker held when it died: its lease tokens name its pid, and nobody touches
                // these rows before their lease runs out (30 s here), long after this look.
                let heldAtKill = Set(try await scratch.column("SELECT id FROM deliveries WHERE lease_token LIKE '%:\(killed):%'"))
                let stats = try await Self.waitForDistinct(receiver, count: 10_000, seconds: 240)
                let delivered = stats["ids"]?.objectValue?.values.filter { ($0.numberValue?.int64 ?? 0) > 0 }.count ?? 0
                let duplicates = Self.duplicates(stats)
                print("""
                    postgres 3 workers: \(delivered) of 10000 events delivered in \(Int(Date().timeIntervalSince(started))) s, \
                    \(duplicates) duplicates, \(heldAtKill.count) deliveries held by the killed worker, \
                    \(stats["failed_on_purpose"] ?? 0) failures injected, \(stats["unverified"] ?? 0) unverified
                    """)
                #expect(delivered == 10_000, "every event reached the sink")
                #expect(stats["unverified"] == 0)
                // At least once, and no more than that: a delivery arrives twice only when the killed worker sent
                // it and died before recording it. One sent twice by live workers would mean a lease lost under load.
                let sentTwice = Set(stats["ids"]?.objectValue?.filter { ($0.value.numberValue?.int64 ?? 0) > 1 }.map(\.key) ?? [])
                let unexplained = sentTwice.subtracting(heldAtKill)
                #expect(unexplained.count == 0, "deliveries arrived twice that the killed worker did not hold, e.g. \(unexplained.prefix(5))")
                #expect(duplicates <= heldAtKill.count, "no delivery arrived more than twice (\(duplicates) duplicates)")
                try await Self.expectQueueDrains(client, workers[0], key: key)
            }
        }
    }
}
