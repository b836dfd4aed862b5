import Foundation
import KvittoCore

/// Merge candidates in memory.
extension MemoryTransaction {
    func mergeCandidate(account: String, id: String) -> MergeCandidate? {
        state.mergeCandidates[id].flatMap { $0.accountID == account ? $0 : nil }
    }
    func mergeCandidates(account: String, status: MergeCandidate.Status?, page: PageRequest) -> [MergeCandidate] {
        Self.page(state.mergeCandidates.values.filter { $0.accountID == account && (status == nil || $0.status == status) }, page, id: \.id)
    }
    func mergeCandidates(account: String, contactID: String) -> [MergeCandidate] {
        state.mergeCandidates.values.filter { $0.accountID == account && $0.names(contactID) }.sorted { $0.id < $1.id }
    }

    func insertMergeCandidate(_ candidate: MergeCandidate) -> Bool {
        let pair = candidate.pair
        guard !state.mergeCandidates.values.contains(where: { $0.accountID == candidate.accountID && $0.pair == pair }) else { return false }
        state.mergeCandidates[candidate.id] = candidate
        return true
    }
    func updateMergeCandidate(_ candidate: MergeCandidate, expectedStatus: MergeCandidate.Status) throws {
        guard let stored = state.mergeCandidates[candidate.id], stored.accountID == candidate.accountID, stored.status == expectedStatus else {
            throw StoreError.retryable("merge candidate \(candidate.id) changed since it was read")
        }
        state.mergeCandidates[candidate.id] = candidate
    }
    func deleteMergeCandidate(account: String, id: String) {
        if state.mergeCandidates[id]?.accountID == account { state.mergeCandidates[id] = nil }
    }
    func deleteTimelineEntries(account: String, ids: [String]) {
        let doomed = Set(ids)
        state.timeline[account]?.removeAll { doomed.contains($0.id) }
    }
    func moveTimeline(account: String, from: String, to: String) {
        guard var entries = state.timeline[account] else { return }
        for index in entries.indices where entries[index].subjectID == from { entries[index].subjectID = to }
        state.timeline[account] = entries
    }
}
