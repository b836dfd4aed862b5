import Foundation
import KvittoCore
import KvittoStorage

/// Lists of contacts and their members.
extension SQLRepository {
    public func contacts(account: String, membership: ListMembership, page: PageRequest) throws -> [Contact] {
        let extra: String
        var arguments: [SQLValue] = []
        switch membership {
        case .any: return try contacts(account: account, page: page)
        case .noList:
            extra = " AND NOT EXISTS (SELECT 1 FROM list_members m WHERE m.account_id = contacts.account_id AND m.contact_id = contacts.id)"
        case .inList(let id):
            extra = " AND EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = ? AND m.contact_id = contacts.id)"
            arguments.append(.text(id))
        }
        return try paged("contacts", account: account, page: page, extra: extra, extraArguments: arguments)
            .map { try Contact(stored: $0, accountID: account) }
    }

    public func list(account: String, id: String) throws -> ContactList? {
        try db.query("SELECT doc FROM lists WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { try ContactList(stored: $0.document(0, "lists.doc"), accountID: account) }
    }

    public func lists(account: String) throws -> [ContactList] {
        try db.query("SELECT doc FROM lists WHERE account_id = ?", [.text(account)])
            .map { try ContactList(stored: $0.document(0, "lists.doc"), accountID: account) }
            .sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    public func lists(account: String, page: PageRequest) throws -> [ContactList] {
        try paged("lists", account: account, page: page).map { try ContactList(stored: $0, accountID: account) }
    }

    public func listIDs(account: String, contactID: String) throws -> [String] {
        try db.query("SELECT list_id FROM list_members WHERE account_id = ? AND contact_id = ? ORDER BY list_id",
                     [.text(account), .text(contactID)]).map { try $0.text(0, "list_members.list_id") }
    }

    public func insertList(_ list: ContactList) throws {
        try db.execute("INSERT INTO lists (id, account_id, doc) VALUES (?, ?, ?)",
                       [.text(list.id), .text(list.accountID), .text(JSONWriter.string(list.json))])
    }

    public func updateList(_ list: ContactList) throws {
        try db.execute("UPDATE lists SET doc = ? WHERE id = ? AND account_id = ?",
                       [.text(JSONWriter.string(list.json)), .text(list.id), .text(list.accountID)])
    }

    public func deleteList(account: String, id: String) throws -> Bool {
        try db.execute("DELETE FROM list_members WHERE list_id = ? AND account_id = ?", [.text(id), .text(account)])
        return try db.execute("DELETE FROM lists WHERE id = ? AND account_id = ?", [.text(id), .text(account)]) > 0
    }

    public func addToList(account: String, listID: String, contactIDs: [String]) throws {
        // Only the account's own contacts, into the account's own list.
        for start in stride(from: 0, to: contactIDs.count, by: 250) {
            let chunk = Array(contactIDs[start..<min(start + 250, contactIDs.count)])
            let marks = Self.marks(chunk.count)
            try db.execute("""
                INSERT INTO list_members (list_id, account_id, contact_id)
                SELECT l.id, l.account_id, c.id FROM lists l JOIN contacts c ON c.account_id = l.account_id
                WHERE l.id = ? AND l.account_id = ? AND c.id IN (\(marks))
                ON CONFLICT DO NOTHING
                """, [.text(listID), .text(account)] + chunk.map { .text($0) })
        }
    }

    public func removeFromList(account: String, listID: String, contactIDs: [String]) throws -> Int {
        var removed = 0
        for start in stride(from: 0, to: contactIDs.count, by: 250) {
            let chunk = Array(contactIDs[start..<min(start + 250, contactIDs.count)])
            let marks = Self.marks(chunk.count)
            removed += try db.execute("DELETE FROM list_members WHERE list_id = ? AND account_id = ? AND contact_id IN (\(marks))",
                                      [.text(listID), .text(account)] + chunk.map { .text($0) })
        }
        return removed
    }
}
