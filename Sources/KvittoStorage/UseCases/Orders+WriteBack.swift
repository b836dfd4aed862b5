import Foundation
import KvittoCore

/// Status write-back: a status Kvitto set (through the API, the admin or an automation) is written to the
/// order's platform as a delivery queued in the same transaction, so it is retried, logged and replayable
/// like a postback. Changes that came from the platform itself are never written back (nothing echoes).
extension Orders {
    /// Queues the write of `order`'s status to its platform, or notes on its timeline why it waits or is
    /// not written. Called after the status changed or the order was locked.
    /// - Parameter event: the status change's event; nil when the lock released a waiting write.
    static func writeStatusBack(_ order: Order, event: Event?, account: String, in writer: any StoreWriter, now: Date) throws {
        guard let connection = try writer.connection(account: account, id: order.connectionID), connection.writesStatusBack else { return }
        let target = StatusWriteBack.target(for: order.status, on: connection)
        // The lock only lets a waiting write go; any other status was written when it was set.
        if event == nil, target?.awaitsLock != true { return }
        guard let target else {
            // Only worth saying where the merchant expects write-backs; the platform keeps its status.
            if event != nil {
                try EventLog.note(.notice, on: order.id, account: account,
                                  text: "Status \(order.status.rawValue) is not written back to \(connection.name): "
                                      + "\(connection.kind.rawValue) has no status for it (map one in the connection's status_write_mapping)",
                                  in: writer, now: now)
            }
            return
        }
        if target.awaitsLock, !order.locked {
            if event != nil {
                try EventLog.note(.notice, on: order.id, account: account,
                                  text: "Status \(target.platformStatus) is written back to \(connection.name) once the order is locked "
                                      + "(its goods written off)",
                                  data: ["waiting_for": "lock", "platform_status": .string(target.platformStatus)], in: writer, now: now)
            }
            return
        }
        try writer.insertDelivery(.statusWrite(id: KvittoID.make(.delivery, at: now), accountID: account, connectionID: connection.id,
                                               order: order, event: event, createdAt: now))
    }
}
