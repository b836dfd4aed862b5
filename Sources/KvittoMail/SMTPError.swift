/// Why a message could not be handed to the SMTP server.
///
/// The cases follow the decision a delivery queue has to make: try again later
/// (``isRetryable``) or give up and tell someone. Server replies keep their code
/// and text verbatim because they end up in the delivery log, where "550 5.1.1
/// Mailbox does not exist" is far more useful than a generic failure.
public enum SMTPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A 4xx reply: the server wants us to try again later (greylisting, full mailbox, rate limit).
    case transient(code: Int, text: String)
    /// A 5xx reply: retrying the same message will fail the same way.
    case permanent(code: Int, text: String)
    /// The TCP connection could not be opened, was reset or closed, or the server went silent.
    case connection(String)
    /// TLS could not be negotiated or the server's certificate was not trusted.
    case tls(String)
    /// The server rejected the credentials (535 and friends).
    case authentication(code: Int, text: String)
    /// The server said something this client cannot interpret; the connection is not trusted afterwards.
    case protocolViolation(String)
    /// The message itself cannot be sent as given (for example a header value containing a line break).
    case invalidMessage(String)

    /// Whether the same message may succeed on a later attempt without anybody changing anything.
    public var isRetryable: Bool {
        switch self {
        case .transient, .connection:
            return true
        case .permanent, .tls, .authentication, .protocolViolation, .invalidMessage:
            return false
        }
    }

    public var description: String {
        switch self {
        case let .transient(code, text):
            return "transient SMTP failure \(code): \(text)"
        case let .permanent(code, text):
            return "permanent SMTP failure \(code): \(text)"
        case let .connection(reason):
            return "SMTP connection failure: \(reason)"
        case let .tls(reason):
            return "SMTP TLS failure: \(reason)"
        case let .authentication(code, text):
            return "SMTP authentication failed \(code): \(text)"
        case let .protocolViolation(reason):
            return "SMTP protocol violation: \(reason)"
        case let .invalidMessage(reason):
            return "invalid mail message: \(reason)"
        }
    }

    /// Classifies a negative reply by its first digit, which is what RFC 5321 §4.2.1 makes it mean.
    static func rejection(_ reply: SMTPReply) -> SMTPError {
        switch reply.code {
        case 400..<500:
            return .transient(code: reply.code, text: reply.text)
        case 500..<600:
            return .permanent(code: reply.code, text: reply.text)
        default:
            return .protocolViolation("unexpected reply \(reply)")
        }
    }
}
