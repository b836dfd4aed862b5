import AsyncHTTPClient
import Foundation
import KvittoCore
import NIOCore
import NIOPosix
import NIOSSL

extension DeliveryAttemptResult.ErrorKind {
    /// What kind of failure an error of the HTTP stack is, judged by its type and code, never by its text
    /// (texts change between library versions and say nothing reliable).
    public static func classify(_ error: any Error) -> Self {
        switch error {
        case let failure as SendFailure:
            return failure.kind
        case let error as HTTPClientError:
            if error == .connectTimeout { return .connectFailed }
            if error == .tlsHandshakeTimeout { return .tlsFailure }
            if [.deadlineExceeded, .readTimeout, .writeTimeout, .getConnectionFromPoolTimeout].contains(error) { return .timeout }
            return .other
        case let error as NIOConnectionError:
            // Every address failed: DNS when there was none to try, otherwise the connections themselves.
            let nothingResolved = error.connectionErrors.isEmpty && (error.dnsAError != nil || error.dnsAAAAError != nil)
            return nothingResolved ? .dnsFailure : .connectFailed
        case let error as ChannelError:
            if case .connectTimeout = error { return .connectFailed }
            return .other
        case let error as IOError:
            return Self.connectErrnos.contains(error.errnoCode) ? .connectFailed : .other
        case is NIOSSLError, is BoringSSLError, is NIOSSLExtraError:
            return .tlsFailure
        default:
            return .other
        }
    }

    /// The errno values that mean no connection could be opened (as opposed to one that broke later).
    private static let connectErrnos: Set<CInt> = [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL, ETIMEDOUT]
}
