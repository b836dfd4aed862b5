import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import KvittoApp
import KvittoCore
import KvittoSQLite
import KvittoStorage
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing

/// Runs the real application (the same composition root `kvitto serve` uses) over a real SQLite file,
/// served on 127.0.0.1 and called over real HTTP.
struct APIHarness {
    let store: SQLiteStore
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-http-\(UUID().uuidString).sqlite").path
        store = try SQLiteStore(path: path)
    }

    func account(currency: String = "SEK", country: String = "SE") async throws -> (account: Account, key: String) {
        let created = try await store.write { w in try Accounts.create(name: "Shop", currency: currency, country: country, in: w, now: Date()) }
        return (created.account, created.adminKey)
    }

    /// - Parameter allowOutbound: what postbacks may reach; the tests' receivers listen on 127.0.0.1.
    /// - Parameter smtpCAFile: `KVITTO_SMTP_CA_FILE`, for tests whose SMTP server has a CA made for them.
    /// - Parameter clock: what the application takes for now (tests move a `ManualClock` on past waits).
    func run(allowOutbound: String = "127.0.0.1/32", smtpCAFile: String? = nil, clock: any KvittoClock = SystemClock(),
             _ test: @escaping @Sendable (APIClient) async throws -> Void) async throws {
        var configuration = KvittoConfiguration()
        configuration.smtpCAFile = smtpCAFile
        configuration.port = 0
        configuration.allowOutbound = allowOutbound
        configuration.secretKey = "http-tests-secret-key"
        // A day of leases: tests jump a `ManualClock` by minutes, which must not make a delivery that is being
        // sent look abandoned (a real clock does not jump; leases and heartbeats are the process tests' subject).
        configuration.deliveryLease = 86_400
        let app = try KvittoApp.buildApplication(configuration: configuration, store: store, logger: KvittoApp.makeLogger(.warning),
                                                 clock: clock)
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try await Self.serve(app, test)
    }

    /// Runs `app` on a free port of 127.0.0.1 and calls it through Hummingbird's test client, as
    /// `app.test(.live)` does, but with a read timeout of two minutes instead of twenty seconds: on a loaded
    /// two-core CI machine a 50 MB upload or a slow SMTP handshake took longer than twenty, and a test that
    /// fails for the machine's load says nothing about Kvitto.
    static func serve<App: ApplicationProtocol>(_ app: App, _ test: @escaping @Sendable (APIClient) async throws -> Void) async throws {
        let served = PortReporting(base: app)
        let group = ServiceGroup(configuration: .init(services: [served], gracefulShutdownSignals: [], logger: app.logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let port = await served.port.value
            do {
                try await TestClient.withClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(120))) { client in
                    try await test(APIClient(client: client))
                }
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}

/// The application under test, reporting the port it was given.
private struct PortReporting<Base: ApplicationProtocol>: ApplicationProtocol {
    typealias Responder = Base.Responder
    let base: Base
    let port = PortPromise()

    var responder: Responder { get async throws { try await base.responder } }
    var server: HTTPServerBuilder { base.server }
    var eventLoopGroup: any EventLoopGroup { base.eventLoopGroup }
    var configuration: ApplicationConfiguration { base.configuration }
    var logger: Logger { base.logger }
    var services: [any Service] { base.services }
    var processesRunBeforeServerStart: [@Sendable () async throws -> Void] { base.processesRunBeforeServerStart }

    @Sendable func onServerRunning(_ channel: any Channel) async {
        await base.onServerRunning(channel)
        port.fulfil(channel.localAddress?.port ?? 0)
    }
}

private final class PortPromise: Sendable {
    private let state = Mutex<(port: Int?, waiting: [CheckedContinuation<Int, Never>])>((nil, []))

    func fulfil(_ port: Int) {
        let waiting = state.withLock { state in
            defer { state = (port, []) }
            return state.waiting
        }
        for continuation in waiting { continuation.resume(returning: port) }
    }

    var value: Int {
        get async {
            await withCheckedContinuation { continuation in
                let ready = state.withLock { state -> Int? in
                    if let port = state.port { return port }
                    state.waiting.append(continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        }
    }
}

/// A thin JSON client over Hummingbird's test HTTP client.
struct APIClient: Sendable {
    let client: TestClient

    struct Reply: Sendable {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String
        var json: JSONValue { (try? JSONParser.parse(text)) ?? .null }
    }

    @discardableResult
    func call(_ method: HTTPRequest.Method, _ uri: String, key: String? = nil, body: String? = nil,
              headers extra: HTTPFields = [:]) async throws -> Reply {
        var headers = extra
        if let key { headers[.authorization] = "Bearer \(key)" }
        if body != nil { headers[.contentType] = "application/json" }
        return try await send(uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
    }

    private func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Reply {
        var headers = headers
        headers[.connection] = "keep-alive"
        let response = try await client.execute(TestClient.Request(uri, method: method, authority: "localhost", headers: headers, body: body))
        return Reply(status: response.status, headers: response.headers, text: String(buffer: response.body ?? ByteBuffer()))
    }

    /// Raw bytes with the caller's headers: what a platform's webhook sends.
    func post(_ uri: String, bytes: [UInt8], headers: HTTPFields, method: HTTPRequest.Method = .post) async throws -> Reply {
        try await send(uri, method: method, headers: headers, body: ByteBuffer(bytes: bytes))
    }
}

enum Sample {
    /// The order of SPEC §3.
    /// - Parameter customerExtra: members spliced into the customer (`, "tags": ["OrderCompleted"]`).
    static func order(externalID: String = "1001", currency: String = "SEK", email: String = "Anna@Example.se",
                      phone: String = "070-123 45 67", customerExtra: String = "") -> String {
        """
        {"source": "webshop", "external_id": "\(externalID)", "number": "#\(externalID)", "created_at": "2026-11-01T10:00:00Z",
         "status": "received", "currency": "\(currency)",
         "customer": {"email": "\(email)", "phone": "\(phone)", "first_name": "Anna", "last_name": "Berg",
                      "address": {"line1": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm", "country": "SE"}\(customerExtra)},
         "lines": [{"external_id": "p-1", "sku": "HOOD-M", "name": "Hoodie", "description": "Grey, M",
                    "categories": [["Clothing", "Hoodies"]], "quantity": 2, "unit_price": "299.00"}],
         "shipping": {"carrier": "PostNord", "cost": "49.00", "tracking_number": "RR123", "tracking_url": "https://track.example/RR123",
                      "address": {"name": "Anna Berg", "line1": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm", "country": "SE"}},
         "totals": {"subtotal": "598.00", "shipping": "49.00", "tax": "129.40", "total": "647.00"},
         "fields": {"Order": {"channel": "web"}}}
        """
    }
}

/// A clock the test moves on: waits of days end at once.
final class ManualClock: KvittoClock, Sendable {
    private let offset = Mutex<TimeInterval>(0)

    func now() -> Date { offset.withLock { Timestamp.truncated(Date().addingTimeInterval($0)) } }
    func advance(by seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}

/// Moves `clock` on by `step` until `check` holds (or `seconds` pass). A retry is due a while after the attempt
/// before it *ended*; on a loaded machine an attempt may still be running when a test jumps the clock once,
/// and its retry then lands after the jump. Steps should stay well under what the test counts in (an hour
/// for alerts).
func advancing(_ clock: ManualClock, by step: TimeInterval, _ seconds: Double = 30, until check: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await check() { return true }
        clock.advance(by: step)
        try await Task.sleep(for: .milliseconds(500))
    }
    return try await check()
}

/// Polls `check` until it holds or `seconds` pass; what the background workers do takes a moment.
func eventually(_ seconds: Double = 15, _ check: () async throws -> Bool) async throws -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try await check() { return true }
        try await Task.sleep(for: .milliseconds(100))
    }
    return try await check()
}
