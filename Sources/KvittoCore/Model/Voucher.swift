import Foundation

/// A bonus check: an amount a subscriber (known by e-mail or phone) may spend in the shop, in parts, while it
/// is valid. Imported from the merchant's file, redeemed at the till; `remaining` never goes below zero.
public struct Voucher: Sendable, Equatable {
    public var id: String
    public var accountID: String
    /// The check's code, as printed; unique in the account. A re-import with the same code updates the check.
    public var code: String
    public var contactID: String?
    public var email: String?
    public var phone: String?
    public var currency: String
    public var amount: Money
    public var remaining: Money
    /// First and last day it may be used (inclusive, in the account's time zone as days go; stored as the
    /// start of the first day and the end of the last, UTC).
    public var validFrom: Date?
    public var validTo: Date?
    /// When it was last redeemed; nil: never.
    public var usedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, accountID: String, code: String, currency: String, amount: Money, createdAt: Date) {
        self.id = id; self.accountID = accountID; self.code = code; self.currency = currency; self.amount = amount
        self.remaining = amount; self.createdAt = createdAt; self.updatedAt = createdAt
    }

    /// What the API and the till show, and the stored document.
    public var json: JSONValue {
        ["id": .string(id), "code": .string(code), "contact_id": .string(contactID), "email": .string(email), "phone": .string(phone),
         "currency": .string(currency), "amount": amount.json, "remaining": remaining.json,
         "valid_from": .string(validFrom.map(Timestamp.format)), "valid_to": .string(validTo.map(Timestamp.format)),
         "used_at": .string(usedAt.map(Timestamp.format)), "created_at": .string(Timestamp.format(createdAt)),
         "updated_at": .string(Timestamp.format(updatedAt))]
    }

    /// Strict: a stored check missing its code, currency or amounts is an error, never a check of zero.
    public init(stored json: JSONValue, accountID: String) throws {
        let doc = try StoredDocument(json, what: "bonus check")
        self.init(id: try doc.string("id"), accountID: accountID, code: try doc.string("code"), currency: try doc.string("currency"),
                  amount: try doc.money("amount"), createdAt: try doc.timestamp("created_at"))
        remaining = try doc.money("remaining")
        contactID = try doc.optionalString("contact_id")
        email = try doc.optionalString("email")
        phone = try doc.optionalString("phone")
        validFrom = try doc.optionalTimestamp("valid_from")
        validTo = try doc.optionalTimestamp("valid_to")
        usedAt = try doc.optionalTimestamp("used_at")
        updatedAt = try doc.timestamp("updated_at")
    }

    /// Sitoo-style: what `bonus_checks` of the till's customer object and `Sitoo-Contact.bonuschecks` list.
    public var tillJSON: JSONValue {
        ["code": .string(code), "amount": amount.json, "remaining": remaining.json, "currency": .string(currency),
         "valid_from": .string(validFrom.map(Timestamp.format)), "valid_to": .string(validTo.map(Timestamp.format)),
         "used_at": .string(usedAt.map(Timestamp.format)), "redeemed": .bool(remaining.units <= 0)]
    }
}
