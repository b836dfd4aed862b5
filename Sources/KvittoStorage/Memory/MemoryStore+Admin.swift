import Foundation
import KvittoCore

/// The admin's users, sessions and audit log in memory.
extension MemoryTransaction {
    func adminUser(emailKey: String) -> AdminUser? { state.adminUsers.values.first { AdminUser.emailKey($0.email) == emailKey } }
    func adminUser(account: String, id: String) -> AdminUser? { state.adminUsers[id].flatMap { $0.accountID == account ? $0 : nil } }
    func adminUsers(account: String) -> [AdminUser] {
        state.adminUsers.values.filter { $0.accountID == account }.sorted { AdminUser.emailKey($0.email) < AdminUser.emailKey($1.email) }
    }
    func adminSession(tokenHash: String) -> AdminSession? { state.adminSessions[tokenHash] }
    func adminAudit(account: String, page: PageRequest) -> [AdminAuditEntry] {
        Array(state.adminAudit.filter { entry in entry.accountID == account && page.cursor.map { entry.id < $0 } ?? true }
            .sorted { $0.id > $1.id }.prefix(page.limit))
    }

    func insertAdminUser(_ user: AdminUser) throws {
        guard adminUser(emailKey: AdminUser.emailKey(user.email)) == nil else {
            throw KvittoError(code: .conflict, detail: "a user with this e-mail exists already", fieldErrors: [FieldError("/email", "is taken")])
        }
        state.adminUsers[user.id] = user
    }
    func updateAdminUser(_ user: AdminUser) { state.adminUsers[user.id] = user }
    func insertAdminSession(_ session: AdminSession) { state.adminSessions[session.tokenHash] = session }
    func touchAdminSession(tokenHash: String, seenAt: Date) { state.adminSessions[tokenHash]?.seenAt = seenAt }
    func deleteAdminSession(tokenHash: String) { state.adminSessions[tokenHash] = nil }
    func deleteAdminSessions(userID: String) { state.adminSessions = state.adminSessions.filter { $0.value.userID != userID } }
    func insertAdminAudit(_ entry: AdminAuditEntry) { state.adminAudit.append(entry) }
}
