import Foundation
import KvittoCore

/// The dashboard's counts, by the time in the records' ids as the SQL backends count them.
extension MemoryTransaction {
    func hourlyActivity(account: String, hourStarts: [Date]) -> [HourlyCount] {
        let events = state.events[account, default: []]
        return hourStarts.map { start in
            let (low, high) = (start, start.addingTimeInterval(3600))
            func inHour(_ id: String, _ prefix: KvittoID.Prefix) -> Bool {
                id >= KvittoID.floor(prefix, at: low) && id < KvittoID.floor(prefix, at: high)
            }
            return HourlyCount(start: start, orders: state.orders.values.filter { $0.accountID == account && inHour($0.id, .order) }.count,
                               events: events.filter { inHour($0.id, .event) }.count)
        }
    }

    func deliveryTally(account: String, since: Date) -> DeliveryTally {
        let floor = KvittoID.floor(.delivery, at: since)
        var tally = DeliveryTally()
        for delivery in state.deliveries.values where delivery.accountID == account && delivery.id >= floor {
            switch delivery.status {
            case .succeeded: tally.succeeded += 1
            case .failed: tally.failed += 1
            case .pending: tally.pending += 1
            }
        }
        return tally
    }
}
