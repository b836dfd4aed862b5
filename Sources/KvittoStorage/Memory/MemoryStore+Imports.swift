import Foundation
import KvittoCore

/// The webhook inbox and the backfills of platform connections in memory, with their leases.
extension MemoryTransaction {
    func inbox(account: String, connectionID: String, page: PageRequest) -> [InboxItem] {
        Self.page(state.inbox.values.filter { $0.accountID == account && $0.connectionID == connectionID }, page, id: \.id)
    }
    func inboxItem(account: String, id: String) -> InboxItem? { state.inbox[id].flatMap { $0.accountID == account ? $0 : nil } }
    func backfill(account: String, id: String) -> Backfill? { state.backfills[id].flatMap { $0.accountID == account ? $0 : nil } }
    func backfills(account: String, connectionID: String, page: PageRequest) -> [Backfill] {
        Self.page(state.backfills.values.filter { $0.accountID == account && $0.connectionID == connectionID }, page, id: \.id)
    }
    func unfinishedBackfills() -> [Backfill] {
        state.backfills.values.filter { $0.status == .running || $0.status == .queued }.sorted { $0.id < $1.id }
    }

    func insertInboxItem(_ item: InboxItem) -> Bool {
        guard !state.inbox.values.contains(where: { $0.connectionID == item.connectionID && $0.deliveryKey == item.deliveryKey }) else { return false }
        state.inbox[item.id] = item
        return true
    }
    func updateInboxItem(_ item: InboxItem) {
        guard var stored = state.inbox[item.id], stored.accountID == item.accountID else { return }
        stored.status = item.status
        stored.outcome = item.outcome
        stored.processedAt = item.processedAt
        state.inbox[item.id] = stored
    }
    func purgeInbox(receivedBefore date: Date) -> Int {
        let old = state.inbox.values.filter { $0.receivedAt < date }.map(\.id)
        for id in old { state.inbox[id] = nil }
        return old.count
    }
    func insertBackfill(_ backfill: Backfill) { state.backfills[backfill.id] = backfill }
    func updateBackfill(_ backfill: Backfill) {
        if state.backfills[backfill.id]?.accountID == backfill.accountID { state.backfills[backfill.id] = backfill }
    }
    func leaseBackfill(account: String, id: String, token: String, until: Date, now: Date) -> Bool {
        guard state.backfills[id]?.accountID == account else { return false }
        if let held = state.backfillLeases[id], held.token != token, held.until >= now { return false }
        state.backfillLeases[id] = (token, until)
        return true
    }
    func claimInbox(now: Date, limit: Int, leaseUntil: Date, token: String) -> [InboxItem] {
        let free = state.inbox.values.filter { item in
            item.status == .pending && (state.inboxLeases[item.id].map { $0.until < now } ?? true)
        }
        let claimed = Array(free.sorted { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }.prefix(max(1, limit)))
        for item in claimed { state.inboxLeases[item.id] = (token, leaseUntil) }
        return claimed
    }
    func releaseInbox(ids: [String], token: String) {
        for id in ids where state.inboxLeases[id]?.token == token { state.inboxLeases[id] = nil }
    }
    func releaseBackfill(account: String, id: String, token: String) {
        guard state.backfills[id]?.accountID == account, state.backfillLeases[id]?.token == token else { return }
        state.backfillLeases[id] = nil
    }
}
