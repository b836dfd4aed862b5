import Foundation
import KvittoCore
import KvittoStorage

/// Automations, their runs (the scheduler's queue) and the suppression list.
extension SQLRepository {
    // MARK: automations

    public func automation(account: String, id: String) throws -> Automation? {
        try db.query("SELECT doc FROM automations WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { try Automation(stored: $0.document(0, "automations.doc"), accountID: account) }
    }

    public func automations(account: String, page: PageRequest) throws -> [Automation] {
        try paged("automations", account: account, page: page).map { try Automation(stored: $0, accountID: account) }
    }

    public func activeAutomations(account: String) throws -> [Automation] {
        // Every event asks, like `activeTriggers`.
        if let cached = db.transaction?.activeAutomations[account] { return cached }
        let found = try Self.activeAutomations(db.query(Self.activeAutomationsQuery, [.text(account)]), account: account)
        db.transaction?.activeAutomations[account] = found
        return found
    }

    static var activeAutomationsQuery: String { "SELECT doc FROM automations WHERE account_id = ? AND active = 1 ORDER BY id" }

    static func activeAutomations(_ rows: [[SQLValue]], account: String) throws -> [Automation] {
        try rows.map { try Automation(stored: $0.document(0, "automations.doc"), accountID: account) }
    }

    public func insertAutomation(_ a: Automation) throws {
        db.transaction?.activeAutomations.removeAll()
        try db.execute("INSERT INTO automations (id, account_id, active, doc) VALUES (?, ?, ?, ?)",
                       [.text(a.id), .text(a.accountID), .bool(a.active), .text(JSONWriter.string(a.json))])
    }

    public func updateAutomation(_ a: Automation) throws {
        db.transaction?.activeAutomations.removeAll()
        try db.execute("UPDATE automations SET active = ?, doc = ? WHERE id = ? AND account_id = ?",
                       [.bool(a.active), .text(JSONWriter.string(a.json)), .text(a.id), .text(a.accountID)])
    }

    public func deleteAutomation(account: String, id: String) throws -> Bool {
        db.transaction?.activeAutomations.removeAll()
        return try db.execute("DELETE FROM automations WHERE account_id = ? AND id = ?", [.text(account), .text(id)]) > 0
    }

    // MARK: runs

    static func run(_ row: [SQLValue], account: String) throws -> AutomationRun {
        try AutomationRun(stored: row.document(0, "automation_runs.doc"), accountID: account)
    }

    public func automationRun(account: String, id: String) throws -> AutomationRun? {
        try db.query("SELECT doc FROM automation_runs WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { try Self.run($0, account: account) }
    }

    public func automationRuns(account: String, automationID: String, status: AutomationRun.Status?, page: PageRequest) throws -> [AutomationRun] {
        var extra = " AND automation_id = ?"
        var arguments: [SQLValue] = [.text(automationID)]
        if let status { extra += " AND status = ?"; arguments.append(.text(status.rawValue)) }
        return try paged("automation_runs", account: account, page: page, extra: extra, extraArguments: arguments)
            .map { try AutomationRun(stored: $0, accountID: account) }
    }

    public func waitingRuns(account: String, contactID: String) throws -> [AutomationRun] {
        try db.query("SELECT doc FROM automation_runs WHERE account_id = ? AND contact_id = ? AND status = 'waiting' ORDER BY id",
                     [.text(account), .text(contactID)]).map { try Self.run($0, account: account) }
    }

    public func dueRuns(now: Date, limit: Int) throws -> [AutomationRun] {
        try db.query("""
            SELECT doc, account_id FROM automation_runs WHERE status = 'waiting' AND due_ms <= ? ORDER BY due_ms LIMIT \(max(1, limit))
            """, [.int(Self.millis(now))]).map { row in
            try AutomationRun(stored: row.document(0, "automation_runs.doc"), accountID: row.text(1, "automation_runs.account_id"))
        }
    }

    public func insertRun(_ r: AutomationRun) throws -> Bool {
        // Not held back to COMMIT: whether the run is new decides what the event's transaction does next.
        try db.execute("""
            INSERT INTO automation_runs (id, account_id, automation_id, contact_id, event_id, status, next_step, due_ms, doc)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """, Self.runValues(r)) > 0
    }

    public func updateRun(_ r: AutomationRun, expectedStep: Int) throws -> Bool {
        try db.execute("""
            UPDATE automation_runs SET status = ?, next_step = ?, due_ms = ?, doc = ?
            WHERE id = ? AND account_id = ? AND status = 'waiting' AND next_step = ?
            """, [.text(r.status.rawValue), .int(Int64(r.nextStep)), r.dueAt.map { .int(Self.millis($0)) } ?? .null,
                  .text(JSONWriter.string(r.json)), .text(r.id), .text(r.accountID), .int(Int64(expectedStep))]) > 0
    }

    static func runValues(_ r: AutomationRun) -> [SQLValue] {
        [.text(r.id), .text(r.accountID), .text(r.automationID), .optional(r.contactID), .text(r.eventID), .text(r.status.rawValue),
         .int(Int64(r.nextStep)), r.dueAt.map { .int(millis($0)) } ?? .null, .text(JSONWriter.string(r.json))]
    }

    // MARK: suppression list

    public func isSuppressed(account: String, hash: String) throws -> Bool {
        try !db.query("SELECT 1 FROM suppressions WHERE account_id = ? AND hash = ?", [.text(account), .text(hash)]).isEmpty
    }

    public func insertSuppression(account: String, hash: String, reason: String, at: Date) throws {
        try db.execute("INSERT INTO suppressions (account_id, hash, reason, created_ms) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                       [.text(account), .text(hash), .text(reason), .int(Self.millis(at))])
    }
}
