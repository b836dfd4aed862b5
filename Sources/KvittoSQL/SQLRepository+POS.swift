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

    public func insertLookup(_ record: LookupRecord) throws {
        try db.execute("INSERT INTO lookups (id, account_id, contact_id, key_hash, doc) VALUES (?, ?, ?, ?, ?)",
                       [.text(record.id), .text(record.accountID), .optional(record.contactID), .text(record.keyHash),
                        .text(JSONWriter.string(record.json))])
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
}
