import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage
import NIOCore

/// One API request as a handler sees it: the caller's account (the key was checked for the route's scope
/// before the handler runs), path parameters, the query, and the body through one decode step. A handler
/// reads as: decode, use case, answer.
struct APICall: Sendable {
    let principal: Principal
    let request: Request
    let context: KvittoRequestContext

    var account: Account { principal.account }

    /// A path parameter; the router only matches when it is there.
    func parameter(_ name: String = "id") throws -> String { try context.parameters.require(name) }

    func query(_ name: String) -> String? { request.uri.queryParameters.get(name) }

    /// `?limit=&cursor=` of a list endpoint: 50 by default; a limit that is not a whole number from 1 to 500 is a 422.
    var page: PageRequest {
        get throws {
            guard let text = query("limit") else { return PageRequest(limit: 50, cursor: query("cursor")) }
            guard let limit = Int(text), (1...500).contains(limit) else {
                throw KvittoError.invalid([FieldError("/limit", "a whole number from 1 to 500")])
            }
            return PageRequest(limit: limit, cursor: query("cursor"))
        }
    }

    /// The body as JSON: 413 when too large, 400 when absent or not JSON.
    func body() async throws -> JSONValue {
        guard let body = try await optionalBody() else { throw KvittoError(code: .malformed, detail: "the request has no JSON body") }
        return body
    }

    /// The body as JSON, or `nil` when the request has none (endpoints whose body is optional).
    func optionalBody() async throws -> JSONValue? {
        let buffer = try await request.readBody()
        guard buffer.readableBytes > 0 else { return nil }
        do {
            return try JSONParser.parse(buffer.readableBytesView)
        } catch {
            throw KvittoError(code: .malformed, detail: "the body is not valid JSON: \(error)")
        }
    }

    /// The one decode step from a JSON body to an input: see `ObjectReader.decode`.
    func decode<Input>(_ read: (inout ObjectReader) throws -> Input?) async throws -> Input {
        try ObjectReader.decode(try await body(), read)
    }
}

extension Request {
    /// The largest body Kvitto reads (1 MiB) unless an endpoint says otherwise; more is a 413 before
    /// anything is parsed.
    static let maximumBody = 1 << 20

    /// The whole body, up to `limit` bytes: more is a 413 naming the limit. Any other failure (the client
    /// went away mid-body) is what it is, not "too large".
    func readBody(limit: Int = Request.maximumBody, describedAs what: String = "the body") async throws -> ByteBuffer {
        var request = self
        do {
            return try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw KvittoError.tooLarge(what, limit: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw KvittoError.tooLarge(what, limit: limit)
        }
    }
}

extension KvittoError {
    static func tooLarge(_ what: String, limit: Int) -> KvittoError {
        let size = limit >= 1 << 20 && limit % (1 << 20) == 0 ? "\(limit >> 20) MiB" : "\(limit) bytes"
        return KvittoError(code: .tooLarge, detail: "\(what) is larger than \(size)")
    }
}

extension RouterGroup where Context == KvittoRequestContext {
    /// Routes `method path` to `handler` for callers whose key has `scope`: 401 without a key, 403 without
    /// the scope, before the handler runs.
    @discardableResult
    func on<Answer: ResponseGenerator>(_ method: HTTPRequest.Method, _ path: RouterPath, _ scope: Scope,
                                       _ handler: @escaping @Sendable (APICall) async throws -> Answer) -> Self {
        on(path, method: method) { request, context in
            try await handler(APICall(principal: try context.principal(for: scope), request: request, context: context))
        }
    }

    @discardableResult
    func get<Answer: ResponseGenerator>(_ path: RouterPath, _ scope: Scope, _ handler: @escaping @Sendable (APICall) async throws -> Answer) -> Self {
        on(.get, path, scope, handler)
    }

    @discardableResult
    func post<Answer: ResponseGenerator>(_ path: RouterPath, _ scope: Scope, _ handler: @escaping @Sendable (APICall) async throws -> Answer) -> Self {
        on(.post, path, scope, handler)
    }

    @discardableResult
    func put<Answer: ResponseGenerator>(_ path: RouterPath, _ scope: Scope, _ handler: @escaping @Sendable (APICall) async throws -> Answer) -> Self {
        on(.put, path, scope, handler)
    }

    @discardableResult
    func patch<Answer: ResponseGenerator>(_ path: RouterPath, _ scope: Scope, _ handler: @escaping @Sendable (APICall) async throws -> Answer) -> Self {
        on(.patch, path, scope, handler)
    }

    @discardableResult
    func delete<Answer: ResponseGenerator>(_ path: RouterPath, _ scope: Scope, _ handler: @escaping @Sendable (APICall) async throws -> Answer) -> Self {
        on(.delete, path, scope, handler)
    }
}

extension KvittoServices {
    /// The list helper: one page of the caller's account, read with `read(reader, accountID, page)`.
    func page<Item: Listed & Sendable>(_ call: APICall,
                                       _ read: @escaping @Sendable (any StoreReader, String, PageRequest) throws -> [Item]) async throws -> Page {
        let (account, page) = (call.account.id, try call.page)
        return Page(try await store.read { r in try read(r, account, page) }, of: page)
    }
}

extension KvittoServices {
    /// The record the path's `{id}` names in the caller's account, read with `read(reader, accountID, id)`; a
    /// 404 naming `what` when there is none.
    func one<Item: Sendable>(_ call: APICall, _ what: String,
                             _ read: @escaping @Sendable (any StoreReader, String, String) throws -> Item?) async throws -> Item {
        let (account, id) = (call.account.id, try call.parameter())
        guard let item = try await store.read({ r in try read(r, account, id) }) else { throw KvittoError.notFound("\(what) \(id)") }
        return item
    }

    /// Deletes the record the path's `{id}` names with `delete(writer, accountID, id)` (`false`: there was
    /// none, a 404 naming `what`); answers 204.
    func delete(_ call: APICall, _ what: String,
                _ delete: @escaping @Sendable (any StoreWriter, String, String) throws -> Bool) async throws -> HTTPResponse.Status {
        let (account, id) = (call.account.id, try call.parameter())
        guard try await store.write({ w in try delete(w, account, id) }) else { throw KvittoError.notFound("\(what) \(id)") }
        return .noContent
    }
}
