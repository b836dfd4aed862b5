import AsyncHTTPClient
import Foundation
import Subprocess
import KvittoCore
import NIOCore
import NIOHTTP1

/// `scripts/testing/fake-platform.py`: the history APIs of Shopify, WooCommerce, Cartum, FAPI and Sitoo on
/// 127.0.0.1, serving pages built from the shared fixtures, with faults (429, 500, a dropped connection)
/// injected on request. See `scripts/testing/README-fake-platform.md`.
public final class FakePlatform: Sendable {
    public let port: Int
    private let process: ChildProcess

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/testing/fake-platform.py").path

    /// - Parameters:
    ///   - orders: orders per platform.
    ///   - faults: `kind@k` list (`429@2,500@4,drop@6`): the k-th orders-list request fails once that way.
    ///   - fixtures: the shared `fixtures` folder its orders are made from.
    public init(orders: Int, faults: String = "", fixtures: String, extra: [String] = []) async throws {
        let process = try await launchPythonScript(Self.script, arguments: [
            "--port", "0", "--orders", String(orders), "--seed", "7", "--fixtures", fixtures,
        ] + (faults.isEmpty ? [] : ["--faults", faults]) + extra)
        self.process = process
        let text = process.firstLine
        guard text.hasPrefix("LISTENING "), let port = Int(text.dropFirst(10).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.send(.kill)
            throw ReceiverFailure(message: "the fake platform did not start: \(text)")
        }
        self.port = port
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Request counts, faults fired, orders served and pages served twice.
    public func stats() async throws -> JSONValue { try await get("/_fake/stats") }

    /// One summary per order of a platform (id, created_at, state, email, phone, flags).
    public func index(_ platform: String) async throws -> [JSONValue] { try await get("/_fake/index?platform=\(platform)").arrayValue ?? [] }

    /// Credentials, time zones and the time the orders are spread back from.
    public func info() async throws -> JSONValue { try await get("/_fake/info") }

    /// The order status writes received (WooCommerce order updates, Cartum `orders/update/`), oldest first:
    /// `{"platform", "order_id", "status"}` each.
    public func writes() async throws -> [JSONValue] { try await get("/_fake/writes").arrayValue ?? [] }

    /// The next order writes answer these HTTP statuses, one each, instead of being applied.
    public func failNextWrites(with statuses: [Int]) async throws {
        var request = HTTPClientRequest(url: baseURL + "/_fake/write-faults")
        request.method = .POST
        request.body = .bytes(ByteBuffer(bytes: JSONWriter.bytes(["statuses": .array(statuses.map { .number(JSONNumber($0)) })])))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        guard response.status == .ok else { throw ReceiverFailure(message: "the fake platform refused the write faults: \(response.status)") }
    }

    /// SIGKILL: see `WebhookReceiver.stop()`.
    public func stop() { process.send(.kill) }

    /// A GET of the fake's API or its `/_fake/…` control endpoints, with Basic credentials where the API needs them.
    public func get(_ path: String, basic: (String, String)? = nil) async throws -> JSONValue {
        var request = HTTPClientRequest(url: baseURL + path)
        if let (user, password) = basic {
            request.headers.add(name: "authorization", value: "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        return try JSONParser.parse(Array(buffer: try await response.body.collect(upTo: 256 << 20)))
    }
}
