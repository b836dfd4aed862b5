import Foundation
import HTTPTypes
import KvittoConnectors
import KvittoCore
import KvittoTestSupport
import Testing

/// Status write-back over HTTP: statuses set through the API reach the fake WooCommerce and Cartum APIs as
/// deliveries (retried, logged, replayable), WooCommerce's Completed waits for the lock, the platform's own
/// report of a written status changes nothing, and platforms that are not written to refuse the setting.
@Suite("HTTP: status write-back", SharedFixtures.required)
struct StatusWriteBackAPITests {
    static var fixtures: String { SharedFixtures.directory.appendingPathComponent("fixtures").path }

    /// A WooCommerce connection to `fake`'s API (settings as given) and its order 727 from the fixture webhook.
    static func wooOrder(_ api: APIClient, key: String, fake: FakePlatform, settings: String = "{}") async throws -> (connection: String, order: String) {
        let created = try await api.call(.post, "/v1/connections", key: key, body: """
            {"kind": "woocommerce", "name": "Woo", "credentials": {"webhook_secret": "s3cret", "site_url": "\(fake.baseURL)",
             "consumer_key": "ck_fake_key", "consumer_secret": "cs_fake_secret"}, "initial_import": false, "settings": \(settings)}
            """)
        let connection = try #require(created.json["id"]?.stringValue, "\(created.text)")
        try await wooWebhook(api, connection: connection, status: "processing", id: "created", topic: "order.created")
        let order = try #require(try await api.waitForItems("/v1/orders", key: key) { $0.count == 1 }.first?["id"]?.stringValue)
        return (connection, order)
    }

    static func wooWebhook(_ api: APIClient, connection: String, status: String, id: String, topic: String = "order.updated") async throws {
        let (body, headers) = try ConnectionRulesAPITests.delivery(["status": .string(status)], secret: "s3cret", id: id, topic: topic)
        #expect(try await api.post("/hooks/woocommerce/\(connection)", bytes: body, headers: headers).status == .ok)
    }

    static func setStatus(_ api: APIClient, key: String, order: String, _ status: String) async throws {
        let answer = try await api.call(.post, "/v1/orders/\(order)/status", key: key, body: #"{"status": "\#(status)"}"#)
        #expect(answer.status == .ok, "\(answer.text)")
    }

    static func writes(_ fake: FakePlatform) async throws -> [String] {
        try await fake.writes().map { "\($0["platform"]?.stringValue ?? "") \($0["order_id"]?.stringValue ?? "") \($0["status"].map { JSONWriter.string($0) } ?? "")" }
    }

    /// The connection's write-backs in the delivery log, oldest first.
    static func writeBacks(_ api: APIClient, key: String, connection: String) async throws -> [JSONValue] {
        (try await api.call(.get, "/v1/deliveries?connection_id=\(connection)", key: key).json["items"]?.arrayValue ?? []).reversed()
    }

    @Test func aStatusSetInKvittoReachesWooCommerceAndCompletedWaitsForTheLock() async throws {
        let fake = try await FakePlatform(orders: 1, fixtures: Self.fixtures)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let (connection, order) = try await Self.wooOrder(api, key: key, fake: fake)
            let shown = try await api.call(.get, "/v1/connections/\(connection)", key: key).json["settings"]
            #expect(shown?["status_write_back"] == true, "on by default for WooCommerce")
            #expect(shown?["status_write_mapping"]?["delivered"]?.stringValue == "completed")

            try await Self.setStatus(api, key: key, order: order, "in_production")
            #expect(try await eventually { try await Self.writes(fake) == [#"woocommerce 727 "processing""#] }, "in production is written as processing")
            let first = try #require(try await Self.writeBacks(api, key: key, connection: connection).first)
            #expect(first["channel"] == "platform" && first["order_id"]?.stringValue == order && first["status"] == "succeeded", "\(first)")
            let attempt = first["attempts"]?.arrayValue?.first
            #expect(attempt?["platform_status"] == "processing" && attempt?["status_code"] == 200, "\(first)")

            // WooCommerce reports the processing it was told; its own mapping would make that `received`.
            try await Self.wooWebhook(api, connection: connection, status: "processing", id: "echo-1")
            #expect(try await eventually {
                try await api.call(.get, "/v1/orders/\(order)", key: key).json["platform_status"] == "processing"
            }, "the webhook was applied")
            #expect(try await api.call(.get, "/v1/orders/\(order)", key: key).json["status"] == "in_production", "the echo changes nothing")

