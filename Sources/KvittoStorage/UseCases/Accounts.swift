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
}
