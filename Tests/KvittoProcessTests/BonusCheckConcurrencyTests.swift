import AsyncHTTPClient
import Foundation
import KvittoCore
import NIOCore
import NIOHTTP1
import Testing

/// Fifty registers redeeming one bonus check at once, each over a connection of its own: on SQLite through
/// one `kvitto serve`, on PostgreSQL through two on one database. The balance never goes below zero, and
/// what was answered 200 is what was taken.
@Suite("Process: bonus checks redeemed at once", .serialized)
struct BonusCheckConcurrencyTests {
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func fiftyRedemptionsOnSQLiteNeverTakeMoreThanTheBalance() async throws {
        let binary = try #require(kvittoBinary, "CI must run the bonus-check test: KVITTO_BIN is not set")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-vouchers-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try await Self.rush(binary: binary, database: "sqlite:" + path, processes: 1)
    }

    @Test(.enabled(if: kvittoBinary != nil && postgresURL != nil, "needs the kvitto binary and PostgreSQL (scripts/test provides both)"))
    func fiftyRedemptionsThroughTwoProcessesOnPostgreSQLNeverTakeMoreThanTheBalance() async throws {
        let binary = try #require(kvittoBinary)
        let serverURL = try #require(postgresURL)
        try await ScratchPostgresDatabase.using(serverURL: serverURL, prefix: "kvitto_vouchers_", binary: binary) { scratch in
            try await Self.rush(binary: binary, database: scratch.url, processes: 2)
        }
    }

    static func rush(binary: String, database: String, processes count: Int) async throws {
        let admin = try await KvittoProcess.createAccount(binary, database: database, name: "Butik")
        let environment = ["KVITTO_SECRET_KEY": "voucher-test-key"]
        let processes = try (0..<count).map { _ in try KvittoProcess(binary: binary, database: database, environment: environment) }
        try await KvittoProcess.withClient(stopping: processes) { client in
            for process in processes { try await process.start(client: client) }
            let key = try await client.json(.POST, processes[0].baseURL + "/v1/api-keys", key: admin, body: #"{"name": "Sitoo", "scopes": ["pos"]}"#)
            let pos = try #require(key.json["key"]?.stringValue, "\(key.json)")
            var upload = HTTPClientRequest(url: processes[0].baseURL + "/v1/vouchers/import")
            upload.method = .POST
            upload.headers.add(name: "Authorization", value: "Bearer \(admin)")
            upload.headers.add(name: "Content-Type", value: "text/csv")
            upload.body = .bytes(ByteBuffer(string: "email,code,amount,currency\nanna@example.se,BC-RUSH,100.00,SEK\n"))
            let imported = try await client.execute(upload, timeout: .seconds(60))
            #expect(imported.status == .ok)

            let answers = try await withThrowingTaskGroup(of: (Int, JSONValue).self) { group in
                for n in 0..<50 {
                    let server = processes[n % processes.count]
                    group.addTask {
                        // A client of its own: a connection of its own, as fifty registers would have.
                        let register = HTTPClient(eventLoopGroupProvider: .singleton)
                        defer { _ = register.shutdown() }
                        return try await register.json(.POST, server.baseURL + "/pos/v2/bonus-checks/BC-RUSH/redeem", key: pos,
                                                       body: #"{"amount": "\#(n % 3 == 0 ? "15.00" : "5.00")", "idempotency_key": "rush-\#(n)"}"#)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let granted = answers.filter { $0.0 == 200 }
            let taken = granted.compactMap { Money(json: $0.1["redeemed"] ?? .null) }.reduce(Money.zero, +)
            let refused = answers.filter { $0.0 != 200 }
            #expect(refused.allSatisfy { ["voucher-exhausted", "voucher-over-amount"].contains($0.1["reason"]?.stringValue ?? "") },
                    "\(refused.map(\.1))")
            let customer = try await client.json(.GET, processes[processes.count - 1].baseURL + "/pos/v2/customers?key_type=email&key=anna%40example.se", key: pos)
            let remaining = try #require(customer.json.arrayValue?.first?["bonus_checks"]?.arrayValue?.first?["remaining"].flatMap(Money.init(json:)))
            #expect(taken + remaining == Money(units: 10_000, scale: 2), "answered \(taken.description), left \(remaining.description)")
            #expect(!(remaining < .zero), "never below zero")
            #expect(remaining < Money(units: 500, scale: 2), "the registers used it up: \(remaining.description) left")
        }
    }
}
