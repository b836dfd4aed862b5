import Foundation
import KvittoCore
import KvittoStorage

extension StoreConformance {
    static let writeBackCases: [ConformanceCase] = [
        // Seed 004: a status Kvitto sets is written to WooCommerce as a delivery of the status change's own
        // transaction, Completed only once the order is locked; the platform reporting back what was written
        // changes nothing.
        ConformanceCase("aStatusSetInKvittoIsQueuedForThePlatformAndCompletedWaitsForTheLock") { store in
            let account = try await Fixture.account(store)
            let now = Date()
            var settings = ConnectionSettings()
            settings.statusWriteBack = true
            let connection = Connection(id: KvittoID.make(.connection, at: now), accountID: account.id, kind: .woocommerce, name: "Woo",
                                        requireContactChannel: false, settings: settings, createdAt: now)
            var input = try Fixture.specOrder(externalID: "727")
            input.source = "Woo"
            input.status = .received
            input.platformStatus = "processing"
            let received = input
            let created = try await store.write { w in
                try w.insertConnection(connection)
                return try Orders.upsert(received, connection: connection, account: account, origin: .live, in: w, now: now)
            }
            let orderID = created.order.id
            @Sendable func writes() async throws -> [Delivery] {
                try await store.read { r in try r.deliveries(account: account.id, filter: DeliveryFilter(triggerID: connection.id), page: PageRequest()) }
            }
            try expectEqual(try await writes().count, 0, "an order the platform sent is not written back")

            _ = try await store.write { w in try Orders.setStatus(.inProduction, orderID: orderID, account: account, origin: .api, in: w, now: Date()) }
            let first = try await writes()
            try expectEqual(first.map(\.channel), [.platform], "the status change queued one write-back")
            try expectEqual(first.first?.orderID, orderID, "for the order")
            try expectEqual(first.first?.connectionID, connection.id, "to its connection")
            // Locking an order whose status was written already writes nothing more (checked on a second order).
            var other = input
            other.externalID = "728"
            let second = other
            let otherID = try await store.write { w in
                let order = try Orders.upsert(second, connection: connection, account: account, origin: .live, in: w, now: Date()).order
                _ = try Orders.setStatus(.cancelled, orderID: order.id, account: account, origin: .api, in: w, now: Date())
                _ = try Orders.lock(orderID: order.id, account: account, in: w, now: Date())
                return order.id
            }
            try expectEqual(try await writes().filter { $0.orderID == otherID }.count, 1, "its cancellation, once")
            let claimed = try await store.writeDeliveryState { w in
                try w.deliveriesToSend(w.claimDeliveries(now: Date().addingTimeInterval(1), limit: 10, leaseUntil: Date().addingTimeInterval(60),
                                                         token: "t"))
            }
            try expectEqual(Set(claimed.map(\.delivery.orderID)), [orderID, otherID], "the worker claims them with the orders they write")

            _ = try await store.write { w in try Orders.setStatus(.delivered, orderID: orderID, account: account, origin: .api, in: w, now: Date()) }
            try expectEqual(try await writes().count, 2, "Completed is not written while the order is unlocked")
            let timeline = try await store.read { r in try r.timeline(account: account.id, subjectID: orderID, limit: 100) }
            try expect(timeline.contains { $0.kind == .notice && $0.text.contains("once the order is locked") },
                       "the timeline says why the write waits: \(timeline.map(\.text))")

            _ = try await store.write { w in try Orders.lock(orderID: orderID, account: account, in: w, now: Date()) }
            try expectEqual(try await writes().count, 3, "locking the order queues the waiting write")

            // WooCommerce then reports the Completed it was told; its own mapping would make that `shipped`.
            var echo = input
            echo.status = .shipped
            echo.platformStatus = "completed"
            let completed = echo
            let echoed = try await store.write { w in try Orders.upsert(completed, connection: connection, account: account, origin: .live, in: w, now: Date()) }
            try expectEqual(echoed.order.status, .delivered, "the order keeps its status")
            try expectEqual(echoed.outcome, .unchanged, "and the echo is no ignored update either")
            try expectEqual(try await writes().count, 3, "nothing is written back for it")
        },
    ]
}
