import HTTPTypes
import Hummingbird
import KvittoCore
import Logging

/// Turns every error into problem+json. Domain errors are expected and logged at debug; the router's own
/// (no such route, wrong method, body too large, …) keep their status; anything else is a bug or an outage
/// and is logged loudly, with the client told only that it failed.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as KvittoError {
            context.logger.debug("request refused", metadata: ["code": "\(error.code.rawValue)", "detail": "\(error.detail)"])
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            // The router says 404 for a method a path lacks; the path exists, so the answer is 405 with Allow.
            if error.status == .notFound, let allowed = AllowedMethods.methods(for: request.uri.path),
               !allowed.contains(request.method.rawValue) {
                var response = try KvittoError(code: .methodNotAllowed, detail: "\(request.method) is not allowed on \(request.uri.path); "
                                                 + "it answers \(allowed.joined(separator: ", "))")
                    .response(from: request, context: context)
                response.headers[.allow] = allowed.joined(separator: ", ")
                return response
            }
            return try Self.problem(for: error, request: request).response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            return try KvittoError.unexpected.response(from: request, context: context)
        }
    }

    /// What the router and the server refuse on their own, in the API's words.
    static func problem(for error: HTTPError, request: Request) -> any HTTPResponseError {
        switch error.status {
        case .notFound: KvittoError(code: .notFound, detail: "no such endpoint: \(request.method) \(request.uri.path)")
        case .methodNotAllowed: KvittoError(code: .methodNotAllowed, detail: "\(request.method) is not allowed on \(request.uri.path)")
        case .contentTooLarge: KvittoError.tooLarge("the body", limit: Request.maximumBody)
        default: OtherProblem(status: error.status, detail: error.body ?? error.status.reasonPhrase)
        }
    }
}

/// A refusal with a status no `KvittoError` code stands for, as problem+json all the same.
struct OtherProblem: HTTPResponseError {
    let status: HTTPResponse.Status
    let detail: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONAnswer(["type": .string("https://kvitto.dev/problems/http-\(status.code)"), "title": .string(status.reasonPhrase),
                    "status": .number(JSONNumber(Int(status.code))), "detail": .string(detail)],
                   status: status, headers: [.contentType: "application/problem+json"]).response()
    }
}
