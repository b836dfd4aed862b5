import AsyncHTTPClient
import Foundation
import KvittoCore
import NIOCore
import NIOHTTP1

/// One signed postback request, built exactly as it is sent, so the test endpoint can show it.
public struct OutboundRequest: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]

    public var json: JSONValue {
        ["method": .string(method), "url": .string(url),
         "headers": .object(JSONObject(headers.map { ($0.0, .string($0.1)) })),
         "body": .string(String(decoding: body, as: UTF8.self))]
    }
}

/// What came back, or why nothing did.
public struct OutboundResponse: Sendable {
    public var statusCode: Int?
    public var headers: [(String, String)]
    /// At most 4 KiB of the body.
    public var excerpt: String?
    public var latencyMilliseconds: Int
    public var failure: (kind: DeliveryAttemptResult.ErrorKind, message: String)?

    public var result: DeliveryAttemptResult {
        if let statusCode {
            return .response(statusCode: statusCode, retryAfter: headers.first { $0.0.lowercased() == "retry-after" }?.1)
        }
        return .transportError(failure?.kind ?? .other)
    }

    public var headersJSON: JSONValue { .object(JSONObject(headers.map { ($0.0, .string($0.1)) })) }

    public var json: JSONValue {
        ["status": statusCode.map { .number(JSONNumber($0)) } ?? .null, "headers": headersJSON,
         "body_excerpt": .string(excerpt), "latency_ms": .number(JSONNumber(latencyMilliseconds)),
         "error": .string(failure.map { "\($0.kind.rawValue): \($0.message)" })]
    }
}

/// Builds, signs and sends postbacks following Standard Webhooks: `webhook-id` (the delivery id, stable
/// across retries and replays), `webhook-timestamp`, `webhook-signature` (every secret that signs now).
/// Redirects are never followed (3xx is a failure); connect timeout 5 s, whole request 15 s; the
/// destination's addresses are checked against the outbound policy after DNS resolution, and the request
/// goes to the address checked.
public struct WebhookSender: Sendable {
    public static let userAgent = "Kvitto-Webhooks/0.1 (+https://kvitto.dev/webhooks)"
    static let excerptLimit = 4096

    let clients: PinnedHTTPClients
    let outbound: OutboundGuard

    public init(clients: PinnedHTTPClients, outbound: OutboundGuard) {
        self.clients = clients
        self.outbound = outbound
    }

    public static func makeClients() -> PinnedHTTPClients {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                                     timeout: .init(connect: .seconds(5), read: .seconds(15)))
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        configuration.decompression = .disabled
        return PinnedHTTPClients(configuration: configuration)
    }

    public static func request(id: String, trigger: Trigger, body: [UInt8], secrets: [String], now: Date) -> OutboundRequest {
        let timestamp = Int64(now.timeIntervalSince1970)
        let keys = secrets.compactMap(WebhookSecret.init(encoded:))
        return OutboundRequest(method: trigger.method.rawValue, url: trigger.url, headers: [
            ("content-type", "application/json"), ("user-agent", userAgent), ("webhook-id", id),
            ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", StandardWebhooks.signatureHeader(id: id, timestamp: timestamp, body: body, secrets: keys)),
        ], body: body)
    }

    public func send(_ request: OutboundRequest) async -> OutboundResponse {
        let started = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Int { Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000) }
        do {
            guard let host = URLComponents(string: request.url)?.host else {
                throw SendFailure(kind: .other, message: "the URL has no host")
            }
            let client = try await outbound.client(for: host, from: clients)
            var outbound = HTTPClientRequest(url: request.url)
            outbound.method = HTTPMethod(rawValue: request.method)
            for (name, value) in request.headers { outbound.headers.add(name: name, value: value) }
            outbound.body = .bytes(ByteBuffer(bytes: request.body))
            let response = try await client.execute(outbound, timeout: .seconds(15))
            var excerpt: [UInt8] = []
            for try await chunk in response.body {
                excerpt.append(contentsOf: chunk.readableBytesView.prefix(Self.excerptLimit - excerpt.count))
                if excerpt.count >= Self.excerptLimit { break }
            }
            return OutboundResponse(statusCode: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                                    excerpt: String(decoding: excerpt, as: UTF8.self), latencyMilliseconds: elapsed(), failure: nil)
        } catch {
            return OutboundResponse(statusCode: nil, headers: [], excerpt: nil, latencyMilliseconds: elapsed(),
                                    failure: (.classify(error), String(describing: error)))
        }
    }
}
