import Foundation
import KvittoConnectors
import KvittoCore
import KvittoStorage
import Logging
import ServiceLifecycle

/// Maps and applies stored webhook deliveries: right after they are stored (a nudge), and on start for
/// whatever a stopped process left pending. Deletes deliveries older than 14 days once an hour.
public final class InboxProcessor: Service, Sendable {
    public static let retention: TimeInterval = 14 * 24 * 3600

    let store: any KvittoStore
    let clock: any KvittoClock
    let logger: Logger
    /// Categories for WooCommerce webhook orders, read from the shop; nil where no shop is asked (tests).
    let categories: WebhookCategories?
    private let wake = WakeSignal()

    public init(store: any KvittoStore, clock: any KvittoClock = SystemClock(), categories: WebhookCategories? = nil, logger: Logger) {
        self.store = store; self.clock = clock; self.categories = categories; self.logger = logger
    }

    /// Says that deliveries were stored.
    public func nudge() { wake.wakeAll() }

    public func run() async throws {
        // At shutdown the wait between rounds ends at once; a round in progress finishes its delivery.
        try await withGracefulShutdownHandler {
            try await self.applyUntilShutdown()
        } onGracefulShutdown: { [wake] in
            wake.close()
        }
    }

    private func applyUntilShutdown() async throws {
        var lastPurge = Date.distantPast
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await drain()
            if clock.now().timeIntervalSince(lastPurge) > 3600 {
                lastPurge = clock.now()
                let cutoff = lastPurge.addingTimeInterval(-Self.retention)
                if let purged = try? await store.write({ w in try w.purgeInbox(receivedBefore: cutoff) }), purged > 0 {
                    logger.info("inbox purged", metadata: ["deliveries": "\(purged)"])
                }
            }
            // A nudge, or a look every couple of seconds for what another process stored.
            await wake.wait(atMost: 2)
        }
    }

    /// How long a claim on pending deliveries keeps other processes off them: far longer than applying a
    /// hundred takes, and how soon another process applies what a process that died had claimed.
    static let lease: TimeInterval = 60

    /// Applies pending deliveries until none is left that nobody else holds, or only ones that failed in this
    /// round are (they are given up at the end and tried again at the next wake: a store error is not the
    /// platform's fault and loses nothing). Deliveries are claimed a hundred at a time under a lease, so
    /// processes applying the inbox side by side take different ones.
    public func drain() async {
        let token = LeaseToken.make()
        let failed = Array(await applyClaimed(token: token))
        guard !failed.isEmpty else { return }
        do { try await store.write { w in try w.releaseInbox(ids: failed, token: token) } } catch {
            logger.warning("could not give up the claim on deliveries that failed; they are retried when it runs out",
                           metadata: ["error": "\(error)"])
        }
    }

    /// Claims and applies deliveries until none is left; answers the ids of those that failed.
    private func applyClaimed(token: String) async -> Set<String> {
        var failed: Set<String> = []
        while true {
            let due: [InboxItem]
            let now = clock.now()
            do {
                due = try await store.write { w in
                    try w.claimInbox(now: now, limit: 100, leaseUntil: now.addingTimeInterval(Self.lease), token: token)
                }
            } catch {
                logger.error("could not claim webhook deliveries", metadata: ["error": "\(error)"])
                return failed
            }
            if due.isEmpty { return failed }
            let groups = stride(from: 0, to: due.count, by: Self.itemsPerTransaction).map {
                Array(due[$0..<min($0 + Self.itemsPerTransaction, due.count)])
            }
            // The next group is parsed and mapped while this one's transaction runs.
            var mapping = Task { await self.mappedAhead(groups[0], now: now) }
            for (index, group) in groups.enumerated() {
                let mapped = await mapping.value
                if index + 1 < groups.count { mapping = Task { [next = groups[index + 1]] in await self.mappedAhead(next, now: now) } }
                failed.formUnion(await process(group, mappedAhead: mapped))
            }
        }
    }

    /// Deliveries applied in one transaction, in the order they arrived. One at a time, each paid a commit
    /// of its own (on SQLite an fsync), which held a shop's webhooks to a few hundred orders a second; a few
    /// dozen keep the transaction short enough not to hold the API's writes back for long.
    static let itemsPerTransaction = 32

    /// Applies `items` in order; answers the ids of those that could not be applied because the store
    /// failed (they stay pending). They run first all in one savepoint, and only if one fails or an order is
    /// refused, again each in a savepoint of its own (where a refused order is recorded as a rejection): on
    /// PostgreSQL a savepoint per delivery costs two round trips, and failures and refusals are rare (a
    /// delivery that cannot be mapped is recorded as rejected, it does not fail). A write that lost a race
    /// with another process runs again as a whole, later, as every write does.
    func process(_ items: [InboxItem], mappedAhead: MappedAhead? = nil) async -> Set<String> {
        let now = clock.now()
        let logger = logger
        let ahead = if let mappedAhead { mappedAhead } else { await self.mappedAhead(items, now: now) }
        do {
            return try await store.write { w in
                struct OneFailed: Error {}
                let prepared = try Prepared(items, mappedAhead: ahead, in: w)
                do {
                    try w.savepoint {
                        for item in items {
                            do { try Self.apply(item, prepared: prepared, isolatingOrders: false, in: w, now: now) } catch StoreError.retryable(let reason) {
                                throw StoreError.retryable(reason)
                            } catch { throw OneFailed() }
                        }
                    }
                    return []
                } catch is OneFailed {}
                var failed: Set<String> = []
                for item in items {
                    do {
                        try w.savepoint { try Self.apply(item, prepared: prepared, in: w, now: now) }
                    } catch StoreError.retryable(let reason) {
                        throw StoreError.retryable(reason)
                    } catch {
                        logger.error("could not apply a webhook delivery; it stays pending", metadata: ["inbox": "\(item.id)", "error": "\(error)"])
                        failed.insert(item.id)
                    }
                }
                return failed
            }
        } catch {
            logger.error("could not apply webhook deliveries; they stay pending", metadata: ["deliveries": "\(items.count)", "error": "\(error)"])
            return Set(items.map(\.id))
        }
    }

    /// Deliveries parsed and mapped before their transaction, off the writer, with the connection each was
    /// mapped for: a transaction uses a mapping only while its connection is still exactly that one (see
    /// `Prepared`), and maps in place any delivery left out here.
    struct MappedAhead: Sendable {
        var connections: [String: Connection] = [:]
        var mapped: [String: (payload: JSONValue, change: PlatformChange)] = [:]
        /// Every body parsed (and categorised), by delivery id: where a mapping cannot be used (it failed, and
        /// `apply` maps again to record why; or the connection changed) the body is not parsed, nor its
        /// categories asked for, again.
        var payloads: [String: JSONValue] = [:]
    }

    /// Reads the connections of `items` once, parses and maps each delivery; WooCommerce orders get the
    /// category path of each line from the shop first (`WebhookCategories`: asking the shop takes a round
    /// trip, so it is done here, not in the transaction).
    func mappedAhead(_ items: [InboxItem], now: Date) async -> MappedAhead {
        let keys = Set(items.map { ConnectionKey(account: $0.accountID, id: $0.connectionID) })
        guard let connections = try? await store.read({ r in
            try keys.reduce(into: [String: Connection]()) { found, key in found[key.id] = try r.connection(account: key.account, id: key.id) }
        }) else { return MappedAhead() }
        var ahead = MappedAhead(connections: connections)
        for item in items {
            guard let connection = connections[item.connectionID], !item.body.isEmpty, connection.kind != .fapi,
                  var payload = try? JSONParser.parse(Array(item.body.utf8)) else { continue }
            if let categories, connection.kind == .woocommerce, item.topic.hasPrefix("order.") {
                payload = await categories.categorised(payload, connection: connection, now: now)
            }
            ahead.payloads[item.id] = payload
            ahead.mapped[item.id] = try? Self.map(item, connection: connection, payload: payload)
        }
        return ahead
    }

    private struct ConnectionKey: Hashable {
        let account: String
        let id: String
    }

    /// What the deliveries of one transaction need before the first is applied: their connections and
    /// accounts, read once each; their bodies, parsed and mapped; and the orders and customers those name,
    /// looked up a few hundred a statement (`preload`), so that applying an order costs no look-up round
    /// trip on PostgreSQL.
    struct Prepared {
        var connections: [String: Connection?] = [:]
        var accounts: [String: Account?] = [:]
        /// Bodies parsed (and categorised) before the transaction, by delivery id.
        var payloads: [String: JSONValue] = [:]
        /// By delivery id; a delivery that does not map is left out, and `apply` reports why.
        var mapped: [String: (payload: JSONValue, change: PlatformChange)] = [:]
        /// The deliveries' status when the transaction began, by id (one missing was deleted); nil where
        /// `apply` reads each itself.
        var current: [String: InboxItem.Status]?

        init() {}

        init(_ items: [InboxItem], mappedAhead ahead: MappedAhead = MappedAhead(), in writer: any StoreWriter) throws {
            self.payloads = ahead.payloads
            // Each delivery is applied once in the transaction, so what it was at the start is what it is
            // when applied (a savepoint rolled back restores it).
            var current: [String: InboxItem.Status] = [:]
            for (account, ids) in Dictionary(grouping: items, by: \.accountID).mapValues({ $0.map(\.id) }) {
                current.merge(try writer.inboxStatuses(account: account, ids: ids)) { first, _ in first }
            }
            self.current = current
            var lookups: [String: PreloadKeys] = [:]
            for item in items {
                guard let connection = try connection(item, in: writer), let account = try account(item, in: writer) else { continue }
                // Mapped ahead for the connection as it is now, or mapped here (a connection changed since).
                let mappedAhead = ahead.connections[item.connectionID] == connection ? ahead.mapped[item.id] : nil
                guard let mapped = mappedAhead ?? (try? InboxProcessor.map(item, connection: connection, payload: payloads[item.id])) else { continue }
                self.mapped[item.id] = mapped
                guard case .order(let order) = mapped.change else { continue }
                lookups[account.id, default: PreloadKeys()].add(order.input, connection: connection, account: account)
            }
            for (account, keys) in lookups { try writer.preload(account: account, keys) }
        }

        mutating func connection(_ item: InboxItem, in writer: any StoreWriter) throws -> Connection? {
            if let known = connections[item.connectionID] { return known }
            let read = try writer.connection(account: item.accountID, id: item.connectionID)
            connections[item.connectionID] = .some(read)
            return read
        }

        mutating func account(_ item: InboxItem, in writer: any StoreWriter) throws -> Account? {
            if let known = accounts[item.accountID] { return known }
            let read = try writer.account(item.accountID)
            accounts[item.accountID] = .some(read)
            return read
        }
    }

    /// A delivery's body parsed (unless `parsed` is given) and mapped to the change it asks for.
    static func map(_ item: InboxItem, connection: Connection, payload parsed: JSONValue? = nil) throws -> (payload: JSONValue, change: PlatformChange) {
        let payload: JSONValue
        if let parsed {
            payload = parsed
        } else if item.body.isEmpty || connection.kind == .fapi {
            payload = item.fetched
        } else {
            do { payload = try JSONParser.parse(Array(item.body.utf8)) } catch {
                throw KvittoError(code: .malformed, detail: "the body is not valid JSON: \(error)")
            }
        }
        return (payload, try PlatformImport.change(for: connection, topic: item.topic, payload: payload, fetched: item.fetched))
    }

    /// Maps and applies one delivery with its new status, in the caller's transaction.
    /// - Parameter isolatingOrders: see `PlatformImport.apply`; without, a refused order is thrown.
    static func apply(_ item: InboxItem, prepared: Prepared = Prepared(), isolatingOrders: Bool = true, in writer: any StoreWriter,
                      now: Date) throws {
        // Only its status can have changed since it was claimed (another process applied it after our lease ran
        // out, or an erasure set it aside); what is written back is what became of it, not the document.
        let status = try prepared.current.map { $0[item.id] } ?? writer.inboxItem(account: item.accountID, id: item.id)?.status
        guard status == .pending else { return }
        var done = item
        done.processedAt = now
        var prepared = prepared
        guard let connection = try prepared.connection(item, in: writer), let account = try prepared.account(item, in: writer) else {
            done.status = .ignored
            done.outcome = "ignored: the connection was deleted"
            try writer.updateInboxItem(done)
            return
        }
        let outcome: ImportOutcome
        do {
            let (payload, change) = try prepared.mapped[item.id] ?? Self.map(item, connection: connection, payload: prepared.payloads[item.id])
            // Sitoo's Events SPI reports purchases at its tills: shop purchases, as `POST /pos/v2/purchases` makes.
            outcome = try PlatformImport.apply(change, connection: connection, account: account,
                                               origin: connection.kind == .sitoo ? .pos : .live, payload: payload,
                                               isolatingOrders: isolatingOrders, in: writer, now: now)
        } catch let error as KvittoError where error.code == .invalid || error.code == .malformed {
            // Unmappable: the raw delivery stays in the inbox and the rejection log says why.
            let rejection = PlatformImport.unmappable(error)
            try Orders.recordRejection(rejection, payload: .object(["inbox_id": .string(item.id)]), source: connection.name,
                                       externalID: nil, account: account.id, in: writer, now: now)
            outcome = .rejected(reason: "unmappable", detail: rejection.detail)
        }
        switch outcome {
        case .rejected: done.status = .rejected
        case .ignored: done.status = .ignored
        default: done.status = .applied
        }
        done.outcome = outcome.summary
        try writer.updateInboxItem(done)
    }
}
