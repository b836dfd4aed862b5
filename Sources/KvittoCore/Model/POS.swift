import Foundation

/// The custom field groups a till works with (Sitoo's "Custom CRM" names). Kvitto manages them: they are
/// created with their fields on the account's first POS purchase, and the member number lives in
/// `Sitoo-Contact.member_number`, where templates find it (`{{contact.fields.Sitoo-Contact.member_number}}`).
public enum POSGroups {
    public static let address = "Sitoo-Address"
    public static let contact = "Sitoo-Contact"
    public static let order = "Sitoo-Order"
    public static let memberNumber = "member_number"
}

extension Contact {
    /// The loyalty club's member number, as the till shows it; nil when the contact has none. Unique per account.
    public var memberNumber: String? {
        get {
            switch fields[POSGroups.contact]?[POSGroups.memberNumber] {
            case .string(let text)?: return text.isEmpty ? nil : text
            case .number(let number)?: return number.text
            default: return nil
            }
        }
        set { fields[POSGroups.contact, default: [:]][POSGroups.memberNumber] = newValue.map { .string($0) } ?? .null }
    }
}

/// What a till can look a customer up by (`key_type`). Sitoo calls the phone key `mobile`; both are taken.
public enum LookupKeyType: String, Sendable, CaseIterable {
    case phone, email, memberNumber = "member_number", customerID = "customer_id"

    public init?(parameter: String) {
        if parameter == "mobile" { self = .phone } else { self.init(rawValue: parameter) }
    }
}

/// Where a POS request comes from: Sitoo's `Store-ID`, `Staff-ID` and `Register-ID` headers (URL-decoded).
public struct POSOrigin: Sendable, Equatable {
    public var storeID: String?
    public var staffID: String?
    public var registerID: String?

    public init(storeID: String? = nil, staffID: String? = nil, registerID: String? = nil) {
        self.storeID = storeID; self.staffID = staffID; self.registerID = registerID
    }

    public var json: JSONValue { ["store_id": .string(storeID), "staff_id": .string(staffID), "register_id": .string(registerID)] }
}

/// One customer look-up by a till, hit or miss. The key itself is never stored: only a keyed hash of it
/// after normalisation, so the log can be tied to a person (to erase it with them) but not read back.
public struct LookupRecord: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var at: Date
    public var keyType: LookupKeyType
    public var keyHash: String
    /// The customer found; nil for a miss.
    public var contactID: String?
    public var origin: POSOrigin

    public init(id: String, accountID: String, at: Date, keyType: LookupKeyType, keyHash: String, contactID: String?, origin: POSOrigin) {
        self.id = id; self.accountID = accountID; self.at = at; self.keyType = keyType; self.keyHash = keyHash
        self.contactID = contactID; self.origin = origin
    }

    public var hit: Bool { contactID != nil }

    /// What `GET /v1/audit/lookups` shows.
    public var json: JSONValue {
        ["id": .string(id), "at": .string(Timestamp.format(at)), "key_type": .string(keyType.rawValue), "key_hash": .string(keyHash),
         "hit": .bool(hit), "contact_id": .string(contactID), "store_id": .string(origin.storeID), "staff_id": .string(origin.staffID),
         "register_id": .string(origin.registerID)]
    }
}

extension LookupRecord {
    /// As stored: `json` (the account is a column beside it). Strict: a record missing a member is an error.
    public init(stored json: JSONValue, accountID: String) throws {
        let doc = try StoredDocument(json, what: "look-up record")
        self.init(id: try doc.string("id"), accountID: accountID, at: try doc.timestamp("at"),
                  keyType: try doc.value("key_type", as: LookupKeyType.self), keyHash: try doc.string("key_hash"),
                  contactID: try doc.optionalString("contact_id"),
                  origin: POSOrigin(storeID: try doc.optionalString("store_id"), staffID: try doc.optionalString("staff_id"),
                                    registerID: try doc.optionalString("register_id")))
    }
}

extension Order {
    /// Bought at a till (through the POS API or a Sitoo connection): such orders carry the `Sitoo-Order` row.
    public var isTillPurchase: Bool { fields[POSGroups.order] != nil }
}
