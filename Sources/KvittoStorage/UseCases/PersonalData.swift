import Foundation
import KvittoCore

/// The copies of a person's data that live outside their contact row: contact snapshots in the event feed,
/// the rejection log, raw webhook bodies in the inbox, messages' recipients and the receivers' answers in
/// the delivery log. Erasure redacts them in place (an event keeps its id and sequence, so the feed keeps
/// no gap); an access request lists them.
public enum PersonalData {
    /// What marks a refused input or a webhook as the person's: their e-mail address (as given and as
    /// matched) and phone number (normalised and as given). Fewer than five characters would match by accident.
    public static func needles(of contact: Contact) -> [String] {
        var seen: Set<String> = []
        return [contact.email, contact.emailKey, contact.phone, contact.phoneRaw].compactMap { $0 }
            .filter { $0.count >= 5 && seen.insert($0.lowercased()).inserted }
    }

    public static func records(of contact: Contact, in reader: any StoreReader) throws -> PersonalRecords {
        try reader.personalRecords(account: contact.accountID, contactIDs: [contact.id], mentioning: TextNeedles(needles(of: contact)))
    }

    /// Redacts every copy of the contacts' data the store keeps outside the contacts, in the erasure's
    /// transaction. The contacts are of one account; the rejection log and the inbox are searched once for
    /// all of them.
    public static func erase(_ contacts: [Contact], in writer: any StoreWriter) throws {
        guard let account = contacts.first?.accountID else { return }
        let texts = Dictionary(contacts.map { ($0.id, needles(of: $0)) }) { first, _ in first }
        var records = try writer.personalRecords(account: account, contactIDs: contacts.map(\.id),
                                                 mentioning: TextNeedles(contacts.flatMap { needles(of: $0) }))
        guard !records.isEmpty else { return }
        redact(&records, texts: texts)
        try writer.replacePersonalRecords(account: account, records)
    }

    static let erasedText = "[erased]"

    /// - Parameter texts: the erased people's e-mail and phone spellings by contact id; a string in their
    ///   events, their messages and the answers to their events' postbacks that holds one of their own is
    ///   replaced. (Not their ids: ids are no personal data, and other records point at them.)
    public static func redact(_ records: inout PersonalRecords, texts: [String: [String]]) {
        let lowered = texts.mapValues { $0.map { $0.lowercased() } }
        // Whose each event is, and so each delivery of it and each attempt of those.
        var personOfEvent: [String: String] = [:]
        for event in records.events { if let id = event.contactID, lowered[id] != nil { personOfEvent[event.id] = id } }
        for index in records.events.indices {
            guard var data = records.events[index].data.objectValue,
                  let contactID = personOfEvent[records.events[index].id] else { continue }
            let lowered = lowered[contactID] ?? []
            if data["contact"]?["id"]?.stringValue == contactID {
                data["contact"] = ["id": .string(contactID), "erased": true]
            }
            // An order's snapshot as erasure leaves the order itself: no contact, no delivery address.
            if var order = data["order"]?.objectValue, order["contact_id"]?.stringValue == contactID {
                order["contact_id"] = .null
                order["customer"] = "unspecified"
                if var shipping = order["shipping"]?.objectValue, shipping["address"] != nil {
                    shipping["address"] = .null
                    order["shipping"] = .object(shipping)
                }
                data["order"] = .object(order)
            }
            records.events[index].data = scrubbed(.object(data), lowered)
        }
        // A refused input that names the person is theirs (their order, their registration): it goes whole;
        // why it was refused stays in the log.
        for index in records.rejections.indices { records.rejections[index].payload = ["erased": true] }
        for index in records.inboxItems.indices {
            records.inboxItems[index].body = ""
            records.inboxItems[index].fetched = .null
            if records.inboxItems[index].status == .pending {
                records.inboxItems[index].status = .ignored
                records.inboxItems[index].outcome = "erased: the person was erased before this webhook was applied"
            }
        }
        var personOfDelivery: [String: String] = [:]
        for index in records.deliveries.indices {
            var delivery = records.deliveries[index]
            guard let contactID = delivery.contactID.flatMap({ lowered[$0] == nil ? nil : $0 }) ?? personOfEvent[delivery.eventID] else { continue }
            personOfDelivery[delivery.id] = contactID
            let lowered = lowered[contactID] ?? []
            if delivery.contactID == contactID || delivery.recipient.map({ holds($0, lowered) }) == true {
                delivery.recipient = nil
                if delivery.status == .pending {
                    delivery.status = .failed
                    delivery.nextAttemptAt = nil
                    delivery.lastError = "the recipient was erased"
                }
            }
            delivery.lastError = delivery.lastError.map { scrubbed(.string($0), lowered).stringValue ?? erasedText }
            delivery.notice = delivery.notice.map { scrubbed($0, lowered) }
            records.deliveries[index] = delivery
        }
        // A receiver's answer may repeat what it was sent.
        for index in records.attempts.indices {
            guard let contactID = personOfDelivery[records.attempts[index].deliveryID] else { continue }
            let lowered = lowered[contactID] ?? []
            records.attempts[index].responseExcerpt = nil
            records.attempts[index].error = records.attempts[index].error.map { scrubbed(.string($0), lowered).stringValue ?? erasedText }
        }
    }

    /// Whether `text` holds one of `texts` (lower case), whatever its case.
    static func holds(_ text: String, _ texts: [String]) -> Bool {
        let lowered = text.lowercased()
        return texts.contains { lowered.contains($0) }
    }

    /// `value` with every string that holds one of `texts` (lower case) replaced by `[erased]`.
    static func scrubbed(_ value: JSONValue, _ texts: [String]) -> JSONValue {
        switch value {
        case .string(let text):
            return holds(text, texts) ? .string(erasedText) : value
        case .array(let items):
            return .array(items.map { scrubbed($0, texts) })
        case .object(let object):
            return .object(JSONObject(object.map { ($0.key, scrubbed($0.value, texts)) }))
        default:
            return value
        }
    }
}
