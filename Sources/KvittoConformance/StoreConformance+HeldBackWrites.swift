import Foundation
import KvittoCore
import KvittoStorage

/// A backend may hold writes back until its transaction commits (PostgreSQL does, for timeline entries,
/// deliveries and events); what a reader sees afterwards must be the same as if it had not.
extension StoreConformance {
    static let heldBackCases: [ConformanceCase] = [
        ConformanceCase("aWriteRolledBackInItsSavepointLeavesNoTimelineEventOrDelivery") { store in
            let account = try await Fixture.account(store)
            _ = try await trigger(store, account, types: [.contactCreated])
            let contactID = try await store.write { w -> String in
                let kept = try Contacts.upsert(ContactInput(email: "kept@example.se"), account: account, origin: .api, pointer: "",
                                               in: w, now: Date())
                // The second contact's row, its event, its delivery and a note are all undone with its savepoint.
                _ = try? w.savepoint { () throws -> Void in
                    let undone = try Contacts.upsert(ContactInput(email: "undone@example.se"), account: account, origin: .api, pointer: "",
                                                     in: w, now: Date())
                    try EventLog.note(.comment, on: undone.contact.id, account: account.id, text: "undone", in: w, now: Date())
                    throw KvittoError.rejected("test", "rolled back on purpose", pointer: "")
                }
                try EventLog.note(.comment, on: kept.contact.id, account: account.id, text: "kept", in: w, now: Date())
                return kept.contact.id
            }
            let (contacts, events, deliveries, timeline) = try await store.read { r in
                (try r.contacts(account: account.id, page: PageRequest()), try r.events(account: account.id, after: 0, limit: 100),
                 try r.deliveries(account: account.id, filter: DeliveryFilter(), page: PageRequest()),
                 try r.timeline(account: account.id, subjectID: contactID, limit: 10))
            }
            try expectEqual(contacts.map(\.email), ["kept@example.se"], "only the kept contact")
            try expectEqual(events.map(\.sequence), [1], "one event, numbered 1: the undone one left no number behind")
            try expectEqual(deliveries.count, 1, "one delivery, for the kept contact's event")
            try expectEqual(timeline.map(\.text), ["kept"], "the kept note")
        },
        ConformanceCase("anErasureRemovesTheTimelineWrittenEarlierInItsOwnTransaction") { store in
            let account = try await Fixture.account(store)
            let contact = try await Fixture.contact(store, account, email: "gone@example.se")
            try await store.write { w in
                try EventLog.note(.comment, on: contact.contact.id, account: account.id, text: "noted just before the erasure", in: w, now: Date())
                try Contacts.erase(id: contact.contact.id, account: account, origin: .api, in: w, now: Date())
            }
            let (timeline, stored, events) = try await store.read { r in
                (try r.timeline(account: account.id, subjectID: contact.contact.id, limit: 10), try r.contact(account: account.id, id: contact.contact.id),
                 try r.events(account: account.id, after: 0, limit: 100))
            }
            try expect(stored == nil, "the contact is gone")
            try expectEqual(timeline.count, 0, "no timeline entry outlives the erasure, not even one written in its transaction")
            try expectEqual(events.map(\.type), [.contactCreated, .contactErased], "created, then erased, in order")
            try expectEqual(events.map(\.sequence), [1, 2], "numbered in order")
        },
    ]
}
