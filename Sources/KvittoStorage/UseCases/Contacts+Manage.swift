import Foundation
import KvittoCore

extension Contacts {
    /// `PATCH /v1/contacts/{id}`: changes one known contact. A new e-mail or phone that belongs to another
    /// contact is a conflict, never a silent merge.
    public static func patch(id: String, with input: ContactInput, account: Account, origin: EventOrigin,
                             in writer: any StoreWriter, now: Date) throws -> Contact {
        guard var contact = try writer.contact(account: account.id, id: id) else { throw KvittoError.notFound("contact \(id)") }
        var conflicts: [FieldError] = []
        if let email = input.email {
            guard let key = EmailKey.make(email) else { throw KvittoError.invalid([FieldError("/email", "is not a usable e-mail address")]) }
            if let owner = try writer.contactID(account: account.id, emailKey: key), owner != id {
                conflicts.append(FieldError("/email", "belongs to contact \(owner)"))
            }
            contact.email = email.trimmedWhitespace
            contact.emailKey = key
        }
        if let raw = input.phone {
            guard let phone = PhoneNumber.normalize(raw, defaultCountry: account.defaultCountry) else {
                throw KvittoError.invalid([FieldError("/phone", "is not a phone number")])
            }
            if let owner = try writer.contactID(account: account.id, phone: phone), owner != id {
                conflicts.append(FieldError("/phone", "belongs to contact \(owner)"))
            }
            contact.phone = phone
            contact.phoneRaw = raw
        }
        if !conflicts.isEmpty {
            throw KvittoError(code: .conflict, detail: "the identifier belongs to another contact", fieldErrors: conflicts)
        }
        if let fields = input.fields { try FieldRegistry.register(fields, account: account.id, pointer: "/fields", in: writer) }
        let before = contact
        apply(input, to: &contact)
        guard contact != before || input.email != nil || input.phone != nil else { return contact }
        if contact.memberNumber != before.memberNumber { try requireOwnMemberNumber(contact, pointer: "", account: account, in: writer) }
        contact.updatedAt = now
        try writer.updateContact(contact)
        try EventLog.emit(.contactUpdated, account: account.id, origin: origin, order: nil, contact: contact, in: writer, now: now)
        return contact
    }

    /// Adds tags; each new one emits `contact.tag_added` (the automation trigger of seed 000).
    /// - Parameter cause: extra members of each event, e.g. the automation step that changed the tag.
    public static func addTags(_ tags: [String], to id: String, account: Account, origin: EventOrigin,
                               cause: [(String, JSONValue)] = [], in writer: any StoreWriter, now: Date) throws -> Contact {
        guard var contact = try writer.contact(account: account.id, id: id) else { throw KvittoError.notFound("contact \(id)") }
        let new = tags.filter { !contact.tags.contains($0) }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        guard !new.isEmpty else { return contact }
        contact.tags += new
        contact.updatedAt = now
        try writer.updateContact(contact)
        for tag in new {
            try EventLog.emit(.contactTagAdded, account: account.id, origin: origin, order: nil, contact: contact,
                              extra: [("tag", .string(tag))] + cause, in: writer, now: now)
        }
        return contact
    }

    /// Removes tags; each one the contact had emits `contact.tag_removed`.
    public static func removeTags(_ tags: [String], from id: String, account: Account, origin: EventOrigin,
                                  cause: [(String, JSONValue)] = [], in writer: any StoreWriter, now: Date) throws -> Contact {
        guard var contact = try writer.contact(account: account.id, id: id) else { throw KvittoError.notFound("contact \(id)") }
        let before = contact.tags
        contact.tags.removeAll { tags.contains($0) }
        guard contact.tags != before else { return contact }
        contact.updatedAt = now
        try writer.updateContact(contact)
        // One event per tag that was there, as adding does: automations trigger on a tag, not on a list.
        for tag in before where !contact.tags.contains(tag) {
            try EventLog.emit(.contactTagRemoved, account: account.id, origin: origin, order: nil, contact: contact,
                              extra: [("tag", .string(tag))] + cause, in: writer, now: now)
        }
        return contact
    }

    /// GDPR erasure: the contact and its timeline go; its orders stay for the books, anonymised (no contact,
    /// no recipient address); the copies of its data in events, rejections, the webhook inbox and the
    /// delivery log are redacted in place (`PersonalData`). `contact.erased` carries only the id.
    /// A contact that was blacklisted or had unsubscribed leaves its addresses on the suppression list, as
    /// `suppressionHash` (a keyed hash) makes them, so that when a shop syncs it again it is still not mailed.
    /// The tills' look-ups that found the contact go, and, with `lookupHash`, those that asked for its
    /// e-mail, phone or member number and found nobody.
    public static func erase(id: String, account: Account, origin: EventOrigin, suppressionHash: ((String) -> String)? = nil,
                             lookupHash: ((String) -> String)? = nil, in writer: any StoreWriter, now: Date) throws {
        try erase(ids: [id], account: account, origin: origin, suppressionHash: suppressionHash, lookupHash: lookupHash, in: writer, now: now)
    }

