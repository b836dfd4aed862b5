import Foundation
import KvittoCore
import KvittoStorage
import KvittoTemplates

/// Applies the numbered migrations of `SQLSchema` that a database has not seen yet, each in the caller's
/// transaction, recording them in `schema_migrations`: first the schema's, then the data migrations, which
/// fill in with Swift what SQL alone cannot (numbered from 1001 so the two never collide).
public enum SQLMigrator {
    /// - Parameter last: the highest version to apply; tests use it to write a database as an earlier
    ///   version of Kvitto left it.
    public static func migrate(_ db: some SQLExecutor, upTo last: Int = .max) throws {
        try db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version \(db.dialect == .postgres ? "BIGINT" : "INTEGER") PRIMARY KEY, applied_at TEXT NOT NULL)", [])
        let applied = Set(try db.query("SELECT version FROM schema_migrations", []).compactMap { $0[0].int })
        try refuseNewer(applied, dialect: db.dialect)
        func record(_ version: Int) throws {
            try db.execute("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                           [.int(Int64(version)), .text(Timestamp.format(Date()))])
        }
        for migration in SQLSchema.migrations(db.dialect) where !applied.contains(Int64(migration.version)) && migration.version <= last {
            for statement in migration.statements { try db.execute(statement, []) }
            try record(migration.version)
        }
        for version in dataMigrations where !applied.contains(Int64(version)) && version <= last {
            try runDataMigration(version, on: db)
            try record(version)
        }
    }

    static let dataMigrations = [1001, 1002, 1003, 1004, 1005]

    /// What each migration does, in a line: what `kvitto migrate --dry-run` says it would apply.
    public static let summaries: [Int: String] = [
        1: "accounts, API keys, connections, contacts, products, categories, field definitions, orders, events, timeline, rejections",
        2: "templates, triggers, deliveries and their attempts",
        3: "settings and sealed credentials of platform connections, the webhook inbox, backfills",
        4: "message settings of accounts",
        5: "automations, their runs, the suppression list",
        6: "lists of contacts",
        7: "order columns for engagement (RFM), scheduled jobs",
        8: "member numbers, the loyalty club's counter, the till's look-up log",
        9: "bonus checks and their redemptions",
        10: "admin users, their sessions, the admin audit log",
        11: "leases on backfills and on the webhook inbox",
        12: "merge candidates",
        13: "the contact of each event, and deliveries by event (for erasure and access requests)",
        14: "the delivery queue without its lease index (claims update rows in place)",
        15: "webhook deliveries' outcome in columns of their own; documents compressed with lz4 (PostgreSQL, where the server has it)",
        1001: "the standard message templates for accounts made before templates existed",
        1002: "engagement columns filled for existing orders",
        1003: "member numbers filled for existing contacts",
        1004: "merge candidates made from earlier identity-conflict notes",
        1005: "the contact of existing events, from their documents (reads every event once)",
    ]

    /// The migrations a database whose `schema_migrations` holds `applied` still needs, in the order
    /// `migrate` applies them; throws as `migrate` does for a database a newer version migrated.
    public static func pending(applied: Set<Int64>, dialect: SQLDialect) throws -> [(version: Int, summary: String)] {
        try refuseNewer(applied, dialect: dialect)
        let order = SQLSchema.migrations(dialect).map(\.version) + dataMigrations
        return order.filter { !applied.contains(Int64($0)) }.map { ($0, summaries[$0] ?? "") }
    }

    /// Every migration this version of Kvitto knows.
    static func known(_ dialect: SQLDialect) -> Set<Int64> {
        Set(SQLSchema.migrations(dialect).map { Int64($0.version) } + dataMigrations.map(Int64.init))
    }

    /// A database that a newer Kvitto migrated has tables and documents this version does not know and
    /// could damage (it would write rows without the newer columns, or read documents it cannot parse), so
    /// it is not opened at all.
    static func refuseNewer(_ applied: Set<Int64>, dialect: SQLDialect) throws {
        let unknown = applied.subtracting(known(dialect))
        guard let newest = unknown.max() else { return }
        let ours = known(dialect).filter { $0 < 1000 }.max() ?? 0
        throw StoreError.backend("""
            the database was written by a newer version of Kvitto (it has migration \(newest); this version knows \
            schema migrations up to \(ours)): run that newer version, or restore a backup made before the upgrade
            """)
    }

