import HTTPTypes
import Hummingbird
import KvittoCore
import NIOCore

/// RFC 9457 problem details for every error Kvitto answers with.
enum Problem {
    static func status(for code: KvittoError.Code) -> HTTPResponse.Status { HTTPResponse.Status(code: code.status) }

    static func json(_ error: KvittoError) -> JSONValue {
        var body = JSONObject([
            ("type", .string(error.problemType)), ("title", .string(error.code.title)),
            ("status", .number(JSONNumber(error.code.status))), ("detail", .string(error.detail)),
        ])
        if let reason = error.reason { body["reason"] = .string(reason) }
        if !error.fieldErrors.isEmpty {
            body["errors"] = .array(error.fieldErrors.map { ["pointer": .string($0.pointer), "detail": .string($0.detail)] })
        }
        return .object(body)
    }

    static func response(_ error: KvittoError) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if error.code == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status(for: error.code), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONWriter.bytes(json(error)))))
    }
}

/// JSON responses from `JSONValue`, which keeps exact numbers.
enum JSONResponse {
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONWriter.bytes(value))))
    }

    /// A page of a list: `{"items": […], "next_cursor": "…" | null}`.
    static func page(_ items: [JSONValue], cursor: String?) -> Response {
        make(["items": .array(items), "next_cursor": .string(cursor)])
    }
}

extension HTTPField.Name {
    static let wwwAuthenticate = HTTPField.Name("WWW-Authenticate")!
}

extension Request {
    /// The largest body Kvitto reads (1 MiB); more is a 413 before anything is parsed.
    static let maximumBody = 1 << 20

    /// The body parsed as JSON: 413 when too large, 400 when it is not JSON.
    mutating func jsonBody() async throws -> JSONValue {
        let buffer: ByteBuffer
        do {
            buffer = try await collectBody(upTo: Request.maximumBody)
        } catch is NIOTooManyBytesError {
            throw KvittoError(code: .tooLarge, detail: "the body is larger than \(Request.maximumBody) bytes")
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw KvittoError(code: .tooLarge, detail: "the body is larger than \(Request.maximumBody) bytes")
        }
        guard buffer.readableBytes > 0 else { throw KvittoError(code: .malformed, detail: "the request has no JSON body") }
        do {
            return try JSONParser.parse(buffer.readableBytesView)
        } catch {
            throw KvittoError(code: .malformed, detail: "the body is not valid JSON: \(error)")
        }
    }

    /// The body as JSON, or `nil` when the request has none (endpoints whose body is optional).
    mutating func bodyIfAny() async throws -> JSONValue? {
        let buffer: ByteBuffer
        do {
            buffer = try await collectBody(upTo: Request.maximumBody)
        } catch is NIOTooManyBytesError {
            throw KvittoError(code: .tooLarge, detail: "the body is larger than \(Request.maximumBody) bytes")
        }
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try JSONParser.parse(buffer.readableBytesView)
        } catch {
            throw KvittoError(code: .malformed, detail: "the body is not valid JSON: \(error)")
        }
    }

    /// `?limit=&cursor=` of a list endpoint.
    var pageRequest: PageRequestQuery {
        PageRequestQuery(limit: uri.queryParameters.get("limit").flatMap { Int($0) } ?? 50,
                         cursor: uri.queryParameters.get("cursor"))
    }
}

struct PageRequestQuery {
    var limit: Int
    var cursor: String?
}
