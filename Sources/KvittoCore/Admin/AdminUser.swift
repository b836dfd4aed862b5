import Foundation

/// A person who signs in to the admin: an e-mail address (unique across the installation: it is what the
/// sign-in form asks for), a role, extra grants, and a password kept only as a slow salted hash.
public struct AdminUser: Sendable, Equatable {
    /// What a user may do in general. Each role may do all that the roles after it may.
    public enum Role: String, Sendable, CaseIterable, Comparable {
        /// Everything, users and API keys included.
        case owner
        /// Everything but managing owners.
        case admin
        /// The day's work: contacts, orders of the API, deliveries, lists. Not settings, keys, connections or users.
        case staff
        /// Reads everything, changes nothing.
        case viewer

        /// Higher roles sort first.
        public static func < (lhs: Role, rhs: Role) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    /// Grants beyond a role: what a merchant gives one employee and not another.
    public enum Permission: String, Sendable, CaseIterable {
        /// Change or lock orders that came from a platform (seed: "may work with synced orders"). Owners and
        /// admins may; staff only with this grant; viewers never.
        case syncedOrders = "synced_orders"
    }

    public var id: String
    public var accountID: String
    /// As given; compared in lower case (`emailKey`).
    public var email: String
    public var name: String
    public var role: Role
    public var grants: Set<Permission>
    /// `PasswordHash.make` of the password.
    public var passwordHash: String
    public var createdAt: Date
    public var updatedAt: Date
    /// A disabled user cannot sign in; the record stays for the audit log.
    public var disabledAt: Date?

    public init(id: String, accountID: String, email: String, name: String, role: Role, grants: Set<Permission> = [],
                passwordHash: String, createdAt: Date) {
        self.id = id; self.accountID = accountID; self.email = email; self.name = name; self.role = role; self.grants = grants
        self.passwordHash = passwordHash; self.createdAt = createdAt; self.updatedAt = createdAt
    }

    /// The address as it is looked up: trimmed and in lower case.
    public static func emailKey(_ email: String) -> String { email.trimmingCharacters(in: .whitespaces).lowercased() }

    /// Whether the user may change things at all (every role but viewer).
    public var mayChange: Bool { disabledAt == nil && role != .viewer }

    /// Whether the user may manage settings, API keys, connections and users.
    public var mayAdminister: Bool { disabledAt == nil && role <= .admin }

    /// Whether the user may change or lock an order that came from a platform.
    public var mayWorkWithSyncedOrders: Bool { disabledAt == nil && (role <= .admin || (role == .staff && grants.contains(.syncedOrders))) }

    /// The user as the API and the admin show it: never the password hash.
    public var json: JSONValue {
        [
            "id": .string(id), "account_id": .string(accountID), "email": .string(email), "name": .string(name),
            "role": .string(role.rawValue), "grants": .array(grants.map(\.rawValue).sorted().map { .string($0) }),
            "created_at": .string(Timestamp.format(createdAt)), "updated_at": .string(Timestamp.format(updatedAt)),
            "disabled_at": .string(disabledAt.map(Timestamp.format)),
        ]
    }

    /// What is stored: the shown members and the password hash.
    public var stored: JSONValue {
        guard case .object(var object) = json else { return json }
        object["password_hash"] = .string(passwordHash)
        return .object(object)
    }

    public init(stored json: JSONValue) throws {
        let doc = try StoredDocument(json, what: "admin user")
        self.init(id: try doc.string("id"), accountID: try doc.string("account_id"), email: try doc.string("email"),
                  name: try doc.string("name"), role: try doc.value("role", as: Role.self),
                  grants: Set(try doc.array("grants").map { value in
                      guard let grant = value.stringValue.flatMap(Permission.init(rawValue:)) else {
                          throw doc.problem("grants", "not a known grant: \(JSONWriter.string(value))")
                      }
                      return grant
                  }),
                  passwordHash: try doc.string("password_hash"), createdAt: try doc.timestamp("created_at"))
        updatedAt = try doc.timestamp("updated_at")
        disabledAt = try doc.optionalTimestamp("disabled_at")
    }
}

/// One change made in the admin: who, when, what (an action such as `api_key.create`) and on which record.
public struct AdminAuditEntry: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var userID: String
    /// The user's e-mail at the time, so the log reads well after the user is gone.
    public var userEmail: String
    public var at: Date
    public var action: String
    /// The record changed, if one (`key_…`, `con_…`).
    public var subject: String?
    /// What changed, in a sentence.
    public var detail: String

    public init(id: String, accountID: String, userID: String, userEmail: String, at: Date, action: String, subject: String?, detail: String) {
        self.id = id; self.accountID = accountID; self.userID = userID; self.userEmail = userEmail; self.at = at; self.action = action
        self.subject = subject; self.detail = detail
    }

    public var json: JSONValue {
        ["id": .string(id), "account_id": .string(accountID), "user_id": .string(userID), "user_email": .string(userEmail),
         "at": .string(Timestamp.format(at)), "action": .string(action), "subject": .string(subject), "detail": .string(detail)]
    }

    public init(stored json: JSONValue) throws {
        let doc = try StoredDocument(json, what: "admin audit entry")
        self.init(id: try doc.string("id"), accountID: try doc.string("account_id"), userID: try doc.string("user_id"),
                  userEmail: try doc.string("user_email"), at: try doc.timestamp("at"), action: try doc.string("action"),
                  subject: try doc.optionalString("subject"), detail: try doc.string("detail"))
    }
}

/// A signed-in browser: the hash of its cookie's token (the token itself is never stored), whose it is, and
/// when it began and was last used (for the idle and the absolute expiry).
public struct AdminSession: Sendable, Equatable {
    public var tokenHash: String
    public var accountID: String
    public var userID: String
    public var createdAt: Date
    public var seenAt: Date

    public init(tokenHash: String, accountID: String, userID: String, createdAt: Date, seenAt: Date) {
        self.tokenHash = tokenHash; self.accountID = accountID; self.userID = userID; self.createdAt = createdAt; self.seenAt = seenAt
    }
}
