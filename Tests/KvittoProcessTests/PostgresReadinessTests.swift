import AsyncHTTPClient
import Foundation
import KvittoCore
import NIOCore
import NIOHTTP1
import Testing

/// `/ready` of a `kvitto serve` on PostgreSQL, over HTTP: ready while its database answers, 503 naming the
/// database once the database is gone (dropped with its connections cut), while `/health` (alive) still
/// answers, and ready again once the database is back.
@Suite("Process: readiness on PostgreSQL")
struct PostgresReadinessTests {
    static func get(_ client: HTTPClient, _ url: String) async throws -> (status: Int, json: JSONValue) {
        let response = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), (try? JSONParser.parse(Array(buffer: body))) ?? .null)
    }

    /// Polls `url` until it answers `status` (or 30 s pass) and returns the last answer.
    static func waitFor(_ status: Int, _ client: HTTPClient, _ url: String) async throws -> (status: Int, json: JSONValue) {
        var answer = try await get(client, url)
        for _ in 0..<300 where answer.status != status {
            try await Task.sleep(for: .milliseconds(100))
            answer = try await get(client, url)
        }
        return answer
    }

    @Test(.enabled(if: kvittoBinary != nil && (postgresURL != nil || runningInCI), "needs the kvitto binary and PostgreSQL (scripts/test provides them)"))
    func readyWhileTheDatabaseAnswersAndNotOnceItIsGone() async throws {
        let binary = try #require(kvittoBinary)
        let serverURL = try #require(postgresURL, "CI must run the PostgreSQL process tests")
        try await ScratchPostgresDatabase.using(serverURL: serverURL, prefix: "kvitto_ready_", binary: binary) { scratch in
            let server = try KvittoProcess(binary: binary, database: scratch.url, environment: ["KVITTO_SECRET_KEY": "readiness-test-secret-key"])
            try await KvittoProcess.withClient(stopping: [server]) { client in
                try await server.start(client: client)
                let ready = try await Self.waitFor(200, client, server.baseURL + "/ready")
                #expect(ready.status == 200, "\(ready.json)")
                #expect(ready.json["database"] == "ok" && ready.json["migrations"] == "done", "\(ready.json)")

                await scratch.drop()
                let gone = try await Self.waitFor(503, client, server.baseURL + "/ready")
                #expect(gone.status == 503, "\(gone.json)")
                #expect(gone.json["status"] == "not ready", "\(gone.json)")
                // Unreachable, or (while the pool keeps trying to connect) no answer within the probe's time.
                let database = gone.json["database"]?.stringValue ?? ""
                #expect(database.hasPrefix("unreachable") || database.hasPrefix("no answer"), "\(JSONWriter.string(gone.json))")
                #expect(try await Self.get(client, server.baseURL + "/health").status == 200, "alive, though not ready")

                // The database comes back (empty, migrated): the process reconnects on its own and is ready again.
                _ = try await KvittoProcess.run("psql", [serverURL, "-q", "-c", "CREATE DATABASE \(scratch.name)"])
                _ = try await KvittoProcess.run(binary, ["migrate", "--database", scratch.url])
                let back = try await Self.waitFor(200, client, server.baseURL + "/ready")
                #expect(back.status == 200, "\(JSONWriter.string(back.json))")
            }
        }
    }
}
