import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage
import KvittoTemplates

/// The account's message settings in a form: time zone and language, the alert address, the SMTP server, the
/// SMS gateway and Saved through the same rules as `PATCH /v1/settings`; a password or auth header left empty is kept.
extension AdminController {
    func settings(_ call: AdminCall, errors: [String: String] = [:], notice: String? = nil, entered: AdminForm? = nil) async throws -> Response {
        let account = call.user.accountID
        let (stored, found) = try await services.store.read { r in (try r.settings(account: account) ?? AccountSettings(), try r.account(account)) }
        let formatting = found.map { MessageFormatting.of(account: $0, settings: stored) }
        func value(_ name: String, _ current: String?) -> String { entered?[name] ?? current ?? "" }
        var values: [String: Any] = [
            "title": "Settings", "errors": errors,
            "timeZone": value("time_zone", stored.timeZone), "locale": value("locale", stored.locale), "alertEmail": value("alert_email", stored.alertEmail),
            "smtpHost": value("smtp_host", stored.smtp?.host), "smtpPort": value("smtp_port", stored.smtp.map { String($0.port) }),
            "smtpFrom": value("smtp_from", stored.smtp?.from), "smtpUsername": value("smtp_username", stored.smtp?.username),
            "smtpStartTLS": entered.map { $0["smtp_starttls"] != nil } ?? (stored.smtp?.startTLS ?? true),
            "smsURL": value("sms_url", stored.smsGateway?.url),
            "smsBody": value("sms_body", stored.smsGateway?.body ?? SettingsController.defaultGatewayBody),
            "memberPrefix": value("member_prefix", stored.loyalty.memberNumberPrefix),
            "issueMemberNumbers": entered.map { $0["issue_member_numbers"] != nil } ?? stored.loyalty.issueMemberNumbers,
            "effective": formatting.map { "\($0.localeIdentifier), \($0.timeZoneIdentifier), \($0.currency)" } ?? "",
        ]
        if let found {
            let priority = found.identityPriority.map(\.rawValue).joined(separator: ",")
            values["account"] = [
                "name": value("account_name", found.name), "currency": value("currency", found.currency),
                "country": value("country", found.defaultCountry),
                "priorities": [("email,phone", "e-mail first, then phone"), ("phone,email", "phone first, then e-mail"), ("email", "e-mail only"),
                               ("phone", "phone only")].map { ["value": $0.0, "label": $0.1, "selected": (entered?["identity_priority"] ?? priority) == $0.0] },
                "productKeys": ProductKey.allCases.map { ["value": $0.rawValue, "selected": (entered?["product_key"] ?? found.productKey.rawValue) == $0.rawValue] },
            ]
        }
        if stored.smtp?.sealedPassword != nil { values["passwordSet"] = true }
        if stored.smsGateway?.sealedAuthHeader != nil { values["authHeaderSet"] = true }
        if call.user.mayAdminister { values["mayChange"] = true }
        if let notice { values["notice"] = notice }
        return AdminPages.render("settings", call.layout.merging(values) { _, new in new }, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// The form as the JSON `PATCH /v1/settings` takes: an empty field clears an optional member, the SMTP
    /// section is sent when a host is given, and an empty password keeps the stored one.
    static func settingsChange(_ form: AdminForm) -> JSONValue {
        func text(_ name: String) -> JSONValue {
            let typed = (form[name] ?? "").trimmingCharacters(in: .whitespaces)
            return typed.isEmpty ? .null : .string(typed)
        }
        var change: JSONObject = ["time_zone": text("time_zone"), "locale": text("locale"), "alert_email": text("alert_email")]
        if case .string = text("smtp_host") {
            var smtp: JSONObject = ["host": text("smtp_host"), "from": text("smtp_from"), "starttls": .bool(form["smtp_starttls"] != nil)]
            if let port = Int(form["smtp_port"] ?? "") { smtp["port"] = .number(JSONNumber(port)) } else if !(form["smtp_port"] ?? "").isEmpty {
                smtp["port"] = .string(form["smtp_port"] ?? "")
            }
            smtp["username"] = text("smtp_username")
            if case .string = text("smtp_password") { smtp["password"] = text("smtp_password") }
            change["smtp"] = .object(smtp)
        } else {
            change["smtp"] = .null
        }
        // The SMS gateway: sent when a URL is given (an empty auth header keeps the stored one), cleared otherwise.
        if case .string = text("sms_url") {
            var gateway: JSONObject = ["url": text("sms_url")]
            if case .string = text("sms_body") { gateway["body"] = .string(form["sms_body"] ?? "") }
            if case .string = text("sms_auth_header") { gateway["auth_header"] = text("sms_auth_header") }
            change["sms_gateway"] = .object(gateway)
        } else {
            change["sms_gateway"] = .null
        }
        change["loyalty"] = ["issue_member_numbers": .bool(form["issue_member_numbers"] != nil),
                             "member_number_prefix": .string((form["member_prefix"] ?? "").trimmingCharacters(in: .whitespaces))]
        return .object(change)
    }

    func saveSettings(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        guard let form else { return try await settings(call) }
        let change = Self.settingsChange(form)
        let (user, now, secrets) = (call.user, services.clock.now(), services.secrets)
        do {
            try await services.store.write { w in
                guard let account = try w.account(user.accountID) else { throw KvittoError.notFound("account \(user.accountID)") }
                _ = try Accounts.updateSettings(account: account, in: w, now: now) { settings in
                    try SettingsController.apply(change, to: &settings, secrets: secrets)
                }
                try AdminUsers.audit("settings.change", subject: nil, detail: "changed the message settings", by: user, in: w, now: now)
            }
            return try await settings(call, notice: "Saved.")
        } catch let error as KvittoError where error.code == .invalid {
            // The rules name JSON pointers (/smtp/host); the form's fields are named alike (smtp_host).
            let errors = Dictionary(error.fieldErrors.map { (String($0.pointer.dropFirst()).replacingOccurrences(of: "/", with: "_"), $0.detail) }) { a, _ in a }
            return try await settings(call, errors: errors, entered: form)
        }
    }

    /// The account itself: name, currency (only while it has no orders), default country, which of e-mail and
    /// phone identifies a customer first, and how order lines find their product. Owners and admins; audited.
    func saveAccount(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        guard let form else { return try await settings(call) }
        var change = Accounts.Change()
        change.name = form["account_name"]
        change.currency = form["currency"]?.trimmingCharacters(in: .whitespaces)
        change.country = form["country"]?.trimmingCharacters(in: .whitespaces)
        change.identityPriority = form["identity_priority"].map { $0.split(separator: ",").compactMap { IdentityKind(rawValue: String($0)) } }
        change.productKey = form["product_key"].flatMap(ProductKey.init(rawValue:))
        let (user, now, chosen) = (call.user, services.clock.now(), change)
        do {
            let account = try await services.store.write { w in
                let account = try Accounts.update(user.accountID, with: chosen, in: w)
                try AdminUsers.audit("account.change", subject: account.id, detail: "changed the account: \(account.name), \(account.currency), "
                                     + "\(account.defaultCountry), identity \(account.identityPriority.map(\.rawValue).joined(separator: " then ")), "
                                     + "products by \(account.productKey.rawValue)", by: user, in: w, now: now)
                return account
            }
            services.authenticator.forget(accountID: account.id)
            return try await settings(call, notice: "Saved.")
        } catch let error as KvittoError where error.code == .invalid || error.code == .conflict {
            var errors: [String: String] = [:]
            for field in error.fieldErrors { errors["account_" + field.pointer.dropFirst()] = field.detail }
            if error.fieldErrors.isEmpty { errors["account_currency"] = error.detail }
            return try await settings(call, errors: errors, entered: form)
        }
    }
}
