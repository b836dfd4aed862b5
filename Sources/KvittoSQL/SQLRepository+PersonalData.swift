import KvittoCore
import KvittoStorage

/// A person's copies outside their contact: found by the events' contact column and a scan of the account's
/// rejections and inbox, written back in place.
extension SQLRepository {
    public func personalRecords(account: String, contactID: String, mentioning needles: [String]) throws -> PersonalRecords {
        var records = PersonalRecords()
        records.events = try db.query("SELECT sequence, doc FROM events WHERE account_id = ? AND contact_id = ? ORDER BY sequence",
                                      [.text(account), .text(contactID)]).map { row in
            try Self.event(from: row.document(1, "events.doc"), account: account, sequence: row.int(0, "events.sequence"))
        }
        let patterns = needles.filter { !$0.isEmpty }.map { SQLValue.text("%" + Self.escapedForLike($0.lowercased()) + "%") }
        if !patterns.isEmpty {
            // LOWER on both sides: SQLite's LIKE ignores ASCII case and PostgreSQL's does not.
            let mentioned = "(" + Array(repeating: "LOWER(doc) LIKE ? ESCAPE '!'", count: patterns.count).joined(separator: " OR ") + ")"
            func documents(_ table: String) throws -> [JSONValue] {
                try db.query("SELECT doc FROM \(table) WHERE account_id = ? AND \(mentioned) ORDER BY id", [.text(account)] + patterns)
                    .map { try $0.document(0, "\(table).doc") }
            }
            records.rejections = try documents("rejections").map { try Self.rejection(from: $0, account: account) }
            records.inboxItems = try documents("inbox").map { try SQLDocument($0, column: "inbox.doc").decode { InboxItem(stored: $0, accountID: account) } }
        }
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
            try executeInOrder("UPDATE inbox SET status = ?, doc = ? WHERE account_id = ? AND id = ?",
                               [.text(item.status.rawValue), .text(JSONWriter.string(item.json)), .text(account), .text(item.id)])
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