            try await Self.setStatus(api, key: key, order: order, "delivered")
            let waiting = try await api.call(.get, "/v1/orders/\(order)", key: key).json["timeline"]?.arrayValue ?? []
            #expect(waiting.contains { $0["kind"] == "notice" && ($0["text"]?.stringValue ?? "").contains("once the order is locked") },
                    "the timeline says why Completed waits: \(waiting)")
            #expect(try await Self.writeBacks(api, key: key, connection: connection).count == 1, "nothing queued before the lock")

            #expect(try await api.call(.post, "/v1/orders/\(order)/lock", key: key).status == .ok)
            #expect(try await eventually { try await Self.writes(fake).count == 2 }, "the lock lets Completed go")
            #expect(try await Self.writes(fake) == [#"woocommerce 727 "processing""#, #"woocommerce 727 "completed""#])

            // The shop then says completed: the order is locked and keeps delivered, and nothing more is written.
            try await Self.wooWebhook(api, connection: connection, status: "completed", id: "echo-2")
            try await Task.sleep(for: .seconds(1))
            let after = try await api.call(.get, "/v1/orders/\(order)", key: key).json
            #expect(after["status"] == "delivered")
            #expect(!(after["timeline"]?.arrayValue ?? []).contains { $0["kind"] == "ignored_update" }, "an echo is not an ignored update")
            #expect(try await Self.writeBacks(api, key: key, connection: connection).count == 2)
            #expect(try await Self.writes(fake).count == 2)
        }
    }

    @Test func aWriteTheShopAnswersWithA503IsRetriedAndCanBeReplayed() async throws {
        let fake = try await FakePlatform(orders: 1, fixtures: Self.fixtures)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        let clock = ManualClock()
        try await harness.run(clock: clock) { api in
            let (connection, order) = try await Self.wooOrder(api, key: key, fake: fake)
            try await fake.failNextWrites(with: [503])
            try await Self.setStatus(api, key: key, order: order, "cancelled")
            // The first retry is due five seconds after the 503, which a loaded machine may reach on its own.
            #expect(try await eventually {
                try await Self.writeBacks(api, key: key, connection: connection).first?["attempts"]?.arrayValue?.first?["status_code"] == 503
            }, "the first attempt met the 503")

            #expect(try await advancing(clock, by: 30) { try await Self.writes(fake) == [#"woocommerce 727 "cancelled""#] },
                    "the retry writes it")
            #expect(try await eventually { try await Self.writeBacks(api, key: key, connection: connection).first?["status"] == "succeeded" })
            let delivered = try #require(try await Self.writeBacks(api, key: key, connection: connection).first)
            #expect((delivered["attempts"]?.arrayValue ?? []).compactMap { $0["status_code"]?.numberValue?.int64 } == [503, 200])

            let id = try #require(delivered["id"]?.stringValue)
            #expect(try await api.call(.post, "/v1/deliveries/\(id)/replay", key: key).status == .accepted)
            #expect(try await eventually { try await Self.writes(fake).count == 2 }, "a replay writes the status again")
        }
    }

    @Test func cartumStatusesGoBothWaysWithoutEchoing() async throws {
        let fake = try await FakePlatform(orders: 1, fixtures: Self.fixtures)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "UAH", country: "UA")
        let fixture = try JSONParser.parse(try SharedFixtures.bytes("fixtures/cartum/webhook_order_created.SYNTHETIC.json"))
        try await harness.run { api in
            let created = try await api.call(.post, "/v1/connections", key: key, body: """
                {"kind": "cartum", "name": "Horoshop", "credentials": {"site_url": "\(fake.baseURL)", "login": "api", "password": "secret"},
                 "initial_import": false}
                """)
            let connection = try #require(created.json["id"]?.stringValue, "\(created.text)")
            let token = try #require(created.json["secrets"]?["webhook_token"]?.stringValue)
            let headers: HTTPFields = [.contentType: "application/json"]
            @Sendable func webhook(status: Int) async throws {
                let body = JSONWriter.bytes(fixture.editing(["stat_status": .number(JSONNumber(status))]))
                #expect(try await api.post("/hooks/cartum/\(connection)/\(token)", bytes: body, headers: headers, method: .put).status == .ok)
            }
            try await webhook(status: 1)
            let order = try #require(try await api.waitForItems("/v1/orders", key: key) { $0.count == 1 }.first?["id"]?.stringValue)
            @Sendable func status() async throws -> JSONValue? { try await api.call(.get, "/v1/orders/\(order)", key: key).json["status"] }

            try await Self.setStatus(api, key: key, order: order, "in_transit")
            #expect(try await eventually { try await Self.writes(fake) == ["cartum 1001 6"] }, "in transit is Shipping, 6")

            // Cartum reports its Shipping (which alone maps to shipped): the order stays in transit.
            try await webhook(status: 6)
            #expect(try await eventually { try await api.call(.get, "/v1/orders/\(order)", key: key).json["platform_status"] == "6" })
            #expect(try await status() == "in_transit")

            // A status the shop sets itself comes in and is not written back.
            try await webhook(status: 3)
            #expect(try await eventually { try await status() == "delivered" }, "Delivered from Cartum is applied")
            try await Task.sleep(for: .seconds(1))
            #expect(try await Self.writes(fake) == ["cartum 1001 6"], "and not written back")
            #expect(try await Self.writeBacks(api, key: key, connection: connection).count == 1)
        }
    }

    @Test func writeBackIsASettingAndShopifyCannotBeWrittenTo() async throws {
        let fake = try await FakePlatform(orders: 1, fixtures: Self.fixtures)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let shopify = try await api.call(.post, "/v1/connections", key: key, body: """
                {"kind": "shopify", "name": "Shop", "credentials": {"webhook_secret": "x"}, "initial_import": false}
                """)
            let shopifyID = try #require(shopify.json["id"]?.stringValue, "\(shopify.text)")
            #expect(shopify.json["settings"]?["status_write_back"] == false)
            let refused = try await api.call(.patch, "/v1/connections/\(shopifyID)", key: key, body: #"{"settings": {"status_write_back": true}}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("/settings/status_write_back"), "\(refused.text)")

            // The merchant's own mapping (a shipping extension's status) and the switch.
            let (connection, order) = try await Self.wooOrder(api, key: key, fake: fake, settings: #"{"status_write_mapping": {"shipped": "on-hold"}}"#)
            try await Self.setStatus(api, key: key, order: order, "shipped")
            #expect(try await eventually { try await Self.writes(fake) == [#"woocommerce 727 "on-hold""#] }, "a mapped status is written")
            let off = try await api.call(.patch, "/v1/connections/\(connection)", key: key, body: #"{"settings": {"status_write_back": false}}"#)
            #expect(off.json["settings"]?["status_write_back"] == false, "\(off.text)")
            try await Self.setStatus(api, key: key, order: order, "cancelled")
            #expect(try await Self.writeBacks(api, key: key, connection: connection).count == 1, "switched off, nothing more is queued")
            let badKey = try await api.call(.patch, "/v1/connections/\(connection)", key: key,
                                            body: #"{"settings": {"status_write_mapping": {"sent": "completed"}}}"#)
            #expect(badKey.status == .unprocessableContent && badKey.text.contains("/settings/status_write_mapping/sent"), "\(badKey.text)")
        }
    }
}