    /// As `erase(id:…)`, for several contacts in one transaction (a bulk delete's page): the copies of their
    /// data in the rejection log and the inbox are searched for once, not once a contact.
    public static func erase(ids: [String], account: Account, origin: EventOrigin, suppressionHash: ((String) -> String)? = nil,
                             lookupHash: ((String) -> String)? = nil, in writer: any StoreWriter, now: Date) throws {
        let contacts = try ids.map { id in
            guard let contact = try writer.contact(account: account.id, id: id) else { throw KvittoError.notFound("contact \(id)") }
            return contact
        }
        try PersonalData.erase(contacts, in: writer)
        for contact in contacts {
            let id = contact.id
            let keys = [contact.emailKey, contact.phone, contact.memberNumber, contact.id].compactMap { $0 }
            try writer.deleteLookups(account: account.id, contactID: id, keyHashes: lookupHash.map { hash in keys.map(hash) } ?? [])
            try writer.deleteVouchers(account: account.id, contactID: id)
            try MergeCandidates.erase(contactID: id, account: account.id, in: writer)
            if let suppressionHash, contact.blacklisted || contact.unsubscribedAt != nil {
                for recipient in [contact.email, contact.phone].compactMap({ $0 }) {
                    try writer.insertSuppression(account: account.id, hash: suppressionHash(recipient),
                                                 reason: contact.blacklisted ? "blacklisted" : "unsubscribed", at: now)
                }
            }
            var cursor: String?
            repeat {
                let orders = try writer.orders(account: account.id, contactID: id, page: PageRequest(limit: 500, cursor: cursor))
                for var order in orders {
                    order.contactID = nil
                    order.shipping?.address = nil
                    order.updatedAt = now
                    try writer.updateOrder(order)
                    try eraseDeliveryAddresses(onTimelineOf: order, in: writer)
                }
                cursor = orders.count == 500 ? orders.last?.id : nil
            } while cursor != nil
            try writer.deleteContact(account: account.id, id: id)
            try EventLog.emit(.contactErased, account: account.id, origin: origin, order: nil, contact: nil,
                              extra: [("contact_id", .string(id))], in: writer, now: now)
        }
    }

    /// The order's delivery-details comments keep carrier and cost; the address they recorded goes. (Written
    /// again under the same id and time, so the order's timeline reads as before.)
    static func eraseDeliveryAddresses(onTimelineOf order: Order, in writer: any StoreWriter) throws {
        let marker = "Address: "
        let entries = try writer.timeline(account: order.accountID, subjectID: order.id, limit: 1000)
            .filter { $0.kind == .comment && $0.text.contains(marker) }
        guard !entries.isEmpty else { return }
        try writer.deleteTimelineEntries(account: order.accountID, ids: entries.map(\.id))
        for var entry in entries {
            if let at = entry.text.range(of: marker) { entry.text = String(entry.text[..<at.lowerBound]) + marker + PersonalData.erasedText }
            entry.data = .null
            try writer.insertTimeline(entry)
        }
    }

    /// The unsubscribe link of a marketing message: the recipient goes on the suppression list (as the keyed
    /// hash `suppressionHash` makes), and the contact, if any, is marked, with the change on its timeline.
    /// `false` when the delivery (or its account) is gone.
    public static func unsubscribe(deliveryID: String, account accountID: String, suppressionHash: (String) -> String,
                                   in writer: any StoreWriter, now: Date) throws -> Bool {
        guard let delivery = try writer.delivery(account: accountID, id: deliveryID), let recipient = delivery.recipient,
              let account = try writer.account(accountID) else { return false }
        try writer.insertSuppression(account: account.id, hash: suppressionHash(recipient), reason: "unsubscribed", at: now)
        if let contactID = delivery.contactID, var contact = try writer.contact(account: account.id, id: contactID), contact.unsubscribedAt == nil {
            contact.unsubscribedAt = now
            contact.updatedAt = now
            try writer.updateContact(contact)
            try EventLog.note(.updated, on: contact.id, account: account.id,
                              text: "Unsubscribed from marketing e-mail with the link in a message", data: ["delivery_id": .string(delivery.id)],
                              in: writer, now: now)
            try EventLog.emit(.contactUpdated, account: account.id, origin: .api, order: nil, contact: contact, in: writer, now: now)
        }
        return true
    }
}