    static func runDataMigration<Executor: SQLExecutor>(_ version: Int, on db: Executor) throws {
        switch version {
        case 1001:
            // Accounts created before message templates existed get the standard ones every new account
            // starts with. Runs once per database, before any process of this version creates an account.
            let repository = SQLRepository(db)
            let now = Date()
            for row in try db.query("SELECT id FROM accounts ORDER BY id", []) {
                let account = try row.text(0, "accounts.id")
                for standard in StandardTemplates.all { try repository.insertTemplate(standard.template(account: account, now: now)) }
            }
        case 1002:
            // Orders stored before engagement get the columns it sums (schema migration 7), from their documents.
            var after = ""
            while true {
                let rows = try db.query("SELECT id, account_id, doc FROM orders WHERE id > ? ORDER BY id LIMIT 1000", [.text(after)])
                for row in rows {
                    let order = try Order(stored: row.document(2, "orders.doc"), accountID: row.text(1, "orders.account_id"))
                    try db.execute("UPDATE orders SET placed_ms = ?, counted_minor = ? WHERE id = ?",
                                   [.int(SQLRepository<Executor>.millis(order.createdAt)), SQLRepository<Executor>.countedMinor(order),
                                    .text(try row.text(0, "orders.id"))])
                }
                guard rows.count == 1000, let last = rows.last else { break }
                after = try last.text(0, "orders.id")
            }
        case 1003:
            // Contacts stored before the till get their member number column (schema migration 8) from their
            // `Sitoo-Contact.member_number` field. Two contacts with one number (possible before, when it was
            // a plain field) keep it in their documents; the column, unique, goes to the older contact only.
            var after = ""
            var taken: Set<String> = []
            while true {
                let rows = try db.query("SELECT id, account_id, doc FROM contacts WHERE id > ? ORDER BY id LIMIT 1000", [.text(after)])
                for row in rows {
                    let account = try row.text(1, "contacts.account_id")
                    let contact = try Contact(stored: row.document(2, "contacts.doc"), accountID: account)
                    guard let number = contact.memberNumber, taken.insert(account + "\u{0}" + number).inserted else { continue }
                    try db.execute("UPDATE contacts SET member_number = ? WHERE id = ?", [.text(number), .text(try row.text(0, "contacts.id"))])
                }
                guard rows.count == 1000, let last = rows.last else { break }
                after = try last.text(0, "contacts.id")
            }
        case 1004:
            try recordMergeCandidatesFromNotes(on: db)
        case 1005:
            // Events stored before schema migration 13 get their contact column from their documents.
            var after: (account: String, sequence: Int64) = ("", 0)
            while true {
                let rows = try db.query("""
                    SELECT account_id, sequence, doc FROM events WHERE account_id > ? OR (account_id = ? AND sequence > ?)
                    ORDER BY account_id, sequence LIMIT 1000
                    """, [.text(after.account), .text(after.account), .int(after.sequence)])
                for row in rows {
                    let (account, sequence) = (try row.text(0, "events.account_id"), try row.int(1, "events.sequence"))
                    let event = try SQLRepository<Executor>.event(from: row.document(2, "events.doc"), account: account, sequence: sequence)
                    guard let contactID = event.contactID else { continue }
                    try db.execute("UPDATE events SET contact_id = ? WHERE account_id = ? AND sequence = ?",
                                   [.text(contactID), .text(account), .int(sequence)])
                }
                guard rows.count == 1000, let last = rows.last else { break }
                after = (try last.text(0, "events.account_id"), try last.int(1, "events.sequence"))
            }
        default:
            throw StoreError.backend("no data migration \(version)")
        }
    }

    /// Data migration 1004: before merge candidates had a table (schema migration 12), an identity conflict
    /// left only a note on each contact's timeline. Each pair of contacts that both still exist becomes one
    /// open candidate, created when its first note was, holding every note about it (what erasing either
    /// contact removes).
    static func recordMergeCandidatesFromNotes(on db: some SQLExecutor) throws {
        var found: [String: MergeCandidate] = [:]
        var after = ""
        while true {
            // The kind sits in the document only; the LIKE narrows the scan to the rows worth parsing.
            let rows = try db.query("""
                SELECT id, account_id, doc FROM timeline WHERE id > ? AND doc LIKE '%merge_candidate%' ORDER BY id LIMIT 1000
                """, [.text(after)])
            for row in rows {
                let id = try row.text(0, "timeline.id")
                let account = try row.text(1, "timeline.account_id")
                let doc = try row.document(2, "timeline.doc")
                guard doc["kind"]?.stringValue == TimelineEntry.Kind.mergeCandidate.rawValue,
                      let contacts = doc["data"]?["contacts"]?.arrayValue?.compactMap(\.stringValue), contacts.count == 2,
                      let email = doc["data"]?["email"]?.stringValue, let phone = doc["data"]?["phone"]?.stringValue,
                      let at = doc["at"]?.stringValue.flatMap(Timestamp.parse) else { continue }
                let key = account + "\u{0}" + contacts.sorted().joined(separator: "\u{0}")
                var candidate = found[key] ?? MergeCandidate(id: KvittoID.make(.mergeCandidate, at: at), accountID: account,
                                                             contactIDs: contacts, email: email, phone: phone, createdAt: at, noteIDs: [])
                candidate.noteIDs.append(id)
                candidate.createdAt = min(candidate.createdAt, at)
                found[key] = candidate
            }
            guard rows.count == 1000, let last = rows.last else { break }
            after = try last.text(0, "timeline.id")
        }
        let repository = SQLRepository(db)
        for candidate in found.values.sorted(by: { $0.id < $1.id }) {
            let both = try candidate.contactIDs.allSatisfy { try repository.contact(account: candidate.accountID, id: $0) != nil }
            if both { _ = try repository.insertMergeCandidate(candidate) }
        }
    }
}
