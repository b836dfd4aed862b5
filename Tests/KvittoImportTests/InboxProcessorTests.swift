import Foundation
import KvittoCore
@testable import KvittoImport
import KvittoStorage
import KvittoTestSupport
import Logging
import Testing

/// Stored webhook deliveries applied together in one transaction.
@Suite("Webhook deliveries applied together", SharedFixtures.required)
struct InboxProcessorTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A group is applied first without a savepoint per order; an order refused by a rule sends the group
    /// round again, each delivery on its own, so that the refusal is recorded and the others are applied.
    @Test func anOrderRefusedAmongOthersIsRecordedAsRejectedAndTheOthersAreApplied() async throws {
        let (store, connection, account) = try await ShopifyTestShop.make(now: now)
        let sample = try SharedFixtures.json("fixtures/shopify/webhooks/orders_create.2026-07.json")
        let bodies = try [
            sample.editing(["id": 1001]),
            sample.editing(["id": 1002, "line_items": .array([])]),
            sample.editing(["id": 1003]),
        ]
        let items = bodies.enumerated().map { n, body in
            InboxItem(id: KvittoID.make(.inbox, at: now.addingTimeInterval(Double(n))), accountID: account.id, connectionID: connection.id,
                      deliveryKey: "d\(n)", topic: "orders/create", receivedAt: now.addingTimeInterval(Double(n)), headers: [:],
                      body: JSONWriter.string(body))
        }
        try await store.write { w in for item in items { _ = try w.insertInboxItem(item) } }

        let processor = InboxProcessor(store: store, logger: Logger(label: "test"))
        let failed = await processor.process(items)
        #expect(failed.isEmpty, "nothing failed: a refusal is an outcome")

        let (orders, rejections, stored) = try await store.read { r in
            (try r.orders(account: account.id, contactID: nil, page: PageRequest(limit: 10)),
             try r.rejections(account: account.id, page: PageRequest(limit: 10)),
             try r.inboxStatuses(account: account.id, ids: items.map(\.id)))
        }
        #expect(Set(orders.map(\.externalID)) == ["1001", "1003"], "the two orders with lines are applied")
        #expect(rejections.map(\.reason) == ["no-lines"], "the order without lines is in the rejection log")
        #expect(stored == [items[0].id: .applied, items[1].id: .rejected, items[2].id: .applied], "each delivery says what became of it")
    }
}
