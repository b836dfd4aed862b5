import AsyncHTTPClient
import Foundation
import KvittoCore
import KvittoTestSupport
import NIOHTTP1
import Synchronization
import Testing

/// Whether nginx is installed where `scripts/cluster` looks for it.
let nginxInstalled = ProcessInfo.processInfo.environment["PATH", default: ""].split(separator: ":")
    .contains { FileManager.default.isExecutableFile(atPath: "\($0)/nginx") } || FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx")

@Suite("Process: the cluster behind nginx")
struct ClusterTests {
    static let secretKey = "cluster-test-secret-key"

    /// The set-up the deployment guide describes, as `scripts/cluster` starts it: a PostgreSQL of its own,
    /// three `kvitto serve` processes and nginx in front of them. Clients only know nginx's address. One
    /// process is SIGKILLed while 8 clients post orders; nginx sends the next requests to the other two,
    /// and every order that was acknowledged is stored whole, the feed has no gap, and no customer or SKU
    /// became two.
    @Test(.enabled(if: (kvittoBinary != nil && nginxInstalled) || runningInCI, "needs KVITTO_BIN, nginx and PostgreSQL 15 (scripts/test and .ci/run provide them)"))
    func killingOneProcessBehindNginxLosesNoAcknowledgedOrder() async throws {
        let binary = try #require(kvittoBinary, "CI must run the cluster test: KVITTO_BIN is not set")
        try #require(nginxInstalled, "CI must run the cluster test: nginx is not installed")
        let script = repositoryRoot.appendingPathComponent("scripts/cluster").path
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-cluster-\(UUID().uuidString)").path
        let environment = ["KVITTO_BIN": binary, "KVITTO_SECRET_KEY": Self.secretKey]
        do {
            let started = try await ChildProcess.outcome(script, ["start", directory, "3"], environment: environment, deadline: .seconds(240))
            if started.exitCode != 0 { print(started.errors) }
            try #require(started.exitCode == 0, "scripts/cluster start failed (its errors are above)")
            let lines = started.output.split(separator: "\n").map(String.init)
            try #require(lines.count == 3, "scripts/cluster printed \(lines)")
            let (front, database) = (lines[0], lines[1])
            let pids = lines[2].split(separator: " ").map(String.init)
            try #require(pids.count == 3)

            let created = try await ChildProcess.outcome(binary, ["accounts", "create", "--database", database, "--name", "Cluster",
                                                                   "--currency", "SEK", "--country", "SE", "--json"], environment: environment)
            let key = try #require(try JSONParser.parse(created.output)["admin_key"]?.stringValue, "no admin key: \(created.errors)")

            try await KvittoProcess.withClient(stopping: []) { client in
                let acknowledged = AcknowledgedOrders()
                let acknowledgedAtKill = CountAtKill()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for worker in 0..<8 {
                        group.addTask {
                            for n in 0..<100 {
                                let (id, body) = StoredFeed.sharedCustomerOrder(worker: worker, n: n)
                                // A request the killed process held when it died is answered 502 by nginx:
                                // not acknowledged, and the client goes on with the next order.
                                guard let reply = try? await client.json(.POST, front + "/v1/orders", key: key, body: body) else { continue }
                                if reply.status == 201 { acknowledged.ids.withLock { $0.append(id) } }
                            }
                        }
                    }
                    group.addTask {
                        while acknowledged.ids.withLock({ $0.count }) < 200 { try await Task.sleep(for: .milliseconds(5)) }
                        _ = try await ChildProcess.outcome("kill", ["-KILL", pids[0]])
                        acknowledgedAtKill.count.store(acknowledged.ids.withLock { $0.count }, ordering: .relaxed)
                    }
                    try await group.waitForAll()
                }
                let acked = Set(acknowledged.ids.withLock { $0 })
                let atKill = acknowledgedAtKill.count.load(ordering: .relaxed)
                try #require(atKill >= 200, "the process was killed")
                #expect(acked.count >= atKill + 300, "nginx sent the clients on to the two live processes (\(atKill) acknowledged at the kill, \(acked.count) in all)")
                let alive = try await ChildProcess.outcome("kill", ["-0", pids[1], pids[2]])
                #expect(alive.exitCode == 0, "the two other processes still run")
                try await StoredFeed.expectWhole(acknowledged: acked, at: front, key: key, client: client)
            }
        } catch {
            _ = try? await ChildProcess.outcome(script, ["stop", directory], deadline: .seconds(60))
            throw error
        }
        let stopped = try await ChildProcess.outcome(script, ["stop", directory], deadline: .seconds(60))
        #expect(stopped.exitCode == 0, "scripts/cluster stop: \(stopped.errors)")
    }
}

/// How many orders had been acknowledged when the process was killed, set by the task that killed it.
final class CountAtKill: Sendable {
    let count = Atomic<Int>(-1)
}
