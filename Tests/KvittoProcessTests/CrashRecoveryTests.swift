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
        let created = try JSONParser.parse(try KvittoProcess.run(binary, ["accounts", "create", "--database", database, "--name", "Crash",
                                                                          "--currency", "SEK", "--country", "SE", "--json"]))
        let key = try #require(created["admin_key"]?.stringValue)

        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let server = try KvittoProcess(binary: binary, database: database)
        do {
            try await server.start(client: client)
            let acknowledged = AcknowledgedOrders()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<16 {
                    group.addTask {
                        for n in 0..<400 {
                            let id = "w\(worker)-\(n)"
                            let body = #"{"source": "crash", "external_id": "\#(id)", "currency": "SEK", "customer": {"email": "\#(id)@example.se"}, "lines": [{"sku": "S\#(n % 7)", "quantity": 1, "unit_price": "10.00"}]}"#
                            guard let reply = try? await client.json(.POST, server.baseURL + "/v1/orders", key: key, body: body) else { return }
                            if reply.status == 201 { acknowledged.ids.withLock { $0.append(id) } }
                        }
                    }
                }
                group.addTask {
                    // Kill once a good number of writes has been acknowledged, while the rest are in flight.
                    while acknowledged.ids.withLock({ $0.count }) < 300 { try await Task.sleep(for: .milliseconds(5)) }
                    server.kill()
                }
                try await group.waitForAll()
            }
            let acked = Set(acknowledged.ids.withLock { $0 })
            #expect(acked.count >= 300)

            try await server.start(client: client)
            var stored: [String: JSONValue] = [:]
            var cursor: String?
            repeat {
                let page = try await client.json(.GET, server.baseURL + "/v1/orders?limit=500" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key)
                for order in page.json["items"]?.arrayValue ?? [] { stored[order["external_id"]?.stringValue ?? ""] = order }
                cursor = page.json["next_cursor"]?.stringValue
            } while cursor != nil
            let lost = acked.subtracting(stored.keys)
            #expect(lost.isEmpty, "acknowledged orders lost in the crash: \(lost.sorted().prefix(10))")

            var eventOrders = Set<String>()
            var after: Int64 = 0
            var sequences: [Int64] = []
            while true {
                let page = try await client.json(.GET, server.baseURL + "/v1/events?after=\(after)&limit=1000", key: key)
                let items = page.json["items"]?.arrayValue ?? []
                if items.isEmpty { break }
                for event in items {
                    sequences.append(event["sequence"]?.numberValue?.int64 ?? -1)
                    if event["type"] == "order.received", let id = event["data"]?["order"]?["id"]?.stringValue { eventOrders.insert(id) }
                }
                after = sequences.last ?? after
            }
            #expect(sequences == Array(1...Int64(sequences.count)), "the event sequence has no gaps after the crash")
            let halfWritten = stored.values.filter { order in
                order["lines"]?.arrayValue?.count != 1 || order["contact_id"]?.stringValue == nil
                    || !eventOrders.contains(order["id"]?.stringValue ?? "")
            }
            #expect(halfWritten.isEmpty, "orders without their line, contact or event: \(halfWritten.count)")
            server.stop()
        } catch {
            server.kill()
            try await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }
}

/// External ids of the orders the server answered 2xx, from every client task.
final class AcknowledgedOrders: Sendable {
    let ids = Mutex<[String]>([])
}
