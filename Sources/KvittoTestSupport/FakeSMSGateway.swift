import AsyncHTTPClient
import Foundation
import Subprocess
import KvittoCore
import NIOCore
import NIOHTTP1

/// `scripts/testing/sms-gateway.py`: an HTTP SMS gateway on loopback that records every request.
public final class FakeSMSGateway: Sendable {
    public let port: Int
    private let process: ChildProcess

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/testing/sms-gateway.py").path

    /// - Parameter failFirst: how many requests get 503 before it starts accepting.
    public init(failFirst: Int = 0) async throws {
        (process, port) = try await launchListeningScript(Self.script, arguments: ["--fail-first", String(failFirst)], name: "the SMS gateway")
    }

    public var url: String { "http://127.0.0.1:\(port)/send" }

    /// Every request so far: `path`, `headers` (lower-case names) and `body`.
    public func requests() async throws -> [JSONValue] {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/_requests"), timeout: .seconds(10))
        return try JSONParser.parse(String(buffer: try await response.body.collect(upTo: 16 << 20))).arrayValue ?? []
    }

    /// SIGKILL, for the reason `WebhookReceiver.stop` gives.
    public func stop() { process.send(.kill) }
}
