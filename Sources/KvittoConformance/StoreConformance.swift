import Foundation
import KvittoCore
import KvittoStorage

/// Every storage behaviour, written once, run against memory, SQLite and PostgreSQL.
public enum StoreConformance {
    public static var all: [ConformanceCase] { identityCases + mergeCandidateCases + personalDataCases + orderCases + feedCases + postbackCases + heldBackCases + automationCases + listCases + engagementCases + posCases + adminCases + writeBackCases }

    static let feedCases: [ConformanceCase] = [
        ConformanceCase("eventSequenceIsGapFreeUnderConcurrentWritesThatPartlyFail") { store in
            let account = try await Fixture.account(store)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<60 {
                    group.addTask {
                        // Every third order is in a foreign currency and fails inside the shared transaction.
                        let input = try Fixture.order("""
                        {"external_id": "\(i)", "currency": "\(i % 3 == 0 ? "EUR" : "SEK")", "customer": {"email": "c\(i)@example.se"},
                         "lines": [{"sku": "S\(i % 5)", "quantity": 1, "unit_price": "10.00"}]}
                        """)
                        _ = try? await Fixture.upsert(store, account, input)
                    }
                }
                try await group.waitForAll()
            }
            let events = try await store.read { r in try r.events(account: account.id, after: 0, limit: 1000) }
            try expectEqual(events.map(\.sequence), Array(1...Int64(events.count)), "sequences are 1…n without gaps")
            try expectEqual(events.filter { $0.type == .orderReceived }.count, 40, "every accepted order has its event")
            try expectEqual(events.filter { $0.type == .contactCreated }.count, 40, "no contact of a failed order survived")
            let later = try await store.read { r in try r.events(account: account.id, after: 70, limit: 1000) }
            try expectEqual(later.map(\.sequence), Array(71...80), "after=N returns the rest in order")
        },
        ConformanceCase("aWriteThatFailsAfterWritingLeavesNothingAndSinksNoOtherWriteOfItsGroup") { store in
            let account = try await Fixture.account(store)
            struct ChangedItsMind: Error {}
            // Forty writes at once, so that they share transactions; every fourth creates its contact and then
            // throws: its contact and event must go, and the writes it shared a transaction with must stay.
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for i in 0..<40 {
                    group.addTask {
                        do {
                            _ = try await store.write { w in
                                let made = try Contacts.upsert(ContactInput(email: "w\(i)@example.se", phone: nil), account: account, origin: .api,
                                                               pointer: "", in: w, now: Date())
                                if i % 4 == 0 { throw ChangedItsMind() }
                                return made.contact.id
                            }
                            return (i, true)
                        } catch is ChangedItsMind {
                            return (i, false)
                        }
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            try expectEqual(outcomes.values.filter { $0 }.count, 30, "thirty writes succeeded")
            let (contacts, events) = try await store.read { r in
                (try r.contacts(account: account.id, page: PageRequest(limit: 100)), try r.events(account: account.id, after: 0, limit: 100))
            }
            let expected = Set((0..<40).filter { $0 % 4 != 0 }.map { "w\($0)@example.se" })
            try expectEqual(Set(contacts.compactMap(\.email)), expected, "the contacts of the writes that succeeded, and no other")
            try expectEqual(events.filter { $0.type == .contactCreated }.count, 30, "one contact.created for each, none for the failed")
            try expectEqual(events.map(\.sequence), Array(1...Int64(events.count)), "sequences are 1…n without gaps")
        },
        ConformanceCase("concurrentWritersCreateEachContactProductAndCategoryOnceAndNumberEventsInCommitOrder") { store in
            // Twelve customers, six new SKUs in two new categories and 96 orders at once: on a backend whose
            // writers run side by side, several transactions race to create the same things.
            let account = try await Fixture.account(store)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for i in 0..<96 {
                    group.addTask {
                        let input = try Fixture.order("""
                        {"external_id": "race-\(i)", "currency": "SEK",
                         "customer": {"email": "buyer\(i % 12)@example.se", "phone": "070-000 00 \(10 + i % 12)"},
                         "lines": [{"sku": "RACE-\(i % 6)", "name": "Item \(i % 6)", "categories": [["Race", "Group \(i % 2)"]],
                                    "quantity": 1, "unit_price": "10.00"},
                                   {"sku": "RACE-\((i + 1) % 6)", "name": "Item \((i + 1) % 6)", "categories": [["Race", "Group \((i + 1) % 2)"]],
                                    "quantity": 2, "unit_price": "5.00"}]}
                        """)
                        _ = try await Fixture.upsert(store, account, input)
                    }
                }
                try await group.waitForAll()
            }
            let (orders, contacts, products, categories, events) = try await store.read { r in
                (try r.orders(account: account.id, contactID: nil, page: PageRequest(limit: 500)),
                 try r.contacts(account: account.id, page: PageRequest(limit: 500)),
                 try r.products(account: account.id, page: PageRequest(limit: 500)),
                 try r.categories(account: account.id),
                 try r.events(account: account.id, after: 0, limit: 1000))
            }
            try expectEqual(orders.count, 96, "every order is stored")
            try expectEqual(contacts.count, 12, "each customer is one contact")
            try expectEqual(Set(products.compactMap(\.sku)), Set((0..<6).map { "RACE-\($0)" }), "the six SKUs")
            try expectEqual(products.count, 6, "each SKU is one product")
            try expectEqual(categories.count, 3, "Race and its two groups, once each")
            try expectEqual(events.map(\.sequence), Array(1...Int64(events.count)), "sequences are 1…n without gaps")
            try expectEqual(events.filter { $0.type == .orderReceived }.count, 96, "one order.received per order")
            try expectEqual(events.filter { $0.type == .contactCreated }.count, 12, "one contact.created per customer")
            try expectEqual(Set(events.map(\.id)).count, events.count, "no event twice")
            for order in orders {
                try expect(order.lines.allSatisfy { line in products.contains { $0.id == line.productID } }, "order lines point at stored products")
            }
        },
        ConformanceCase("cursorPaginationWalksEveryOrderOnceNewestFirst") { store in
            let account = try await Fixture.account(store)
            for i in 0..<25 {
                _ = try await Fixture.upsert(store, account, try Fixture.order(
                    #"{"external_id": "\#(i)", "currency": "SEK", "customer": {"email": "p@example.se"}, "lines": [{"sku": "X", "quantity": 1, "unit_price": "1.00"}]}"#))
            }
            var seen: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try await store.read { [cursor] r in try r.orders(account: account.id, contactID: nil, page: PageRequest(limit: 10, cursor: cursor)) }
                seen += page.map(\.id)
                cursor = page.count == 10 ? page.last?.id : nil
                pages += 1
            } while cursor != nil && pages < 10
            try expectEqual(seen.count, 25, "every order once")
            try expectEqual(Set(seen).count, 25, "no order twice")
            try expectEqual(seen, seen.sorted(by: >), "newest first")
            let externalIDs = try await store.read { r in try r.orders(account: account.id, contactID: nil, page: PageRequest(limit: 1)) }.map(\.externalID)
            try expectEqual(externalIDs, ["24"], "the newest order comes first")
        },
        ConformanceCase("twoAccountsNeverSeeEachOthersRecords") { store in
            let a = try await Fixture.account(store)
            let b = try await Fixture.account(store)
            let order = try await Fixture.upsert(store, a, try Fixture.specOrder(extra: #", "fields": {"Order": {"channel": "web"}}"#))
            let contactID = order.order.contactID!
            let seenByB = try await store.read { r in
                (
                    try r.order(account: b.id, id: order.order.id), try r.contact(account: b.id, id: contactID),
                    try r.contactID(account: b.id, emailKey: "anna@example.se"), try r.contactID(account: b.id, phone: "+46701234567"),
                    try r.orders(account: b.id, contactID: nil, page: PageRequest()), try r.contacts(account: b.id, page: PageRequest()),
                    try r.products(account: b.id, page: PageRequest()), try r.categories(account: b.id),
                    try r.events(account: b.id, after: 0, limit: 100), try r.apiKeys(account: b.id),
                    try r.fieldDefinition(account: b.id, group: "Order", name: "channel"),
                    try r.timeline(account: b.id, subjectID: order.order.id, limit: 10)
                )
            }
            try expect(seenByB.0 == nil && seenByB.1 == nil && seenByB.2 == nil && seenByB.3 == nil, "B cannot read A's order or contact")
            try expect(seenByB.4.isEmpty && seenByB.5.isEmpty && seenByB.6.isEmpty && seenByB.7.isEmpty, "B's lists hold none of A's records")
            try expect(seenByB.8.isEmpty && seenByB.9.count == 1 && seenByB.10 == nil && seenByB.11.isEmpty, "B sees only its own key, no events, fields or timeline")
            let sameOrderInB = try await Fixture.upsert(store, b, try Fixture.specOrder())
            try expect(sameOrderInB.outcome == .created && sameOrderInB.order.id != order.order.id, "the same external order in B is B's own")
            let revokedAcross = try await store.write { w in try w.revokeAPIKey(account: b.id, id: try w.apiKeys(account: a.id)[0].id, at: Date()) }
            try expect(!revokedAcross, "B cannot revoke A's key")
        },
    ]
}
