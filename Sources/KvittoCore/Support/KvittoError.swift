/// One invalid field: where (a JSON pointer into the request) and why.
public struct FieldError: Sendable, Equatable {
    public var pointer: String
    public var detail: String
    public init(_ pointer: String, _ detail: String) { self.pointer = pointer; self.detail = detail }
}

/// Errors are values with a stable code; the HTTP edge renders them as problem details.
public struct KvittoError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, CaseIterable {
        case malformed          // not JSON at all
        case invalid            // JSON, but fields are unknown, missing or of the wrong type
        case rejected           // a domain rule refused it (the reason says which)
        case notFound = "not-found"
        case methodNotAllowed = "method-not-allowed"
        case conflict
        case unauthorized
        case forbidden
        case tooLarge = "too-large"
        case rateLimited = "rate-limited"  // the key made more requests than its rate limit allows
        case `internal`         // a bug or an outage: the client learns only that nothing was committed

        /// The HTTP status a code is answered with: part of the API's contract, so it is stated once, here
        /// (the edge answers with it, the API document lists it).
        public var httpStatus: Int {
            switch self {
            case .malformed: 400
            case .invalid, .rejected: 422
            case .notFound: 404
            case .methodNotAllowed: 405
            case .conflict: 409
            case .unauthorized: 401
            case .forbidden: 403
            case .tooLarge: 413
            case .rateLimited: 429
            case .internal: 500
            }
        }

        /// The problem document's `title`.
        public var title: String {
            switch self {
            case .malformed: "Malformed JSON"
            case .invalid: "Invalid request"
            case .rejected: "Rejected by a rule"
            case .notFound: "Not found"
            case .methodNotAllowed: "Method not allowed"
            case .conflict: "Conflict"
            case .unauthorized: "Unauthorized"
            case .forbidden: "Forbidden"
            case .tooLarge: "Request body too large"
            case .rateLimited: "Too many requests"
            case .internal: "Internal error"
            }
        }
    }

    public var code: Code
    public var detail: String
    public var fieldErrors: [FieldError]
    /// For `rejected`: the rule that refused the input (`currency-mismatch`, `no-lines`, …).
    public var reason: String?

    public init(code: Code, detail: String, fieldErrors: [FieldError] = [], reason: String? = nil) {
        self.code = code; self.detail = detail; self.fieldErrors = fieldErrors; self.reason = reason
    }

    public static func invalid(_ errors: [FieldError]) -> KvittoError {
        let detail = errors.count == 1
            ? "\(errors[0].pointer.isEmpty ? "body" : errors[0].pointer): \(errors[0].detail)"
            : "\(errors.count) fields are invalid"
        return KvittoError(code: .invalid, detail: detail, fieldErrors: errors)
    }
    public static func rejected(_ reason: String, _ detail: String, pointer: String? = nil) -> KvittoError {
        KvittoError(code: .rejected, detail: detail, fieldErrors: pointer.map { [FieldError($0, detail)] } ?? [], reason: reason)
    }
    public static func notFound(_ what: String) -> KvittoError { KvittoError(code: .notFound, detail: "\(what) not found") }
    /// What an unexpected failure is answered with; the cause stays in the log.
    public static var unexpected: KvittoError {
        KvittoError(code: .internal, detail: "the request failed; nothing was committed unless a 2xx was returned")
    }

    /// The RFC 9457 `type`: the rule's reason for a rejection, otherwise the code.
    public var problemType: String { "https://kvitto.dev/problems/\(reason ?? code.rawValue)" }

    public var description: String { "\(code.rawValue): \(detail)" }
}
