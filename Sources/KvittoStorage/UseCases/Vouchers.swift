import Foundation
import KvittoCore

/// Bonus checks (SPEC §8): imported from the merchant's file, shown on the card and at the till, redeemed in
/// parts. A redemption takes from the balance it read or from none, and one idempotency key is one answer.
public enum Vouchers {
    public struct ImportResult: Sendable { public var imported = 0; public var updated = 0 }

    /// Writes the good rows of one file (the caller's transaction: all or nothing). A code already known is
    /// updated, never duplicated; a subscriber not yet a contact becomes one. The file's codes are looked up
    /// and its new checks inserted a few hundred at a time, and each contact is written once at the end, so a
    /// file of 100,000 checks costs a few statements a subscriber rather than ten a row.
    public static func importRows(_ rows: [VoucherFile.Row], account: Account, in writer: any StoreWriter, now: Date) throws -> ImportResult {
        var result = ImportResult()
        // Every subscriber's contact is looked up before the first row, a few hundred keys a statement,
        // so that matching a row's contact costs no round trip on PostgreSQL.
        var keys = PreloadKeys()
        for row in rows {
            let identity = Contacts.Identity(ContactInput(email: row.email, phone: row.phone), country: account.defaultCountry)
            if let emailKey = identity.emailKey { keys.emailKeys.append(emailKey) }
            if let phone = identity.phone { keys.phones.append(phone) }
        }
        try writer.preload(account: account.id, keys)
        var known: [String: Voucher] = [:]
        for voucher in try writer.vouchers(account: account.id, codes: rows.map(\.code)) { known[voucher.code] = voucher }
        var contactFor: [String: Contact] = [:]     // by the row's e-mail and phone: a subscriber with many checks is upserted once
        var contacts: [String: Contact] = [:]       // by id, as last written
        var created: Set<String> = []               // contacts this file made: all their checks are in it
        var checksOf: [String: [Voucher]] = [:]     // the file's checks, by contact
        var touched: Set<String> = []
        var fresh: [Voucher] = []
        // Subscribers nobody has yet become contacts at the end, with their checks, in one insert a few
        // hundred at a time: one statement each, not an insert and an update.
        var unsaved: [Contact] = []
        var unsavedByEmail: [String: Int] = [:], unsavedByPhone: [String: Int] = [:]
        func saveNew() throws {
            guard !unsaved.isEmpty else { return }
            if let group = unsaved.first?.fields[POSGroups.contact] {
                try FieldRegistry.register([POSGroups.contact: group], account: account.id, pointer: "", in: writer)
            }
            try writer.insertContacts(unsaved)
            for contact in unsaved {
                try EventLog.emit(.contactCreated, account: account.id, origin: .api, orderDocument: nil, contactDocument: contact.json,
                                  in: writer, now: now)
            }
            unsaved.removeAll(); unsavedByEmail.removeAll(); unsavedByPhone.removeAll()
        }
        for row in rows {
            let identity = (row.email ?? "") + "\u{0}" + (row.phone ?? "")
            let contact: Contact
            if let known = contactFor[identity] {
                contact = known
            } else {
                let input = ContactInput(email: row.email, phone: row.phone)
                let keys = Contacts.Identity(input, country: account.defaultCountry)
                let stored = try writer.contactIDs(account: account.id, emailKey: keys.emailKey, phone: keys.phone)
                let sharesUnsaved = keys.emailKey.flatMap { unsavedByEmail[$0] } ?? keys.phone.flatMap { unsavedByPhone[$0] }
                if !keys.isEmpty, stored.byEmail == nil, stored.byPhone == nil, sharesUnsaved == nil {
                    contact = Contacts.newContact(input, identity: keys, account: account, now: now)
                    if let email = keys.emailKey { unsavedByEmail[email] = unsaved.count }
                    if let phone = keys.phone { unsavedByPhone[phone] = unsaved.count }
                    unsaved.append(contact)
                    created.insert(contact.id)
                } else {
                    // Shares an address or number with a subscriber met earlier in the file: the rules for a
                    // known contact apply, so that one is saved first.
                    if sharesUnsaved != nil { try saveNew() }
                    let upserted = try Contacts.upsert(input, account: account, origin: .api, pointer: "/rows/\(row.row)", in: writer, now: now)
                    contact = upserted.contact
                    if upserted.outcome == .created { created.insert(contact.id) }
                }
                contactFor[identity] = contact
                contacts[contact.id] = contact
            }
            touched.insert(contact.id)
            if var existing = known[row.code] {
                let before = existing.remaining
                if let previous = existing.contactID, previous != contact.id { touched.insert(previous) }
                existing.contactID = contact.id; existing.email = row.email; existing.phone = contact.phone
                existing.currency = row.currency; existing.amount = row.amount; existing.remaining = row.amount
                existing.validFrom = row.validFrom; existing.validTo = row.validTo
                existing.updatedAt = now
                guard try writer.updateVoucher(existing, expectedRemaining: before) else { throw StoreError.retryable("a bonus check changed during the import") }
                known[row.code] = existing
                checksOf[contact.id, default: []].append(existing)
                result.updated += 1
            } else {
                var voucher = Voucher(id: KvittoID.make(.voucher, at: now), accountID: account.id, code: row.code, currency: row.currency,
                                      amount: row.amount, createdAt: now)
                voucher.contactID = contact.id; voucher.email = row.email; voucher.phone = contact.phone
                voucher.validFrom = row.validFrom; voucher.validTo = row.validTo
                fresh.append(voucher)
                known[row.code] = voucher
                checksOf[contact.id, default: []].append(voucher)
                result.imported += 1
            }
        }
        // The contacts still unsaved are saved with their checks in place.
        for index in unsaved.indices {
            let checks = (checksOf[unsaved[index].id] ?? []).sorted { $0.code < $1.code }
            unsaved[index].fields[POSGroups.contact, default: [:]]["bonuschecks"] = .array(checks.map(\.tillJSON))
            touched.remove(unsaved[index].id)
        }
        try saveNew()
        try writer.insertVouchers(fresh)
        var registered = false
        for id in touched.sorted() {
            // A contact this file made holds only the file's checks; any other may hold earlier ones too.
            let checks = created.contains(id) ? (checksOf[id] ?? []).sorted { $0.code < $1.code } : try writer.vouchers(account: account.id, contactID: id)
            guard let contact = try contacts[id] ?? writer.contact(account: account.id, id: id) else { continue }
            if !registered {
                try FieldRegistry.register([POSGroups.contact: ["bonuschecks": .array(checks.map(\.tillJSON))]], account: account.id, pointer: "", in: writer)
                registered = true
            }
            try show(checks, on: contact, in: writer, now: now)
        }
        return result
    }

