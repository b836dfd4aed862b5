import Foundation
import Subprocess
import KvittoCore
import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// `scripts/testing/webhook-receiver.py`, a receiver that verifies with the PyPI `standardwebhooks` package.
/// Under CI its absence (python3 or the package) is a failure; elsewhere the tests that need it skip.
public final class WebhookReceiver: Sendable {
    public let port: Int
    private let process: ChildProcess

    /// Sources/KvittoTestSupport/ → the repository root → scripts/testing/.
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/testing/webhook-receiver.py").path

    public init(arguments: [String] = []) async throws {
        (process, port) = try await launchListeningScript(Self.script, arguments: arguments, name: "the webhook receiver")
    }

    public var url: String { "http://127.0.0.1:\(port)/hooks" }

    /// Hands it the secret(s) to verify with (it is listening once `init` returns).
    public func start(secrets: [String]) async throws {
        for secret in secrets { _ = try await call("POST", "/_secret", body: #"{"secret": "\#(secret)"}"#) }
    }

    public func stats() async throws -> JSONValue { try JSONParser.parse(try await call("GET", "/stats")) }

    /// SIGKILL, not SIGTERM: a test process running a Kvitto application has SIGTERM blocked for its
    /// signal handling, children inherit that mask, and the receiver would never see a SIGTERM.
    public func stop() { process.send(.kill) }

    private func call(_ method: String, _ path: String, body: String? = nil) async throws -> String {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = HTTPMethod(rawValue: method)
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        return String(buffer: try await response.body.collect(upTo: 64 << 20))
    }

    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}


struct ReceiverFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

/// Starts a test peer with `--port 0` and returns it with the port it bound: the kernel chooses, and the
/// peer says which on its first line (`listening on 127.0.0.1:PORT`).
func launchListeningScript(_ script: String, arguments: [String], name: String) async throws -> (ChildProcess, Int) {
    let process = try await launchPythonScript(script, arguments: ["--port", "0"] + arguments)
    guard let portText = process.firstLine.split(separator: ":").last, let port = Int(portText) else {
        process.send(.kill)
        throw ReceiverFailure(message: "\(name) did not start: \(process.firstLine)")
    }
    return (process, port)
}

/// Starts `python3 script arguments` (unbuffered, so its first line arrives at once) and returns it once it
/// printed that line: the test peers bind a port the kernel chooses and say which there.
func launchPythonScript(_ script: String, arguments: [String]) async throws -> ChildProcess {
    try await ChildProcess.start("python3", ["-u", script] + arguments)
}
