import Foundation
import KvittoCore
import KvittoStorage

/// Merge candidates: one row per pair of contacts, the pair as columns for the uniqueness and the look-up
/// by contact, the candidate as a document.
extension SQLRepository {
    public func mergeCandidate(account: String, id: String) throws -> MergeCandidate? {
        try db.query("SELECT doc FROM merge_candidates WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { try MergeCandidate(stored: $0.document(0, "merge_candidates.doc"), accountID: account) }
    }

    public func mergeCandidates(account: String, status: MergeCandidate.Status?, page: PageRequest) throws -> [MergeCandidate] {
        try paged("merge_candidates", account: account, page: page, extra: status == nil ? "" : " AND status = ?",
                  extraArguments: status.map { [.text($0.rawValue)] } ?? [])
            .map { try MergeCandidate(stored: $0, accountID: account) }
    }

    public func mergeCandidates(account: String, contactID: String) throws -> [MergeCandidate] {
        try db.query("""
            SELECT doc FROM merge_candidates WHERE account_id = ? AND contact_a = ?
            UNION ALL SELECT doc FROM merge_candidates WHERE account_id = ? AND contact_b = ?
            """, [.text(account), .text(contactID), .text(account), .text(contactID)])
            .map { try MergeCandidate(stored: $0.document(0, "merge_candidates.doc"), accountID: account) }
            .sorted { $0.id < $1.id }
    }

    public func insertMergeCandidate(_ candidate: MergeCandidate) throws -> Bool {
        let (a, b) = candidate.pair
        return try db.execute("""
            INSERT INTO merge_candidates (id, account_id, contact_a, contact_b, status, doc) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, [.text(candidate.id), .text(candidate.accountID), .text(a), .text(b), .text(candidate.status.rawValue),
                  .text(JSONWriter.string(candidate.storedJSON))]) == 1
    }

    public func updateMergeCandidate(_ candidate: MergeCandidate, expectedStatus: MergeCandidate.Status) throws {
        let (a, b) = candidate.pair
        try db.send("UPDATE merge_candidates SET contact_a = ?, contact_b = ?, status = ?, doc = ? WHERE account_id = ? AND id = ? AND status = ?",
                    [.text(a), .text(b), .text(candidate.status.rawValue), .text(JSONWriter.string(candidate.storedJSON)),
                     .text(candidate.accountID), .text(candidate.id), .text(expectedStatus.rawValue)],
                    expectingRows: 1, otherwise: "merge candidate \(candidate.id) changed since it was read")
    }

    public func deleteMergeCandidate(account: String, id: String) throws {
        try send("DELETE FROM merge_candidates WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
    }

    public func deleteTimelineEntries(account: String, ids: [String]) throws {
        guard !ids.isEmpty else { return }
        // In order with the timeline entries this transaction holds back (see `deleteContact`).
        try executeInOrder("DELETE FROM timeline WHERE account_id = ? AND id IN (\(Self.marks(ids.count)))",
                           [.text(account)] + ids.map { .text($0) })
    }

    public func moveTimeline(account: String, from: String, to: String) throws {
        // The subject is in the document too; each row is rewritten (a merge is rare, and the contact's rows few).
        let rows = try db.query("SELECT id, doc FROM timeline WHERE account_id = ? AND subject_id = ?", [.text(account), .text(from)])
        for row in rows {
            guard case .object(var doc) = try row.document(1, "timeline.doc") else { continue }
            doc["subject_id"] = .string(to)
            try executeInOrder("UPDATE timeline SET subject_id = ?, doc = ? WHERE account_id = ? AND id = ?",
                               [.text(to), .text(JSONWriter.string(.object(doc))), .text(account), .text(try row.text(0, "timeline.id"))])
        }
    }
}
