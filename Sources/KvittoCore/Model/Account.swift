import Foundation

/// A merchant. Every other record belongs to exactly one account and never crosses to another.
public struct Account: Sendable, Equatable {
    public var id: String
    public var name: String
    /// ISO 4217; orders in another currency are rejected.
    public var currency: String
    /// ISO 3166 alpha-2; the country national phone numbers are read in.
    public var defaultCountry: String
    /// Which identifier wins when e-mail and phone point at different contacts.
    public var identityPriority: [IdentityKind]
    public var productKey: ProductKey
    public var createdAt: Date

    public init(id: String, name: String, currency: String, defaultCountry: String,
                identityPriority: [IdentityKind] = [.email, .phone], productKey: ProductKey = .sku, createdAt: Date) {
        self.id = id; self.name = name; self.currency = currency; self.defaultCountry = defaultCountry
        self.identityPriority = identityPriority; self.productKey = productKey; self.createdAt = createdAt
    }

    public var json: JSONValue {
        [
            "id": .string(id), "name": .string(name), "currency": .string(currency),
            "default_country": .string(defaultCountry),
            "identity_priority": .array(identityPriority.map { .string($0.rawValue) }),
            "product_key": .string(productKey.rawValue), "created_at": .string(Timestamp.format(createdAt)),
        ]
    }
}

public enum IdentityKind: String, Sendable, CaseIterable { case email, phone }

/// How order lines find the product they name.
public enum ProductKey: String, Sendable, CaseIterable { case sku, name, externalID = "external_id" }

/// Validates what `accounts create` takes, so the CLI and any future endpoint agree.
public enum AccountRules {
    public static func validate(name: String, currency: String, country: String) throws(KvittoError) {
        var errors: [FieldError] = []
        if name.trimmingCharacters(in: .whitespaces).isEmpty { errors.append(FieldError("/name", "must not be empty")) }
        if currency.count != 3 || !currency.allSatisfy({ $0.isASCII && $0.isUppercase }) {
            errors.append(FieldError("/currency", "must be an ISO 4217 code such as SEK"))
        }
        if !PhoneNumber.isSupportedCountry(country) {
            errors.append(FieldError("/country", "unsupported default country '\(country)'"))
        }
        if !errors.isEmpty { throw KvittoError.invalid(errors) }
    }
}
