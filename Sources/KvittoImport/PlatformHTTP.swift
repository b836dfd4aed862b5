import AsyncHTTPClient
import Foundation
import KvittoCore
import NIOCore
import NIOHTTP1

/// A platform API answered, after retries, with something other than success.
public struct PlatformAPIError: Error, CustomStringConvertible, Sendable {
    public var status: Int?
    public var message: String
    public var description: String { status.map { "HTTP \($0): \(message)" } ?? message }
}

/// The platform APIs Kvitto reads from (historical imports, FAPI invoices, Sitoo orders). Retries what a
/// platform expects to be retried: 429 (after `Retry-After`, capped), 5xx and dropped connections, with
/// exponential backoff; anything else is an answer. Amounts and ids are parsed without a `Double`.
public struct PlatformHTTP: Sendable {
    public struct Response: Sendable {
        public var status: Int
        public var headers: HTTPHeaders
        public var body: [UInt8]
        public func json() throws -> JSONValue { try JSONParser.parse(body) }
        public func header(_ name: String) -> String? { headers.first(name: name) }
    }

    /// The client for a host: it refuses destinations the operator has not allowed (the same guard as
    /// postbacks: platform base URLs are set by account admins, and a request to an internal address must not
    /// be made on their behalf), and connects only to the address it checked.
    let client: @Sendable (_ host: String) async throws -> HTTPClient
    /// Attempts per request (default 6: a platform that stays down longer fails the page, and the import
    /// resumes from its checkpoint when started again).
    let attempts: Int
    /// The first backoff; doubles per attempt.
    let backoff: Duration
    /// The longest `Retry-After` honoured.
    let longestWait: Duration

    public init(client: @escaping @Sendable (_ host: String) async throws -> HTTPClient, attempts: Int = 6,
                backoff: Duration = .milliseconds(200), longestWait: Duration = .seconds(30)) {
        self.client = client
        self.attempts = attempts; self.backoff = backoff; self.longestWait = longestWait
    }

    /// How platform API calls are made: 5 s to connect, 60 s for an answer.
    public static var clientConfiguration: HTTPClient.Configuration {
        HTTPClient.Configuration(timeout: .init(connect: .seconds(5), read: .seconds(60)))
    }

    public func get(_ url: String, headers: [(String, String)] = []) async throws -> Response {
        try await send(.GET, url, headers: headers, body: nil)
    }

    public func post(_ url: String, json: JSONValue, headers: [(String, String)] = []) async throws -> Response {
        try await send(.POST, url, headers: headers + [("content-type", "application/json")], body: JSONWriter.bytes(json))
    }

    public func put(_ url: String, json: JSONValue, headers: [(String, String)] = []) async throws -> Response {
        try await send(.PUT, url, headers: headers + [("content-type", "application/json")], body: JSONWriter.bytes(json))
    }

    func send(_ method: HTTPMethod, _ url: String, headers: [(String, String)], body: [UInt8]?) async throws -> Response {
        guard let host = URLComponents(string: url)?.host, !host.isEmpty else {
            throw PlatformAPIError(status: nil, message: "not a URL with a host: \(url)")
        }
        let client: HTTPClient
        do { client = try await self.client(host) } catch {
            throw PlatformAPIError(status: nil, message: "\(error)")
        }
        var lastError = PlatformAPIError(status: nil, message: "no attempt made")
        for attempt in 1...attempts {
            var request = HTTPClientRequest(url: url)
            request.method = method
            request.headers.add(name: "user-agent", value: "Kvitto-Import/0.1")
            request.headers.add(name: "accept", value: "application/json")
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
            var wait = backoff * (1 << min(attempt - 1, 6))
            do {
                let response = try await client.execute(request, timeout: .seconds(60))
                let bytes = Array(buffer: try await response.body.collect(upTo: 256 * 1024 * 1024))
                let status = Int(response.status.code)
                if status == 429 || status >= 500 {
                    lastError = PlatformAPIError(status: status, message: String(decoding: bytes.prefix(300), as: UTF8.self))
                    if let retryAfter = response.headers.first(name: "retry-after").flatMap(Double.init) {
                        wait = min(.milliseconds(Int64(retryAfter * 1000)), longestWait)
                    }
                } else {
                    return Response(status: status, headers: response.headers, body: bytes)
                }
            } catch {
                // A dropped or reset connection, a timeout, a cut-off body: the same request again.
                lastError = PlatformAPIError(status: nil, message: "\(error)")
            }
            if attempt < attempts { try await Task.sleep(for: wait) }
        }
        throw lastError
    }
}

extension String {
    /// Percent-encodes a query value (RFC 3986 unreserved characters pass).
    var queryEncoded: String {
        addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? self
    }
}
