import Foundation
import KvittoCore

/// Admin users: creation with their password rules, sign-in, and the sessions of signed-in browsers.
public enum AdminUsers {
    /// A signed-in browser is signed out after this long without a request…
    public static let idleTimeout: TimeInterval = 30 * 60
    /// …and after this long in any case.
    public static let absoluteTimeout: TimeInterval = 12 * 3600
    /// The shortest password taken (NIST SP 800-63B asks for at least 8; a merchant's admin guards personal data).
    public static let minimumPasswordLength = 12
    /// How often a session's last use is written: more often would be a write per page view.
    static let touchInterval: TimeInterval = 60

    public struct NewUser: Sendable {
        public var email: String
        public var name: String
        public var role: AdminUser.Role
        public var grants: Set<AdminUser.Permission>
        public var password: String

        public init(email: String, name: String = "", role: AdminUser.Role, grants: Set<AdminUser.Permission> = [], password: String) {
            self.email = email; self.name = name; self.role = role; self.grants = grants; self.password = password
        }
    }

    /// The password's hash, made before the write: it takes a quarter of a second, which no transaction should wait for.
    public static func hash(_ password: String, rounds: Int = PasswordHash.rounds) throws -> String {
        guard password.count >= minimumPasswordLength else {
            throw KvittoError.invalid([FieldError("/password", "at least \(minimumPasswordLength) characters")])
        }
        return try PasswordHash.make(password, rounds: rounds)
    }

    /// Creates a user of `account` with the password already hashed (`hash`); an e-mail in use is a 409.
    public static func create(_ new: NewUser, passwordHash: String, account: String, in writer: any StoreWriter, now: Date) throws -> AdminUser {
        var errors: [FieldError] = []
        let email = new.email.trimmingCharacters(in: .whitespaces)
        if EmailKey.make(email) == nil || email.count > 254 { errors.append(FieldError("/email", "not an e-mail address")) }
        if new.name.count > 200 { errors.append(FieldError("/name", "at most 200 characters")) }
        guard errors.isEmpty else { throw KvittoError.invalid(errors) }
        guard try writer.account(account) != nil else { throw KvittoError.notFound("account \(account)") }
        if try writer.adminUser(emailKey: AdminUser.emailKey(email)) != nil {
            throw KvittoError(code: .conflict, detail: "a user with this e-mail exists already", fieldErrors: [FieldError("/email", "is taken")])
        }
        let user = AdminUser(id: KvittoID.make(.user, at: now), accountID: account, email: email, name: new.name, role: new.role,
                             grants: new.grants, passwordHash: passwordHash, createdAt: now)
        try writer.insertAdminUser(user)
        return user
    }

    /// The user whose e-mail and password these are, if enabled; the password is checked outside any
    /// transaction. An unknown address costs the same time as a wrong password, so the answer's timing does
    /// not tell which addresses have users.
    public static func signIn(email: String, password: String, store: any KvittoStore) async throws -> AdminUser? {
        let key = AdminUser.emailKey(email)
        let user = try await store.read { r in try r.adminUser(emailKey: key) }
        guard let user, user.disabledAt == nil else {
            _ = PasswordHash.verify(password, against: unknownUserHash)
            return nil
        }
        return PasswordHash.verify(password, against: user.passwordHash) ? user : nil
    }

    /// A hash nobody's password matches, verified for unknown addresses (see `signIn`).
    static let unknownUserHash = (try? PasswordHash.make(UUID().uuidString + UUID().uuidString)) ?? ""

    /// Starts a session for `user`: the token for the browser's cookie (its hash is what is stored).
    public static func startSession(for user: AdminUser, in writer: any StoreWriter, now: Date) throws -> String {
        let token = APIKeySecret.generate().secret
        try writer.insertAdminSession(AdminSession(tokenHash: APIKeySecret.hash(token), accountID: user.accountID, userID: user.id,
                                                   createdAt: now, seenAt: now))
        return token
    }

    /// The session and user a cookie's token stands for, while neither the idle nor the absolute limit has
    /// passed and the user is enabled; the last use is written at most once a minute.
    public static func session(token: String, store: any KvittoStore, now: Date) async throws -> (AdminSession, AdminUser)? {
        let hash = APIKeySecret.hash(token)
        let found = try await store.read { r -> (AdminSession, AdminUser)? in
            guard let session = try r.adminSession(tokenHash: hash),
                  let user = try r.adminUser(account: session.accountID, id: session.userID) else { return nil }
            return (session, user)
        }
        guard let (session, user) = found, user.disabledAt == nil,
              now.timeIntervalSince(session.seenAt) < idleTimeout, now.timeIntervalSince(session.createdAt) < absoluteTimeout else {
            return nil
        }
        if now.timeIntervalSince(session.seenAt) >= touchInterval {
            try await store.write { w in try w.touchAdminSession(tokenHash: hash, seenAt: now) }
        }
        return (session, user)
    }

    /// Whether `actor` may create, change or disable a user with `role`: owners any, admins all but owners.
    public static func may(_ actor: AdminUser, manage role: AdminUser.Role) -> Bool {
        actor.mayAdminister && (actor.role == .owner || role != .owner)
    }

    /// Changes a user's role and grants (`actor` may manage both the old and the new role), or disables it,
    /// which signs it out everywhere. Nobody disables or demotes themselves: an account keeps an owner.
    public static func change(_ id: String, role: AdminUser.Role?, grants: Set<AdminUser.Permission>?, disable: Bool, by actor: AdminUser,
                              in writer: any StoreWriter, now: Date) throws -> AdminUser {
        guard var user = try writer.adminUser(account: actor.accountID, id: id) else { throw KvittoError.notFound("user \(id)") }
        guard may(actor, manage: user.role), may(actor, manage: role ?? user.role) else {
            throw KvittoError(code: .forbidden, detail: "only an owner manages owners")
        }
        if user.id == actor.id, disable || (role.map { $0 != user.role } ?? false) {
            throw KvittoError(code: .conflict, detail: "you cannot disable yourself or change your own role")
        }
        var changes: [String] = []
        if let role, role != user.role { changes.append("role \(user.role.rawValue) → \(role.rawValue)"); user.role = role }
        if let grants, grants != user.grants {
            changes.append("grants " + (grants.isEmpty ? "none" : grants.map(\.rawValue).sorted().joined(separator: ", ")))
            user.grants = grants
        }
        if disable, user.disabledAt == nil {
            user.disabledAt = now
            changes.append("disabled")
            try writer.deleteAdminSessions(userID: user.id)
        }
        guard !changes.isEmpty else { return user }
        user.updatedAt = now
        try writer.updateAdminUser(user)
        try audit("user.change", subject: user.id, detail: "\(user.email): " + changes.joined(separator: "; "), by: actor, in: writer, now: now)
        return user
    }

    /// Writes what `user` changed to the audit log, in the change's own transaction.
    public static func audit(_ action: String, subject: String?, detail: String, by user: AdminUser, in writer: any StoreWriter, now: Date) throws {
        try writer.insertAdminAudit(AdminAuditEntry(id: KvittoID.make(.audit, at: now), accountID: user.accountID, userID: user.id,
                                                    userEmail: user.email, at: now, action: action, subject: subject, detail: detail))
    }
}
