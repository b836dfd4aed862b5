/// What one HTTP attempt of a postback came back with: either a response (status code and, if sent, the raw
/// `Retry-After` header) or a transport error that left no response.
///
/// Built only through ``response(statusCode:retryAfter:)`` and ``transportError(_:)``, so exactly one of
/// ``statusCode`` and ``errorKind`` is set.
public struct DeliveryAttemptResult: Sendable, Hashable {
    /// Why an attempt ended without an HTTP response. Every kind is a failure that is retried like a 5xx;
    /// the kind is kept for the attempt log and for operators, not for the retry decision.
    public enum ErrorKind: String, Sendable, Hashable, CaseIterable {
        /// The host name did not resolve.
        case dnsFailure = "dns-failure"
        /// The TCP connection could not be opened (refused, unreachable, or the 5 s connect timeout).
        case connectFailed = "connect-failed"
        /// No complete response within the total timeout (15 s).
        case timeout
        /// The TLS handshake failed (certificate, protocol).
        case tlsFailure = "tls-failure"
        /// Every resolved address was refused by the ``OutboundAddressPolicy``. Retried like any other
        /// failure: DNS may change, and an endpoint that stays refused is disabled by the 5-day rule.
        case addressRefused = "address-refused"
        /// The connection broke mid-request or the response was not valid HTTP.
        case other
    }

    /// The response's status code; `nil` when the attempt failed before a response arrived.
    public let statusCode: Int?
    /// Why no response arrived; `nil` when there was a response.
    public let errorKind: ErrorKind?
    /// The raw `Retry-After` header of the response, if any; parsed by ``RetryAfter``.
    public let retryAfter: String?

    private init(statusCode: Int?, errorKind: ErrorKind?, retryAfter: String?) {
        self.statusCode = statusCode; self.errorKind = errorKind; self.retryAfter = retryAfter
    }

    /// The receiver answered. Redirects are never followed, so a 3xx arrives here as it was sent.
    public static func response(statusCode: Int, retryAfter: String? = nil) -> DeliveryAttemptResult {
        DeliveryAttemptResult(statusCode: statusCode, errorKind: nil, retryAfter: retryAfter)
    }

    /// The attempt failed without a response.
    public static func transportError(_ kind: ErrorKind) -> DeliveryAttemptResult {
        DeliveryAttemptResult(statusCode: nil, errorKind: kind, retryAfter: nil)
    }

    /// Only 2xx counts as delivered; 1xx, 3xx (redirects are not followed), 4xx and 5xx do not.
    public var isSuccess: Bool { statusCode.map { (200...299).contains($0) } ?? false }

    /// `410 Gone`: the receiver says the endpoint no longer exists, so the trigger is switched off at once.
    public var isGone: Bool { statusCode == 410 }

    /// A short text for the attempt log and `last_error`: `HTTP 503` or the error kind.
    public var summary: String {
        if let statusCode { return "HTTP \(statusCode)" }
        return errorKind?.rawValue ?? ErrorKind.other.rawValue
    }
}