    /// `Sitoo-Contact.bonuschecks`: the contact's checks as the till shows them, kept in its field group.
    static func showOnContact(_ contactID: String, account: String, in writer: any StoreWriter, now: Date) throws {
        guard let contact = try writer.contact(account: account, id: contactID) else { return }
        let checks = try writer.vouchers(account: account, contactID: contactID)
        try FieldRegistry.register([POSGroups.contact: ["bonuschecks": .array(checks.map(\.tillJSON))]], account: account, pointer: "", in: writer)
        try show(checks, on: contact, in: writer, now: now)
    }

    private static func show(_ checks: [Voucher], on contact: Contact, in writer: any StoreWriter, now: Date) throws {
        var contact = contact
        contact.fields[POSGroups.contact, default: [:]]["bonuschecks"] = .array(checks.map(\.tillJSON))
        contact.updatedAt = now
        try writer.updateContact(contact)
    }

    /// Why a check cannot give `amount` now, as a problem's reason and detail; nil when it can.
    static func refusal(_ voucher: Voucher, amount: Money, currency: String, now: Date) -> KvittoError? {
        if currency != voucher.currency {
            return .rejected("voucher-currency", "the bonus check is in \(voucher.currency), not \(currency)", pointer: "/currency")
        }
        if let from = voucher.validFrom, now < from {
            return .rejected("voucher-not-yet-valid", "the bonus check is valid from \(Timestamp.format(from))")
        }
        if let to = voucher.validTo, now > to {
            return .rejected("voucher-expired", "the bonus check expired at \(Timestamp.format(to))")
        }
        if !voucher.remaining.isPositive { return .rejected("voucher-exhausted", "the bonus check is used up") }
        if voucher.remaining < amount {
            return .rejected("voucher-over-amount", "the bonus check has \(voucher.remaining.description) \(voucher.currency) left", pointer: "/amount")
        }
        return nil
    }

    /// Takes `amount` from the check `code`. The same idempotency key again answers the first answer and
    /// changes nothing. On PostgreSQL a register that loses the race for the balance runs again and then sees
    /// the balance the other left.
    public static func redeem(code: String, amount: Money, currency: String?, idempotencyKey: String, account: Account,
                              origin: POSOrigin, in writer: any StoreWriter, now: Date) throws -> JSONValue {
        if let answer = try writer.redemption(account: account.id, idempotencyKey: idempotencyKey) { return answer }
        guard amount.isPositive, amount.scale <= 2 else {
            throw KvittoError.invalid([FieldError("/amount", "more than zero, at most two decimals")])
        }
        guard var voucher = try writer.voucher(account: account.id, code: code) else {
            throw KvittoError(code: .notFound, detail: "no bonus check \(code)", reason: "voucher-unknown")
        }
        if let refusal = refusal(voucher, amount: amount, currency: currency ?? account.currency, now: now) { throw refusal }
        let before = voucher.remaining
        voucher.remaining = before + Money(units: -amount.units, scale: amount.scale)
        voucher.usedAt = now
        voucher.updatedAt = now
        let answer: JSONValue = ["code": .string(code), "redeemed": amount.json, "remaining": voucher.remaining.json,
                                 "currency": .string(voucher.currency), "used_at": .string(Timestamp.format(now))]
        guard try writer.insertRedemption(account: account.id, idempotencyKey: idempotencyKey, voucherID: voucher.id, answer: answer, at: now),
              try writer.updateVoucher(voucher, expectedRemaining: before)
        else { throw StoreError.retryable("another register redeemed the bonus check at the same time") }
        var data = voucher.tillJSON
        if case .object(var members) = data {
            members["redeemed"] = amount.json
            members["store_id"] = .string(origin.storeID); members["register_id"] = .string(origin.registerID)
            data = .object(members)
        }
        let contact = try voucher.contactID.flatMap { try writer.contact(account: account.id, id: $0) }
        try EventLog.emit(.voucherRedeemed, account: account.id, origin: .pos, order: nil, contact: contact,
                          extra: [("voucher", data)], in: writer, now: now)
        if let id = voucher.contactID { try showOnContact(id, account: account.id, in: writer, now: now) }
        return answer
    }
}
