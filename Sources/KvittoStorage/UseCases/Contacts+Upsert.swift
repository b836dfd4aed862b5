import Foundation
import KvittoCore

/// The identity rules of SPEC §2 applied to an incoming contact.
public struct ContactUpsert: Sendable {
    public enum Outcome: String, Sendable { case created, updated, unchanged }
    public var contact: Contact
    public var outcome: Outcome
    /// `contact.json`, as stored: events embed it without building it again.
    public var document: JSONValue
    /// Tags the input brought whose `contact.tag_added` the caller emits (`deferTagEvents`).
    public var newTags: [String] = []
}

public enum Contacts {
    /// The identifiers an input carries after normalisation; junk never identifies anyone.
    public struct Identity: Sendable {
        public var emailKey: String?
        public var phone: String?
        public var isEmpty: Bool { emailKey == nil && phone == nil }

        public init(_ input: ContactInput, country: String) {
            emailKey = input.email.flatMap(EmailKey.make)
            phone = input.phone.flatMap { PhoneNumber.normalize($0, defaultCountry: country) }
        }
    }

    /// Finds the contact `input` names, or creates one, and applies what it says.
    /// - Parameter pointer: where the contact sits in the request (`""` or `/customer`).
    public static func upsert(_ input: ContactInput, account: Account, origin: EventOrigin, pointer: String,
                              in writer: any StoreWriter, now: Date, emitEvents: Bool = true,
                              deferTagEvents: Bool = false) throws -> ContactUpsert {
        let identity = Identity(input, country: account.defaultCountry)
        guard !identity.isEmpty else {
            throw KvittoError.invalid([FieldError(pointer + "/email", "a valid e-mail or phone number is required"),
                                       FieldError(pointer + "/phone", "a valid e-mail or phone number is required")])
        }
        if let fields = input.fields { try FieldRegistry.register(fields, account: account.id, pointer: pointer + "/fields", in: writer) }

        let (byEmail, byPhone) = try writer.contactIDs(account: account.id, emailKey: identity.emailKey, phone: identity.phone)

        guard let matchID = winner(byEmail: byEmail, byPhone: byPhone, priority: account.identityPriority),
              var contact = try writer.contact(account: account.id, id: matchID)
        else {
            let contact = newContact(input, identity: identity, account: account, now: now)
            try requireOwnMemberNumber(contact, pointer: pointer, account: account, in: writer)
            let document = contact.json
            try writer.insertContact(contact, document: document)
            if emitEvents {
                try EventLog.emit(.contactCreated, account: account.id, origin: origin, orderDocument: nil, contactDocument: document, in: writer, now: now)
                if !deferTagEvents { try emitTagsAdded(contact.tags, to: document, account: account, origin: origin, in: writer, now: now) }
            }
            return ContactUpsert(contact: contact, outcome: .created, document: document, newTags: contact.tags)
        }

        let before = contact
        if let byEmail, let byPhone, byEmail != byPhone {
            // Both identifiers are taken by different people: the winner keeps its own other identifier and
            // a person decides about the merge.
            let other = matchID == byEmail ? byPhone : byEmail
            try MergeCandidates.record(between: matchID, and: other, email: identity.emailKey!, phone: identity.phone!,
                                       account: account.id, in: writer, now: now)
        } else {
            // The one contact found may take the identifier it lacks (or a changed one nobody else holds).
            if let key = identity.emailKey, contact.emailKey != key, byEmail == nil {
                contact.emailKey = key
                contact.email = input.email?.trimmedWhitespace
            }
            if let phone = identity.phone, contact.phone != phone, byPhone == nil {
                contact.phone = phone
                contact.phoneRaw = input.phone
            }
        }
        apply(input, to: &contact)
        guard contact != before else { return ContactUpsert(contact: contact, outcome: .unchanged, document: contact.json) }
        if contact.memberNumber != before.memberNumber { try requireOwnMemberNumber(contact, pointer: pointer, account: account, in: writer) }
        contact.updatedAt = now
        let document = contact.json
        try writer.updateContact(contact, document: document)
        if emitEvents {
            try EventLog.emit(.contactUpdated, account: account.id, origin: origin, orderDocument: nil, contactDocument: document, in: writer, now: now)
            if !deferTagEvents {
                try emitTagsAdded(contact.tags.filter { !before.tags.contains($0) }, to: document, account: account, origin: origin, in: writer, now: now)
            }
        }
        return ContactUpsert(contact: contact, outcome: .updated, document: document, newTags: contact.tags.filter { !before.tags.contains($0) })
    }

    /// `contact.tag_added` for each tag a contact or an order's customer brought, as `POST …/tags` does:
    /// the tag an automation waits for (Rule's `OrderCompleted`) fires wherever it arrives from.
    /// An order's customer's tags are emitted after the order, with it in the event, so that an automation
    /// on the tag (Rule's order confirmation) can render the order.
    static func emitTagsAdded(_ tags: [String], to document: JSONValue, orderDocument: JSONValue? = nil, account: Account,
                              origin: EventOrigin, in writer: any StoreWriter, now: Date) throws {
        for tag in tags {
            try EventLog.emit(.contactTagAdded, account: account.id, origin: origin, orderDocument: orderDocument, contactDocument: document,
                              extra: [("tag", .string(tag))], in: writer, now: now)
        }
    }

    /// A member number set through the `\(POSGroups.contact)` fields is the till's key to the person, so it is
    /// unique in the account: one another contact holds is a 409 naming the field, not a second holder.
    static func requireOwnMemberNumber(_ contact: Contact, pointer: String, account: Account, in writer: any StoreWriter) throws {
        guard let number = contact.memberNumber, let owner = try writer.contactID(account: account.id, memberNumber: number),
              owner != contact.id else { return }
        throw KvittoError(code: .conflict, detail: "the member number belongs to another contact", fieldErrors: [
            FieldError(pointer + "/fields/" + POSGroups.contact + "/" + POSGroups.memberNumber, "belongs to contact \(owner)"),
        ])
    }

    static func winner(byEmail: String?, byPhone: String?, priority: [IdentityKind]) -> String? {
        switch (byEmail, byPhone) {
        case (nil, nil): return nil
        case (let e?, nil): return e
        case (nil, let p?): return p
        case (let e?, let p?): return priority.first == .phone ? p : e
        }
    }

    /// Fields the input carries replace what is stored; absent fields leave it alone.
    /// The contact `input` makes when nobody has its e-mail or phone yet (not stored).
    static func newContact(_ input: ContactInput, identity: Identity, account: Account, now: Date) -> Contact {
        var contact = Contact(id: KvittoID.make(.contact, at: now), accountID: account.id, createdAt: now)
        contact.email = identity.emailKey != nil ? input.email?.trimmedWhitespace : nil
        contact.emailKey = identity.emailKey
        contact.phone = identity.phone
        contact.phoneRaw = input.phone
        apply(input, to: &contact)
        return contact
    }

    static func apply(_ input: ContactInput, to contact: inout Contact) {
        if let v = input.firstName { contact.firstName = v }
        if let v = input.lastName { contact.lastName = v }
        if let v = input.address { contact.address = v }
        if let tags = input.tags { for tag in tags where !contact.tags.contains(tag) { contact.tags.append(tag) } }
        if let fields = input.fields { contact.fields.merge(fields) }
        if let v = input.consent { contact.consent = v }
        if let v = input.blacklisted { contact.blacklisted = v }
    }
}
