import Foundation
import KvittoCore

/// A customer as a till registers or edits one (Sitoo's customer object, already shape-checked). A member
/// left out keeps its value; `clear` names the optional members sent as null.
public struct POSCustomerInput: Sendable {
    public var email: String?
    public var mobile: String?
    public var firstName: String?
    public var lastName: String?
    public var memberNumber: String?
    public var address: Address?
    public var gender: String?
    public var storeIDHome: String?
    /// Channels the customer agreed to be contacted on (`email`, `sms`, `mail`); empty: withdrawn.
    public var acceptsCommunication: [String]?
    public var clear: Set<String> = []
    public init() {}
}

/// The till's side of contacts (SPEC §8): exact look-ups that are always logged, and registration and
/// editing with the rules a shared register needs: an address or number already someone else's is a
/// conflict, never a second customer.
public enum POSCustomers {
    /// The key as ingestion would store it, or nil when it cannot be one (a wildcard, a partial number):
    /// such a key finds nobody. E-mail is compared without case; member numbers and ids exactly as given.
    public static func normalizedKey(_ type: LookupKeyType, _ raw: String, country: String) -> String? {
        switch type {
        case .phone: return PhoneNumber.normalize(raw, defaultCountry: country)
        case .email: return EmailKey.make(raw)
        case .memberNumber, .customerID: return raw.isEmpty || raw.count > 100 ? nil : raw
        }
    }

    /// Finds the one customer `key` names, with what the till's card shows of them, and makes the record the
    /// audit log keeps of the look-up, hit or miss. Only a read: the caller stores the record before it
    /// answers, in the same write or through a `LookupAuditLog` (many look-ups in one insert), as the store
    /// prefers (`readsRunBesideTheWriter`).
    /// - Parameter keyHash: the keyed hash the log keeps instead of the key.
    public static func lookUp(_ type: LookupKeyType, key raw: String, account: Account, origin: POSOrigin,
                              keyHash: (String) -> String, in reader: any StoreReader, now: Date) throws -> (card: TillCard?, audit: LookupRecord) {
        let key = normalizedKey(type, raw, country: account.defaultCountry)
        let found = try key.flatMap { try reader.tillCard(account: account.id, keyType: type, key: $0) }
        return (found, audit(type, key: key ?? raw, found: found, account: account, origin: origin, keyHash: keyHash, now: now))
    }

    /// `lookUp` as a read of its own (`KvittoStore.tillCard`), for stores whose reads run beside the writer.
    public static func lookUp(_ type: LookupKeyType, key raw: String, account: Account, origin: POSOrigin,
                              keyHash: (String) -> String, in store: any KvittoStore, now: Date) async throws -> (card: TillCard?, audit: LookupRecord) {
        let key = normalizedKey(type, raw, country: account.defaultCountry)
        var found: TillCard?
        if let key { found = try await store.tillCard(account: account.id, keyType: type, key: key) }
        return (found, audit(type, key: key ?? raw, found: found, account: account, origin: origin, keyHash: keyHash, now: now))
    }

    private static func audit(_ type: LookupKeyType, key: String, found: TillCard?, account: Account, origin: POSOrigin,
                              keyHash: (String) -> String, now: Date) -> LookupRecord {
        LookupRecord(id: KvittoID.make(.lookup, at: now), accountID: account.id, at: now, keyType: type,
                     keyHash: keyHash(key), contactID: found?.contact.id, origin: origin)
    }

    /// Registers a customer at the till. A member number given is kept as given; without one, an account
    /// whose loyalty club issues numbers gives the next.
    public static func create(_ input: POSCustomerInput, account: Account, loyalty: AccountSettings.Loyalty, origin: POSOrigin,
                              in writer: any StoreWriter, now: Date) throws -> Contact {
        var contact = Contact(id: KvittoID.make(.contact, at: now), accountID: account.id, createdAt: now)
        if input.memberNumber == nil, loyalty.issueMemberNumbers {
            // A number typed in by hand may already hold the next one: skip it, as the counter never goes back.
            var number = try writer.nextMemberNumber(account: account.id, first: loyalty.firstMemberNumber)
            while try writer.contactID(account: account.id, memberNumber: loyalty.memberNumberPrefix + String(number)) != nil {
                number = try writer.nextMemberNumber(account: account.id, first: loyalty.firstMemberNumber)
            }
            contact.memberNumber = loyalty.memberNumberPrefix + String(number)
        }
        try apply(input, to: &contact, account: account, in: writer)
        try FieldRegistry.register(contact.fields, account: account.id, pointer: "", in: writer)
        try writer.insertContact(contact, document: contact.json)
        try EventLog.emit(.contactCreated, account: account.id, origin: .pos, order: nil, contact: contact, in: writer, now: now)
        try recordConsent(input, of: contact, was: nil, origin: origin, in: writer, now: now)
        return contact
    }

