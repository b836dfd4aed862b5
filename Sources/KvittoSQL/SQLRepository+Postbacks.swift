import Foundation
import KvittoCore
import KvittoStorage

/// Templates, triggers and the delivery queue.
extension SQLRepository {
    static func millis(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    public func event(account: String, id: String) throws -> Event? {
        try db.query("SELECT sequence, doc FROM events WHERE account_id = ? AND id = ?", [.text(account), .text(id)]).first.map { row in
            try SQLRepository.event(from: row.document(1, "events.doc"), account: account, sequence: row.int(0, "events.sequence"))
        }
    }

    /// An event from its stored document; the sequence comes from the `events.sequence` column, which is
    /// what the feed orders by. Every member `Event.json` writes but `account_id` is required.
    static func event(from json: JSONValue, account: String, sequence: Int64) throws -> Event {
        let doc = SQLDocument(json, column: "events.doc")
        return try Event(id: doc.string("id"), accountID: account, sequence: sequence, type: doc.value("type", as: EventType.self),
                         occurredAt: doc.timestamp("occurred_at"), origin: doc.value("origin", as: EventOrigin.self),
                         data: json["data"] ?? .null)
    }

    // MARK: templates

    public func template(account: String, id: String) throws -> Template? {
        try db.query("SELECT doc FROM templates WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { try Template(stored: $0.document(0, "templates.doc"), accountID: account) }
    }

    public func templates(account: String, page: PageRequest) throws -> [Template] {
        try paged("templates", account: account, page: page).map { try Template(stored: $0, accountID: account) }
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
            .first.map { try Trigger(stored: $0.document(0, "triggers.doc"), accountID: account) }
    }

    public func triggers(account: String, page: PageRequest) throws -> [Trigger] {
        try paged("triggers", account: account, page: page).map { try Trigger(stored: $0, accountID: account) }
    }

    public func activeTriggers(account: String) throws -> [Trigger] {
        // Every event asks; within one transaction the answer changes only by its own trigger writes.
        if let cached = db.transaction?.activeTriggers[account] { return cached }
        let found = try Self.activeTriggers(db.query(Self.activeTriggersQuery, [.text(account)]), account: account)
        db.transaction?.activeTriggers[account] = found
        return found
    }

    static var activeTriggersQuery: String { "SELECT doc FROM triggers WHERE account_id = ? AND active = 1 ORDER BY id" }

    /// The triggers in rows of `activeTriggersQuery` that are not disabled.
    static func activeTriggers(_ rows: [[SQLValue]], account: String) throws -> [Trigger] {
        try rows.map { try Trigger(stored: $0.document(0, "triggers.doc"), accountID: account) }.filter { $0.disabledAt == nil }
    }

    public func insertTrigger(_ t: Trigger) throws {
        db.transaction?.activeTriggers.removeAll()
        try db.execute("INSERT INTO triggers (id, account_id, active, doc) VALUES (?, ?, ?, ?)",
                       [.text(t.id), .text(t.accountID), .bool(t.active && t.disabledAt == nil), .text(JSONWriter.string(t.storedJSON))])
    }

    public func updateTrigger(_ t: Trigger) throws {
        db.transaction?.activeTriggers.removeAll()
        try db.execute("UPDATE triggers SET active = ?, doc = ? WHERE id = ? AND account_id = ?",
                       [.bool(t.active && t.disabledAt == nil), .text(JSONWriter.string(t.storedJSON)), .text(t.id), .text(t.accountID)])
    }

    public func deleteTrigger(account: String, id: String) throws -> Bool {
        db.transaction?.activeTriggers.removeAll()
        return try db.execute("DELETE FROM triggers WHERE account_id = ? AND id = ?", [.text(account), .text(id)]) > 0
    }

    // MARK: deliveries

    /// A delivery from its stored document. Every member `Delivery.json` has written since deliveries exist
    /// is required but the nullable ones; `cycle_start` came later, and a delivery stored before it has not
    /// been replayed, so its round began at 0.
    static func delivery(_ json: JSONValue, account: String) throws -> Delivery {
        let doc = SQLDocument(json, column: "deliveries.doc")
        var d = try Delivery(id: doc.string("id"), accountID: account, triggerID: doc.optionalString("trigger_id") ?? "",
                             eventID: doc.string("event_id"), eventType: doc.value("event_type", as: EventType.self),
                             createdAt: doc.timestamp("created_at"))
        // Messages came later: a delivery stored before them is a postback.
        d.channel = try doc.optionalString("channel").map { raw in
            guard let channel = Delivery.Channel(rawValue: raw) else { throw StoreError.backend("deliveries.doc: unknown channel \(raw)") }
            return channel
        } ?? .postback
        d.automationID = try doc.optionalString("automation_id"); d.runID = try doc.optionalString("run_id")
        d.templateID = try doc.optionalString("template_id"); d.contactID = try doc.optionalString("contact_id")
        d.recipient = try doc.optionalString("recipient")
        d.connectionID = try doc.optionalString("connection_id"); d.orderID = try doc.optionalString("order_id")
        if let notice = json["notice"], !notice.isNull { d.notice = notice }
        d.status = try doc.value("status", as: Delivery.Status.self)
        d.attempts = Int(try doc.int("attempt_count"))
        d.cycleStart = Int(try doc.optionalInt("cycle_start") ?? 0)
        d.nextAttemptAt = try doc.optionalTimestamp("next_attempt_at")
        d.lastStatusCode = try doc.optionalInt("last_status_code").map { Int($0) }
        d.lastError = try doc.optionalString("last_error")
        d.updatedAt = try doc.timestamp("updated_at")
        return d
    }

    public func delivery(account: String, id: String) throws -> Delivery? {
        try db.query("SELECT doc FROM deliveries WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { try SQLRepository.delivery($0.document(0, "deliveries.doc"), account: account) }
    }

    public func deliveries(account: String, filter: DeliveryFilter, page: PageRequest) throws -> [Delivery] {
        var extra = ""
        var arguments: [SQLValue] = []
        if let t = filter.triggerID { extra += " AND trigger_id = ?"; arguments.append(.text(t)) }
        if let s = filter.status { extra += " AND status = ?"; arguments.append(.text(s.rawValue)) }
        if let e = filter.eventType { extra += " AND event_type = ?"; arguments.append(.text(e.rawValue)) }
        if let since = filter.since { extra += " AND created_ms >= ?"; arguments.append(.int(Self.millis(since))) }
        return try paged("deliveries", account: account, page: page, extra: extra, extraArguments: arguments)
            .map { try SQLRepository.delivery($0, account: account) }
    }

    public func attempts(deliveryID: String) throws -> [DeliveryAttempt] {
        try db.query("SELECT doc FROM delivery_attempts WHERE delivery_id = ? ORDER BY number", [.text(deliveryID)])
            .map { try DeliveryAttempt(stored: $0.document(0, "delivery_attempts.doc"), deliveryID: deliveryID) }
    }

    /// Four statements for a whole claimed batch: its deliveries, their events, triggers and templates.
    /// Ids are unique across accounts; each row is still checked against the claim's account.
    public func deliveriesToSend(_ claims: [DeliveryClaim]) throws -> [DeliveryToSend] {
        guard !claims.isEmpty else { return [] }
        let rows = try db.query("SELECT account_id, doc FROM deliveries WHERE id IN (\(Self.marks(claims.count)))",
                                claims.map { .text($0.deliveryID) })
        return try toSend(claims, deliveries: rows.map { row in
            try SQLRepository.delivery(row.document(1, "deliveries.doc"), account: row.text(0, "deliveries.account_id"))
        })
    }

    /// The claim returns the claimed deliveries' documents, and their events and triggers are read together:
    /// two round trips for a batch (three where a trigger has a template), where a claim and then
    /// `deliveriesToSend` took five.
    public func claimDeliveriesToSend(now: Date, limit: Int, leaseUntil: Date, token: String) throws -> [DeliveryToSend] {
        var claims: [DeliveryClaim] = [], deliveries: [Delivery] = []
        for row in try claimRows(now: now, limit: limit, leaseUntil: leaseUntil, token: token, returning: "id, account_id, doc") {
            let account = try row.text(1, "deliveries.account_id")
            claims.append(DeliveryClaim(deliveryID: try row.text(0, "deliveries.id"), accountID: account, token: token))
            deliveries.append(try SQLRepository.delivery(row.document(2, "deliveries.doc"), account: account))
        }
        return try toSend(claims, deliveries: deliveries)
    }

    /// What sending `claims` needs besides the deliveries themselves: their events, triggers and templates,
    /// each read only as the delivery's own account's.
    private func toSend(_ claims: [DeliveryClaim], deliveries found: [Delivery]) throws -> [DeliveryToSend] {
        guard !claims.isEmpty else { return [] }
        func select(_ sql: String, ids: some Collection<String>) -> (sql: String, arguments: [SQLValue])? {
            ids.isEmpty ? nil : (sql + " (\(Self.marks(ids.count)))", ids.map { .text($0) })
        }
        let deliveries = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let postbacks = deliveries.values.filter { $0.channel == .postback }
        let eventsQuery = select("SELECT account_id, sequence, doc FROM events WHERE id IN", ids: Set(deliveries.values.map(\.eventID)))
        let triggersQuery = select("SELECT account_id, doc FROM triggers WHERE id IN", ids: Set(postbacks.map(\.triggerID)))
        // Sent together: one wait for both answers on a backend with round trips.
        var answers = try db.queries([eventsQuery, triggersQuery].compactMap { $0 })[...]
        var events: [String: Event] = [:]
        for row in eventsQuery == nil ? [] : answers.removeFirst() {
            let event = try SQLRepository.event(from: row.document(2, "events.doc"), account: row.text(0, "events.account_id"),
                                                sequence: row.int(1, "events.sequence"))
            events[event.id] = event
        }
        var triggers: [String: Trigger] = [:]
        for row in triggersQuery == nil ? [] : answers.removeFirst() {
            let trigger = try Trigger(stored: row.document(1, "triggers.doc"), accountID: row.text(0, "triggers.account_id"))
            triggers[trigger.id] = trigger
        }
        var templates: [String: Template] = [:]
        let templateIDs = Set(triggers.values.compactMap(\.templateID) + deliveries.values.compactMap(\.templateID))
        if let templatesQuery = select("SELECT account_id, doc FROM templates WHERE id IN", ids: templateIDs) {
            for row in try db.query(templatesQuery.sql, templatesQuery.arguments) {
                let template = try Template(stored: row.document(1, "templates.doc"), accountID: row.text(0, "templates.account_id"))
                templates[template.id] = template
            }
        }
        return claims.compactMap { claim -> DeliveryToSend? in
            guard let delivery = deliveries[claim.deliveryID], delivery.accountID == claim.accountID else { return nil }
            let trigger = delivery.channel == .postback ? triggers[delivery.triggerID].flatMap { $0.accountID == claim.accountID ? $0 : nil } : nil
            let templateID = delivery.channel == .postback ? trigger?.templateID : delivery.templateID
            return DeliveryToSend(claim: claim, delivery: delivery, trigger: trigger,
                                  event: events[delivery.eventID].flatMap { $0.accountID == claim.accountID ? $0 : nil },
                                  template: templateID.flatMap { templates[$0] }.flatMap { $0.accountID == claim.accountID ? $0 : nil })
        }
    }

    /// On PostgreSQL, one multi-row UPDATE for all the results (with the lease check in its join) and the
    /// attempts of those it saved held back to COMMIT; elsewhere one statement each, which costs nothing there.
    public func completeDeliveries(_ completions: [DeliveryCompletion]) throws -> Set<String> {
        guard db.dialect == .postgres, completions.count > 1 else { return try completeDeliveriesOneByOne(completions) }
        var saved: Set<String> = []
        for start in stride(from: 0, to: completions.count, by: 200) {
            let chunk = completions[start..<min(start + 200, completions.count)]
            let tuples = Array(repeating: "(?, ?, ?, CAST(? AS BIGINT), ?)", count: chunk.count).joined(separator: ", ")
            let values: [SQLValue] = chunk.flatMap { c -> [SQLValue] in
                [.text(c.delivery.id), .text(c.token), .text(c.delivery.status.rawValue),
                 c.delivery.nextAttemptAt.map { .int(Self.millis($0)) } ?? .null, .text(JSONWriter.string(c.delivery.json))]
            }
            for row in try db.query("""
                UPDATE deliveries AS d SET status = v.status, next_attempt_ms = v.next_ms, doc = v.doc, lease_token = NULL, lease_expires_ms = NULL
                FROM (VALUES \(tuples)) AS v(id, token, status, next_ms, doc)
                WHERE d.id = v.id AND d.lease_token = v.token
                RETURNING d.id
                """, values) {
                saved.insert(try row.text(0, "deliveries.id"))
            }
        }
        for completion in completions where saved.contains(completion.delivery.id) {
            if let attempt = completion.attempt { try insertAttempt(attempt) }
        }
        return saved
    }

    public func insertDelivery(_ d: Delivery) throws {
        try insertRow("deliveries", ["id", "account_id", "trigger_id", "event_id", "event_type", "status", "next_attempt_ms", "created_ms", "doc"],
                      [.text(d.id), .text(d.accountID), .text(d.sourceID), .text(d.eventID), .text(d.eventType.rawValue),
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
        // Held back to COMMIT with the other attempts of the transaction. Only the lease holder records an
        // attempt (`completeDelivery` checks the token first), so a number already taken can only be the same
        // attempt again; it keeps the first rather than failing every completion written with it.
        try insertRow("delivery_attempts", ["delivery_id", "number", "doc"],
                      [.text(a.deliveryID), .int(Int64(a.number)), .text(JSONWriter.string(a.json))], ignoringDuplicates: true)
    }

    /// On PostgreSQL the candidate rows are locked with `SKIP LOCKED`, so concurrent workers in other
    /// processes pass over each other's claims instead of waiting on them.
    public func claimDeliveries(now: Date, limit: Int, leaseUntil: Date, token: String) throws -> [DeliveryClaim] {
        try claimRows(now: now, limit: limit, leaseUntil: leaseUntil, token: token, returning: "id, account_id").map { row in
            try DeliveryClaim(deliveryID: row.text(0, "deliveries.id"), accountID: row.text(1, "deliveries.account_id"), token: token)
        }
    }

    /// Leases up to `limit` due deliveries to `token` and returns the `returning` columns of each.
    private func claimRows(now: Date, limit: Int, leaseUntil: Date, token: String, returning: String) throws -> [[SQLValue]] {
        let lock = db.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let nowMillis = Self.millis(now)
        return try db.query("""
            UPDATE deliveries SET lease_token = ?, lease_expires_ms = ?
            WHERE id IN (SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_ms <= ?
                         AND (lease_expires_ms IS NULL OR lease_expires_ms < ?) ORDER BY next_attempt_ms LIMIT \(max(1, limit))\(lock))
            RETURNING \(returning)
            """, [.text(token), .int(Self.millis(leaseUntil)), .int(nowMillis), .int(nowMillis)])
    }

    public func releaseDelivery(id: String, token: String) throws {
        try db.execute("UPDATE deliveries SET lease_token = NULL, lease_expires_ms = NULL WHERE id = ? AND lease_token = ?", [.text(id), .text(token)])
        db.deliveriesBecameDue()
    }

    public func extendLeases(token: String, ids: [String], until: Date) throws {
        guard !ids.isEmpty else { return }
        let marks = Self.marks(ids.count)
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
        // An aggregate without GROUP BY always returns one row; MIN is NULL when nothing is pending.
        guard let row = try db.query("SELECT COUNT(*), MIN(next_attempt_ms) FROM deliveries WHERE status = 'pending'", []).first else {
            throw StoreError.backend("the queue depth query returned no row")
        }
        let pending = try row.int(0, "COUNT(deliveries)")
        let oldest = try row.optionalInt(1, "MIN(deliveries.next_attempt_ms)").map { Date(timeIntervalSince1970: Double($0) / 1000) }
        return (Int(pending), oldest)
    }

    public func deliveryTally(account: String, since: Date) throws -> DeliveryTally {
        var tally = DeliveryTally()
        let rows = try db.query("SELECT status, COUNT(*) FROM deliveries WHERE account_id = ? AND id >= ? GROUP BY status",
                                [.text(account), .text(KvittoID.floor(.delivery, at: since))])
        for row in rows {
            let count = Int(try row.int(1, "COUNT(deliveries)"))
            switch Delivery.Status(rawValue: try row.text(0, "deliveries.status")) {
            case .succeeded?: tally.succeeded += count
            case .failed?: tally.failed += count
            case .pending?: tally.pending += count
            case nil: continue
            }
        }
        return tally
    }

    /// One statement a table: the hours are buckets of a CASE over the id range, which the index on
    /// (account_id, id) serves.
    public func hourlyActivity(account: String, hourStarts: [Date]) throws -> [HourlyCount] {
        guard let first = hourStarts.first, let last = hourStarts.last else { return [] }
        var counts = hourStarts.map { HourlyCount(start: $0) }
        for (table, prefix) in [("orders", KvittoID.Prefix.order), ("events", .event)] {
            let bounds = hourStarts.dropFirst().map { KvittoID.floor(prefix, at: $0) }
            let cases = bounds.indices.map { "WHEN id < ? THEN \($0 - bounds.startIndex)" }.joined(separator: " ")
            let bucket = bounds.isEmpty ? "0" : "CASE \(cases) ELSE \(bounds.count) END"
            let sql = "SELECT \(bucket) AS hour, COUNT(*) FROM \(table) WHERE account_id = ? AND id >= ? AND id < ? GROUP BY 1"
            let arguments: [SQLValue] = bounds.map { .text($0) }
                + [.text(account), .text(KvittoID.floor(prefix, at: first)), .text(KvittoID.floor(prefix, at: last.addingTimeInterval(3600)))]
            for row in try db.query(sql, arguments) {
                let (hour, count) = (Int(try row.int(0, "hour")), Int(try row.int(1, "COUNT(\(table))")))
                guard counts.indices.contains(hour) else { continue }
                if table == "orders" { counts[hour].orders = count } else { counts[hour].events = count }
            }
        }
        return counts
    }
}
