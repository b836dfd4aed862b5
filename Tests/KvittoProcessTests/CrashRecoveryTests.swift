import AsyncHTTPClient
import Foundation
import KvittoCore
import NIOHTTP1
import Synchronization
import Testing

@Suite("Process: crash recovery")
struct CrashRecoveryTests {
    /// Ingests from 16 concurrent clients, SIGKILLs the server mid-stream, restarts it on the same file and
    /// checks that every order that got a 2xx is there, whole: with its line, its contact and its event.
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "KVITTO_BIN is not set (scripts/test sets it)"))
    func aKilledServerLosesNoAcknowledgedOrderAndLeavesNothingHalfWritten() async throws {
        let binary = try #require(kvittoBinary, "CI must run the crash test: KVITTO_BIN is not set")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-crash-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = "sqlite:" + path
        let key = try await KvittoProcess.createAccount(binary, database: database, name: "Crash")

        let server = try KvittoProcess(binary: binary, database: database)
        try await KvittoProcess.withClient(stopping: [server]) { client in
            try await server.start(client: client)
            let acknowledged = AcknowledgedOrders()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<16 {
                    group.addTask {
                        for n in 0..<400 {
                            let id = "w\(worker)-c\(worker)x\(n)-o"
                            let body = #"{"source": "crash", "external_id": "\#(id)", "currency": "SEK", "customer": {"email": "c\#(worker)x\#(n)@example.se"}, "lines": [{"sku": "S\#(n % 7)", "quantity": 1, "unit_price": "10.00"}]}"#
                            guard let reply = try? await client.json(.POST, server.baseURL + "/v1/orders", key: key, body: body) else { return }
                            if reply.status == 201 { acknowledged.ids.withLock { $0.append(id) } }
                        }
                    }
                }
                group.addTask {
                    // Kill once a good number of writes has been acknowledged, while the rest are in flight.
                    while acknowledged.ids.withLock({ $0.count }) < 300 { try await Task.sleep(for: .milliseconds(5)) }
                    await server.kill()
                }
                try await group.waitForAll()
            }
            let acked = Set(acknowledged.ids.withLock { $0 })
            #expect(acked.count >= 300)

            try await server.start(client: client)
            try await StoredFeed.expectWhole(acknowledged: acked, at: server.baseURL, key: key, client: client)
        }
    }
}

extension CrashRecoveryTests {
    /// Three processes on one PostgreSQL database take orders from 16 clients at once (customers and SKUs
    /// shared between them, so processes race to create the same contacts and products); one is SIGKILLed
    /// mid-stream. Every order a process acknowledged is stored whole, the feed has no gap, and no customer
    /// or SKU was created twice.
    @Test(.enabled(if: kvittoBinary != nil && postgresURL != nil, "needs the kvitto binary and PostgreSQL (scripts/test provides both)"))
    func aKilledProcessOfAPostgreSQLClusterLosesNoAcknowledgedOrder() async throws {
        let binary = try #require(kvittoBinary)
        let serverURL = try #require(postgresURL)
        try await ScratchPostgresDatabase.using(serverURL: serverURL, prefix: "kvitto_cluster_", binary: binary) { scratch in
            let database = scratch.url
            let key = try await KvittoProcess.createAccount(binary, database: database, name: "Cluster")
            let processes = try (0..<3).map { _ in
                try KvittoProcess(binary: binary, database: database, arguments: ["--role", "api"], environment: fastDelivery)
            }
            try await KvittoProcess.withClient(stopping: processes) { client in
                for process in processes { try await process.start(client: client) }
                let acknowledged = AcknowledgedOrders()
                let killed = KillSwitch()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for worker in 0..<16 {
                        group.addTask {
                            for n in 0..<150 {
                                let (id, body) = StoredFeed.sharedCustomerOrder(worker: worker, n: n)
                                // Clients of the killed process go on at the next one, as a load balancer would send them.
                                var target = (worker + n) % 3
                                if target == 0 && killed.flipped.load(ordering: .relaxed) { target = 1 + n % 2 }
                                guard let reply = try? await client.json(.POST, processes[target].baseURL + "/v1/orders", key: key, body: body) else { continue }
                                if reply.status == 201 { acknowledged.ids.withLock { $0.append(id) } }
                            }
                        }
                    }
                    group.addTask {
                        while acknowledged.ids.withLock({ $0.count }) < 400 { try await Task.sleep(for: .milliseconds(5)) }
                        await processes[0].kill()
                        killed.flipped.store(true, ordering: .relaxed)
                    }
                    try await group.waitForAll()
                }
                let acked = Set(acknowledged.ids.withLock { $0 })
                #expect(acked.count >= 1500, "the surviving processes went on taking orders (\(acked.count) acknowledged)")
                try await StoredFeed.expectWhole(acknowledged: acked, at: processes[1].baseURL, key: key, client: client)
            }
        }
    }
}

