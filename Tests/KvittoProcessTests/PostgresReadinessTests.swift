import AsyncHTTPClient
import Foundation
import KvittoCore
import NIOCore
import NIOHTTP1
import Testing

/// `/ready` of a `kvitto serve` on PostgreSQL, over HTTP: ready once its database answers and its services
/// run. (What happens when the database then goes away is not asserted here: postgres-nio's pool can stop the
/// process with a precondition failure while it cannot reconnect — see the README's operations section.)
@Suite("Process: readiness on PostgreSQL")
struct PostgresReadinessTests {
    static func get(_ client: HTTPClient, _ url: String) async throws -> (status: Int, json: JSONValue) {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), (try? JSONParser.parse(Array(buffer: body))) ?? .null)
    }

    @Test(.enabled(if: kvittoBinary != nil && (postgresURL != nil || runningInCI), "needs the kvitto binary and PostgreSQL (scripts/test provides them)"))
    func readyOnceTheDatabaseAnswersAndTheServicesRun() async throws {
        let binary = try #require(kvittoBinary)
        let serverURL = try #require(postgresURL, "CI must run the PostgreSQL process tests")
        try await ScratchPostgresDatabase.using(serverURL: serverURL, prefix: "kvitto_ready_", binary: binary) { scratch in
            let server = try KvittoProcess(binary: binary, database: scratch.url, environment: ["KVITTO_SECRET_KEY": "readiness-test-secret-key"])
            try await KvittoProcess.withClient(stopping: [server]) { client in
                try await server.start(client: client)
                var ready = try await Self.get(client, server.baseURL + "/ready")
                for _ in 0..<300 where ready.status != 200 {
                    try await Task.sleep(for: .milliseconds(100))
                    ready = try await Self.get(client, server.baseURL + "/ready")
                }
                #expect(ready.status == 200, "\(JSONWriter.string(ready.json))")
                #expect(ready.json["database"] == "ok" && ready.json["migrations"] == "done", "\(JSONWriter.string(ready.json))")
                let services = ready.json["services"]?.objectValue ?? [:]
                #expect(!services.isEmpty && services.allSatisfy { $0.value == "running" }, "\(JSONWriter.string(ready.json))")
            }
        }
    }
}
