import Foundation
import KvittoCore
import KvittoStorage

/// Webhook inbox and historical imports.
extension SQLRepository {
    // MARK: inbox

    /// How an inbox row is read: its document as received, then what became of it. Those columns win over
    /// the document, which applying a delivery no longer writes again (schema 15); outcome and processing
    /// time are NULL for deliveries applied before, whose documents hold them.
    static var inboxColumns: String { "doc, status, outcome, processed_ms" }

    /// The delivery in `row`, whose columns from `start` on are `inboxColumns`.
    static func inboxItem(_ row: [SQLValue], from start: Int = 0, account: String) throws -> InboxItem {
        var item = try row.fields(start, "inbox.doc").decode { InboxItem(stored: $0, accountID: account) }
        item.status = try row.value(start + 1, "inbox.status", as: InboxItem.Status.self)
        if let outcome = try row.optionalText(start + 2, "inbox.outcome") { item.outcome = outcome }
        if let processed = try row.optionalInt(start + 3, "inbox.processed_ms") {
            item.processedAt = Date(timeIntervalSince1970: Double(processed) / 1000)
        }
        return item
    }

    /// A processing time in milliseconds, to the nearest: the time read back is the one written, to the
    /// millisecond documents keep (`millis`, for due times, rounds down).
    static func processedMillis(_ date: Date?) -> SQLValue {
        date.map { .int(Int64(($0.timeIntervalSince1970 * 1000).rounded())) } ?? .null
    }

    public func inbox(account: String, connectionID: String, page: PageRequest) throws -> [InboxItem] {
        try pagedRows("inbox", account: account, page: page, columns: Self.inboxColumns, extra: " AND connection_id = ?",
                      extraArguments: [.text(connectionID)])
            .map { try Self.inboxItem($0, account: account) }
    }

