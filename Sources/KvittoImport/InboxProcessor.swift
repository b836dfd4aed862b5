import Foundation
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
    private let wake = WakeSignal()

    public init(store: any KvittoStore, clock: any KvittoClock = SystemClock(), logger: Logger) {
        self.store = store; self.clock = clock; self.logger = logger
    }

    /// Says that deliveries were stored.
    public func nudge() { wake.wakeAll() }

    public func run() async throws {
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

    /// Applies pending deliveries until none is left, or only ones that failed in this round are (they are
    /// tried again at the next wake: a store error is not the platform's fault and loses nothing).
    public func drain() async {
        var failed: Set<String> = []
        while true {
            let pending: [InboxItem]
            let limit = 100 + failed.count
            do { pending = try await store.read { r in try r.pendingInbox(limit: limit) } } catch {
                logger.error("could not read the inbox", metadata: ["error": "\(error)"])
                return
            }
            let due = pending.filter { !failed.contains($0.id) }
            if due.isEmpty { return }
            for item in due where !(await process(item)) { failed.insert(item.id) }
        }
    }

    /// `false` when the store failed; the delivery stays pending.
    func process(_ item: InboxItem) async -> Bool {
        let now = clock.now()
        do {
            try await store.write { w in try Self.apply(item, in: w, now: now) }
            return true
        } catch {
            logger.error("could not apply a webhook delivery; it stays pending", metadata: ["inbox": "\(item.id)", "error": "\(error)"])
            return false
        }
    }

    /// Maps and applies one delivery in one transaction with its new status.
    static func apply(_ item: InboxItem, in writer: any StoreWriter, now: Date) throws {
        guard let current = try writer.inboxItem(account: item.accountID, id: item.id), current.status == .pending else { return }
        var done = current
        done.processedAt = now
        guard let connection = try writer.connection(account: item.accountID, id: item.connectionID),
              let account = try writer.account(item.accountID) else {
            done.status = .ignored
            done.outcome = "ignored: the connection was deleted"
            try writer.updateInboxItem(done)
            return
        }
        let payload: JSONValue
        let outcome: ImportOutcome
        do {
            if item.body.isEmpty || connection.kind == .fapi {
                payload = item.fetched
            } else {
                do { payload = try JSONParser.parse(Array(item.body.utf8)) } catch {
                    throw KvittoError(code: .malformed, detail: "the body is not valid JSON: \(error)")
                }
            }
            let change = try PlatformImport.change(for: connection, topic: item.topic, payload: payload, fetched: item.fetched)
            // Sitoo's Events SPI reports purchases at its tills: shop purchases, as `POST /pos/v2/purchases` makes.
            outcome = try PlatformImport.apply(change, connection: connection, account: account,
                                               origin: connection.kind == .sitoo ? .pos : .live, payload: payload, in: writer, now: now)
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
