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

    /// Applies pending deliveries until none is left.
    public func drain() async {
        while true {
            let pending: [InboxItem]
            do { pending = try await store.read { r in try r.pendingInbox(limit: 100) } } catch {
                logger.error("could not read the inbox", metadata: ["error": "\(error)"])
                return
            }
            if pending.isEmpty { return }
            for item in pending { await process(item) }
        }
    }

    func process(_ item: InboxItem) async {
        let now = clock.now()
        do {
            try await store.write { w in try Self.apply(item, in: w, now: now) }
        } catch {
            // Not a rule (those are rejections): the store failed. The item stays pending for the next round,
            // marked so that a delivery that always fails this way does not block the queue.
            logger.error("could not apply a webhook delivery", metadata: ["inbox": "\(item.id)", "error": "\(error)"])
            var failed = item
            failed.status = .rejected
            failed.outcome = "failed: \(error)"
            failed.processedAt = now
            let record = failed
            _ = try? await store.write { w in try w.updateInboxItem(record) }
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
            payload = item.body.isEmpty || connection.kind == .fapi ? item.fetched : try JSONParser.parse(Array(item.body.utf8))
            let change = try PlatformImport.change(for: connection, topic: item.topic, payload: payload, fetched: item.fetched)
            outcome = try PlatformImport.apply(change, connection: connection, account: account, origin: .live, payload: payload,
                                               in: writer, now: now)
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
