import Foundation
import KvittoCore
import KvittoStorage

extension StoreConformance {
    static let personalDataCases: [ConformanceCase] = [
        ConformanceCase("erasingAPersonRedactsTheirCopiesInEventsRejectionsInboxAndDeliveriesAndNoOneElses") { store in
            let account = try await Fixture.account(store)
            _ = try await trigger(store, account, types: [.orderReceived])
            // `_` in the address: a LIKE that took it as a wildcard would find the other person too.
            let erased = try await Fixture.upsert(store, account, try Fixture.specOrder(
                externalID: "E1",
                customer: #"{"email": "Ingrid_U@Example.se", "phone": "070-123 45 67", "first_name": "Ylva", "last_name": "Unikadottir", "address": {"line1": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm", "country": "SE"}}"#,
                shipping: #"{"carrier": "PostNord", "cost": "49.00", "address": {"name": "Ylva Unikadottir", "line1": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm", "country": "SE"}}"#))
            let kept = try await Fixture.upsert(store, account, try Fixture.specOrder(
                externalID: "K1",
                customer: #"{"email": "ingridxu@example.se", "phone": "070-999 88 77", "first_name": "Karin", "last_name": "Kvar"}"#,
                shipping: #"{"carrier": "PostNord", "cost": "49.00", "address": {"name": "Karin Kvar", "line1": "Lillgatan 9", "postal_code": "222 33", "city": "Lund", "country": "SE"}}"#))
            let contacts = try await store.read { r in
                try [erased.order.contactID, kept.order.contactID].map { id in try id.flatMap { try r.contact(account: account.id, id: $0) } }
            }
            let person = try expectSome(contacts[0], "the first order's contact")
            let other = try expectSome(contacts[1], "the second order's contact")
            let now = Date()
            let event = try expectSome(try await store.read { r in try r.events(account: account.id, after: 0, limit: 100) }.first, "an event")
            try await store.write { w in
                try w.insertRejection(Rejection(id: KvittoID.make(.rejection, at: now), accountID: account.id, at: now, reason: "currency",
                                                detail: "EUR", source: "webshop", externalID: "E2",
                                                payload: ["customer": ["email": "INGRID_U@EXAMPLE.SE", "first_name": "Ylva"]]))
                try w.insertRejection(Rejection(id: KvittoID.make(.rejection, at: now), accountID: account.id, at: now, reason: "currency",
                                                detail: "EUR", source: "webshop", externalID: "K2",
                                                payload: ["customer": ["email": "ingridxu@example.se"]]))
                _ = try w.insertInboxItem(InboxItem(id: KvittoID.make(.inbox, at: now), accountID: account.id, connectionID: "cnx_1",
                                                    deliveryKey: "d1", topic: "orders/create", receivedAt: now, headers: [:],
                                                    body: #"{"email":"ingrid_u@example.se","phone":"+46701234567","name":"Ylva Unikadottir"}"#))
                // One applied before the erasure: it stays applied (what became of it is kept beside its document).
                var applied = InboxItem(id: KvittoID.make(.inbox, at: now), accountID: account.id, connectionID: "cnx_1",
                                        deliveryKey: "d2", topic: "orders/create", receivedAt: now, headers: [:],
                                        body: #"{"email":"ingrid_u@example.se","name":"Ylva Unikadottir"}"#)
                _ = try w.insertInboxItem(applied)
                applied.status = .applied
                applied.outcome = "order ord_e1 created"
                try w.updateInboxItem(applied)
                try w.insertDelivery(Delivery.message(id: KvittoID.make(.delivery, at: now), accountID: account.id, channel: .email,
                                                      automationID: "aut_1", runID: "run_1", templateID: "tpl_1", contactID: person.id,
                                                      recipient: "ingrid_u@example.se", event: event, createdAt: now))
            }
            let postbacks = try await store.read { r in try r.deliveries(account: account.id, filter: DeliveryFilter(), page: PageRequest()) }
                .filter { $0.channel == .postback }
            try expectEqual(postbacks.count, 2, "a postback for each order")
            for postback in postbacks {
                try await store.write { w in try w.insertAttempt(DeliveryAttempt(deliveryID: postback.id, number: 1, at: now, statusCode: 200,
                                                                                  latencyMilliseconds: 5, responseHeaders: [:],
                                                                                  responseExcerpt: "received order \(postback.eventID)", error: nil)) }
            }
            let before = try await store.read { r in try r.events(account: account.id, after: 0, limit: 1000) }
            let export = try await store.read { r in try Contacts.export(id: person.id, account: account.id, in: r) }
            try expect(export?.records.rejections.map(\.externalID) == ["E2"], "the export lists the person's rejection, not the other's")
            try expect(export?.records.inboxItems.count == 2 && export?.records.deliveries.count == 2,
                       "the webhooks, the message and the postback of the person's order")
            try expectEqual(export?.records.inboxItems.first { $0.deliveryKey == "d2" }?.outcome, "order ord_e1 created",
                            "each webhook with what became of it")

            try await store.write { w in try Contacts.erase(id: person.id, account: account, origin: .api, in: w, now: now) }
            // What the API does next (SQLite: an emptied write-ahead log; PostgreSQL: VACUUM in the background).
            try await store.reclaimErasedSpace()

            let texts = ["ingrid_u@example.se", "+46701234567", "070-123 45 67", "ylva", "unikadottir", "storgatan 1"]
            func leaks(_ json: JSONValue) -> [String] {
                let text = JSONWriter.string(json).lowercased()
                return texts.filter { text.contains($0) }
            }
            let events = try await store.read { r in try r.events(account: account.id, after: 0, limit: 1000) }
            try expectEqual(events.map(\.sequence), Array(1...Int64(events.count)), "the feed keeps every event, gap-free")
            try expectEqual(Array(events.prefix(before.count).map(\.id)), before.map(\.id), "the same events, in place")
            for event in events { try expect(leaks(event.json).isEmpty, "event \(event.type.rawValue) still holds \(leaks(event.json))") }
            let erasedOrderEvent = try expectSome(events.first { $0.data["order"]?["id"]?.stringValue == erased.order.id }, "the order's event")
            try expectEqual(erasedOrderEvent.data["contact"], ["id": .string(person.id), "erased": true], "the snapshot names only the id")
            let keptOrderEvent = try expectSome(events.first { $0.data["order"]?["id"]?.stringValue == kept.order.id }, "the other order's event")
            try expectEqual(keptOrderEvent.data["contact"]?["email"]?.stringValue, other.email, "the other person's event is untouched")
            try expectEqual(keptOrderEvent.data["order"]?["shipping"]?["address"]?["line1"]?.stringValue, "Lillgatan 9", "with their address")

            let rejections = try await store.read { r in try r.rejections(account: account.id, page: PageRequest()) }
            try expectEqual(rejections.count, 2, "both refusals stay in the log")
            for rejection in rejections { try expect(leaks(rejection.json).isEmpty, "rejection \(rejection.externalID ?? "") still holds \(leaks(rejection.json))") }
            try expectEqual(rejections.first { $0.externalID == "E2" }?.reason, "currency", "why it was refused stays")
            try expectEqual(rejections.first { $0.externalID == "K2" }?.payload["customer"]?["email"]?.stringValue, "ingridxu@example.se",
                            "the other person's refusal is untouched")

            let inbox = try await store.read { r in try r.inbox(account: account.id, connectionID: "cnx_1", page: PageRequest()) }
            try expectEqual(Dictionary(uniqueKeysWithValues: inbox.map { ($0.deliveryKey, $0.status) }), ["d1": .ignored, "d2": .applied],
                            "a webhook not yet applied is not applied after the erasure; one applied stays applied")
            try expectEqual(inbox.first { $0.deliveryKey == "d2" }?.outcome, "order ord_e1 created", "with its outcome")
            try expect(inbox.allSatisfy { leaks($0.json).isEmpty }, "the webhook body is gone")

            let deliveries = try await store.read { r in try r.deliveries(account: account.id, filter: DeliveryFilter(), page: PageRequest()) }
            try expectEqual(deliveries.count, 3, "every delivery stays in the log")
            for delivery in deliveries { try expect(leaks(delivery.json).isEmpty, "delivery \(delivery.id) still holds \(leaks(delivery.json))") }
            let message = try expectSome(deliveries.first { $0.channel == .email }, "the message")
            try expect(message.recipient == nil && message.status == .failed, "the message will not go: \(message.json)")
            for postback in postbacks {
                let excerpts = try await store.read { r in try r.attempts(deliveryID: postback.id) }.map(\.responseExcerpt)
                let theirs = postback.eventID == erasedOrderEvent.id
                try expectEqual(excerpts.map { $0 == nil }, [theirs], "the receiver's answer goes for the person's event only")
            }
            let left = try await store.read { r in try r.personalRecords(account: account.id, contactIDs: [person.id],
                                                                                       mentioning: TextNeedles(["ingrid_u@example.se", "+46701234567"])) }
            try expect(left.rejections.isEmpty && left.inboxItems.isEmpty, "no refusal or webhook mentions the person any more")
            try expect(left.events.allSatisfy { leaks($0.json).isEmpty }, "their events (found by id) hold nothing of them")
        },
        // A bulk delete erases a page of contacts in one transaction, searching the rejection log once with
        // every one's e-mail and phone (more texts than one person has: the backends' many-needle search).
        ConformanceCase("erasingManyPeopleTogetherRedactsEachOnesRecordsAndNoOneElses") { store in
            let account = try await Fixture.account(store)
            let people = ["Ada_1", "bo.2", "Cy-3", "Di+4"]
            var orders: [OrderUpsert] = []
            for (n, name) in (people + ["Kept_5"]).enumerated() {
                orders.append(try await Fixture.upsert(store, account, try Fixture.specOrder(
                    externalID: "O\(n)", customer: #"{"email": "\#(name)@Example.se", "phone": "070-555 00 0\#(n)", "first_name": "\#(name)"}"#)))
            }
            let now = Date()
            try await store.write { w in
                for (n, name) in (people + ["Kept_5"]).enumerated() {
                    try w.insertRejection(Rejection(id: KvittoID.make(.rejection, at: now), accountID: account.id, at: now, reason: "currency",
                                                    detail: "EUR", source: "webshop", externalID: "R\(n)",
                                                    payload: ["customer": ["email": .string(name.uppercased() + "@EXAMPLE.SE")]]))
                }
                // Only a phone, spelled as given.
                try w.insertRejection(Rejection(id: KvittoID.make(.rejection, at: now), accountID: account.id, at: now, reason: "currency",
                                                detail: "EUR", source: "webshop", externalID: "P2",
                                                payload: ["customer": ["phone": "call 070-555 00 02 after six"]]))
            }
            let erased = try orders.prefix(people.count).map { try expectSome($0.order.contactID, "a contact") }
            try await store.write { w in try Contacts.erase(ids: erased, account: account, origin: .api, in: w, now: now) }

            let rejections = try await store.read { r in try r.rejections(account: account.id, page: PageRequest()) }
            let payloads = Dictionary(uniqueKeysWithValues: rejections.map { ($0.externalID ?? "", $0.payload) })
            for n in 0..<people.count { try expectEqual(payloads["R\(n)"], ["erased": true], "\(people[n])'s refusal is erased") }
            try expectEqual(payloads["P2"], ["erased": true], "the refusal naming only a phone of theirs too")
            try expectEqual(payloads["R4"]?["customer"]?["email"]?.stringValue, "KEPT_5@EXAMPLE.SE", "the kept person's refusal is untouched")
            let contacts = try await store.read { r in try r.contacts(account: account.id, page: PageRequest()) }
            try expectEqual(contacts.map(\.firstName), ["Kept_5"], "the four are gone, the fifth stays")
            let events = try await store.read { r in try r.events(account: account.id, after: 0, limit: 1000) }
            for event in events where event.type == .orderReceived {
                let kept = event.data["order"]?["id"]?.stringValue == orders[4].order.id
                try expectEqual(event.data["contact"]?["erased"] == nil, kept, "order \(event.data["order"]?["external_id"] ?? .null): erased unless kept")
            }
            try expectEqual(events.filter { $0.type == .contactErased }.count, people.count, "one contact.erased each")
        },
    ]
}
