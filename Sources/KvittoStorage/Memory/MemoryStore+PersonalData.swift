import Foundation
import KvittoCore

/// A person's copies outside their contact, found and written back in memory (see `StoreReader.personalRecords`).
extension MemoryTransaction {
    func personalRecords(account: String, contactIDs: [String], mentioning needles: TextNeedles) -> PersonalRecords {
        func mentions(_ json: JSONValue) -> Bool { needles.found(in: JSONWriter.string(json)) }
        let people = Set(contactIDs)
        var records = PersonalRecords()
        records.events = (state.events[account] ?? []).filter { $0.contactID.map(people.contains) ?? false }
        records.rejections = (state.rejections[account] ?? []).filter { mentions($0.json) }.sorted { $0.id < $1.id }
        records.inboxItems = state.inbox.values.filter { $0.accountID == account && mentions($0.json) }.sorted { $0.id < $1.id }
        let eventIDs = Set(records.events.map(\.id))
        records.deliveries = state.deliveries.values.filter { $0.accountID == account && eventIDs.contains($0.eventID) }.sorted { $0.id < $1.id }
        records.attempts = records.deliveries.flatMap { state.attempts[$0.id] ?? [] }
        return records
    }

    func replacePersonalRecords(account: String, _ records: PersonalRecords) {
        for event in records.events {
            if let index = state.events[account]?.firstIndex(where: { $0.id == event.id }) { state.events[account]?[index] = event }
        }
        for rejection in records.rejections {
            if let index = state.rejections[account]?.firstIndex(where: { $0.id == rejection.id }) { state.rejections[account]?[index] = rejection }
        }
        for item in records.inboxItems where state.inbox[item.id]?.accountID == account { state.inbox[item.id] = item }
        for delivery in records.deliveries where state.deliveries[delivery.id]?.accountID == account {
            state.deliveries[delivery.id] = delivery
            state.leases[delivery.id] = nil
        }
        for attempt in records.attempts where state.deliveries[attempt.deliveryID]?.accountID == account {
            if let index = state.attempts[attempt.deliveryID]?.firstIndex(where: { $0.number == attempt.number }) {
                state.attempts[attempt.deliveryID]?[index] = attempt
            }
        }
    }
}
