import Foundation
import KvittoCore
import KvittoStorage

/// Templates, triggers and the delivery queue.
extension SQLRepository {
    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    public func event(account: String, id: String) throws -> Event? {
        try db.query("SELECT doc FROM events WHERE account_id = ? AND id = ?", [.text(account), .text(id)]).first.map { row in
            SQLRepository.event(from: document(row[0].text), account: account)
        }
    }

    static func event(from json: JSONValue, account: String) -> Event {
        Event(id: json["id"]?.stringValue ?? "", accountID: account, sequence: json["sequence"]?.numberValue?.int64 ?? 0,
              type: json["type"]?.stringValue.flatMap(EventType.init(rawValue:)) ?? .orderUpdated,
              occurredAt: json["occurred_at"]?.stringValue.flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0),
              origin: json["origin"]?.stringValue.flatMap(EventOrigin.init(rawValue:)) ?? .api, data: json["data"] ?? .null)
    }

    // MARK: templates

    public func template(account: String, id: String) throws -> Template? {
        try db.query("SELECT doc FROM templates WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { Template(stored: document($0[0].text), accountID: account) }
    }

    public func templates(account: String, page: PageRequest) throws -> [Template] {
        try paged("templates", account: account, page: page).map { Template(stored: document($0), accountID: account) }
    }

    public func insertTemplate(_ t: Template) throws {
        try db.execute("INSERT INTO templates (id, account_id, doc) VALUES (?, ?, ?)", [.text(t.id), .text(t.accountID), .text(JSONWriter.string(t.json))])
    }

    public func updateTemplate(_ t: Template) throws {
        try db.execute("UPDATE templates SET doc = ? WHERE id = ? AND account_id = ?", [.text(JSONWriter.string(t.json)), .text(t.id), .text(t.accountID)])
    }

    public func deleteTemplate(account: String, id: String) throws -> Bool {
        try db.execute("DELETE FROM templates WHERE account_id = ? AND id = ?", [.text(account), .text(id)]) > 0
    }

    // MARK: triggers

    public func trigger(account: String, id: String) throws -> Trigger? {
        try db.query("SELECT doc FROM triggers WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { Trigger(stored: document($0[0].text), accountID: account) }
    }

    public func triggers(account: String, page: PageRequest) throws -> [Trigger] {
        try paged("triggers", account: account, page: page).map { Trigger(stored: document($0), accountID: account) }
    }

    public func activeTriggers(account: String) throws -> [Trigger] {
        try db.query("SELECT doc FROM triggers WHERE account_id = ? AND active = 1 ORDER BY id", [.text(account)])
            .map { Trigger(stored: document($0[0].text), accountID: account) }
            .filter { $0.disabledAt == nil }
    }

    public func insertTrigger(_ t: Trigger) throws {
        try db.execute("INSERT INTO triggers (id, account_id, active, doc) VALUES (?, ?, ?, ?)",
                       [.text(t.id), .text(t.accountID), .bool(t.active && t.disabledAt == nil), .text(JSONWriter.string(t.storedJSON))])
    }

    public func updateTrigger(_ t: Trigger) throws {
        try db.execute("UPDATE triggers SET active = ?, doc = ? WHERE id = ? AND account_id = ?",
                       [.bool(t.active && t.disabledAt == nil), .text(JSONWriter.string(t.storedJSON)), .text(t.id), .text(t.accountID)])
    }

    public func deleteTrigger(account: String, id: String) throws -> Bool {
        try db.execute("DELETE FROM triggers WHERE account_id = ? AND id = ?", [.text(account), .text(id)]) > 0
    }

    // MARK: deliveries

    static func delivery(_ json: JSONValue, account: String) -> Delivery {
        var d = Delivery(id: json["id"]?.stringValue ?? "", accountID: account, triggerID: json["trigger_id"]?.stringValue ?? "",
                         eventID: json["event_id"]?.stringValue ?? "",
                         eventType: json["event_type"]?.stringValue.flatMap(EventType.init(rawValue:)) ?? .orderUpdated,
                         createdAt: json["created_at"]?.stringValue.flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0))
        d.status = json["status"]?.stringValue.flatMap(Delivery.Status.init(rawValue:)) ?? .pending
        d.attempts = Int(json["attempt_count"]?.numberValue?.int64 ?? 0)
        d.cycleStart = Int(json["cycle_start"]?.numberValue?.int64 ?? 0)
        d.nextAttemptAt = json["next_attempt_at"]?.stringValue.flatMap(Timestamp.parse)
        d.lastStatusCode = json["last_status_code"]?.numberValue?.int64.map { Int($0) }
        d.lastError = json["last_error"]?.stringValue
        d.updatedAt = json["updated_at"]?.stringValue.flatMap(Timestamp.parse) ?? d.createdAt
        return d
    }

    public func delivery(account: String, id: String) throws -> Delivery? {
        try db.query("SELECT doc FROM deliveries WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { SQLRepository.delivery(document($0[0].text), account: account) }
    }

    public func deliveries(account: String, filter: DeliveryFilter, page: PageRequest) throws -> [Delivery] {
        var extra = ""
        var arguments: [SQLValue] = []
        if let t = filter.triggerID { extra += " AND trigger_id = ?"; arguments.append(.text(t)) }
        if let s = filter.status { extra += " AND status = ?"; arguments.append(.text(s.rawValue)) }
        if let e = filter.eventType { extra += " AND event_type = ?"; arguments.append(.text(e.rawValue)) }
        if let since = filter.since { extra += " AND created_ms >= ?"; arguments.append(.int(Self.millis(since))) }
        return try paged("deliveries", account: account, page: page, extra: extra, extraArguments: arguments)
            .map { SQLRepository.delivery(document($0), account: account) }
    }

    public func attempts(deliveryID: String) throws -> [DeliveryAttempt] {
        try db.query("SELECT doc FROM delivery_attempts WHERE delivery_id = ? ORDER BY number", [.text(deliveryID)])
            .map { DeliveryAttempt(stored: document($0[0].text), deliveryID: deliveryID) }
    }

    public func insertDelivery(_ d: Delivery) throws {
        try db.execute("""
            INSERT INTO deliveries (id, account_id, trigger_id, event_id, event_type, status, next_attempt_ms, created_ms, doc)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(d.id), .text(d.accountID), .text(d.triggerID), .text(d.eventID), .text(d.eventType.rawValue),
                  .text(d.status.rawValue), d.nextAttemptAt.map { .int(Self.millis($0)) } ?? .null,
                  .int(Self.millis(d.createdAt)), .text(JSONWriter.string(d.json))])
        db.deliveriesBecameDue()
    }

    public func completeDelivery(_ d: Delivery, token: String) throws -> Bool {
        try db.execute("""
            UPDATE deliveries SET status = ?, next_attempt_ms = ?, doc = ?, lease_token = NULL, lease_expires_ms = NULL
            WHERE id = ? AND lease_token = ?
            """, [.text(d.status.rawValue), d.nextAttemptAt.map { .int(Self.millis($0)) } ?? .null, .text(JSONWriter.string(d.json)),
                  .text(d.id), .text(token)]) > 0
    }

    public func requeueDelivery(_ d: Delivery) throws {
        try db.execute("""
            UPDATE deliveries SET status = ?, next_attempt_ms = ?, doc = ?, lease_token = NULL, lease_expires_ms = NULL
            WHERE id = ? AND account_id = ?
            """, [.text(d.status.rawValue), d.nextAttemptAt.map { .int(Self.millis($0)) } ?? .null, .text(JSONWriter.string(d.json)),
                  .text(d.id), .text(d.accountID)])
        db.deliveriesBecameDue()
    }

    public func insertAttempt(_ a: DeliveryAttempt) throws {
        try db.execute("INSERT INTO delivery_attempts (delivery_id, number, doc) VALUES (?, ?, ?)",
                       [.text(a.deliveryID), .int(Int64(a.number)), .text(JSONWriter.string(a.json))])
    }

    /// On PostgreSQL the candidate rows are locked with `SKIP LOCKED`, so concurrent workers in other
    /// processes pass over each other's claims instead of waiting on them.
    public func claimDeliveries(now: Date, limit: Int, leaseUntil: Date, token: String) throws -> [DeliveryClaim] {
        let lock = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let nowMillis = Self.millis(now)
        return try db.query("""
            UPDATE deliveries SET lease_token = ?, lease_expires_ms = ?
            WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_ms <= ?
                         AND (lease_expires_ms IS NULL OR lease_expires_ms < ?) ORDER BY next_attempt_ms LIMIT \(max(1, limit))\(lock))
            RETURNING id, account_id
            """, [.text(token), .int(Self.millis(leaseUntil)), .int(nowMillis), .int(nowMillis)]).map { row in
            DeliveryClaim(deliveryID: row[0].text ?? "", accountID: row[1].text ?? "", token: token)
        }
    }

    public func releaseDelivery(id: String, token: String) throws {
        try db.execute("UPDATE deliveries SET lease_token = NULL, lease_expires_ms = NULL WHERE id = ? AND lease_token = ?", [.text(id), .text(token)])
        db.deliveriesBecameDue()
    }

    public func extendLeases(token: String, ids: [String], until: Date) throws {
        guard !ids.isEmpty else { return }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        try db.execute("UPDATE deliveries SET lease_expires_ms = ? WHERE lease_token = ? AND id IN (\(marks))",
                       [.int(Self.millis(until)), .text(token)] + ids.map { .text($0) })
    }

    public func lockTriggerIfFree(account: String, id: String) throws -> Bool {
        // SQLite has one writer: nothing else can hold the row. On PostgreSQL, NO KEY UPDATE (what an UPDATE
        // of non-key columns takes) does not conflict with the key-share locks of inserted deliveries.
        guard db.dialect == .postgres else { return true }
        return try !db.query("SELECT id FROM triggers WHERE id = ? AND account_id = ? FOR NO KEY UPDATE SKIP LOCKED",
                             [.text(id), .text(account)]).isEmpty
    }

    public func queueDepth() throws -> (pending: Int, oldestDue: Date?) {
        let row = try db.query("SELECT COUNT(*), MIN(next_attempt_ms) FROM deliveries WHERE status = 'pending'", []).first
        let oldest = row?[1].int.map { Date(timeIntervalSince1970: Double($0) / 1000) }
        return (Int(row?[0].int ?? 0), oldest)
    }
}