    /// Edits a customer from the till: what the input names changes, the rest stays.
    public static func update(id: String, with input: POSCustomerInput, account: Account, origin: POSOrigin,
                              in writer: any StoreWriter, now: Date) throws -> Contact {
        guard var contact = try writer.contact(account: account.id, id: id) else { throw KvittoError.notFound("customer \(id)") }
        let before = contact
        try apply(input, to: &contact, account: account, in: writer)
        guard contact != before else { return contact }
        try FieldRegistry.register(contact.fields, account: account.id, pointer: "", in: writer)
        contact.updatedAt = now
        try writer.updateContact(contact)
        try EventLog.emit(.contactUpdated, account: account.id, origin: .pos, order: nil, contact: contact, in: writer, now: now)
        try recordConsent(input, of: contact, was: before.consent, origin: origin, in: writer, now: now)
        return contact
    }

    /// Applies `input`, checking what a till may not do: leave a customer without e-mail and mobile, give
    /// an unusable address or number, or take one that belongs to another customer (409, naming it).
    static func apply(_ input: POSCustomerInput, to contact: inout Contact, account: Account, in writer: any StoreWriter) throws {
        var invalid: [FieldError] = []
        var conflicts: [FieldError] = []
        if input.clear.contains("email") {
            contact.email = nil; contact.emailKey = nil
        } else if let email = input.email {
            if let key = EmailKey.make(email) {
                if let owner = try writer.contactID(account: account.id, emailKey: key), owner != contact.id {
                    conflicts.append(FieldError("/email", "belongs to customer \(owner)"))
                }
                contact.email = email.trimmedWhitespace
                contact.emailKey = key
            } else {
                invalid.append(FieldError("/email", "is not a usable e-mail address"))
            }
        }
        if input.clear.contains("mobile") {
            contact.phone = nil; contact.phoneRaw = nil
        } else if let mobile = input.mobile {
            if let phone = PhoneNumber.normalize(mobile, defaultCountry: account.defaultCountry) {
                if let owner = try writer.contactID(account: account.id, phone: phone), owner != contact.id {
                    conflicts.append(FieldError("/mobile", "belongs to customer \(owner)"))
                }
                contact.phone = phone
                contact.phoneRaw = mobile
            } else {
                invalid.append(FieldError("/mobile", "is not a phone number"))
            }
        }
        if let number = input.memberNumber {
            if number.isEmpty || number.count > 100 || number.contains(where: \.isWhitespace) {
                invalid.append(FieldError("/member_number", "1–100 characters without spaces"))
            } else {
                if let owner = try writer.contactID(account: account.id, memberNumber: number), owner != contact.id {
                    conflicts.append(FieldError("/member_number", "belongs to customer \(owner)"))
                }
                contact.memberNumber = number
            }
        }
        if invalid.isEmpty, contact.email == nil, contact.phone == nil {
            invalid = [FieldError("/email", "an e-mail address or a mobile number is required"),
                       FieldError("/mobile", "an e-mail address or a mobile number is required")]
        }
        if !invalid.isEmpty { throw KvittoError.invalid(invalid) }
        if !conflicts.isEmpty {
            throw KvittoError(code: .conflict, detail: "already registered to another customer", fieldErrors: conflicts)
        }
        if input.clear.contains("name_first") { contact.firstName = nil } else if let first = input.firstName { contact.firstName = first }
        if input.clear.contains("name_last") { contact.lastName = nil } else if let last = input.lastName { contact.lastName = last }
        if input.clear.contains("invoice_address") { contact.address = nil } else if let address = input.address { contact.address = address }
        for (member, value) in [("gender", input.gender), ("store_id_home", input.storeIDHome)] {
            if input.clear.contains(member) {
                contact.fields[POSGroups.contact]?[member] = nil
            } else if let value {
                contact.fields[POSGroups.contact, default: [:]][member] = .string(value)
            }
        }
        if let channels = input.acceptsCommunication {
            contact.consent = !channels.isEmpty
            contact.fields[POSGroups.contact, default: [:]]["accepts_communication"] = .array(channels.map { .string($0) })
        }
    }

    /// A change of consent is kept on the contact's timeline with where it was given: which store, register
    /// and staff, and on which channels (what a consent record must show).
    static func recordConsent(_ input: POSCustomerInput, of contact: Contact, was: Bool?, origin: POSOrigin,
                              in writer: any StoreWriter, now: Date) throws {
        guard let channels = input.acceptsCommunication, contact.consent != was || was == nil else { return }
        let place = [origin.storeID.map { "store \($0)" }, origin.registerID.map { "register \($0)" }, origin.staffID.map { "staff \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
        let text = (channels.isEmpty ? "Consent withdrawn" : "Consent given to " + channels.joined(separator: ", "))
            + " at the till" + (place.isEmpty ? "" : " (\(place))")
        guard case .object(var data) = origin.json else { return }
        data["channels"] = .array(channels.map { .string($0) })
        data["consent"] = .bool(!channels.isEmpty)
        try EventLog.note(.consent, on: contact.id, account: contact.accountID, text: text, data: .object(data), in: writer, now: now)
    }
}
