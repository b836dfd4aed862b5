import Foundation
import KvittoConnectors
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
        let bodies = [
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

    /// Deliveries are parsed and mapped before their transaction; the transaction uses that mapping only
    /// while the connection is exactly the one it was made for, and maps again where it changed meanwhile.
    @Test func aMappingMadeAheadIsUsedOnlyForTheConnectionItWasMadeFor() async throws {
        let (store, connection, account) = try await ShopifyTestShop.make(now: now)
        let sample = try SharedFixtures.json("fixtures/shopify/webhooks/orders_create.2026-07.json")
        let items = [sample.editing(["id": 2001]), sample.editing(["id": 2002])].enumerated().map { n, body in
            InboxItem(id: KvittoID.make(.inbox, at: now.addingTimeInterval(Double(n))), accountID: account.id, connectionID: connection.id,
                      deliveryKey: "m\(n)", topic: "orders/create", receivedAt: now.addingTimeInterval(Double(n)), headers: [:],
                      body: JSONWriter.string(body))
        }
        try await store.write { w in for item in items { _ = try w.insertInboxItem(item) } }
        let processor = InboxProcessor(store: store, logger: Logger(label: "test"))

        // The connection unchanged: what was mapped ahead is applied as it was mapped (marked here to tell).
        let ahead = try Self.marked(await processor.mappedAhead([items[0]], now: now), items[0], as: "ahead-2001")
        #expect(await processor.process([items[0]], mappedAhead: ahead).isEmpty)

        // Renamed after the mapping: the transaction maps again, with the connection as it is now.
        let stale = try Self.marked(await processor.mappedAhead([items[1]], now: now), items[1], as: "stale-2002")
        var renamed = connection
        renamed.name = "Renamed shop"
        let changed = renamed
        try await store.write { w in try w.updateConnection(changed) }
        #expect(await processor.process([items[1]], mappedAhead: stale).isEmpty)

        let orders = try await store.read { r in try r.orders(account: account.id, contactID: nil, page: PageRequest(limit: 10)) }
        #expect(Set(orders.map(\.externalID)) == ["ahead-2001", "2002"])
    }

    /// `ahead` with the order mapped for `item` given another external id, to tell where it was mapped.
    static func marked(_ ahead: InboxProcessor.MappedAhead, _ item: InboxItem, as externalID: String) throws -> InboxProcessor.MappedAhead {
        var ahead = ahead
        guard case .order(var order)? = ahead.mapped[item.id]?.change else { throw MappingMissing() }
        order.input.externalID = externalID
        ahead.mapped[item.id]?.change = PlatformChange.order(order)
        return ahead
    }

    struct MappingMissing: Error {}
}
