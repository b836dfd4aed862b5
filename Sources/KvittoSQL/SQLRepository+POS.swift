import Foundation
import KvittoCore
import KvittoStorage

/// What the till needs: member numbers, the loyalty club's counter, and the look-up log.
extension SQLRepository {
    public func contactID(account: String, memberNumber: String) throws -> String? {
        try db.query("SELECT id FROM contacts WHERE account_id = ? AND member_number = ?", [.text(account), .text(memberNumber)])
            .first.map { try $0.text(0, "contacts.id") }
    }

    public func lookups(account: String, page: PageRequest) throws -> [LookupRecord] {
        try paged("lookups", account: account, page: page).map { try LookupRecord(stored: $0, accountID: account) }
    }

    public func lookups(account: String, contactID: String) throws -> [LookupRecord] {
        try db.query("SELECT doc FROM lookups WHERE account_id = ? AND contact_id = ? ORDER BY id DESC", [.text(account), .text(contactID)])
            .map { try LookupRecord(stored: $0.document(0, "lookups.doc"), accountID: account) }
    }

    public func insertLookups(_ records: [LookupRecord]) throws {
        for statement in LookupInserts(records).statements { try send(statement.sql, statement.values) }
    }

    public func deleteLookups(account: String, contactID: String, keyHashes: [String]) throws {
        try executeInOrder("DELETE FROM lookups WHERE account_id = ? AND contact_id = ?", [.text(account), .text(contactID)])
        for hash in keyHashes {
            try executeInOrder("DELETE FROM lookups WHERE account_id = ? AND key_hash = ?", [.text(account), .text(hash)])
        }
    }

    /// One statement that both creates the counter and moves it on, so two registrations at once get two numbers.
    public func nextMemberNumber(account: String, first: Int64) throws -> Int64 {
        let rows = try db.query("""
            INSERT INTO member_numbers (account_id, last_issued) VALUES (?, ?)
            ON CONFLICT (account_id) DO UPDATE SET last_issued = CASE WHEN member_numbers.last_issued + 1 > ?
              THEN member_numbers.last_issued + 1 ELSE ? END
            RETURNING last_issued
            """, [.text(account), .int(first), .int(first), .int(first)])
        guard let row = rows.first else { throw StoreError.backend("the member number counter answered nothing") }
        return try row.int(0, "member_numbers.last_issued")
    }

    // MARK: bonus checks

    public func voucher(account: String, code: String) throws -> Voucher? {
        try db.query("SELECT doc FROM vouchers WHERE account_id = ? AND code = ?", [.text(account), .text(code)])
            .first.map { try Voucher(stored: $0.document(0, "vouchers.doc"), accountID: account) }
    }

    public func vouchers(account: String, contactID: String) throws -> [Voucher] {
        // Sorted here, not by the query: `ORDER BY code` led SQLite to walk the (account, code) index through
        // every check of the account instead of looking the contact's few up (an import of 100,000 took minutes).
        try db.query("SELECT doc FROM vouchers WHERE account_id = ? AND contact_id = ?", [.text(account), .text(contactID)])
            .map { try Voucher(stored: $0.document(0, "vouchers.doc"), accountID: account) }
            .sorted { $0.code < $1.code }
    }

    public func tillCard(account: String, keyType: LookupKeyType, key: String) throws -> TillCard? {
        let query = TillCardQuery(account: account, keyType: keyType, key: key)
        return try query.card(from: db.query(query.sql, query.values))
    }

    public func redemption(account: String, idempotencyKey: String) throws -> JSONValue? {
        try db.query("SELECT doc FROM voucher_redemptions WHERE account_id = ? AND idempotency_key = ?", [.text(account), .text(idempotencyKey)])
            .first.map { try $0.document(0, "voucher_redemptions.doc") }
    }

    public func vouchers(account: String, codes: [String]) throws -> [Voucher] {
        var found: [Voucher] = []
        try Self.inChunks(codes[...]) { chunk in
            let marks = Self.marks(chunk.count)
            found += try db.query("SELECT doc FROM vouchers WHERE account_id = ? AND code IN (\(marks))", [.text(account)] + chunk.map { .text($0) })
                .map { try Voucher(stored: $0.document(0, "vouchers.doc"), accountID: account) }
        }
        return found
    }

