import AsyncHTTPClient
import Foundation
import KvittoCore
import NIOPosix

/// Resolves a destination host to the addresses a connection could reach, so the outbound policy is
/// applied to what DNS says rather than to the name. getaddrinfo blocks; it runs on NIO's thread pool.
public enum HostResolver {
    public static func resolve(_ host: String) async throws -> [IPAddress] {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let literal = IPAddress(bare) { return [literal] }
        return try await NIOThreadPool.singleton.runIfActive {
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var result: UnsafeMutablePointer<addrinfo>?
            let status = getaddrinfo(bare, nil, &hints, &result)
            guard status == 0, let first = result else { throw SendFailure(kind: .dnsFailure, message: "cannot resolve \(bare)") }
            defer { freeaddrinfo(first) }
            var addresses: [IPAddress] = []
            var cursor: UnsafeMutablePointer<addrinfo>? = first
            while let entry = cursor {
                if let address = entry.pointee.ai_addr {
                    switch Int32(address.pointee.sa_family) {
                    case AF_INET:
                        address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { sin in
                            addresses.append(IPAddress(ipv4: UInt32(bigEndian: sin.pointee.sin_addr.s_addr)))
                        }
                    case AF_INET6:
                        address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { sin6 in
                            let bytes = withUnsafeBytes(of: sin6.pointee.sin6_addr) { Array($0) }
                            if let ip = IPAddress(bytes: bytes) { addresses.append(ip) }
                        }
                    default: break
                    }
                }
                cursor = entry.pointee.ai_next
            }
            return addresses
        }
    }
}

/// Why a send did not produce an HTTP response.
struct SendFailure: Error, CustomStringConvertible {
    var kind: DeliveryAttemptResult.ErrorKind
    var message: String
    var description: String { message }
}

/// The outbound address guard for any request Kvitto makes on a merchant's behalf (postbacks, platform
/// APIs): the host is resolved and refused when any of its addresses is private, loopback, link-local or
/// otherwise special, unless the operator allow-listed it (`--allow-outbound`).
///
/// The check answers with the address that may be connected to, and the caller connects to that address and
/// does not look the name up again: otherwise a name that answers a public address to the check and a
/// private one a moment later (DNS rebinding) would get through.
public struct OutboundGuard: Sendable {
    public typealias Resolver = @Sendable (String) async throws -> [IPAddress]
    let policy: OutboundAddressPolicy
    let resolve: Resolver

    /// - Parameter resolve: how names are looked up (the system's resolver; tests give their own).
    public init(policy: OutboundAddressPolicy, resolve: @escaping Resolver = { try await HostResolver.resolve($0) }) {
        self.policy = policy
        self.resolve = resolve
    }

    /// Throws a failure naming the address and why, or returns the address to connect to (the first the
    /// resolver gave) when every address may be reached.
    @discardableResult
    public func check(host: String) async throws -> IPAddress {
        let addresses = try await resolve(host)
        for address in addresses {
            if case .refused(let kind, let block) = policy.verdict(for: address) {
                throw SendFailure(kind: .addressRefused, message: "\(host) resolves to \(address) (\(kind), \(block)); allow it with --allow-outbound")
            }
        }
        guard let first = addresses.first else { throw SendFailure(kind: .dnsFailure, message: "\(host) has no address") }
        return first
    }

    /// The host checked, and a client of `clients` that connects only to the address checked.
    public func client(for host: String, from clients: PinnedHTTPClients) async throws -> HTTPClient {
        let address = try await check(host: host)
        return clients.client(for: host, connectingTo: address)
    }
}
