import Foundation
import KvittoCore

/// Lists of contacts, and the bulk actions over a list (or over "no list") that merchants use to sort the
/// contacts an import brought: move them into a list, delete them, or blacklist them.
public enum Lists {
    public static func create(name: String?, account: String, in writer: any StoreWriter, now: Date) throws -> ContactList {
        let name = try checked(name)
        let list = ContactList(id: KvittoID.make(.list, at: now), accountID: account, name: name, createdAt: now)
        try writer.insertList(list)
        return list
    }

    public static func rename(id: String, to name: String?, account: String, in writer: any StoreWriter, now: Date) throws -> ContactList {
        guard var list = try writer.list(account: account, id: id) else { throw KvittoError.notFound("list \(id)") }
        list.name = try checked(name)
        list.updatedAt = now
        try writer.updateList(list)
        return list
    }

    static func checked(_ name: String?) throws -> String {
        guard let name = name?.trimmedWhitespace, !name.isEmpty else { throw KvittoError.invalid([FieldError("/name", "is required")]) }
        return name
    }

    /// Adds or removes contacts named by id; an id that is not a contact of the account is a 422 naming it,
    /// and then nothing changes.
    public static func change(_ listID: String, adding: Bool, contactIDs: [String], account: String, in writer: any StoreWriter) throws -> Int {
        guard try writer.list(account: account, id: listID) != nil else { throw KvittoError.notFound("list \(listID)") }
        var errors: [FieldError] = []
        for (index, id) in contactIDs.enumerated() where try writer.contact(account: account, id: id) == nil {
            errors.append(FieldError("/contact_ids/\(index)", "no contact \(id) in this account"))
        }
        if !errors.isEmpty { throw KvittoError.invalid(errors) }
        if adding {
            try writer.addToList(account: account, listID: listID, contactIDs: contactIDs)
            return contactIDs.count
        }
        return try writer.removeFromList(account: account, listID: listID, contactIDs: contactIDs)
    }

    /// What a bulk action does to each selected contact.
    public enum BulkAction: Sendable, Equatable {
        /// Into `to`, and out of the list the selection was taken from (if it was one).
        case move(to: String)
        /// GDPR erasure, as `DELETE /v1/contacts/{id}`.
        case delete
        /// Blacklisted: no marketing message, and the addresses on the suppression list.
        case blacklist

        /// The action's name in the API (`move`, `delete`, `blacklist`).
        public var name: String {
            switch self {
            case .move: "move"
            case .delete: "delete"
            case .blacklist: "blacklist"
            }
        }
    }

    /// Which contacts a bulk action takes: those of a list (or of no list, or any), narrowed by a tag and an
    /// engagement segment when given. Tags match as stored (case and all), as automations match them.
    public struct BulkSelection: Sendable, Equatable {
        public var membership: ListMembership
        public var tag: String?
        public var segment: EngagementSegment?

        public init(membership: ListMembership = .any, tag: String? = nil, segment: EngagementSegment? = nil) {
            self.membership = membership; self.tag = tag; self.segment = segment
        }

        func contains(_ contact: Contact) -> Bool {
            if let tag, !contact.tags.contains(tag) { return false }
            if let segment, contact.fields[Engagement.group]?["segment"]?.stringValue != segment.rawValue { return false }
            return true
        }
    }

    /// Applies `action` to every contact of `selection`, 500 contacts per transaction so that memory and
    /// lock times stay small whatever the list's size. Returns how many were selected. (A delete's pages are
    /// no smaller: each searches the account's rejection log once, which on a large account costs more
    /// than the page's contacts; see `bench/erasure` in BENCHMARKS.md.)
    /// - Parameter suppressionHash: the keyed hash the suppression list keeps of an address.
    /// - Parameter lookupHash: the keyed hash the tills' look-up log keeps of a key (erasure removes those rows).
    public static func bulk(_ action: BulkAction, selection: BulkSelection, account: Account, store: any KvittoStore,
                            suppressionHash: @escaping @Sendable (String) -> String,
                            lookupHash: @escaping @Sendable (String) -> String, now: Date) async throws -> Int {
        if case .move(let target) = action {
            guard try await store.read({ r in try r.list(account: account.id, id: target) }) != nil else {
                throw KvittoError.invalid([FieldError("/list_id", "no list \(target) in this account")])
            }
        }
        if case .inList(let source) = selection.membership {
            guard try await store.read({ r in try r.list(account: account.id, id: source) }) != nil else {
                throw KvittoError.invalid([FieldError("/filter/list", "no list \(source) in this account")])
            }
        }
        var cursor: String?
        var selected = 0
        repeat {
            let request = PageRequest(limit: 500, cursor: cursor)
            let (next, ids) = try await store.write { w -> (String?, [String]) in
                let scanned = try w.contacts(account: account.id, membership: selection.membership, page: request)
                let contacts = scanned.filter(selection.contains)
                let ids = contacts.map(\.id)
                switch action {
                case .move(let target):
                    if case .inList(let source) = selection.membership, source != target {
                        _ = try w.removeFromList(account: account.id, listID: source, contactIDs: ids)
                    }
                    try w.addToList(account: account.id, listID: target, contactIDs: ids)
                case .delete:
                    try Contacts.erase(ids: ids, account: account, origin: .api, suppressionHash: suppressionHash, lookupHash: lookupHash, in: w, now: now)
                case .blacklist:
                    for var contact in contacts {
                        for recipient in [contact.email, contact.phone].compactMap({ $0 }) {
                            try w.insertSuppression(account: account.id, hash: suppressionHash(recipient), reason: "blacklisted", at: now)
                        }
                        guard !contact.blacklisted else { continue }
                        contact.blacklisted = true
                        contact.updatedAt = now
                        try w.updateContact(contact)
                        try EventLog.emit(.contactUpdated, account: account.id, origin: .api, order: nil, contact: contact, in: w, now: now)
                    }
                }
                // The cursor follows what was scanned, not what was selected: a tag may match none of a page.
                return (scanned.count == request.limit ? scanned.last?.id : nil, ids)
            }
            selected += ids.count
            cursor = next
        } while cursor != nil
        return selected
    }
}