    public func insertVouchers(_ vouchers: [Voucher]) throws {
        try Self.inChunks(vouchers[...]) { chunk in
            let rows = Array(repeating: "(?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
            try send("INSERT INTO vouchers (id, account_id, code, contact_id, remaining_minor, doc) VALUES " + rows, chunk.flatMap { v in
                [SQLValue.text(v.id), .text(v.accountID), .text(v.code), .optional(v.contactID), .int(v.remaining.minorUnits),
                 .text(JSONWriter.string(v.json))]
            })
        }
    }

    public func updateVoucher(_ v: Voucher, expectedRemaining: Money) throws -> Bool {
        try db.execute("""
            UPDATE vouchers SET contact_id = ?, remaining_minor = ?, doc = ? WHERE id = ? AND account_id = ? AND remaining_minor = ?
            """, [.optional(v.contactID), .int(v.remaining.minorUnits), .text(JSONWriter.string(v.json)), .text(v.id), .text(v.accountID),
                  .int(expectedRemaining.minorUnits)]) > 0
    }

    public func insertRedemption(account: String, idempotencyKey: String, voucherID: String, answer: JSONValue, at: Date) throws -> Bool {
        try db.execute("""
            INSERT INTO voucher_redemptions (account_id, idempotency_key, voucher_id, created_ms, doc) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """, [.text(account), .text(idempotencyKey), .text(voucherID), .int(Self.millis(at)), .text(JSONWriter.string(answer))]) > 0
    }

    public func deleteVouchers(account: String, contactID: String) throws {
        try executeInOrder("""
            DELETE FROM voucher_redemptions WHERE voucher_id IN (SELECT id FROM vouchers WHERE account_id = ? AND contact_id = ?)
            """, [.text(account), .text(contactID)])
        try executeInOrder("DELETE FROM vouchers WHERE account_id = ? AND contact_id = ?", [.text(account), .text(contactID)])
    }
}

/// The till's card in one statement: the contact, the account's settings beside it and its checks joined, a
/// row for each check (one without when it has none). Shared by `SQLRepository.tillCard` and backends that
/// run it without a transaction of their own (one statement reads one snapshot).
public struct TillCardQuery: Sendable {
    public let account: String
    public let sql: String
    public let values: [SQLValue]

    public init(account: String, keyType: LookupKeyType, key: String) {
        self.account = account
        sql = Self.sql(keyType)
        values = [.text(account), .text(account), .text(key)]
    }

    /// The statement for one kind of key: the same text every time, so a backend may prepare it once.
    public static func sql(_ keyType: LookupKeyType) -> String {
        let column = switch keyType {
        case .phone: "phone"
        case .email: "email_key"
        case .memberNumber: "member_number"
        case .customerID: "id"
        }
        return """
            SELECT c.id, c.doc, (SELECT doc FROM account_settings WHERE account_id = ?), v.doc
            FROM contacts c LEFT JOIN vouchers v ON v.account_id = c.account_id AND v.contact_id = c.id
            WHERE c.account_id = ? AND c.\(column) = ?
            """
    }

    public func card(from rows: [[SQLValue]]) throws -> TillCard? {
        guard let first = rows.first else { return nil }
        // The key columns are unique per account; should two contacts ever share one, the first is the answer.
        let id = try first.text(0, "contacts.id")
        let contact = try Contact(stored: first.document(1, "contacts.doc"), accountID: account)
        let settings = try first.optionalDocument(2, "account_settings.doc").map(AccountSettings.init(stored:))
        let vouchers = try rows.filter { try $0.text(0, "contacts.id") == id }.compactMap { row in
            try row.optionalDocument(3, "vouchers.doc").map { try Voucher(stored: $0, accountID: account) }
        }
        return TillCard(contact: contact, settings: settings, vouchers: vouchers.sorted { $0.code < $1.code })
    }
}

/// The multi-row inserts that store look-up records: shared by `SQLRepository.insertLookups` and backends
/// that run them outside a group commit (they touch nothing but the log, and number nothing).
public struct LookupInserts: Sendable {
    public let statements: [(sql: String, values: [SQLValue])]

    public init(_ records: [LookupRecord]) {
        var statements: [(sql: String, values: [SQLValue])] = []
        SQLChunks.each(records[...]) { chunk in
            let rows = Array(repeating: "(?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
            statements.append(("INSERT INTO lookups (id, account_id, contact_id, key_hash, doc) VALUES " + rows, chunk.flatMap { record in
                [SQLValue.text(record.id), .text(record.accountID), .optional(record.contactID), .text(record.keyHash),
                 .text(JSONWriter.string(record.json))]
            }))
        }
        self.statements = statements
    }
}
