import HTTPTypes
import Hummingbird
import KvittoCore
import NIOCore

/// Every refusal Kvitto answers is a `KvittoError` that renders itself as RFC 9457 problem+json; handlers
/// throw it and never build an error response by hand.
extension KvittoError: HTTPResponseError {
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: code.httpStatus) }

    /// The problem document: `type`, `title`, `status`, `detail`, and `reason` and `errors` (a JSON pointer
    /// and a detail per field) when the error has them.
    var problem: JSONValue {
        var body = JSONObject([
            ("type", .string(problemType)),
            ("title", .string(code.title)), ("status", .number(JSONNumber(Int(status.code)))), ("detail", .string(detail)),
        ])
        if let reason { body["reason"] = .string(reason) }
        if !fieldErrors.isEmpty {
            body["errors"] = .array(fieldErrors.map { ["pointer": .string($0.pointer), "detail": .string($0.detail)] })
        }
        return .object(body)
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if code == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: JSONWriter.bytes(problem))))
    }
}

extension HTTPField.Name {
    static let wwwAuthenticate = HTTPField.Name("WWW-Authenticate")!
}
