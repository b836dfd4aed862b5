import AsyncHTTPClient
import Foundation
import KvittoCore
import Synchronization

/// HTTP clients that connect to a host at an address given to them instead of looking its name up: the
/// address the outbound guard checked (see `OutboundGuard.client(for:from:)`). TLS still names the host
/// (SNI and certificate checks), and the Host header is the URL's.
///
/// AsyncHTTPClient takes such an address per client (`dnsOverride`), not per request, so there is one
/// client per host, kept while the host keeps resolving to the same address. A client whose host now
/// resolves elsewhere is retired, and shut down once the requests it may still carry have timed out; a
/// client unused for ten minutes is shut down. A host given as an address needs no look-up and shares
/// one client.
public final class PinnedHTTPClients: Sendable {
    private struct Pinned {
        let address: String
        let client: HTTPClient
        var lastUsed: ContinuousClock.Instant
    }

    private struct State {
        var pinned: [String: Pinned] = [:]
        var retired: [(client: HTTPClient, since: ContinuousClock.Instant)] = []
        /// When idle and retired clients were last looked for: at most once a `sweepInterval` (a minute), on any request, so a
        /// process whose postbacks go to the same few hosts still shuts down the clients it stopped using.
        var lastSweep: ContinuousClock.Instant? = nil
        var closed = false
    }

    private let configuration: HTTPClient.Configuration
    /// For URLs whose host is an address already.
    private let direct: HTTPClient
    private let state = Mutex(State())
    /// How long a retired client is kept for the requests it may still carry (longer than any request's timeout).
    private let retirement: Duration
    private let idleLimit: Duration
    private let sweepInterval: Duration

    public init(configuration: HTTPClient.Configuration, retirement: Duration = .seconds(120), idleLimit: Duration = .seconds(600),
                sweepInterval: Duration = .seconds(60)) {
        self.configuration = configuration
        self.direct = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.retirement = retirement
        self.idleLimit = idleLimit
        self.sweepInterval = sweepInterval
    }

    /// The client for `host` that connects to `address`.
    public func client(for host: String, connectingTo address: IPAddress) -> HTTPClient {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if IPAddress(bare) != nil { return direct }
        let now = ContinuousClock.now
        let target = address.description
        var finished: [HTTPClient] = []
        let client = state.withLock { state -> HTTPClient in
            if state.closed { return direct }
            if state.lastSweep.map({ now - $0 >= sweepInterval }) ?? true {
                state.lastSweep = now
                finished = Self.sweep(&state, now: now, retirement: retirement, idleLimit: idleLimit)
            }
            if var existing = state.pinned[bare], existing.address == target {
                existing.lastUsed = now
                state.pinned[bare] = existing
                return existing.client
            }
            if let moved = state.pinned[bare] { state.retired.append((moved.client, now)) }
            var configuration = self.configuration
            configuration.dnsOverride = [bare: target]
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            state.pinned[bare] = Pinned(address: target, client: client, lastUsed: now)
            return client
        }
        for old in finished { Task { try? await old.shutdown() } }
        return client
    }

    /// Takes out the clients whose time is up: retired ones past their retirement, idle ones past the limit.
    private static func sweep(_ state: inout State, now: ContinuousClock.Instant, retirement: Duration,
                              idleLimit: Duration) -> [HTTPClient] {
        let finished = state.retired.filter { now - $0.since > retirement }.map(\.client)
        state.retired.removeAll { now - $0.since > retirement }
        for (host, pinned) in state.pinned where now - pinned.lastUsed > idleLimit {
            state.retired.append((pinned.client, now))
            state.pinned[host] = nil
        }
        return finished
    }

    /// Shuts every client down; afterwards requests go to the direct client, which is shut down too.
    public func shutdown() async throws {
        let all = state.withLock { state -> [HTTPClient] in
            state.closed = true
            defer { state.pinned = [:]; state.retired = [] }
            return state.pinned.values.map(\.client) + state.retired.map(\.client)
        }
        for client in all { try? await client.shutdown() }
        try await direct.shutdown()
    }
}
