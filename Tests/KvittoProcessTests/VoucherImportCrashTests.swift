import AsyncHTTPClient
import Foundation
import KvittoCore
import NIOCore
import NIOHTTP1
import Testing

/// A bonus-check file is written in one transaction: `kvitto serve` SIGKILLed while it imports leaves not one
/// check or contact of the file behind, and the same file imported after the restart is imported whole.
@Suite("Process: a bonus-check import killed midway")
struct VoucherImportCrashTests {
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func anImportKilledMidwayLeavesNothingHalfDone() async throws {
        let binary = try #require(kvittoBinary, "CI must run the import crash test: KVITTO_BIN is not set")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-import-kill-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm", ".key"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let database = "sqlite:" + path
        let admin = try await KvittoProcess.createAccount(binary, database: database, name: "Butik")
        // Enough rows that the import (a new contact each) is still running when the kill comes.
        let rows = 40_000
        var file = "email,code,amount,currency,valid_to\n"
        for n in 0..<rows { file += "member\(n)@example.se,BC-\(n),100.00,SEK,2099-12-31\n" }
        let body = file

        let server = try KvittoProcess(binary: binary, database: database)
        try await KvittoProcess.withClient(stopping: [server]) { client in
            func upload(_ text: String) async throws -> HTTPClientResponse {
                var request = HTTPClientRequest(url: server.baseURL + "/v1/vouchers/import")
                request.method = .POST
                request.headers.add(name: "Authorization", value: "Bearer \(admin)")
                request.headers.add(name: "Content-Type", value: "text/csv")
                request.body = .bytes(ByteBuffer(string: text))
                return try await client.execute(request, timeout: .seconds(600))
            }
            try await server.start(client: client)
            let started = ContinuousClock.now
            let killed = Task { try await upload(body) }
            try await Task.sleep(for: .milliseconds(1500))
            await server.kill()
            if case .success(let response) = await killed.result {
                Issue.record("the import answered \(response.status) within \(ContinuousClock.now - started), before the kill: use more rows")
            }

            try await server.start(client: client)
            let contacts = try await client.json(.GET, server.baseURL + "/v1/contacts?limit=5", key: admin)
            #expect(contacts.json["items"]?.arrayValue?.isEmpty == true, "no contact of the killed import: \(contacts.json)")

            let small = String(body.split(separator: "\n", omittingEmptySubsequences: true).prefix(101).joined(separator: "\n")) + "\n"
            let response = try await upload(small)
            let report = try JSONParser.parse(try await response.body.collect(upTo: 1 << 20).readableBytesView)
            #expect(response.status == .ok && report["imported"] == 100 && report["updated"] == 0,
                    "the first hundred rows again are new, not updates of half-written ones: \(report)")
        }
    }
}
