import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// Users, their roles and grants.
extension AdminController {
    /// The account's users; owners and admins change roles and grants, disable users and add new ones.
    func users(_ call: AdminCall, errors: [String: String] = [:], entered: [String: String] = [:], notice: String? = nil) async throws -> Response {
        let actor = call.user
        let users = try await services.store.read { r in try r.adminUsers(account: actor.accountID) }
        let manageable = AdminUser.Role.allCases.filter { AdminUsers.may(actor, manage: $0) }
        var values: [String: Any] = [
            "title": "Users", "errors": errors, "entered": entered,
            "users": users.map { user -> [String: Any] in
                var row: [String: Any] = ["id": user.id, "email": user.email, "name": user.name, "role": user.role.rawValue]
                if !user.grants.isEmpty { row["grants"] = user.grants.map(\.rawValue).sorted().joined(separator: ", ") }
                if let disabled = user.disabledAt { row["disabled"] = Self.when(disabled) }
                if user.disabledAt == nil, user.id != actor.id, AdminUsers.may(actor, manage: user.role) {
                    row["manage"] = [
                        "roles": manageable.map { ["name": $0.rawValue, "selected": $0 == user.role] },
                        "grants": AdminUser.Permission.allCases.map { ["name": $0.rawValue, "checked": user.grants.contains($0)] },
                    ]
                }
                return row
            },
        ]
        if actor.mayAdminister {
            values["newUser"] = ["roles": manageable.map { ["name": $0.rawValue, "selected": $0 == .staff] },
                                 "grants": AdminUser.Permission.allCases.map { ["name": $0.rawValue] }]
        }
        if let notice { values["notice"] = notice }
        return AdminPages.render("users", call.layout.merging(values) { _, new in new }, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    static func grants(in form: AdminForm?) -> Set<AdminUser.Permission> {
        Set(AdminUser.Permission.allCases.filter { form?["grant_\($0.rawValue)"] != nil })
    }

    func createUser(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (actor, now) = (call.user, services.clock.now())
        let entered = ["email": form?["email"] ?? "", "name": form?["name"] ?? ""]
        guard let role = form?["role"].flatMap(AdminUser.Role.init(rawValue:)), AdminUsers.may(actor, manage: role) else {
            return try await users(call, errors: ["role": "Choose a role you may give."], entered: entered)
        }
        let new = AdminUsers.NewUser(email: entered["email"] ?? "", name: entered["name"] ?? "", role: role, grants: Self.grants(in: form),
                                     password: form?["password"] ?? "")
        do {
            let hash = try AdminUsers.hash(new.password)
            let user = try await services.store.write { w in
                let user = try AdminUsers.create(new, passwordHash: hash, account: actor.accountID, in: w, now: now)
                try AdminUsers.audit("user.create", subject: user.id, detail: "created \(user.email) (\(user.role.rawValue))", by: actor, in: w, now: now)
                return user
            }
            return try await users(call, notice: "\(user.email) can sign in now.")
        } catch let error as KvittoError where error.code == .invalid || error.code == .conflict {
            let errors = Dictionary(error.fieldErrors.map { (String($0.pointer.dropFirst()), $0.detail) }) { first, _ in first }
            return try await users(call, errors: errors, entered: entered)
        }
    }

    /// Saves a user's role and grants, or disables the user (`action=disable`).
    func changeUser(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (id, actor, now) = (try call.context.parameters.require("id"), call.user, services.clock.now())
        let disable = form?["action"] == "disable"
        let role = disable ? nil : form?["role"].flatMap(AdminUser.Role.init(rawValue:))
        let grants = disable ? nil : Self.grants(in: form)
        do {
            let user = try await services.store.write { w in
                try AdminUsers.change(id, role: role, grants: grants, disable: disable, by: actor, in: w, now: now)
            }
            return try await users(call, notice: disable ? "\(user.email) is disabled and signed out." : "Saved \(user.email).")
        } catch let error as KvittoError where error.code == .forbidden || error.code == .conflict {
            return Self.forbidden(error.detail)
        }
    }
}
