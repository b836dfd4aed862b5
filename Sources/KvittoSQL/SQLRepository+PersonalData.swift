import KvittoCore
import KvittoStorage

/// A person's copies outside their contact: found by the events' contact column and a scan of the account's
/// rejections and inbox, written back in place.
extension SQLRepository {
    public func personalRecords(account: String, contactIDs: [String], mentioning needles: TextNeedles) throws -> PersonalRecords {
        var records = PersonalRecords()
        for chunk in contactIDs.chunked(500) {
            records.events += try db.query("""
                SELECT sequence, doc FROM events WHERE account_id = ? AND contact_id IN (\(Self.marks(chunk.count))) ORDER BY sequence
                """, [.text(account)] + chunk.map { .text($0) }).map { row in
                try Self.event(from: row.document(1, "events.doc"), account: account, sequence: row.int(0, "events.sequence"))
            }
        }
        records.events.sort { $0.sequence < $1.sequence }
        records.rejections = try mentioning(needles, in: "rejections", account: account)
            .map { try Self.rejection(from: $0.document(0, "rejections.doc"), account: account) }
        records.inboxItems = try mentioning(needles, in: "inbox", account: account, columns: Self.inboxColumns)
            .map { try Self.inboxItem($0, account: account) }
        for chunk in records.events.map(\.id).chunked(500) {
            records.deliveries += try db.query("SELECT doc FROM deliveries WHERE account_id = ? AND event_id IN (\(Self.marks(chunk.count)))",
                                               [.text(account)] + chunk.map { .text($0) })
                .map { try Self.delivery($0.document(0, "deliveries.doc"), account: account) }
        }
        records.deliveries.sort { $0.id < $1.id }
        for chunk in records.deliveries.map(\.id).chunked(500) {
            records.attempts += try db.query("SELECT delivery_id, doc FROM delivery_attempts WHERE delivery_id IN (\(Self.marks(chunk.count))) ORDER BY delivery_id, number",
                                             chunk.map { .text($0) })
                .map { try DeliveryAttempt(stored: $0.document(1, "delivery_attempts.doc"), deliveryID: $0.text(0, "delivery_attempts.delivery_id")) }
        }
        return records
    }

    public func replacePersonalRecords(account: String, _ records: PersonalRecords) throws {
        // In order with what this transaction holds back (PostgreSQL writes its inserts at commit).
        for event in records.events {
            try executeInOrder("UPDATE events SET doc = ? WHERE account_id = ? AND id = ?",
                               [.text(JSONWriter.string(event.json)), .text(account), .text(event.id)])
        }
        for rejection in records.rejections {
            try executeInOrder("UPDATE rejections SET doc = ? WHERE account_id = ? AND id = ?",
                               [.text(JSONWriter.string(rejection.json)), .text(account), .text(rejection.id)])
        }
        for item in records.inboxItems {
            try executeInOrder("UPDATE inbox SET status = ?, outcome = ?, processed_ms = ?, doc = ? WHERE account_id = ? AND id = ?",
                               [.text(item.status.rawValue), item.outcome.map { .text($0) } ?? .null,
                                Self.processedMillis(item.processedAt), .text(JSONWriter.string(item.json)),
                                .text(account), .text(item.id)])
        }
        for d in records.deliveries {
            try executeInOrder("""
                UPDATE deliveries SET status = ?, next_attempt_ms = ?, doc = ?, lease_token = NULL, lease_expires_ms = NULL
                WHERE account_id = ? AND id = ?
                """, [.text(d.status.rawValue), d.nextAttemptAt.map { .int(Self.millis($0)) } ?? .null, .text(JSONWriter.string(d.json)),
                      .text(account), .text(d.id)])
        }
        let ours = Set(records.deliveries.map(\.id))
        for attempt in records.attempts where ours.contains(attempt.deliveryID) {
            try executeInOrder("UPDATE delivery_attempts SET doc = ? WHERE delivery_id = ? AND number = ?",
                               [.text(JSONWriter.string(attempt.json)), .text(attempt.deliveryID), .int(Int64(attempt.number))])
        }
    }

    /// The rows of the account's `table` whose document holds one of `needles`, read as `columns` (the
    /// document first). A few needles (one person) are a `LIKE` the database evaluates; many (an erasure of
    /// a page of contacts) are one read of the table in pages of a thousand rows, matched here in one pass
    /// each, where `LIKE` would try every needle on every row.
    func mentioning(_ needles: TextNeedles, in table: String, account: String, columns: String = "doc") throws -> [[SQLValue]] {
        guard !needles.isEmpty else { return [] }
        if needles.count <= Self.needlesForLike {
            let patterns = needles.texts.map { SQLValue.text("%" + Self.escapedForLike($0) + "%") }
            // LOWER on both sides: SQLite's LIKE ignores ASCII case and PostgreSQL's does not.
            let mentioned = "(" + Array(repeating: "LOWER(doc) LIKE ? ESCAPE '!'", count: patterns.count).joined(separator: " OR ") + ")"
            return try db.query("SELECT \(columns) FROM \(table) WHERE account_id = ? AND \(mentioned) ORDER BY id", [.text(account)] + patterns)
        }
        var found: [[SQLValue]] = []
        var after = ""
        while true {
            let rows = try db.query("SELECT \(columns), id FROM \(table) WHERE account_id = ? AND id > ? ORDER BY id LIMIT 1000",
                                    [.text(account), .text(after)])
            for row in rows where needles.found(in: try row.text(0, "\(table).doc")) { found.append(row) }
            guard rows.count == 1000, let last = rows.last else { return found }
            after = try last.text(last.count - 1, "\(table).id")
        }
    }

    /// Up to how many needles `LIKE` is the search. One person's few (`bench/erasure`, 100,000 rejections:
    /// 97 ms on SQLite, 252 ms on PostgreSQL) are faster there than reading every row out; a page of 500
    /// people's 1,500 are not (the whole page, its one read of the log included, took 0.38 s and 4.75 s).
    static var needlesForLike: Int { 8 }

    /// `%`, `_` and the escape character itself taken literally by `LIKE … ESCAPE '!'` (`_` is in many e-mail addresses).
    static func escapedForLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "!" { escaped.append("!") }
            escaped.append(character)
        }
        return escaped
    }
}

private extension Array {
    func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
