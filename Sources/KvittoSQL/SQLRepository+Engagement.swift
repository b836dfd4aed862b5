import Foundation
import KvittoCore
import KvittoStorage

/// What engagement (RFM) reads, and the per-account scheduled jobs.
extension SQLRepository {
    public func contacts(account: String, ids: [String]) throws -> [Contact] {
        var found: [Contact] = []
        for start in stride(from: 0, to: ids.count, by: 250) {
            let chunk = ids[start..<min(start + 250, ids.count)]
            let marks = Self.marks(chunk.count)
            found += try db.query("SELECT doc FROM contacts WHERE account_id = ? AND id IN (\(marks))", [.text(account)] + chunk.map { .text($0) })
                .map { try Contact(stored: try $0.document(0, "contacts.doc"), accountID: account) }
        }
        return found
    }

    public func accountIDs() throws -> [String] {
        try db.query("SELECT id FROM accounts ORDER BY id", []).map { try $0.text(0, "accounts.id") }
    }

    /// One GROUP BY over the `orders_rfm` index, a page of contacts at a time.
    public func orderTotals(account: String, afterContact: String?, limit: Int) throws -> [RFMInput] {
        try db.query("""
            SELECT contact_id, MAX(placed_ms), COUNT(counted_minor), CAST(SUM(counted_minor) AS BIGINT) FROM orders
            WHERE account_id = ? AND contact_id > ? AND counted_minor IS NOT NULL
            GROUP BY contact_id ORDER BY contact_id LIMIT \(max(1, limit))
            """, [.text(account), .text(afterContact ?? "")]).map { row in
            RFMInput(contactID: try row.text(0, "orders.contact_id"),
                     lastOrderAt: Date(timeIntervalSince1970: Double(try row.int(1, "MAX(orders.placed_ms)")) / 1000),
                     orderCount: Int(try row.int(2, "COUNT(orders.counted_minor)")), monetaryMinor: try row.int(3, "SUM(orders.counted_minor)"))
        }
    }

    public func scheduledJob(account: String, job: String) throws -> ScheduledJob? {
        try db.query("SELECT due_ms, doc FROM scheduled_jobs WHERE account_id = ? AND job = ?", [.text(account), .text(job)]).first.map { row in
            ScheduledJob(accountID: account, job: job, dueAt: Date(timeIntervalSince1970: Double(try row.int(0, "scheduled_jobs.due_ms")) / 1000),
                         state: try row.document(1, "scheduled_jobs.doc"))
        }
    }

    public func accountsDue(job: String, now: Date, limit: Int) throws -> [String] {
        try db.query("""
            SELECT a.id FROM accounts a LEFT JOIN scheduled_jobs j ON j.account_id = a.id AND j.job = ?
            WHERE j.due_ms IS NULL OR j.due_ms <= ? ORDER BY a.id LIMIT \(max(1, limit))
            """, [.text(job), .int(Self.millis(now))]).map { try $0.text(0, "accounts.id") }
    }

    public func saveScheduledJob(_ job: ScheduledJob) throws {
        try db.execute("""
            INSERT INTO scheduled_jobs (account_id, job, due_ms, doc) VALUES (?, ?, ?, ?)
            ON CONFLICT (account_id, job) DO UPDATE SET due_ms = excluded.due_ms, doc = excluded.doc
            """, [.text(job.accountID), .text(job.job), .int(Self.millis(job.dueAt)), .text(JSONWriter.string(job.state))])
    }
}
