import Foundation

/// Two contacts that may be one person: an order or contact came in with an e-mail that belongs to one
/// contact and a phone that belongs to another. Nothing is merged silently (SPEC §5); a person merges the
/// two or dismisses the candidate. One candidate per pair of contacts: a pair dismissed stays dismissed.
public struct MergeCandidate: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable { case open, merged, dismissed }

    public var id: String
    public var accountID: String
    /// The two contacts; the first is the one the account's identity priority chose, kept by default.
    public var contactIDs: [String]
    /// The e-mail (key) and phone that came in together.
    public var email: String
    public var phone: String
    public var status: Status
    public var createdAt: Date
    public var resolvedAt: Date?
    /// After a merge: the contact that was kept (the other is gone).
    public var keptContactID: String?
    /// The notes the candidate put on the contacts' timelines, which name both identifiers: erasing either
    /// contact removes them.
    public var noteIDs: [String]

    public init(id: String, accountID: String, contactIDs: [String], email: String, phone: String, createdAt: Date, noteIDs: [String]) {
        self.id = id; self.accountID = accountID; self.contactIDs = contactIDs; self.email = email; self.phone = phone
        self.status = .open; self.createdAt = createdAt; self.noteIDs = noteIDs
    }

    /// The pair as stored (smaller id first), whichever contact the identity priority chose.
    public var pair: (String, String) { contactIDs[0] < contactIDs[1] ? (contactIDs[0], contactIDs[1]) : (contactIDs[1], contactIDs[0]) }

    public func names(_ contactID: String) -> Bool { contactIDs.contains(contactID) }

    /// As the API shows it.
    public var json: JSONValue {
        [
            "id": .string(id), "status": .string(status.rawValue), "contact_ids": .array(contactIDs.map { .string($0) }),
            "email": .string(email), "phone": .string(phone), "created_at": .string(Timestamp.format(createdAt)),
            "resolved_at": resolvedAt.map { .string(Timestamp.format($0)) } ?? .null,
            "kept_contact_id": keptContactID.map { .string($0) } ?? .null,
        ]
    }

    /// As stored: the API's document and the notes' ids.
    public var storedJSON: JSONValue {
        guard case .object(var members) = json else { return json }
        members["note_ids"] = .array(noteIDs.map { .string($0) })
        return .object(members)
    }

    /// Strict: see `StoredDocument`.
    public init(stored json: JSONValue, accountID: String) throws {
        let doc = try StoredDocument(json, what: "merge candidate")
        let contacts = try doc.array("contact_ids").compactMap(\.stringValue)
        guard contacts.count == 2 else { throw doc.problem("contact_ids", "not two contact ids") }
        self.init(id: try doc.string("id"), accountID: accountID, contactIDs: contacts, email: try doc.string("email"),
                  phone: try doc.string("phone"), createdAt: try doc.timestamp("created_at"),
                  noteIDs: try doc.array("note_ids").compactMap(\.stringValue))
        status = try doc.value("status", as: Status.self)
        resolvedAt = try doc.optionalTimestamp("resolved_at")
        keptContactID = try doc.optionalString("kept_contact_id")
    }
}
