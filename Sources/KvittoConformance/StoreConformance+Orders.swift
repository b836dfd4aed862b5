import Foundation
import KvittoCore
import KvittoStorage

extension StoreConformance {
    static let orderCases: [ConformanceCase] = [
        ConformanceCase("theSameOrderSentTwiceIsOneOrder") { store in
            let account = try await Fixture.account(store)
            let first = try await Fixture.upsert(store, account, try Fixture.specOrder())
            let second = try await Fixture.upsert(store, account, try Fixture.specOrder())
            try expectEqual(first.outcome, .created, "first is created")
            try expectEqual(second.outcome, .unchanged, "second changes nothing")
            try expectEqual(second.order.id, first.order.id, "same order")
            let (orders, events) = try await store.read { r in
                (try r.orders(account: account.id, contactID: nil, page: PageRequest()), try r.events(account: account.id, after: 0, limit: 100))
            }
            try expectEqual(orders.count, 1, "one order stored")
            try expectEqual(events.filter { $0.type == .orderReceived }.count, 1, "one order.received event")
            let order = orders[0]
            try expectEqual(order.lines.first?.lineTotal.description, "598.00", "line total is exact")
            try expectEqual(order.totals.total.description, "647.00", "totals are kept")
            try expect(order.contactID != nil, "the customer became a contact")
        },
        ConformanceCase("aPreloadedBatchFindsWhatExistsAndSeesItsOwnWrites") { store in
            let account = try await Fixture.account(store)
            @Sendable func customer(_ email: String) -> String { #"{"email": "\#(email)", "first_name": "B"}"# }
            let existing = try await Fixture.upsert(store, account, try Fixture.specOrder(externalID: "X", customer: customer("e@example.se")))
            let known = try await Fixture.contact(store, account, email: "known@example.se")
            let batch = try [Fixture.specOrder(externalID: "X", quantity: 3, customer: customer("e@example.se")),
                             Fixture.specOrder(externalID: "Y", customer: customer("known@example.se")),
                             Fixture.specOrder(externalID: "Z", customer: customer("f@example.se")),
                             Fixture.specOrder(externalID: "W", customer: customer("f@example.se"))]
            let (results, movedID) = try await store.write { w -> ([OrderUpsert], String) in
                try Orders.preload(batch + [try Fixture.specOrder(externalID: "V", customer: customer("f@example.se"))], account: account, in: w)
                let results = try batch.map { input in try w.savepoint { try Orders.upsert(input, account: account, origin: .api, in: w, now: Date()) } }
                // f@ moves to another address in the same transaction: the next order with f@ is a new contact.
                var moved = try w.contact(account: account.id, id: results[2].order.contactID!)!
                moved.email = "g@example.se"
                moved.emailKey = "g@example.se"
                try w.updateContact(moved)
                let after = try w.savepoint { try Orders.upsert(try Fixture.specOrder(externalID: "V", customer: customer("f@example.se")),
                                                                account: account, origin: .api, in: w, now: Date()) }
                return (results + [after], moved.id)
            }
            try expectEqual(results.map(\.outcome), [.updated, .created, .created, .created, .created], "X existed; the rest are new")
            try expectEqual(results[0].order.id, existing.order.id, "the preloaded order is the one stored before")
            try expectEqual(results[1].order.contactID, known.contact.id, "a preloaded contact is matched")
            try expectEqual(results[3].order.contactID, results[2].order.contactID, "a contact created in the batch is found by the next order")
            try expect(results[4].order.contactID != movedID, "an address moved away in the transaction no longer matches its old owner")
            let contacts = try await store.read { r in try r.contacts(account: account.id, page: PageRequest()) }
            try expectEqual(Set(contacts.compactMap(\.email)), ["e@example.se", "known@example.se", "g@example.se", "f@example.se"],
                            "one contact per address, none twice")
        },
        ConformanceCase("preparedSingleWritesGroupedTogetherFindWhatExistsAndCreateTheRestOnce") { store in
            let account = try await Fixture.account(store)
            let other = try await Fixture.account(store)
            @Sendable func order(_ id: String, _ email: String, quantity: Int = 2) throws -> OrderInput {
                try Fixture.specOrder(externalID: id, quantity: quantity, customer: #"{"email": "\#(email)", "first_name": "B"}"#)
            }
            let existing = try await Fixture.upsert(store, account, try order("old", "known@example.se"))
            // Sixty single-order writes at once, so that they share transactions: every fifth repeats the
            // stored order, the rest are new orders of ten customers, and half go to another account.
            let results = try await withThrowingTaskGroup(of: (Int, OrderUpsert).self) { group in
                for i in 0..<60 {
                    group.addTask {
                        let target = i % 2 == 0 ? account : other
                        let input = i % 5 == 0 ? try order("old", "known@example.se", quantity: 3) : try order("n\(i)", "c\(i % 10)@example.se")
                        let result = try await store.write(preparing: WritePreparation(account: target, orders: [input])) { w in
                            try Orders.upsert(input, account: target, origin: .api, in: w, now: Date())
                        }
                        return (i, result)
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            let again = results.filter { $0.key % 5 == 0 && $0.key % 2 == 0 }.map(\.value)
            try expect(again.allSatisfy { $0.order.id == existing.order.id }, "the stored order is found, not created again")
            let (orders, contacts, otherOrders) = try await store.read { r in
                (try r.orders(account: account.id, contactID: nil, page: PageRequest(limit: 100)),
                 try r.contacts(account: account.id, page: PageRequest(limit: 100)),
                 try r.orders(account: other.id, contactID: nil, page: PageRequest(limit: 100)))
            }
            try expectEqual(orders.count, 1 + 24, "the stored order and 24 new ones in the first account")
            try expectEqual(otherOrders.count, 1 + 24, "one 'old' order and 24 new ones in the other account")
            try expectEqual(contacts.count, Set(contacts.compactMap(\.email)).count, "one contact per address, none twice")
            try expectEqual(contacts.count, 1 + 4, "known@ and the four customers of the even new orders (c2, c4, c6, c8)")
        },
        ConformanceCase("ordersBreakingARuleAreRejectedAndStoreNothing") { store in
            let account = try await Fixture.account(store)
            let foreign = try await expectError("EUR order") { try await Fixture.upsert(store, account, try Fixture.order(
                #"{"external_id": "1", "currency": "EUR", "customer": {"email": "a@b.se"}, "lines": [{"sku": "X", "quantity": 1, "unit_price": "1.00"}]}"#)) }
            try expectEqual(foreign.reason, "currency-mismatch", "foreign currency")
            let noLines = try await expectError("no lines") { try await Fixture.upsert(store, account, try Fixture.order(
                #"{"external_id": "2", "currency": "SEK", "customer": {"email": "a@b.se"}, "lines": []}"#)) }
            try expectEqual(noLines.reason, "no-lines", "no lines")
            let noCustomer = try await expectError("no customer") { try await Fixture.upsert(store, account, try Fixture.order(
                #"{"external_id": "3", "currency": "SEK", "lines": [{"sku": "X", "quantity": 1, "unit_price": "1.00"}]}"#)) }
            try expectEqual(noCustomer.reason, "no-customer", "no customer")
            let noChannel = try await expectError("no contact channel") { try await Fixture.upsert(store, account, try Fixture.order(
                #"{"external_id": "4", "currency": "SEK", "customer": {"first_name": "Anna", "phone": "12"}, "lines": [{"sku": "X", "quantity": 1, "unit_price": "1.00"}]}"#)) }
            try expectEqual(noChannel.reason, "no-contact-channel", "no contact channel")
            let (orders, products, events) = try await store.read { r in
                (try r.orders(account: account.id, contactID: nil, page: PageRequest()), try r.products(account: account.id, page: PageRequest()),
                 try r.events(account: account.id, after: 0, limit: 10))
            }
            try expect(orders.isEmpty && products.isEmpty && events.isEmpty, "a rejected order leaves nothing behind")
            try await store.write { w in
                try Orders.recordRejection(noLines, payload: ["external_id": "2"], source: "webshop", externalID: "2", account: account.id, in: w, now: Date())
            }
            let rejections = try await store.read { r in try r.rejections(account: account.id, page: PageRequest()) }
            try expectEqual(rejections.map(\.reason), ["no-lines"], "the rejection log keeps the refused order")
        },
        ConformanceCase("linesAreMatchedToProductsByKeyAndMissingCategoriesAreCreated") { store in
            let account = try await Fixture.account(store)
            _ = try await Fixture.upsert(store, account, try Fixture.specOrder(externalID: "1"))
            _ = try await Fixture.upsert(store, account, try Fixture.specOrder(externalID: "2"))
            let (products, categories) = try await store.read { r in
                (try r.products(account: account.id, page: PageRequest()), try r.categories(account: account.id))
            }
            try expectEqual(products.count, 1, "the same SKU is one product")
            try expectEqual(products[0].unit, "piece", "unit is piece")
            try expectEqual(products[0].code, "p-1", "the platform product id is the code")
            try expectEqual(categories.map(\.name).sorted(), ["Clothing", "Hoodies"], "the category path was created once")
            let hoodies = categories.first { $0.name == "Hoodies" }!
            try expectEqual(hoodies.parentID, categories.first { $0.name == "Clothing" }!.id, "categories form a tree")
            try expectEqual(products[0].categoryID, hoodies.id, "the product sits in the deepest category")
        },
        ConformanceCase("aQuantityChangeUpdatesTheLinesAndEmitsOrderUpdated") { store in
            let account = try await Fixture.account(store)
            _ = try await Fixture.upsert(store, account, try Fixture.specOrder(quantity: 2))
            let updated = try await Fixture.upsert(store, account, try Fixture.specOrder(quantity: 3))
            try expectEqual(updated.outcome, .updated, "quantity change updates")
            try expectEqual(updated.order.lines[0].quantity, Money(3), "new quantity stored")
            let events = try await store.read { r in try r.events(account: account.id, after: 0, limit: 100) }
            try expect(events.contains { $0.type == .orderUpdated }, "order.updated was emitted")
        },
        ConformanceCase("aLockedOrderIgnoresChangesAndSaysSoOnItsTimeline") { store in
            let account = try await Fixture.account(store)
            let created = try await Fixture.upsert(store, account, try Fixture.specOrder(quantity: 2))
            _ = try await store.write { w in try Orders.lock(orderID: created.order.id, account: account, in: w, now: Date()) }
            let result = try await Fixture.upsert(store, account, try Fixture.specOrder(quantity: 5))
            try expectEqual(result.outcome, .ignoredLocked, "the change is ignored")
            let (order, timeline) = try await store.read { r in
                (try r.order(account: account.id, id: created.order.id), try r.timeline(account: account.id, subjectID: created.order.id, limit: 20))
            }
            try expectEqual(order?.lines[0].quantity, Money(2), "the stored quantity is unchanged")
            try expect(timeline.contains { $0.kind == .ignoredUpdate }, "an ignored-update entry was written")
            let status = try await store.write { w in try Orders.setStatus(.cancelled, orderID: created.order.id, account: account, origin: .api, in: w, now: Date()) }
            try expectEqual(status.outcome, .ignoredLocked, "a status change to a locked order is ignored too")
        },
        ConformanceCase("deliveryDetailsBecomeACommentAndAChangeAddsAnother") { store in
            let account = try await Fixture.account(store)
            let created = try await Fixture.upsert(store, account, try Fixture.specOrder())
            _ = try await Fixture.upsert(store, account, try Fixture.specOrder())
            var comments = try await store.read { r in try r.timeline(account: account.id, subjectID: created.order.id, limit: 50).filter { $0.kind == .comment } }
            try expectEqual(comments.count, 1, "unchanged details add no comment")
            try expect(comments[0].text.contains("PostNord") && comments[0].text.contains("49.00"), "the comment names carrier and cost")
            _ = try await Fixture.upsert(store, account, try Fixture.specOrder(shipping: #"{"carrier": "DHL", "cost": "59.00"}"#))
            comments = try await store.read { r in try r.timeline(account: account.id, subjectID: created.order.id, limit: 50).filter { $0.kind == .comment } }
            try expectEqual(comments.count, 2, "a new carrier adds a comment")
            try expect(comments[0].text.contains("DHL"), "the newest comment names the new carrier")
        },
        ConformanceCase("statusChangesAppendEventsCarryingTheirOrigin") { store in
            let account = try await Fixture.account(store)
            let created = try await Fixture.upsert(store, account, try Fixture.specOrder(), origin: .live)
            _ = try await store.write { w in try Orders.setStatus(.shipped, orderID: created.order.id, account: account, origin: .pos, in: w, now: Date()) }
            let events = try await store.read { r in try r.events(account: account.id, after: 0, limit: 100) }
            let shipped = events.first { $0.type == .orderShipped }
            try expect(shipped != nil, "order.shipped was emitted")
            try expectEqual(shipped?.origin, .pos, "the event carries its origin")
            try expectEqual(shipped?.data["order"]?["status"], .string("shipped"), "the event holds the order as it is after the change")
            try expectEqual(shipped?.data["contact"]?["email"], .string("Anna@Example.se"), "and its contact")
            try expectEqual(events.first { $0.type == .orderReceived }?.origin, .live, "the first event's origin is kept")
        },
        ConformanceCase("sixtyFourBitPlatformIdsSurviveExactly") { store in
            let account = try await Fixture.account(store)
            let input = try Fixture.order(#"{"external_id": 820982911946154508, "currency": "SEK", "customer": {"email": "a@b.se"}, "lines": [{"external_id": 632910392, "sku": "X", "quantity": 1, "unit_price": 199.9}]}"#)
            let created = try await Fixture.upsert(store, account, input)
            let order = try await store.read { r in try r.order(account: account.id, id: created.order.id) }
            try expectEqual(order?.externalID, "820982911946154508", "the id keeps every digit")
            try expectEqual(order?.lines[0].unitPrice.description, "199.90", "a numeric price is an exact decimal")
        },
        ConformanceCase("ordersAreListedBySourceStatusAndDateNewestFirstAndPaged") { store in
            let account = try await Fixture.account(store)
            func order(_ source: String, _ id: String, _ status: String, _ placed: String, email: String = "anna@example.se") throws -> OrderInput {
                try Fixture.order("""
                    {"source": "\(source)", "external_id": "\(id)", "created_at": "\(placed)", "status": "\(status)", "currency": "SEK",
                     "customer": {"email": "\(email)"}, "lines": [{"sku": "A", "name": "A", "quantity": 1, "unit_price": "10.00"}]}
                    """)
            }
            let web1 = try await Fixture.upsert(store, account, try order("webshop", "w1", "received", "2026-11-01T10:00:00Z")).order
            let pos1 = try await Fixture.upsert(store, account, try order("till", "p1", "delivered", "2026-11-02T10:00:00Z")).order
            let web2 = try await Fixture.upsert(store, account, try order("webshop", "w2", "shipped", "2026-11-03T10:00:00Z", email: "erik@example.se")).order
            let web3 = try await Fixture.upsert(store, account, try order("webshop", "w3", "shipped", "2026-11-04T10:00:00Z")).order
            func ids(_ filter: OrderFilter, limit: Int = 50, cursor: String? = nil) async throws -> [String] {
                try await store.read { r in try r.orders(account: account.id, filter: filter, page: PageRequest(limit: limit, cursor: cursor)) }.map(\.id)
            }
            try expectEqual(try await ids(OrderFilter()), [web3.id, web2.id, pos1.id, web1.id], "no filter: every order, newest first")
            try expectEqual(try await ids(OrderFilter(connectionID: web1.connectionID)), [web3.id, web2.id, web1.id], "by source")
            try expectEqual(try await ids(OrderFilter(status: .shipped)), [web3.id, web2.id], "by status")
            try expectEqual(try await ids(OrderFilter(connectionID: pos1.connectionID, status: .shipped)), [], "both must hold")
            let day = { (text: String) in Timestamp.parse(text)! }
            try expectEqual(try await ids(OrderFilter(placedFrom: day("2026-11-02T00:00:00Z"), placedBefore: day("2026-11-04T00:00:00Z"))),
                            [web2.id, pos1.id], "placed from (inclusive) before (exclusive)")
            try expectEqual(try await ids(OrderFilter(placedFrom: day("2026-11-04T10:00:00Z"))), [web3.id], "the bound itself is inside")
            try expectEqual(try await ids(OrderFilter(contactID: web1.contactID, status: .shipped)), [web3.id], "by contact and status")
            let first = try await ids(OrderFilter(connectionID: web1.connectionID), limit: 2)
            try expectEqual(first, [web3.id, web2.id], "a page of two")
            try expectEqual(try await ids(OrderFilter(connectionID: web1.connectionID), limit: 2, cursor: first.last), [web1.id],
                            "the next page goes on under the filter")
        },
    ]
}
