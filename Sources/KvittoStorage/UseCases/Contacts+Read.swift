import Foundation
import KvittoCore

extension Contacts {
    /// The customer card: the contact, its lists, latest orders from every source, bonus checks and timeline.
    public struct Card: Sendable {
        public var contact: Contact
        public var lists: [String]
        public var latestOrders: [Order]
        public var vouchers: [Voucher]
        public var timeline: [TimelineEntry]
    }

    public static func card(id: String, account: String, in reader: any StoreReader) throws -> Card? {
        guard let contact = try reader.contact(account: account, id: id) else { return nil }
        return Card(contact: contact, lists: try reader.listIDs(account: account, contactID: id),
                    latestOrders: try reader.orders(account: account, contactID: id, page: PageRequest(limit: 10)),
                    vouchers: try reader.vouchers(account: account, contactID: id),
                    timeline: try reader.timeline(account: account, subjectID: id, limit: 50))
    }

    /// Everything Kvitto holds on one person (a GDPR access request): every order, the timeline (which holds
    /// the consent records: when, where, which channels), bonus checks, the tills' look-ups that found them,
    /// and the events, rejections and deliveries about them (`PersonalData.records`).
    public struct Export: Sendable {
        public var contact: Contact
        public var orders: [Order]
        public var timeline: [TimelineEntry]
        public var vouchers: [Voucher]
        public var lookups: [LookupRecord]
        public var records: PersonalRecords
    }

    public static func export(id: String, account: String, in reader: any StoreReader) throws -> Export? {
        guard let contact = try reader.contact(account: account, id: id) else { return nil }
        var orders: [Order] = []
        var cursor: String?
        repeat {
            let page = try reader.orders(account: account, contactID: id, page: PageRequest(limit: 500, cursor: cursor))
            orders += page
            cursor = page.count == 500 ? page.last?.id : nil
        } while cursor != nil
        return Export(contact: contact, orders: orders, timeline: try reader.timeline(account: account, subjectID: id, limit: 1000),
                      vouchers: try reader.vouchers(account: account, contactID: id), lookups: try reader.lookups(account: account, contactID: id),
                      records: try PersonalData.records(of: contact, in: reader))
    }

    /// The one contact whose e-mail or phone is exactly this (no partial matching: GDPR), after the same
    /// normalisation as ingestion; the e-mail is tried first.
    public static func find(email: String?, phone: String?, account: Account, in reader: any StoreReader) throws -> Contact? {
        let id = try email.flatMap(EmailKey.make).flatMap { try reader.contactID(account: account.id, emailKey: $0) }
            ?? phone.flatMap { PhoneNumber.normalize($0, defaultCountry: account.defaultCountry) }
            .flatMap { try reader.contactID(account: account.id, phone: $0) }
        return try id.flatMap { try reader.contact(account: account.id, id: $0) }
    }
}