    public func inboxItem(account: String, id: String) throws -> InboxItem? {
        try db.query("SELECT \(Self.inboxColumns) FROM inbox WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { try Self.inboxItem($0, account: account) }
    }

    /// A few hundred a statement, without their documents. Found by id alone, the account checked here: with
    /// the account in the query PostgreSQL took 1.4 ms for 32 deliveries, by id alone 0.08 ms
    /// (pg_stat_statements during `bench/webhooks`).
    public func inboxStatuses(account: String, ids: [String]) throws -> [String: InboxItem.Status] {
        var found: [String: InboxItem.Status] = [:]
        try Self.inChunks(ids[...]) { chunk in
            for row in try db.query("SELECT id, account_id, status FROM inbox WHERE id IN (\(Self.marks(chunk.count)))", chunk.map { .text($0) })
            where try row.text(1, "inbox.account_id") == account {
                found[try row.text(0, "inbox.id")] = try row.value(2, "inbox.status", as: InboxItem.Status.self)
            }
        }
        return found
    }

    /// On PostgreSQL the candidate rows are locked with `SKIP LOCKED`, as deliveries are claimed: processes
    /// pass over each other's claims instead of waiting on them.
    public func claimInbox(now: Date, limit: Int, leaseUntil: Date, token: String) throws -> [InboxItem] {
        let lock = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let claimed = try db.query("""
            UPDATE inbox SET lease_token = ?, lease_until_ms = ?
            WHERE id IN (SELECT id FROM inbox WHERE status = 'pending' AND (lease_until_ms IS NULL OR lease_until_ms < ?)
                         ORDER BY received_ms, id LIMIT \(max(1, limit))\(lock))
            RETURNING account_id, \(Self.inboxColumns)
            """, [.text(token), .int(Self.millis(leaseUntil)), .int(Self.millis(now))]).map { row in
            try Self.inboxItem(row, from: 1, account: row.text(0, "inbox.account_id"))
        }
        // RETURNING gives no order: the oldest are applied first.
        return claimed.sorted { ($0.receivedAt, $0.id) < ($1.receivedAt, $1.id) }
    }

    public func releaseInbox(ids: [String], token: String) throws {
        guard !ids.isEmpty else { return }
        try db.execute("UPDATE inbox SET lease_token = NULL, lease_until_ms = NULL WHERE lease_token = ? AND id IN (\(Self.marks(ids.count)))",
                       [.text(token)] + ids.map { .text($0) })
    }

    public func insertInboxItem(_ item: InboxItem) throws -> Bool {
        // ON CONFLICT DO NOTHING (SQLite ≥ 3.24, PostgreSQL): a repeated delivery neither fails the
        // transaction nor is stored twice.
        try db.execute("""
            INSERT INTO inbox (id, account_id, connection_id, delivery_key, status, received_ms, doc) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (connection_id, delivery_key) DO NOTHING
            """, [.text(item.id), .text(item.accountID), .text(item.connectionID), .text(item.deliveryKey), .text(item.status.rawValue),
                  .int(Self.millis(item.receivedAt)), .text(JSONWriter.string(item.json))]) > 0
    }

    /// Writes what became of the delivery (status, outcome, when), not its document: that is the body as
    /// received, often tens of kilobytes, and does not change. Held back to the end of a PostgreSQL
    /// transaction, after its held-back inserts (nothing in it reads the delivery again, and none of them
    /// is an inbox row): between the orders of a group of deliveries it would send each order's inserts
    /// (its timeline, above all) on their own.
    public func updateInboxItem(_ item: InboxItem) throws {
        try updateAfterInserts(Self.inboxOutcome, [.text(item.id), .text(item.accountID), .text(item.status.rawValue),
                                                   item.outcome.map { .text($0) } ?? .null, Self.processedMillis(item.processedAt)])
    }

    /// What `updateInboxItem` writes: keys id and account, then status, outcome and processing time.
    static var inboxOutcome: SQLTransactionState.UpdateTarget {
        SQLTransactionState.UpdateTarget(table: "inbox", keys: ["id", "account_id"], columns: ["status", "outcome", "processed_ms"],
                                         types: ["text", "text", "text", "text", "bigint"])
    }

    public func purgeInbox(receivedBefore date: Date) throws -> Int {
        try db.execute("DELETE FROM inbox WHERE received_ms < ?", [.int(Self.millis(date))])
    }

    // MARK: backfills

    public func backfill(account: String, id: String) throws -> Backfill? {
        try db.query("SELECT doc FROM backfills WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { row in try row.fields(0, "backfills.doc").decode { Backfill(stored: $0, accountID: account) } }
    }

    public func backfills(account: String, connectionID: String, page: PageRequest) throws -> [Backfill] {
        try paged("backfills", account: account, page: page, extra: " AND connection_id = ?", extraArguments: [.text(connectionID)])
            .map { json in try SQLDocument(json, column: "backfills.doc").decode { Backfill(stored: $0, accountID: account) } }
    }

    public func unfinishedBackfills() throws -> [Backfill] {
        try db.query("SELECT account_id, doc FROM backfills WHERE status IN ('running', 'queued') ORDER BY id", [])
            .map { row in
                let account = try row.text(0, "backfills.account_id")
                return try row.fields(1, "backfills.doc").decode { Backfill(stored: $0, accountID: account) }
            }
    }

    public func insertBackfill(_ b: Backfill) throws {
        try db.execute("INSERT INTO backfills (id, account_id, connection_id, status, doc) VALUES (?, ?, ?, ?, ?)",
                       [.text(b.id), .text(b.accountID), .text(b.connectionID), .text(b.status.rawValue), .text(JSONWriter.string(b.json))])
    }

    public func leaseBackfill(account: String, id: String, token: String, until: Date, now: Date) throws -> Bool {
        // One statement: on PostgreSQL the row lock makes a second claimant wait for the first's commit and
        // then see its lease.
        try db.execute("""
            UPDATE backfills SET lease_token = ?, lease_until_ms = ? WHERE account_id = ? AND id = ?
              AND (lease_token IS NULL OR lease_token = ? OR lease_until_ms < ?)
            """, [.text(token), .int(Self.millis(until)), .text(account), .text(id), .text(token), .int(Self.millis(now))]) == 1
    }

    public func releaseBackfill(account: String, id: String, token: String) throws {
        try db.execute("UPDATE backfills SET lease_token = NULL, lease_until_ms = NULL WHERE account_id = ? AND id = ? AND lease_token = ?",
                       [.text(account), .text(id), .text(token)])
    }

    public func updateBackfill(_ b: Backfill) throws {
        try db.execute("UPDATE backfills SET status = ?, doc = ? WHERE id = ? AND account_id = ?",
                       [.text(b.status.rawValue), .text(JSONWriter.string(b.json)), .text(b.id), .text(b.accountID)])
    }
}
