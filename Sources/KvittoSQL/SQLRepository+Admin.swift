import Foundation
import KvittoCore
import KvittoStorage

/// The admin's users, their sessions and the audit log of their changes.
extension SQLRepository {
    public func adminUser(emailKey: String) throws -> AdminUser? {
        try db.query("SELECT doc FROM admin_users WHERE email_key = ?", [.text(emailKey)])
            .first.map { try AdminUser(stored: $0.document(0, "admin_users.doc")) }
    }

    public func adminUser(account: String, id: String) throws -> AdminUser? {
        try db.query("SELECT doc FROM admin_users WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { try AdminUser(stored: $0.document(0, "admin_users.doc")) }
    }

    public func adminUsers(account: String) throws -> [AdminUser] {
        try db.query("SELECT doc FROM admin_users WHERE account_id = ? ORDER BY email_key", [.text(account)])
            .map { try AdminUser(stored: $0.document(0, "admin_users.doc")) }
    }

    public func insertAdminUser(_ user: AdminUser) throws {
        // The use case looks first; two creating the same address at once meet the unique index here.
        guard try adminUser(emailKey: AdminUser.emailKey(user.email)) == nil else {
            throw KvittoError(code: .conflict, detail: "a user with this e-mail exists already", fieldErrors: [FieldError("/email", "is taken")])
        }
        try db.execute("INSERT INTO admin_users (id, account_id, email_key, doc) VALUES (?, ?, ?, ?)",
                       [.text(user.id), .text(user.accountID), .text(AdminUser.emailKey(user.email)), .text(JSONWriter.string(user.stored))])
    }

    public func updateAdminUser(_ user: AdminUser) throws {
        try db.execute("UPDATE admin_users SET email_key = ?, doc = ? WHERE id = ? AND account_id = ?",
                       [.text(AdminUser.emailKey(user.email)), .text(JSONWriter.string(user.stored)), .text(user.id), .text(user.accountID)])
    }

    public func adminSession(tokenHash: String) throws -> AdminSession? {
        try db.query("SELECT token_hash, account_id, user_id, created_ms, seen_ms FROM admin_sessions WHERE token_hash = ?", [.text(tokenHash)])
            .first.map { row in
                AdminSession(tokenHash: try row.text(0, "admin_sessions.token_hash"), accountID: try row.text(1, "admin_sessions.account_id"),
                             userID: try row.text(2, "admin_sessions.user_id"),
                             createdAt: Self.date(millis: try row.int(3, "admin_sessions.created_ms")),
                             seenAt: Self.date(millis: try row.int(4, "admin_sessions.seen_ms")))
            }
    }

    public func insertAdminSession(_ session: AdminSession) throws {
        try db.execute("INSERT INTO admin_sessions (token_hash, account_id, user_id, created_ms, seen_ms) VALUES (?, ?, ?, ?, ?)",
                       [.text(session.tokenHash), .text(session.accountID), .text(session.userID), .int(Self.millis(session.createdAt)),
                        .int(Self.millis(session.seenAt))])
    }

    public func touchAdminSession(tokenHash: String, seenAt: Date) throws {
        try db.execute("UPDATE admin_sessions SET seen_ms = ? WHERE token_hash = ?", [.int(Self.millis(seenAt)), .text(tokenHash)])
    }

    public func deleteAdminSession(tokenHash: String) throws {
        try db.execute("DELETE FROM admin_sessions WHERE token_hash = ?", [.text(tokenHash)])
    }

    public func deleteAdminSessions(userID: String) throws {
        try db.execute("DELETE FROM admin_sessions WHERE user_id = ?", [.text(userID)])
    }

    public func adminAudit(account: String, page: PageRequest) throws -> [AdminAuditEntry] {
        try paged("admin_audit", account: account, page: page).map(AdminAuditEntry.init(stored:))
    }

    public func insertAdminAudit(_ entry: AdminAuditEntry) throws {
        try db.execute("INSERT INTO admin_audit (id, account_id, doc) VALUES (?, ?, ?)",
                       [.text(entry.id), .text(entry.accountID), .text(JSONWriter.string(entry.json))])
    }

    static func date(millis: Int64) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
