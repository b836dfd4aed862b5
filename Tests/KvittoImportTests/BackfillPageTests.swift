import Foundation
import KvittoCore
@testable import KvittoImport
import KvittoStorage
import KvittoTestSupport
import Testing

/// One page of a historical import, applied to an in-memory store: what is imported, skipped, rejected,
/// and where the checkpoint goes.
@Suite("Backfill pages", SharedFixtures.required)
struct BackfillPageTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A Shopify connection with the defaults, on an account in the fixture's currency.
    func setUp() async throws -> (MemoryStore, Connection, Account) { try await ShopifyTestShop.make(now: now) }

    /// The published sample order (cancelled, created 2022-01-01) with another id, status and date.
    func order(id: Int, cancelled: Bool, created: String) throws -> JSONValue {
        try SharedFixtures.json("fixtures/shopify/webhooks/orders_create.2026-07.json").editing([
            "id": .number(JSONNumber(id)), "cancelled_at": cancelled ? "2026-01-02T00:00:00Z" : .null,
            "created_at": .string(created), "fulfillment_status": .null,
        ])
    }

    func apply(_ page: ImportPage, allStates: Bool, store: MemoryStore, connection: Connection, account: Account) async throws -> Backfill {
        let job = Backfill(id: "job_1", accountID: account.id, connectionID: connection.id,
                           since: Timestamp.parse("2025-01-01T00:00:00Z")!, until: Timestamp.parse("2026-06-01T00:00:00Z")!,
                           allStates: allStates, fireTriggers: false, createdAt: now)
        let mapping = Connections.statusMapping(of: connection)
        return try await store.write { w in
            try w.insertBackfill(job)
            return try BackfillRunner.apply(page, to: job, connection: connection, account: account, mapping: mapping,
                                            topic: "orders/create", in: w, now: now)
        }
    }

    @Test func finishedAndOutOfWindowOrdersAreSkippedAndAnUnmappableOneIsRejected() async throws {
        let (store, connection, account) = try await setUp()
        let page = ImportPage(items: [
            (try order(id: 1, cancelled: false, created: "2026-03-01T10:00:00Z"), .null),
            (try order(id: 2, cancelled: true, created: "2026-03-02T10:00:00Z"), .null),   // finished
            (try order(id: 3, cancelled: false, created: "2024-03-02T10:00:00Z"), .null),  // before `since`
            (["id": 4], .null),                                                          // no currency, no total
        ], next: ["url": "http://127.0.0.1:1/next"], total: nil)
        let job = try await apply(page, allStates: false, store: store, connection: connection, account: account)
        #expect(job.imported == 1 && job.skipped == 2 && job.rejected == 1)
        #expect(job.pages == 1 && job.status == .running)
        #expect(job.checkpoint["url"] == "http://127.0.0.1:1/next", "the checkpoint moves with the page")
        let rejections = try await store.read { r in try r.rejections(account: account.id, page: PageRequest()) }
        #expect(rejections.map(\.reason) == ["unmappable"])
        let orders = try await store.read { r in try r.orders(account: account.id, contactID: nil, page: PageRequest()) }
        #expect(orders.map(\.externalID) == ["1"])
        #expect(try await store.read { r in try r.events(account: account.id, after: 0, limit: 10) }.allSatisfy { $0.origin == .backfill })
    }

    @Test func allStatesImportsFinishedOrdersAndTheLastPageCompletesTheJob() async throws {
        let (store, connection, account) = try await setUp()
        let page = ImportPage(items: [(try order(id: 2, cancelled: true, created: "2026-03-02T10:00:00Z"), .null)], next: nil, total: 1)
        let job = try await apply(page, allStates: true, store: store, connection: connection, account: account)
        #expect(job.imported == 1 && job.skipped == 0)
        #expect(job.status == .completed && job.finishedAt == now)
        let stored = try await store.read { r in try r.backfill(account: account.id, id: "job_1") }
        #expect(stored == job, "the page's result is stored with it")
    }
}

@Suite("Shopify pagination headers")
struct ShopifyPaginationTests {
    @Test func theNextCursorIsTakenFromTheLinkHeader() {
        let header = #"<https://shop.example/admin/api/2026-07/orders.json?limit=250&page_info=abc>; rel="previous", "#
            + #"<https://shop.example/admin/api/2026-07/orders.json?limit=250&page_info=def>; rel="next""#
        #expect(ShopifyImportClient.nextLink(header) == "https://shop.example/admin/api/2026-07/orders.json?limit=250&page_info=def")
        #expect(ShopifyImportClient.nextLink(#"<https://x/orders.json?page_info=abc>; rel="previous""#) == nil, "the last page")
    }

    @Test func theCallLimitHeaderSaysHowFullTheBucketIs() {
        #expect(ShopifyImportClient.bucketUse("32/40") == 0.8)
        #expect(ShopifyImportClient.bucketUse("40") == nil)
    }
}

@Suite("Connection input")
struct ConnectionInputTests {
    @Test func everyBadSettingIsReportedWithItsPointer() {
        let json: JSONValue = ["kind": "shopify", "name": "", "settings": ["status_mapping": ["open": "lost"], "import_window_days": 0, "nope": true]]
        #expect(throws: KvittoError.self) { try ConnectionInput.read(json) }
        do {
            _ = try ConnectionInput.read(json)
        } catch {
            #expect(Set(error.fieldErrors.map(\.pointer)) == ["/name", "/settings/status_mapping/open", "/settings/import_window_days", "/settings/nope"])
        }
    }

    @Test func platformsStartWithTheirUsualBehaviour() {
        #expect(Connections.defaults(for: .shopify).requireContactChannel == false)
        #expect(Connections.defaults(for: .shopify).settings.statusSync == false)
        #expect(Connections.defaults(for: .woocommerce).requireContactChannel == true)
        #expect(Connections.defaults(for: .woocommerce).settings.excludedStates == ["cancelled", "completed", "failed", "refunded", "trash"])
        #expect(Connections.defaults(for: .cartum).settings.excludedStates == ["3"])
    }
}
