import Hummingbird
import KvittoCore
import Logging

/// Turns every error into problem+json. Domain errors are expected and logged at debug; anything else is
/// a bug or an outage and is logged loudly, with the client told only that it failed.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as KvittoError {
            context.logger.debug("request refused", metadata: ["code": "\(error.code.rawValue)", "detail": "\(error.detail)"])
            return Problem.response(error)
        } catch let error as HTTPError {
            if error.status == .notFound {
                return Problem.response(KvittoError(code: .notFound, detail: "no such endpoint: \(request.method) \(request.uri.path)"))
            }
            if error.status == .contentTooLarge {
                return Problem.response(KvittoError(code: .tooLarge, detail: "the body is larger than \(Request.maximumBody) bytes"))
            }
            if error.status == .methodNotAllowed {
                var response = Problem.response(KvittoError(code: .notFound, detail: "\(request.method) is not allowed on \(request.uri.path)"))
                response.status = .methodNotAllowed
                return response
            }
            throw error
        } catch {
            context.logger.error("request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.uri.path)"])
            return Problem.response(.unexpected)
        }
    }
}
