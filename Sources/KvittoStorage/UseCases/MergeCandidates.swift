import Foundation
import KvittoCore

/// Merge candidates (SPEC §5: nothing is merged silently): recorded when an identity conflict comes in,
/// merged or dismissed by a person.
public enum MergeCandidates {
    /// Records that the e-mail and phone that came in together belong to `kept` and `other`: a candidate
    /// and a note on both timelines, the first time this pair conflicts. A pair that has a candidate
    /// already, open or decided, is left as it is: a dismissed pair stays dismissed, and timelines do not
    /// fill with one note per order.
    static func record(between kept: String, and other: String, email: String, phone: String, account: String,
                       in writer: any StoreWriter, now: Date) throws {
        let notes = [KvittoID.make(.timeline, at: now), KvittoID.make(.timeline, at: now)]
        let candidate = MergeCandidate(id: KvittoID.make(.mergeCandidate, at: now), accountID: account, contactIDs: [kept, other],
                                       email: email, phone: phone, createdAt: now, noteIDs: notes)
        guard try writer.insertMergeCandidate(candidate) else { return }
        let text = "Possible duplicate: e-mail \(email) and phone \(phone) belong to different contacts"
        let data: JSONValue = ["contacts": [.string(kept), .string(other)], "email": .string(email), "phone": .string(phone),
                               "merge_candidate_id": .string(candidate.id)]
        for (note, subject) in zip(notes, [kept, other]) {
            try writer.insertTimeline(TimelineEntry(id: note, accountID: account, subjectID: subject, kind: .mergeCandidate,
                                                    at: now, text: text, data: data))
        }
    }

    public static func dismiss(id: String, account: String, in writer: any StoreWriter, now: Date) throws -> MergeCandidate {
        var candidate = try open(id, account: account, in: writer)
        candidate.status = .dismissed
        candidate.resolvedAt = now
        try writer.updateMergeCandidate(candidate, expectedStatus: .open)
        return candidate
    }

    /// Makes the two contacts one: `keep` (by default the contact the identity priority chose) gets the
    /// other's orders, timeline, lists and bonus checks, the tags and custom fields it lacks, the
    /// identifiers and name it lacks, and the stricter of their marketing states (blacklisted or
    /// unsubscribed if either was); then the other contact is removed and `contact.merged` says so.
    /// Other candidates that named the removed contact now name the kept one (or go, where that would pair
    /// the kept contact with itself or repeat a pair).
    public static func merge(id: String, keep: String?, account: Account, origin: EventOrigin,
                             in writer: any StoreWriter, now: Date) throws -> MergeCandidate {
        var candidate = try open(id, account: account.id, in: writer)
        let keptID = keep ?? candidate.contactIDs[0]
        guard candidate.names(keptID) else {
            throw KvittoError.invalid([FieldError("/keep", "must be one of the candidate's contacts: " + candidate.contactIDs.joined(separator: ", "))])
        }
        let removedID = candidate.contactIDs.first { $0 != keptID }!
        guard var kept = try writer.contact(account: account.id, id: keptID) else { throw KvittoError.notFound("contact \(keptID)") }
        guard let removed = try writer.contact(account: account.id, id: removedID) else { throw KvittoError.notFound("contact \(removedID)") }
        // Decided first: two merges of one candidate at once meet here, and the second runs again and is refused.
        candidate.status = .merged
        candidate.resolvedAt = now
        candidate.keptContactID = keptID
        try writer.updateMergeCandidate(candidate, expectedStatus: .open)

        var cursor: String?
        repeat {
            let orders = try writer.orders(account: account.id, contactID: removedID, page: PageRequest(limit: 500, cursor: cursor))
            for var order in orders {
                order.contactID = keptID
                try writer.updateOrder(order)
            }
            cursor = orders.count == 500 ? orders.last?.id : nil
        } while cursor != nil
        for listID in try writer.listIDs(account: account.id, contactID: removedID) {
            try writer.addToList(account: account.id, listID: listID, contactIDs: [keptID])
        }
        for var voucher in try writer.vouchers(account: account.id, contactID: removedID) {
            voucher.contactID = keptID
            guard try writer.updateVoucher(voucher, expectedRemaining: voucher.remaining) else {
                throw StoreError.retryable("bonus check \(voucher.code) changed while the contacts were merged")
            }
        }
        try writer.moveTimeline(account: account.id, from: removedID, to: keptID)
        try writer.deleteContact(account: account.id, id: removedID)

        absorb(removed, into: &kept)
        kept.updatedAt = now
        try writer.updateContact(kept)
        try EventLog.note(.updated, on: keptID, account: account.id, text: "Merged with contact \(removedID), which was removed",
                          data: ["merge_candidate_id": .string(candidate.id), "merged_contact_id": .string(removedID)],
                          in: writer, now: now)

        try repoint(from: removedID, to: keptID, except: candidate.id, account: account.id, in: writer)

        try EventLog.emit(.contactMerged, account: account.id, origin: origin, order: nil, contact: kept,
                          extra: [("merged_contact_id", .string(removedID)), ("merge_candidate_id", .string(candidate.id))],
                          in: writer, now: now)
        return candidate
    }

