import KvittoCore

/// Why a postback template could not be compiled or rendered.
///
/// Every problem carries a JSON pointer (RFC 6901) into the template body that names the directive at
/// fault, such as `/out/$expr`, so the API can answer 422 with errors a template editor can highlight.
/// Compilation reports all problems it finds at once; rendering reports every directive that failed.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, for callers that answer differently (422 for `invalid`, for example).
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// The template is malformed: a directive is unknown or misplaced, an expression or a Mustache text
        /// does not parse, or the template is larger or deeper than the limits allow.
        case invalid
        /// A directive failed against this input (a JMESPath function got a value of the wrong type).
        case evaluation
        /// Rendering would produce more output, or need more work, than the limits allow.
        case limitExceeded = "limit-exceeded"
    }

    public let kind: Kind
    /// One entry per directive at fault, in document order.
    public let errors: [FieldError]
    /// A one-line summary fit for a problem's `detail`.
    public let message: String

    public init(_ kind: Kind, errors: [FieldError], message: String? = nil) {
        self.kind = kind
        self.errors = errors
        self.message = message ?? Self.summary(kind, errors)
    }

    public var description: String { "\(kind.rawValue): \(message)" }

    /// The error as the domain's error value, for the HTTP edge: problems in the template itself are
    /// `invalid` (422 with field errors), an output past the limits is `tooLarge`, and a directive that
    /// failed on its input is `rejected` with reason `template-evaluation`.
    public var kvittoError: KvittoError {
        switch kind {
        case .invalid: return KvittoError(code: .invalid, detail: message, fieldErrors: errors)
        case .limitExceeded: return KvittoError(code: .tooLarge, detail: message, fieldErrors: errors)
        case .evaluation:
            return KvittoError(code: .rejected, detail: message, fieldErrors: errors, reason: "template-evaluation")
        }
    }

    private static func summary(_ kind: Kind, _ errors: [FieldError]) -> String {
        if errors.count == 1, let only = errors.first {
            return "\(only.pointer.isEmpty ? "template" : only.pointer): \(only.detail)"
        }
        switch kind {
        case .invalid: return "the template has \(errors.count) errors"
        case .evaluation: return "\(errors.count) directives failed"
        case .limitExceeded: return "the rendered output is larger than the limits allow"
        }
    }
}
