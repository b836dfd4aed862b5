import Foundation
import Hummingbird
import KvittoCore
import KvittoStorage
import KvittoTemplates

/// The account's message settings (SPEC §6): how e-mail and SMS go out, and the time zone and language
/// messages are formatted in. Secrets are sealed at rest and never answered.
struct SettingsController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.get("settings", .read, show)
        group.patch("settings", .admin, update)
    }

    func show(_ call: APICall) async throws -> JSONValue {
        let settings = try await services.store.read { r in try r.settings(account: call.account.id) } ?? AccountSettings()
        return Self.answer(settings, account: call.account)
    }

    /// Members left out are kept; a JSON null removes a section or an optional member (`"smtp": null`,
    /// `"smtp": {"username": null}`, which also removes the password: without a username there is no AUTH).
    /// `identity_priority` and `product_key` change the account itself, in the same transaction.
    func update(_ call: APICall) async throws -> JSONValue {
        var json = try await call.body()
        let change = try Self.readAccountChange(&json)
        let (now, secrets, body, current) = (services.clock.now(), services.secrets, json, call.account)
        let (saved, account) = try await services.store.write { w in
            let changed = try change.map { try Accounts.update(current.id, with: $0, in: w) } ?? current
            let saved = try Accounts.updateSettings(account: changed, in: w, now: now) { settings in try Self.apply(body, to: &settings, secrets: secrets) }
            return (saved, changed)
        }
        if change != nil { services.authenticator.forget(accountID: account.id) }
        return Self.answer(saved, account: account)
    }

    /// Takes `identity_priority` (`["email", "phone"]`, either order, or one of them) and `product_key` out of
    /// a settings request: they belong to the account. nil when the request has neither.
    static func readAccountChange(_ json: inout JSONValue) throws -> Accounts.Change? {
        guard case .object(var object) = json, object["identity_priority"] != nil || object["product_key"] != nil else { return nil }
        let part = JSONObject(["identity_priority", "product_key"].compactMap { name in object[name].map { (name, $0) } })
        object["identity_priority"] = nil
        object["product_key"] = nil
        json = .object(object)
        return try ObjectReader.decode(.object(part)) { r -> Accounts.Change in
            var change = Accounts.Change()
            if let kinds = r.stringArray("identity_priority") {
                let parsed = kinds.compactMap(IdentityKind.init(rawValue:))
                if parsed.count != kinds.count || parsed.isEmpty || Set(parsed).count != parsed.count {
                    r.fail("/identity_priority", "email and phone, each at most once, in the order they identify a customer")
                } else {
                    change.identityPriority = parsed
                }
            }
            change.productKey = r.enumeration("product_key", ProductKey.self)
            return change
        }
    }

    /// The settings with what messages are formatted in now (the account's country fills in what is unset),
    /// and the account's identity priority and product key.
    static func answer(_ settings: AccountSettings, account: Account) -> JSONValue {
        guard case .object(var object) = settings.json else { return settings.json }
        let formatting = MessageFormatting.of(account: account, settings: settings)
        object["formatting"] = ["locale": .string(formatting.localeIdentifier), "time_zone": .string(formatting.timeZoneIdentifier),
                                "currency": .string(formatting.currency)]
        object["identity_priority"] = .array(account.identityPriority.map { .string($0.rawValue) })
        object["product_key"] = .string(account.productKey.rawValue)
        return .object(object)
    }

    static func apply(_ json: JSONValue, to settings: inout AccountSettings, secrets: SecretBox) throws {
        settings = try ObjectReader.decode(json) { r in try read(&r, onto: settings, secrets: secrets) }
    }

    /// `stored` with what the request changes; `nil` only after recording why.
    static func read(_ r: inout ObjectReader, onto stored: AccountSettings, secrets: SecretBox) throws -> AccountSettings? {
        var settings = stored
        let raw = r.object
        if raw["smtp"] == .some(.null) { settings.smtp = nil; _ = r.value("smtp") } else if var smtp = r.object("smtp") {
            settings.smtp = try readSMTP(&smtp, raw: smtp.object, stored: settings.smtp, secrets: secrets)
            smtp.finish()
        }
        if raw["sms_gateway"] == .some(.null) { settings.smsGateway = nil; _ = r.value("sms_gateway") } else if var gateway = r.object("sms_gateway") {
            settings.smsGateway = try readGateway(&gateway, raw: gateway.object, stored: settings.smsGateway, secrets: secrets)
            gateway.finish()
        }
        if raw["time_zone"] == .some(.null) { settings.timeZone = nil; _ = r.value("time_zone") } else if let zone = r.string("time_zone", maxLength: 100) {
            if TimeZone(identifier: zone) == nil { r.fail("/time_zone", "not an IANA time zone such as Europe/Stockholm") } else { settings.timeZone = zone }
        }
        if raw["locale"] == .some(.null) { settings.locale = nil; _ = r.value("locale") } else if let locale = r.string("locale", maxLength: 20) {
            if locale.wholeMatch(of: /[a-z]{2,3}(-[A-Z]{2})?/) == nil { r.fail("/locale", "a language and region such as sv-SE or en-GB") } else { settings.locale = locale }
        }
        if raw["alert_email"] == .some(.null) { settings.alertEmail = nil; _ = r.value("alert_email") } else if let email = r.string("alert_email", maxLength: 320) {
            if EmailKey.make(email) == nil { r.fail("/alert_email", "not an e-mail address") } else { settings.alertEmail = email }
        }
        if raw["engagement_schedule"] == .some(.null) {
            settings.engagementWeekday = nil; settings.engagementHour = nil; _ = r.value("engagement_schedule")
        } else if var schedule = r.object("engagement_schedule") {
            if let day = schedule.string("weekday") {
                if let index = AccountSettings.weekdays.firstIndex(of: day.lowercased()) { settings.engagementWeekday = index + 1 } else {
                    r.fail("/engagement_schedule/weekday", "a weekday in English: sunday, monday, …, saturday")
                }
            }
            if let value = schedule.value("hour") {
                if let hour = value.numberValue?.int64, (0...23).contains(hour) { settings.engagementHour = Int(hour) } else {
                    r.fail("/engagement_schedule/hour", "an hour 0–23")
                }
            }
            schedule.finish()
        }
        if var club = r.object("loyalty") {
            if let issue = club.bool("issue_member_numbers") { settings.loyalty.issueMemberNumbers = issue }
            if let prefix = club.string("member_number_prefix", maxLength: 20) {
                if prefix.contains(where: { $0.isWhitespace || $0.isNewline }) { r.fail("/loyalty/member_number_prefix", "no spaces") } else {
                    settings.loyalty.memberNumberPrefix = prefix
                }
            }
            if let value = club.value("first_member_number") {
                if let first = value.numberValue?.int64, first >= 0 { settings.loyalty.firstMemberNumber = first } else {
                    r.fail("/loyalty/first_member_number", "a whole number, 0 or more")
                }
            }
            club.finish()
        }
        if var tills = r.object("pos") {
            if let own = tills.bool("own_purchases_only") { settings.pos.ownPurchasesOnly = own }
            if tills.object["sections"] == .null { settings.pos.sectionGroups = nil }
            if let groups = tills.stringArray("sections") {
                if groups.count > 50 || groups.contains(where: { $0.isEmpty || $0.count > 100 }) {
                    tills.fail("/pos/sections", "up to 50 group names of 1 to 100 characters, or null for every group")
                } else {
                    settings.pos.sectionGroups = groups.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
                }
            }
            tills.finish()
        }
        return settings
    }

    static func readSMTP(_ r: inout ObjectReader, raw: JSONObject, stored: AccountSettings.SMTP?,
                         secrets: SecretBox) throws -> AccountSettings.SMTP? {
        let host = r.string("host", maxLength: 253) ?? stored?.host
        var port = stored?.port ?? 587
        if let value = r.value("port") {
            if let number = value.numberValue?.int64, (1...65535).contains(number) { port = Int(number) } else { r.fail(r.path("port"), "a port number 1–65535") }
        }
        let startTLS = r.bool("starttls") ?? stored?.startTLS ?? true
        let from = r.string("from", maxLength: 320) ?? stored?.from
        var username = stored?.username
        var sealedPassword = stored?.sealedPassword
        if raw["username"] == .some(.null) { username = nil; sealedPassword = nil; _ = r.value("username") } else if let name = r.string("username", maxLength: 320) {
            username = name
        }
        if raw["password"] == .some(.null) { sealedPassword = nil; _ = r.value("password") } else if let password = r.string("password", maxLength: 1000) {
            sealedPassword = try secrets.seal(password)
        }
        if host?.isEmpty ?? true { r.fail(r.path("host"), "is required") }
        if let from {
            if MailboxText.address(in: from) == nil { r.fail(r.path("from"), "an address such as order@butiken.se or Butiken <order@butiken.se>") }
        } else {
            r.fail(r.path("from"), "is required")
        }
        if sealedPassword != nil, username == nil { r.fail(r.path("password"), "a password needs a username") }
        guard let host, let from, !r.hasErrors else { return stored }
        return AccountSettings.SMTP(host: host, port: port, startTLS: startTLS, username: username, sealedPassword: sealedPassword, from: from)
    }

    static let defaultGatewayBody = #"{"to": "{{to}}", "message": "{{text}}"}"#

    static func readGateway(_ r: inout ObjectReader, raw: JSONObject, stored: AccountSettings.SMSGateway?,
                            secrets: SecretBox) throws -> AccountSettings.SMSGateway? {
        let url = r.string("url", maxLength: 2000) ?? stored?.url
        let body = r.string("body", maxLength: 16_384) ?? stored?.body ?? defaultGatewayBody
        var sealedAuth = stored?.sealedAuthHeader
        if raw["auth_header"] == .some(.null) { sealedAuth = nil; _ = r.value("auth_header") } else if let header = r.string("auth_header", maxLength: 4000) {
            sealedAuth = try secrets.seal(header)
        }
        if let url {
            if let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), parsed.host != nil {} else {
                r.fail(r.path("url"), "an http or https URL")
            }
        } else {
            r.fail(r.path("url"), "is required")
        }
        if case .failure(let error) = MessageTemplateSource.read(kind: .sms, body: ["text": .string(body)]) {
            for field in error.errors { r.fail(r.path("body"), field.detail) }
        }
        guard let url, !r.hasErrors else { return stored }
        return AccountSettings.SMSGateway(url: url, sealedAuthHeader: sealedAuth, body: body)
    }
}