    /// The removed contact's data where the kept one has none; tags and fields added; the stricter consent.
    static func absorb(_ removed: Contact, into kept: inout Contact) {
        if kept.emailKey == nil, removed.emailKey != nil { kept.email = removed.email; kept.emailKey = removed.emailKey }
        if kept.phone == nil, removed.phone != nil { kept.phone = removed.phone; kept.phoneRaw = removed.phoneRaw }
        if kept.firstName == nil { kept.firstName = removed.firstName }
        if kept.lastName == nil { kept.lastName = removed.lastName }
        if kept.address == nil { kept.address = removed.address }
        kept.tags += removed.tags.filter { !kept.tags.contains($0) }
        for (group, values) in removed.fields {
            for (name, value) in values where kept.fields[group]?[name] == nil { kept.fields[group, default: [:]][name] = value }
        }
        if kept.consent == nil || removed.consent == false { kept.consent = removed.consent ?? kept.consent }
        kept.blacklisted = kept.blacklisted || removed.blacklisted
        if let unsubscribed = removed.unsubscribedAt { kept.unsubscribedAt = min(kept.unsubscribedAt ?? unsubscribed, unsubscribed) }
    }

    /// Candidates that named a contact now gone name the contact it was merged into.
    static func repoint(from removedID: String, to keptID: String, except decided: String, account: String,
                        in writer: any StoreWriter) throws {
        let pairsOfKept = Set(try writer.mergeCandidates(account: account, contactID: keptID).map { Set($0.contactIDs) })
        for var other in try writer.mergeCandidates(account: account, contactID: removedID) where other.id != decided {
            other.contactIDs = other.contactIDs.map { $0 == removedID ? keptID : $0 }
            if other.contactIDs[0] == other.contactIDs[1] || pairsOfKept.contains(Set(other.contactIDs)) {
                try writer.deleteMergeCandidate(account: account, id: other.id)
            } else {
                try writer.updateMergeCandidate(other, expectedStatus: other.status)
            }
        }
    }

    /// Erasure: the person's candidates go, with the notes they left on other contacts' timelines (which
    /// name the person's e-mail or phone).
    static func erase(contactID: String, account: String, in writer: any StoreWriter) throws {
        for candidate in try writer.mergeCandidates(account: account, contactID: contactID) {
            try writer.deleteTimelineEntries(account: account, ids: candidate.noteIDs)
            try writer.deleteMergeCandidate(account: account, id: candidate.id)
        }
    }

    static func open(_ id: String, account: String, in writer: any StoreWriter) throws -> MergeCandidate {
        guard let candidate = try writer.mergeCandidate(account: account, id: id) else { throw KvittoError.notFound("merge candidate \(id)") }
        guard candidate.status == .open else {
            throw KvittoError(code: .conflict, detail: "merge candidate \(id) is \(candidate.status.rawValue) already")
        }
        return candidate
    }
}