/// Set once a process has been killed, read by every client task.
final class KillSwitch: Sendable {
    let flipped = Atomic<Bool>(false)
}

/// External ids of the orders the server answered 2xx, from every client task.
final class AcknowledgedOrders: Sendable {
    let ids = Mutex<[String]>([])
}

/// What a crash must not break, read back over the API.
enum StoredFeed {
    /// Every acknowledged order is stored whole (its line, contact and order.received event), the event
    /// sequence has no gap, and each customer e-mail and SKU is one contact and one product.
    static func expectWhole(acknowledged: Set<String>, at baseURL: String, key: String, client: HTTPClient) async throws {
        var stored: [String: JSONValue] = [:]
        var cursor: String?
        repeat {
            let page = try await client.json(.GET, baseURL + "/v1/orders?limit=500" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
            for order in page.json["items"]?.arrayValue ?? [] { stored[order["external_id"]?.stringValue ?? ""] = order }
            cursor = page.json["next_cursor"]?.stringValue
        } while cursor != nil
        let lost = acknowledged.subtracting(stored.keys)
        #expect(lost.isEmpty, "acknowledged orders lost in the crash: \(lost.sorted().prefix(10))")

        var eventOrders = Set<String>()
        var after: Int64 = 0
        var sequences: [Int64] = []
        while true {
            let page = try await client.json(.GET, baseURL + "/v1/events?after=\(after)&limit=1000", key: key)
            let items = page.json["items"]?.arrayValue ?? []
            if items.isEmpty { break }
            for event in items {
                sequences.append(event["sequence"]?.numberValue?.int64 ?? -1)
                if event["type"] == "order.received", let id = event["data"]?["order"]?["id"]?.stringValue { eventOrders.insert(id) }
            }
            after = sequences.last ?? after
        }
        #expect(!sequences.isEmpty && sequences == Array(1...Int64(sequences.count)), "the event sequence has no gaps after the crash")
        let halfWritten = stored.values.filter { order in
            order["lines"]?.arrayValue?.count != 1 || order["contact_id"]?.stringValue == nil
                || !eventOrders.contains(order["id"]?.stringValue ?? "")
        }
        #expect(halfWritten.isEmpty, "orders without their line, contact or event: \(halfWritten.count)")
        #expect(eventOrders.count == stored.count, "one order.received per stored order")

        // Orders of one customer all point at one contact, and lines of one SKU at one product.
        var contactsByEmail: [String: Set<String>] = [:]
        var productsBySKU: [String: Set<String>] = [:]
        for order in stored.values {
            let externalID = order["external_id"]?.stringValue ?? ""
            if let email = Self.customer(of: externalID) {
                contactsByEmail[email, default: []].insert(order["contact_id"]?.stringValue ?? "")
            }
            for line in order["lines"]?.arrayValue ?? [] {
                productsBySKU[line["sku"]?.stringValue ?? "", default: []].insert(line["product_id"]?.stringValue ?? "")
            }
        }
        #expect(contactsByEmail.values.allSatisfy { $0.count == 1 }, "a customer became several contacts")
        #expect(productsBySKU.values.allSatisfy { $0.count == 1 }, "a SKU became several products")
    }

    /// Order `n` of client `worker`, its customer one of 60 and its SKU one of 9 shared by every client and
    /// process, so that processes race to create the same contacts and products.
    static func sharedCustomerOrder(worker: Int, n: Int) -> (id: String, body: String) {
        let id = "w\(worker)-c\((worker * 7 + n) % 60)-\(n)"
        let body = #"{"source": "cluster", "external_id": "\#(id)", "currency": "SEK", "customer": {"email": "c\#((worker * 7 + n) % 60)@example.se"}, "lines": [{"sku": "K\#((worker + n) % 9)", "quantity": 1, "unit_price": "10.00"}]}"#
        return (id, body)
    }

    /// The e-mail `CrashRecoveryTests` gives the customer of an order: `c<K>` of an external id `…-c<K>-…`.
    static func customer(of externalID: String) -> String? {
        externalID.split(separator: "-").first { $0.hasPrefix("c") }.map { "\($0)@example.se" }
    }
}
