import Foundation
import HTTPTypes
import KvittoConnectors
import KvittoCore
import KvittoTestSupport
import Testing

/// Connection rules over signed WooCommerce webhooks: a bad signature stores nothing, status sync off keeps
/// the order's status, and the connection's own product key decides which lines are one product.
@Suite("HTTP: connection rules over webhooks", SharedFixtures.required)
struct ConnectionRulesAPITests {
    static let file = "fixtures/woocommerce/webhook_order_created.wire_body.json"

    /// The fixture order with members replaced, signed with `secret`, as WooCommerce sends it.
    static func delivery(_ changes: [String: JSONValue], secret: String, id: String, topic: String = "order.updated") throws -> ([UInt8], HTTPFields) {
        let body = JSONWriter.bytes(try JSONParser.parse(try SharedFixtures.bytes(file)).editing(changes))
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("X-WC-Webhook-Signature")!] = PlatformSignature.base64HMAC(body: body, secret: secret)
        headers[HTTPField.Name("X-WC-Webhook-Delivery-ID")!] = id
        headers[HTTPField.Name("X-WC-Webhook-Topic")!] = topic
        return (body, headers)
    }

    static func connect(_ api: APIClient, key: String, settings: String) async throws -> String {
        let created = try await api.call(.post, "/v1/connections", key: key, body: """
            {"kind": "woocommerce", "name": "Woo", "credentials": {"webhook_secret": "s3cret"}, "settings": \(settings)}
            """)
        return try #require(created.json["id"]?.stringValue, "\(created.text)")
    }

    /// A WooCommerce connection to `fake`'s REST API with `consumer` as its key, and the fixture order sent to
    /// it as a signed `order.created` webhook.
    static func wooOrderFromAShop(_ api: APIClient, key: String, fake: FakePlatform, consumer: (key: String, secret: String),
                                  deliveryID: String) async throws {
        let created = try await api.call(.post, "/v1/connections", key: key, body: """
            {"kind": "woocommerce", "name": "Woo", "credentials": {"webhook_secret": "s3cret", "site_url": "\(fake.baseURL)",
             "consumer_key": "\(consumer.key)", "consumer_secret": "\(consumer.secret)"}, "initial_import": false}
            """)
        let id = try #require(created.json["id"]?.stringValue, "\(created.text)")
        let (body, headers) = try delivery([:], secret: "s3cret", id: deliveryID, topic: "order.created")
        #expect(try await api.post("/hooks/woocommerce/\(id)", bytes: body, headers: headers).status == .ok)
    }

    /// A webhook order's lines are filed under the category path the historical import would choose: the
    /// shop's REST API (here the fake WooCommerce) is asked for each product's categories and the tree.
    @Test func aWebhookOrderGetsTheCategoryPathAnImportWouldGive() async throws {
        let fake = try await FakePlatform(orders: 1, fixtures: SharedFixtures.directory.appendingPathComponent("fixtures").path)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            try await Self.wooOrderFromAShop(api, key: key, fake: fake, consumer: ("ck_fake_key", "cs_fake_secret"), deliveryID: "cat-1")
            let orderID = try #require(try await api.waitForItems("/v1/orders", key: key) { $0.count == 1 }.first?["id"]?.stringValue)
            let order = try await api.call(.get, "/v1/orders/\(orderID)", key: key).json

            // The fixture's lines are products 93 and 22, which the fake files under categories 11 and 13, and 9
            // and 10 (WOO_PRODUCTS in scripts/testing/fake-platform.py); its tree is the shared fixture's.
            let tree = try WooCommerceCategoryTree(json: try SharedFixtures.json("fixtures/woocommerce/rest_v3_product_categories_list.json"))
            let expected = [tree.chosenPath(for: ["11", "13"]), tree.chosenPath(for: ["9", "10"])]
            #expect(expected.allSatisfy { !$0.isEmpty })
            let products = try await api.call(.get, "/v1/products", key: key).json["items"]?.arrayValue ?? []
            let categories = try await api.call(.get, "/v1/categories", key: key).json["items"]?.arrayValue ?? []
            func path(of categoryID: String?) -> [String] {
                guard let category = categories.first(where: { $0["id"]?.stringValue == categoryID }) else { return [] }
                return path(of: category["parent_id"]?.stringValue) + [category["name"]?.stringValue ?? ""]
            }
            let paths = (order["lines"]?.arrayValue ?? []).map { line in
                path(of: products.first { $0["id"] == line["product_id"] }?["category_id"]?.stringValue)
            }
            #expect(paths == expected, "each line under the path the import chooses: \(paths)")
        }
    }

    /// A shop whose REST API refuses Kvitto (here a wrong consumer key) holds no order back: it is applied
    /// without categories.
    @Test func aWebhookOrderIsAppliedWithoutCategoriesWhenTheShopRefusesTheirLookUp() async throws {
        let fake = try await FakePlatform(orders: 1, fixtures: SharedFixtures.directory.appendingPathComponent("fixtures").path)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            try await Self.wooOrderFromAShop(api, key: key, fake: fake, consumer: ("ck_wrong", "cs_wrong"), deliveryID: "nocat-1")
            var orders: [JSONValue] = []
            for _ in 0..<300 where orders.isEmpty {
                try await Task.sleep(for: .milliseconds(100))
                orders = try await api.call(.get, "/v1/orders", key: key).json["items"]?.arrayValue ?? []
            }
            #expect(orders.count == 1, "the order arrived")
            let products = try await api.call(.get, "/v1/products", key: key).json["items"]?.arrayValue ?? []
            #expect(products.count == 2 && products.allSatisfy { $0["category_id"] == .null }, "without categories: \(products)")
        }
    }

    @Test func aBadSignatureIsRefusedAndStoresNothing() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let id = try await Self.connect(api, key: key, settings: "{}")
            var (body, headers) = try Self.delivery([:], secret: "not-the-secret", id: "bad-1", topic: "order.created")
            #expect(try await api.post("/hooks/woocommerce/\(id)", bytes: body, headers: headers).status == .unauthorized)
            headers[HTTPField.Name("X-WC-Webhook-Signature")!] = nil
            body = Array(#"{"id": 1}"#.utf8)
            #expect(try await api.post("/hooks/woocommerce/\(id)", bytes: body, headers: headers).status == .unauthorized, "an unsigned order too")
            #expect(try await api.call(.get, "/v1/connections/\(id)/inbox", key: key).json["items"]?.arrayValue?.isEmpty == true, "nothing stored")
            #expect(try await api.call(.get, "/v1/orders", key: key).json["items"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func withStatusSyncOffThePlatformsLaterStatusIsNotApplied() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let id = try await Self.connect(api, key: key, settings: #"{"status_sync": false}"#)
            let (created, createdHeaders) = try Self.delivery([:], secret: "s3cret", id: "s-1", topic: "order.created")
            #expect(try await api.post("/hooks/woocommerce/\(id)", bytes: created, headers: createdHeaders).status == .ok)
            let orderID = try #require(try await api.waitForItems("/v1/orders", key: key) { $0.count == 1 }.first?["id"]?.stringValue)
            let before = try await api.call(.get, "/v1/orders/\(orderID)", key: key).json["status"]
            let (completed, completedHeaders) = try Self.delivery(["status": "completed"], secret: "s3cret", id: "s-2")
            #expect(try await api.post("/hooks/woocommerce/\(id)", bytes: completed, headers: completedHeaders).status == .ok)
            _ = try await api.waitForItems("/v1/connections/\(id)/inbox", key: key) { $0.count == 2 && $0.allSatisfy { $0["status"] != "pending" } }
            #expect(try await api.call(.get, "/v1/orders/\(orderID)", key: key).json["status"] == before, "status sync off: the status stays")

            _ = try await api.call(.patch, "/v1/connections/\(id)", key: key, body: #"{"settings": {"status_sync": true}}"#)
            // Other bytes than the refused update's (the same bytes again would be recognised as a repeat).
            let (again, againHeaders) = try Self.delivery(["status": "completed", "customer_note": "sync on"], secret: "s3cret", id: "s-3")
            #expect(try await api.post("/hooks/woocommerce/\(id)", bytes: again, headers: againHeaders).status == .ok)
            let inbox = try await api.waitForItems("/v1/connections/\(id)/inbox", key: key) { $0.count == 3 && $0.allSatisfy { $0["status"] != "pending" } }
            let after = try await api.call(.get, "/v1/orders/\(orderID)", key: key).json
            #expect(after["status"] == "shipped" && after["status"] != before,
                    "on: WooCommerce's completed moves the order (to shipped, its mapping): \(after["status"] ?? .null) \(inbox.map { $0["outcome"] ?? .null })")
        }
    }

    @Test(arguments: [("name", 1), ("sku", 2)])
    func theConnectionsProductKeyDecidesWhichLinesAreOneProduct(key productKey: String, products: Int) async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let id = try await Self.connect(api, key: key, settings: #"{"product_key": "\#(productKey)"}"#)
            let fixture = try JSONParser.parse(try SharedFixtures.bytes(Self.file))
            // Two orders whose one line has the same name under two SKUs.
            for (number, sku) in [(9001, "MUG-A"), (9002, "MUG-B")] {
                var line = fixture["line_items"]?.arrayValue?[1] ?? [:]
                line = line.editing(["sku": .string(sku), "product_id": .number(JSONNumber(number))])
                let (body, headers) = try Self.delivery(["id": .number(JSONNumber(number)), "line_items": [line]], secret: "s3cret", id: "p-\(number)",
                                                        topic: "order.created")
                #expect(try await api.post("/hooks/woocommerce/\(id)", bytes: body, headers: headers).status == .ok)
            }
            _ = try await api.waitForItems("/v1/orders", key: key) { $0.count == 2 }
            let found = try await api.call(.get, "/v1/products?limit=10", key: key).json["items"]?.arrayValue ?? []
            #expect(found.count == products, "by \(productKey): \(found.compactMap { $0["sku"]?.stringValue })")
        }
    }

    /// Raw webhooks are kept 14 days, then purged (the clock is moved on); the orders they made stay.
    @Test func rawWebhooksArePurgedAfterFourteenDaysAndTheirOrdersStay() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        let clock = ManualClock()
        try await harness.run(clock: clock) { api in
            let id = try await Self.connect(api, key: key, settings: "{}")
            let (body, headers) = try Self.delivery([:], secret: "s3cret", id: "keep-1", topic: "order.created")
            #expect(try await api.post("/hooks/woocommerce/\(id)", bytes: body, headers: headers).status == .ok)
            _ = try await api.waitForItems("/v1/connections/\(id)/inbox", key: key) { $0.count == 1 && $0.first?["status"] == "applied" }
            clock.advance(by: 13 * 24 * 3600)
            try await Task.sleep(for: .seconds(3))  // the processor looks every two seconds; an hour has passed for it
            #expect(try await api.call(.get, "/v1/connections/\(id)/inbox", key: key).json["items"]?.arrayValue?.count == 1, "kept 13 days on")
            clock.advance(by: 2 * 24 * 3600)
            var left = 1
            for _ in 0..<100 where left > 0 {
                try await Task.sleep(for: .milliseconds(100))
                left = try await api.call(.get, "/v1/connections/\(id)/inbox", key: key).json["items"]?.arrayValue?.count ?? -1
            }
            #expect(left == 0, "purged after 14 days")
            #expect(try await api.call(.get, "/v1/orders", key: key).json["items"]?.arrayValue?.count == 1, "the order it made stays")
        }
    }
}
