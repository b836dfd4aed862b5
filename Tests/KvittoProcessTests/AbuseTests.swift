import AsyncHTTPClient
import Foundation
import KvittoCore
import KvittoTestSupport
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Abuse a server must withstand: a key that floods, and clients that open connections and never finish a
/// request. Real `kvitto serve` processes on 127.0.0.1.
@Suite("Process: abuse")
struct AbuseTests {
    /// With a limit set, a key that floods is answered 429 with `Retry-After` while another key is served. The
    /// rate is one request in five seconds after a burst of ten, so a loaded machine's slowness refills little.
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func aFloodingKeyIsThrottledWhileAnotherKeyIsServed() async throws {
        let binary = try #require(kvittoBinary)
        let (database, cleanup) = LifecycleTests.scratchSQLite("ratelimit")
        defer { cleanup() }
        let flooder = try await KvittoProcess.createAccount(binary, database: database, name: "Flood")
        let calm = try await KvittoProcess.createAccount(binary, database: database, name: "Calm")
        let server = try KvittoProcess(binary: binary, database: database, environment: ["KVITTO_RATE_LIMIT": "0.2", "KVITTO_RATE_BURST": "10"])
        try await KvittoProcess.withClient(stopping: [server]) { client in
            try await server.start(client: client)
            let flood = try await withThrowingTaskGroup(of: HTTPClientResponse.self) { group in
                for _ in 0..<60 {
                    group.addTask {
                        var request = HTTPClientRequest(url: server.baseURL + "/v1/orders?limit=1")
                        request.headers.add(name: "Authorization", value: "Bearer \(flooder)")
                        return try await client.execute(request, timeout: .seconds(10))
                    }
                }
                var responses: [HTTPClientResponse] = []
                for try await response in group { responses.append(response) }
                return responses
            }
            let refused = flood.filter { $0.status == .tooManyRequests }
            #expect(flood.filter { $0.status == .ok }.count <= 12, "about the burst passes (10, and what refills meanwhile)")
            #expect(refused.count >= 48, "the rest is refused: \(refused.count) of 60")
            let first = try #require(refused.first)
            #expect(Int(first.headers.first(name: "Retry-After") ?? "") ?? 0 >= 1, "with Retry-After")
            #expect(first.headers.first(name: "RateLimit-Limit") == "10" && first.headers.first(name: "RateLimit-Remaining") == "0")
            #expect(first.headers.first(name: "Content-Type") == "application/problem+json")
            // The other key is untouched by the first one's flood.
            let began = ContinuousClock.now
            for _ in 0..<5 {
                let answer = try await client.json(.GET, server.baseURL + "/v1/orders?limit=1", key: calm)
                #expect(answer.status == 200, "another key is served")
            }
            var request = HTTPClientRequest(url: server.baseURL + "/v1/orders?limit=1")
            request.headers.add(name: "Authorization", value: "Bearer \(calm)")
            let counted = try await client.execute(request, timeout: .seconds(5))
            let left = Int(counted.headers.first(name: "RateLimit-Remaining") ?? "") ?? -1
            // Ten less six, and what refilled at 0.2 a second meanwhile (a loaded machine once took ten seconds).
            let elapsed = ContinuousClock.now - began
            let refilled = Int((Double(elapsed.components.seconds) + 1) * 0.2) + 1
            #expect((4...min(10, 4 + refilled)).contains(left), "and told what it has left: \(left) of 10 after six requests in \(elapsed)")
        }
    }

    /// Connections that send half a request line and stop are closed after the idle timeout; meanwhile the
    /// server answers, and a new client still connects.
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func clientsThatNeverFinishARequestAreClosedAndOthersAreServed() async throws {
        let binary = try #require(kvittoBinary)
        let connections = Self.raiseOpenFileLimit(wanted: 5_600) >= 5_600 ? 5_000 : 800
        let (database, cleanup) = LifecycleTests.scratchSQLite("slowloris")
        defer { cleanup() }
        let server = try KvittoProcess(binary: binary, database: database, environment: ["KVITTO_IDLE_TIMEOUT": "3"])
        try await KvittoProcess.withClient(stopping: [server]) { client in
            try await server.start(client: client)
            let group = MultiThreadedEventLoopGroup.singleton
            var channels: [any Channel] = []
            for _ in 0..<connections {
                let channel = try await ClientBootstrap(group: group).connect(host: "127.0.0.1", port: server.port).get()
                // On a loaded machine the first may be closed (they are idle) before the last is open: a write
                // that finds its connection closed is what the test is about, not a failure.
                try? await channel.writeAndFlush(ByteBuffer(string: "GET /health HT")).get()
                channels.append(channel)
            }
            #expect(channels.count == connections)
            let health = try await client.execute(HTTPClientRequest(url: server.baseURL + "/health"), timeout: .seconds(5))
            #expect(health.status == .ok, "the server answers while \(connections) connections hang")
            let closed = Mutex(0)
            let deadline = ContinuousClock.now + .seconds(20)
            for channel in channels { channel.closeFuture.whenComplete { _ in closed.withLock { $0 += 1 } } }
            while closed.withLock({ $0 }) < connections, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(100)) }
            #expect(closed.withLock { $0 } == connections, "every hanging connection was closed by the server (\(closed.withLock { $0 }) of \(connections))")
            let after = try await client.execute(HTTPClientRequest(url: server.baseURL + "/health"), timeout: .seconds(5))
            #expect(after.status == .ok, "and a new client connects and is served")
            for channel in channels { try? await channel.close() }
        }
    }

    /// Raises this process's soft limit of open files towards `wanted` (the server it starts inherits it).
    static func raiseOpenFileLimit(wanted: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        let target = min(rlim_t(wanted), limit.rlim_max)
        if limit.rlim_cur < target {
            limit.rlim_cur = target
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 ? Int(limit.rlim_cur) : 0
    }
}
