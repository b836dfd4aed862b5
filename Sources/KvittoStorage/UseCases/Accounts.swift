import Foundation
import KvittoCore
import KvittoTemplates

/// Creating accounts and managing their API keys.
public enum Accounts {
    public struct Created: Sendable {
        public var account: Account
        public var adminKeyID: String
        /// Shown once; only its hash is stored.
        public var adminKey: String
    }

    public static func create(name: String, currency: String, country: String, in writer: any StoreWriter,
                              now: Date) throws -> Created {
        try AccountRules.validate(name: name, currency: currency, country: country.uppercased())
        let now = Timestamp.truncated(now)
        let account = Account(id: KvittoID.make(.account, at: now), name: name, currency: currency,
                              defaultCountry: country.uppercased(), createdAt: now)
        try writer.insertAccount(account)
        // Every account starts with the standard message templates, found by their keys and editable.
        for standard in StandardTemplates.all { try writer.insertTemplate(standard.template(account: account.id, now: now)) }
        let (key, secret) = try createKey(account: account.id, name: "admin", scopes: [.admin], in: writer, now: now)
        return Created(account: account, adminKeyID: key.id, adminKey: secret)
    }

    public static func createKey(account: String, name: String, scopes: Set<Scope>, in writer: any StoreWriter,
                                 now: Date) throws -> (APIKey, secret: String) {
        guard try writer.account(account) != nil else { throw KvittoError.notFound("account \(account)") }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 200 else {
            throw KvittoError.invalid([FieldError("/name", "must be 1–200 characters")])
        }
        guard !scopes.isEmpty else { throw KvittoError.invalid([FieldError("/scopes", "at least one scope is required")]) }
        let generated = APIKeySecret.generate()
        let key = APIKey(id: KvittoID.make(.apiKey, at: now), accountID: account, name: name, prefix: generated.prefix,
                         hash: generated.hash, scopes: scopes, createdAt: now)
        try writer.insertAPIKey(key)
        return (key, generated.secret)
    }
}

extension Accounts {
    /// Changes the account's settings with `change` and saves them; a new engagement schedule or time zone
    /// moves the next engagement run at once.
    public static func updateSettings(account: Account, in writer: any StoreWriter, now: Date,
                                      _ change: (inout AccountSettings) throws -> Void) throws -> AccountSettings {
        var settings = try writer.settings(account: account.id) ?? AccountSettings()
        try change(&settings)
        settings.updatedAt = now
        try writer.saveSettings(settings, account: account.id)
        try Engagement.reschedule(account: account, settings: settings, in: writer, now: now)
        return settings
    }

    /// What an owner may change of the account itself; nil members stay.
    public struct Change: Sendable {
        public var name: String?
        public var currency: String?
        public var country: String?
        public var identityPriority: [IdentityKind]?
        public var productKey: ProductKey?
        public init() {}
    }

    /// Changes the account's name, default country, identity priority and product key, by the rules of
    /// `accounts create`. The currency changes only while the account has no orders: its orders, totals and
    /// bonus checks are in the currency they were taken in, and a new currency would reject the next sync of
    /// every connected shop (a 409 says so).
    public static func update(_ id: String, with change: Change, in writer: any StoreWriter) throws -> Account {
        guard var account = try writer.account(id) else { throw KvittoError.notFound("account \(id)") }
        if let name = change.name { account.name = name.trimmingCharacters(in: .whitespaces) }
        if let country = change.country { account.defaultCountry = country.uppercased() }
        if let currency = change.currency?.uppercased(), currency != account.currency {
            try AccountRules.validate(name: account.name, currency: currency, country: account.defaultCountry)
            if try !writer.orders(account: id, filter: OrderFilter(), page: PageRequest(limit: 1)).isEmpty {
                throw KvittoError(code: .conflict, detail: "the account has orders in \(account.currency); its currency cannot change")
            }
            account.currency = currency
        }
        if let priority = change.identityPriority {
            guard !priority.isEmpty, Set(priority).count == priority.count else {
                throw KvittoError.invalid([FieldError("/identity_priority", "each of email and phone at most once, at least one")])
            }
            account.identityPriority = priority
        }
        if let key = change.productKey { account.productKey = key }
        try AccountRules.validate(name: account.name, currency: account.currency, country: account.defaultCountry)
        try writer.updateAccount(account)
        return account
    }
}
