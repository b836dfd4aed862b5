import Foundation
import KvittoCore
import KvittoStorage

extension StoreConformance {
    /// An order of `email` placed `daysAgo` before `now`, for `total` kronor, in `status`.
    static func purchase(_ n: Int, email: String, daysAgo: Int, total: Int, status: String = "received", now: Date) throws -> OrderInput {
        try Fixture.order("""
        {"source": "shop", "external_id": "rfm-\(n)", "currency": "SEK", "status": "\(status)",
         "created_at": "\(Timestamp.format(now.addingTimeInterval(-Double(daysAgo) * 86_400)))", "customer": {"email": "\(email)"},
         "lines": [{"sku": "S", "quantity": 1, "unit_price": "\(total).00"}], "totals": {"total": "\(total).00"}}
        """)
    }

    static let engagementCases: [ConformanceCase] = [
        ConformanceCase("engagementScoresEveryBuyerOnceAndEmitsOnlyRealSegmentChanges") { store in
            let account = try await Fixture.account(store)
            let now = Date()
            // Ten buyers: buyer k ordered k+1 times, the last k*20 days ago, 100*(k+1) kronor each; one cancelled
            // order each for buyers 0 and 9, which must not count.
            var n = 0
            var expectedInputs: [RFMInput] = []
            for k in 0..<10 {
                for o in 0...k {
                    n += 1
                    _ = try await Fixture.upsert(store, account, try purchase(n, email: "b\(k)@example.se", daysAgo: k * 20 + o, total: 100 * (k + 1), now: now))
                }
                if k == 0 || k == 9 {
                    n += 1
                    _ = try await Fixture.upsert(store, account, try purchase(n, email: "b\(k)@example.se", daysAgo: 0, total: 99_999, status: "cancelled", now: now))
                }
            }
            let contacts = try await store.read { r in try r.contacts(account: account.id, page: PageRequest(limit: 100)) }
            let byEmail = Dictionary(uniqueKeysWithValues: contacts.map { ($0.email ?? "", $0) })
            for k in 0..<10 {
                expectedInputs.append(RFMInput(contactID: byEmail["b\(k)@example.se"]!.id, lastOrderAt: now.addingTimeInterval(-Double(k * 20) * 86_400),
                                               orderCount: k + 1, monetaryMinor: Int64(100 * (k + 1) * (k + 1) * 100)))
            }
            let totals = try await store.read { r in try r.orderTotals(account: account.id, afterContact: nil, limit: 100) }
            try expectEqual(totals.map(\.contactID), expectedInputs.map(\.contactID).sorted(), "one row per buyer, by id")
            for total in totals {
                let expected = expectedInputs.first { $0.contactID == total.contactID }!
                try expectEqual(total.orderCount, expected.orderCount, "cancelled orders do not count")
                try expectEqual(total.monetaryMinor, expected.monetaryMinor, "the sum in öre")
                try expect(abs(total.lastOrderAt.timeIntervalSince(expected.lastOrderAt)) < 1, "the last order's time")
            }
            let paged = try await store.read { r in try r.orderTotals(account: account.id, afterContact: totals[4].contactID, limit: 3) }
            try expectEqual(paged.map(\.contactID), Array(totals[5..<8].map(\.contactID)), "pages by contact id")

            let first = try await Engagement.recompute(account: account, store: store, now: now)
            try expectEqual(first.contacts, 10, "every buyer scored")
            try expectEqual(first.segmentChanges, 0, "a first computation records, it does not announce")
            let expected = RFM.scores(expectedInputs, now: now)
            let buyerIDs = expectedInputs.map(\.contactID)
            let scored = try await store.read { r in try r.contacts(account: account.id, ids: buyerIDs) }
            for contact in scored {
                let (score, segment) = expected[contact.id]!
                try expectEqual(contact.fields[Engagement.group]?["rfm"]?.stringValue, score.code, "scores of \(contact.email ?? "")")
                try expectEqual(contact.fields[Engagement.group]?["segment"]?.stringValue, segment.rawValue, "segment of \(contact.email ?? "")")
            }
            let definition = try await store.read { r in try r.fieldDefinition(account: account.id, group: Engagement.group, name: "segment") }
            try expectEqual(definition?.type, .text, "the field group is registered")

            let again = try await Engagement.recompute(account: account, store: store, now: now)
            try expectEqual(again.changed, 0, "nothing moved: nothing is written")

            // The least engaged buyer now buys a lot, today: its segment changes, and that is an event.
            let laggard = byEmail["b9@example.se"]!.id
            let before = scored.first { $0.id == laggard }!.fields[Engagement.group]?["segment"]?.stringValue
            for extra in 0..<12 {
                _ = try await Fixture.upsert(store, account, try purchase(1000 + extra, email: "b9@example.se", daysAgo: 0, total: 5000, now: now))
            }
            let third = try await Engagement.recompute(account: account, store: store, now: now)
            try expect(third.segmentChanges >= 1, "at least the laggard moved")
            let events = try await store.read { r in try r.events(account: account.id, after: 0, limit: 1000) }.filter { $0.type == .contactSegmentChanged }
            try expectEqual(events.count, third.segmentChanges, "one event per change")
            let mine = events.first { $0.data["contact"]?["id"]?.stringValue == laggard }
            try expectEqual(mine?.data["previous_segment"]?.stringValue, before, "the event says where it came from")
            try expect(mine?.data["segment"]?.stringValue != before, "and where it went")
        },
    ]
}
