import Foundation
import HTTPTypes
import KvittoConnectors
import KvittoCore
import KvittoTestSupport
import Testing

/// A signature vector of `conformance/platform-hmac-vectors.json`: the fixture's exact bytes, the secret and
/// the header value the platform would send.
struct PlatformVector {
    let body: [UInt8]
    let secret: String
    let signature: String

    static func first(platform: String, file: String) throws -> PlatformVector {
        let vectors = try SharedFixtures.json("conformance/platform-hmac-vectors.json")["vectors"]?.arrayValue ?? []
        let vector = try #require(vectors.first { $0["platform"]?.stringValue == platform && $0["file"]?.stringValue == file },
                                  "no \(platform) vector for \(file)")
        return PlatformVector(body: try SharedFixtures.bytes(file), secret: try #require(vector["secret"]?.stringValue),
                              signature: try #require(vector["expected"]?.stringValue))
    }
}

extension APIClient {
    /// Polls until `path` answers items satisfying `predicate` (at most ~10 s).
    func waitForItems(_ path: String, key: String, _ predicate: ([JSONValue]) -> Bool) async throws -> [JSONValue] {
        var items: [JSONValue] = []
        for _ in 0..<100 {
            items = try await call(.get, path, key: key).json["items"]?.arrayValue ?? []
            if predicate(items) { return items }
            try await Task.sleep(for: .milliseconds(100))
        }
        return items
    }
}

@Suite("HTTP: connections and platform webhooks", SharedFixtures.required)
struct ConnectionsAPITests {
    static let shopifyOrder = "fixtures/shopify/webhooks/orders_create.2026-07.json"

    /// A Shopify connection whose webhooks are signed with `secret`; answers its id.
    func shopifyConnection(_ api: APIClient, key: String, secret: String) async throws -> String {
        let created = try await api.call(.post, "/v1/connections", key: key, body: """
            {"kind": "shopify", "name": "Shop", "credentials": {"webhook_secret": "\(secret)"}}
            """)
        return try #require(created.json["id"]?.stringValue, "\(created.json)")
    }

    func shopifyHeaders(_ vector: PlatformVector, id: String, topic: String = "orders/create") -> HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[HTTPField.Name("X-Shopify-Hmac-Sha256")!] = vector.signature
        headers[HTTPField.Name("X-Shopify-Webhook-Id")!] = id
        headers[HTTPField.Name("X-Shopify-Topic")!] = topic
        return headers
    }

    @Test func aConnectionKeepsItsCredentialsSecretAndSaysWhatToPasteWhere() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        let (_, otherKey) = try await harness.account()
        try await harness.run { api in
            let missing = try await api.call(.post, "/v1/connections", key: key, body: #"{"kind": "shopify", "name": "Shop"}"#)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.text.contains("/credentials/webhook_secret"))

            let created = try await api.call(.post, "/v1/connections", key: key, body: """
                {"kind": "shopify", "name": "Shop", "credentials": {"webhook_secret": "shpss_s3cret", "access_token": "shpat_t0ken",
                 "shop_domain": "x.myshopify.com"}, "settings": {"import_window_days": 30}, "initial_import": false}
                """)
            #expect(created.status == .created)
            #expect(!created.text.contains("shpss_s3cret") && !created.text.contains("shpat_t0ken"), "credentials are never returned")
            let id = try #require(created.json["id"]?.stringValue)
            #expect(id.hasPrefix("cnx_"))
            #expect(created.json["webhook"]?["url"]?.stringValue?.hasSuffix("/hooks/shopify/\(id)") == true)
            #expect(created.json["webhook"]?["setup"]?.stringValue?.contains("Settings → Notifications → Webhooks") == true)
            #expect(created.json["credentials_set"] == ["access_token", "shop_domain", "webhook_secret"])
            #expect(created.json["settings"]?["import_window_days"] == 30)
            #expect(created.json["settings"]?["status_sync"] == false, "Shopify does not sync statuses (seed 004)")
            #expect(created.json["settings"]?["require_contact_channel"] == false, "Shopify keeps orders with hidden customers")
            #expect(created.json["settings"]?["excluded_states"] == ["cancelled", "fulfilled", "refunded"])

            let patched = try await api.call(.patch, "/v1/connections/\(id)", key: key, body: #"""
                {"settings": {"status_sync": true, "status_mapping": {"open": "in_production"}}, "credentials": {"access_token": "new"}}
                """#)
            #expect(patched.status == .ok)
            #expect(patched.json["settings"]?["status_mapping"]?["open"] == "in_production")
            #expect(patched.json["credentials_set"] == ["access_token", "shop_domain", "webhook_secret"], "a PATCH merges credentials")
            let bad = try await api.call(.patch, "/v1/connections/\(id)", key: key, body: #"{"settings": {"status_mapping": {"open": "lost"}}}"#)
            #expect(bad.status == .unprocessableContent && bad.text.contains("/settings/status_mapping/open"))

            #expect(try await api.call(.get, "/v1/connections/\(id)", key: otherKey).status == .notFound, "another account sees nothing")
            #expect(try await api.call(.get, "/v1/connections", key: key).json["items"]?.arrayValue?.count == 1)

            let woo = try await api.call(.post, "/v1/connections", key: key, body: #"{"kind": "woocommerce", "name": "Woo"}"#)
            let wooSecret = woo.json["secrets"]?["webhook_secret"]?.stringValue
            #expect(wooSecret?.count == 40, "Kvitto makes the WooCommerce secret and shows it once")
            let shown = try await api.call(.get, "/v1/connections/\(woo.json["id"]?.stringValue ?? "")", key: key)
            #expect(shown.json["secrets"] == nil && !shown.text.contains(wooSecret ?? "-"))
            #expect(try await api.call(.delete, "/v1/connections/\(id)", key: key).status == .noContent)
        }
    }

    @Test func aSignedShopifyOrderIsStoredAnsweredMappedAndNotAppliedTwice() async throws {
        let vector = try PlatformVector.first(platform: "shopify", file: Self.shopifyOrder)
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let id = try await shopifyConnection(api, key: key, secret: vector.secret)

            var tampered = vector.body
            tampered[tampered.count / 2] ^= 0x01
            let refused = try await api.post("/hooks/shopify/\(id)", bytes: tampered, headers: shopifyHeaders(vector, id: "d-0"))
            #expect(refused.status == .unauthorized)
            #expect(try await api.call(.get, "/v1/connections/\(id)/inbox", key: key).json["items"]?.arrayValue?.isEmpty == true,
                    "a bad signature stores nothing")

            let first = try await api.post("/hooks/shopify/\(id)", bytes: vector.body, headers: shopifyHeaders(vector, id: "d-1"))
            #expect(first.status == .ok)
            #expect(first.json["stored"]?.arrayValue?.count == 1)
            let again = try await api.post("/hooks/shopify/\(id)", bytes: vector.body, headers: shopifyHeaders(vector, id: "d-1"))
            #expect(again.json["duplicates"] == 1 && again.json["stored"]?.arrayValue?.isEmpty == true, "a repeated delivery is recognised")

            let inbox = try await api.waitForItems("/v1/connections/\(id)/inbox", key: key) { $0.first?["status"] == "applied" }
            #expect(inbox.count == 1)
            #expect(inbox.first?["status"] == "applied")
            #expect(inbox.first?["body"]?.stringValue?.utf8.count == vector.body.count, "the raw delivery is kept as it came")
            let orders = try await api.call(.get, "/v1/orders", key: key).json["items"]?.arrayValue ?? []
            #expect(orders.count == 1)
            let order = try #require(orders.first)
            #expect(order["external_id"] == "820982911946154508", "a 64-bit id stays exact")
            #expect(order["number"] == "#9999")
            #expect(order["source"] == "Shop")
            #expect(order["totals"]?["total"] == "404.95")
            #expect(order["lines"]?.arrayValue?.count == 5)
            #expect(order["status"] == "cancelled" && order["platform_status"] == "cancelled")
            let events = try await api.call(.get, "/v1/events?after=0", key: key).json["items"]?.arrayValue ?? []
            #expect(events.contains { $0["type"] == "order.cancelled" && $0["origin"] == "live" })
        }
    }

    /// Connections are kept for a second between webhooks; a secret changed meanwhile works at once, and the
    /// old one stops working within that second.
    @Test func aChangedWebhookSecretWorksAtOnceAndTheOldOneStopsWithinASecond() async throws {
        let vector = try PlatformVector.first(platform: "shopify", file: Self.shopifyOrder)
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let id = try await shopifyConnection(api, key: key, secret: "old-secret")
            func signed(_ secret: String, delivery: String) -> HTTPFields {
                var headers = shopifyHeaders(vector, id: delivery)
                headers[HTTPField.Name("X-Shopify-Hmac-Sha256")!] = PlatformSignature.base64HMAC(body: vector.body, secret: secret)
                return headers
            }
            #expect(try await api.post("/hooks/shopify/\(id)", bytes: vector.body, headers: signed("old-secret", delivery: "d-1")).status == .ok)
            let patched = try await api.call(.patch, "/v1/connections/\(id)", key: key, body: #"{"credentials": {"webhook_secret": "new-secret"}}"#)
            #expect(patched.status == .ok)
            #expect(try await api.post("/hooks/shopify/\(id)", bytes: vector.body, headers: signed("new-secret", delivery: "d-2")).status == .ok,
                    "the new secret is checked against the stored connection when the cached one does not verify")
            try await Task.sleep(for: .milliseconds(1_100))
            #expect(try await api.post("/hooks/shopify/\(id)", bytes: vector.body, headers: signed("old-secret", delivery: "d-3")).status == .unauthorized,
                    "a second later the old secret is refused")
        }
    }

    @Test func aLockedOrderIgnoresLaterPlatformChangesAndDeliveryDetailsBecomeAComment() async throws {
        let vector = try PlatformVector.first(platform: "shopify", file: Self.shopifyOrder)
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let id = try await shopifyConnection(api, key: key, secret: vector.secret)
            _ = try await api.post("/hooks/shopify/\(id)", bytes: vector.body, headers: shopifyHeaders(vector, id: "l-1"))
            let orderID = try #require(try await api.waitForItems("/v1/orders", key: key) { $0.count == 1 }.first?["id"]?.stringValue)
            let before = try await api.call(.get, "/v1/orders/\(orderID)", key: key).json
            let comments = before["timeline"]?.arrayValue?.filter { $0["kind"] == "comment" } ?? []
            #expect(comments.count == 1, "delivery details (carrier, cost, address) are a timeline comment")
            #expect(try await api.call(.post, "/v1/orders/\(orderID)/lock", key: key).status == .ok)

            // orders/updated with one line's quantity changed, signed as Shopify would.
            var order = try JSONParser.parse(vector.body)
            if case .object(var object) = order, case .array(var lines)? = object["line_items"], case .object(var line) = lines[0] {
                line["quantity"] = 7
                lines[0] = .object(line)
                object["line_items"] = .array(lines)
                order = .object(object)
            }
            let changed = JSONWriter.bytes(order)
            var headers = shopifyHeaders(vector, id: "l-2", topic: "orders/updated")
            headers[HTTPField.Name("X-Shopify-Hmac-Sha256")!] = PlatformSignature.base64HMAC(body: changed, secret: vector.secret)
            #expect(try await api.post("/hooks/shopify/\(id)", bytes: changed, headers: headers).status == .ok)
            _ = try await api.waitForItems("/v1/connections/\(id)/inbox", key: key) { $0.allSatisfy { $0["status"] == "applied" } && $0.count == 2 }
            let after = try await api.call(.get, "/v1/orders/\(orderID)", key: key).json
            #expect(after["lines"] == before["lines"], "a locked order keeps its lines")
            #expect(after["timeline"]?.arrayValue?.contains { $0["kind"] == "ignored_update" } == true, "the timeline says the update was ignored")
        }
    }

    @Test func aRoundedIdCreatesNoConfusionWithTheExactOne() async throws {
        let exact = try PlatformVector.first(platform: "shopify", file: Self.shopifyOrder)
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let id = try await shopifyConnection(api, key: key, secret: exact.secret)
            _ = try await api.post("/hooks/shopify/\(id)", bytes: exact.body, headers: shopifyHeaders(exact, id: "a"))
            // The triggerdev copy went through a JavaScript tool that rounded its ids to a Double.
            let roundedBody = try SharedFixtures.bytes("fixtures/shopify/webhooks/triggerdev_Order.json")
            var headers = shopifyHeaders(exact, id: "b")
            headers[HTTPField.Name("X-Shopify-Hmac-Sha256")!] = PlatformSignature.base64HMAC(body: roundedBody, secret: exact.secret)
            #expect(try await api.post("/hooks/shopify/\(id)", bytes: roundedBody, headers: headers).status == .ok)
            let orders = try await api.waitForItems("/v1/orders", key: key) { $0.count == 2 }
            let ids = Set(orders.compactMap { $0["external_id"]?.stringValue })
            #expect(ids.contains("820982911946154508"), "the exact order is untouched")
            #expect(orders.first { $0["external_id"] == "820982911946154508" }?["number"] == "#9999")
        }
    }

    @Test func wooCommerceSignsItsWireBytesAnswersThePingAndRejectsAnOrderWithoutItems() async throws {
        let file = "fixtures/woocommerce/webhook_order_created.wire_body.json"
        let vector = try PlatformVector.first(platform: "woocommerce", file: file)
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let created = try await api.call(.post, "/v1/connections", key: key, body: """
                {"kind": "woocommerce", "name": "Woo", "credentials": {"webhook_secret": "\(vector.secret)"}}
                """)
            let id = try #require(created.json["id"]?.stringValue)
            var ping = HTTPFields()
            ping[.contentType] = "application/x-www-form-urlencoded"
            let pinged = try await api.post("/hooks/woocommerce/\(id)", bytes: Array("webhook_id=17".utf8), headers: ping)
            #expect(pinged.status == .ok && pinged.json["ping"] == "17")

            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[HTTPField.Name("X-WC-Webhook-Signature")!] = vector.signature
            headers[HTTPField.Name("X-WC-Webhook-Delivery-ID")!] = "w-1"
            headers[HTTPField.Name("X-WC-Webhook-Topic")!] = "order.created"
            #expect(try await api.post("/hooks/woocommerce/\(id)", bytes: vector.body, headers: headers).status == .ok)
            let orders = try await api.waitForItems("/v1/orders", key: key) { $0.count == 1 }
            #expect(orders.first?["external_id"] == "727")

            // The same order without its items, signed with the connection's secret: stored, then refused by the rule.
            let order = try JSONParser.parse(vector.body).editing(["line_items": .array([]), "id": 728])
            let body = JSONWriter.bytes(order)
            headers[HTTPField.Name("X-WC-Webhook-Signature")!] = PlatformSignature.base64HMAC(body: body, secret: vector.secret)
            headers[HTTPField.Name("X-WC-Webhook-Delivery-ID")!] = "w-2"
            #expect(try await api.post("/hooks/woocommerce/\(id)", bytes: body, headers: headers).status == .ok)
            let rejections = try await api.waitForItems("/v1/rejections", key: key) { !$0.isEmpty }
            #expect(rejections.first?["reason"] == "no-lines")
            let inbox = try await api.waitForItems("/v1/connections/\(id)/inbox", key: key) { $0.contains { $0["status"] == "rejected" } }
            #expect(inbox.contains { $0["status"] == "rejected" }, "the raw delivery stays, marked rejected")
        }
    }

    @Test func cartumIsAuthorisedByTheTokenInItsURL() async throws {
        let body = try SharedFixtures.bytes("fixtures/cartum/webhook_order_created.SYNTHETIC.json")
        let currency = try #require(try JSONParser.parse(body)["currency"]?.stringValue)
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: currency, country: "UA")
        try await harness.run { api in
            let created = try await api.call(.post, "/v1/connections", key: key, body: #"{"kind": "cartum", "name": "Cartum"}"#)
            let id = try #require(created.json["id"]?.stringValue)
            let token = try #require(created.json["secrets"]?["webhook_token"]?.stringValue)
            #expect(created.json["webhook"]?["url"]?.stringValue?.hasSuffix("/hooks/cartum/\(id)/\(token)") == true)
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            #expect(try await api.post("/hooks/cartum/\(id)/wrong", bytes: body, headers: headers, method: .put).status == .unauthorized)
            #expect(try await api.post("/hooks/cartum/\(id)/\(token)", bytes: body, headers: headers, method: .put).status == .ok)
            let orders = try await api.waitForItems("/v1/orders", key: key) { $0.count == 1 }
            #expect(orders.count == 1)
        }
    }

    @Test func aFAPINotificationIsCheckedAgainstTheInvoiceItNames() async throws {
        let fake = try await FakePlatform(orders: 20, fixtures: SharedFixtures.directory.appendingPathComponent("fixtures").path)
        defer { fake.stop() }
        let invoiceID = try #require(try await fake.index("fapi").first?["id"]?.numberValue?.text)
        let invoice = try await fake.get("/invoices/\(invoiceID)", basic: ("user@example.com", "fapi_key"))
        let time = "1799000000"
        let security = try #require(PlatformSignature.fapiSecurity(invoice: invoice, time: time))
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "CZK", country: "CZ")
        try await harness.run { api in
            let id = try #require(try await api.call(.post, "/v1/connections", key: key, body: """
                {"kind": "fapi", "name": "FAPI", "credentials": {"user": "user@example.com", "api_key": "fapi_key", "base_url": "\(fake.baseURL)"},
                 "initial_import": false}
                """).json["id"]?.stringValue)
            var form = HTTPFields()
            form[.contentType] = "application/x-www-form-urlencoded"
            let forged = try await api.post("/hooks/fapi/\(id)", bytes: Array("id=\(invoiceID)&time=\(time)&security=\(String(repeating: "0", count: 40))".utf8), headers: form)
            #expect(forged.status == .unauthorized)
            let genuine = try await api.post("/hooks/fapi/\(id)", bytes: Array("id=\(invoiceID)&time=\(time)&security=\(security)".utf8), headers: form)
            #expect(genuine.status == .ok, "\(genuine.text)")
            let orders = try await api.waitForItems("/v1/orders", key: key) { $0.count == 1 }
            #expect(orders.first?["external_id"]?.stringValue == invoiceID, "the invoice is the order")
            #expect(orders.first?["number"] == invoice["number"])
        }
    }

    @Test func sitooEventsNameOrdersThatAreFetchedAndEachEventCountsOnce() async throws {
        let fake = try await FakePlatform(orders: 20, fixtures: SharedFixtures.directory.appendingPathComponent("fixtures").path)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "SEK", country: "SE")
        try await harness.run { api in
            let created = try await api.call(.post, "/v1/connections", key: key, body: """
                {"kind": "sitoo", "name": "Butik", "credentials": {"base_url": "\(fake.baseURL)", "account_id": "90000", "site_id": "1",
                 "api_id": "90000-1", "password": "sitoo_pass"}, "initial_import": false}
                """)
            let id = try #require(created.json["id"]?.stringValue)
            let token = try #require(created.json["secrets"]?["webhook_token"]?.stringValue)
            // The shared events fixture, pointed at two orders the fake POS has.
            var events = try SharedFixtures.json("fixtures/sitoo/events_spi_POST_events.SYNTHETIC.json").arrayValue ?? []
            for (i, orderID) in [100001, 100002].enumerated() where i < events.count {
                if case .object(var event) = events[i], case .object(var data)? = event["data"] {
                    data["order_id"] = .number(JSONNumber(orderID))
                    event["data"] = .object(data)
                    events[i] = .object(event)
                }
            }
            let body = JSONWriter.bytes(.array(events))
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            #expect(try await api.post("/hooks/sitoo/\(id)/events", bytes: body, headers: headers).status == .unauthorized,
                    "no bearer token, nothing stored")
            headers[.authorization] = "Bearer \(token)"
            let first = try await api.post("/hooks/sitoo/\(id)/events", bytes: body, headers: headers)
            #expect(first.status == .ok && first.json["stored"]?.arrayValue?.count == 2, "\(first.text)")
            let again = try await api.post("/hooks/sitoo/\(id)/events", bytes: body, headers: headers)
            #expect(again.json["duplicates"] == 2, "each event id is applied once")
            let orders = try await api.waitForItems("/v1/orders", key: key) { $0.count == 2 }
            #expect(Set(orders.compactMap { $0["external_id"]?.stringValue }) == ["100001", "100002"])
            // Purchases at Sitoo's tills are shop purchases, as the till's own API records them.
            let feed = try await api.call(.get, "/v1/events?after=0", key: key).json["items"]?.arrayValue ?? []
            let orderEvents = feed.filter { $0["type"]?.stringValue?.hasPrefix("order.") == true }
            #expect(!orderEvents.isEmpty && orderEvents.allSatisfy { $0["origin"] == "pos" }, "\(orderEvents.map { $0["origin"] ?? .null })")
            #expect(orders.allSatisfy { $0["fields"]?["Sitoo-Order"]?["purchase_id"] == $0["external_id"] }, "one Sitoo-Order row each")
        }
    }

    /// Shopify's plans hide the customer of some orders (no customer, e-mail or phone in the webhook): the order
    /// is kept without a customer, not refused as WooCommerce's would be.
    @Test func aShopifyOrderWhoseCustomerThePlanHidesIsKeptWithoutACustomer() async throws {
        let vector = try PlatformVector.first(platform: "shopify", file: Self.shopifyOrder)
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let id = try await shopifyConnection(api, key: key, secret: vector.secret)
            let hidden = JSONWriter.bytes(try JSONParser.parse(vector.body).editing([
                "customer": .null, "email": .null, "contact_email": .null, "phone": .null, "billing_address": .null, "shipping_address": .null,
            ]))
            var headers = shopifyHeaders(vector, id: "hidden-1")
            headers[HTTPField.Name("X-Shopify-Hmac-Sha256")!] = PlatformSignature.base64HMAC(body: hidden, secret: vector.secret)
            #expect(try await api.post("/hooks/shopify/\(id)", bytes: hidden, headers: headers).status == .ok)
            let orders = try await api.waitForItems("/v1/orders", key: key) { $0.count == 1 }
            #expect(orders.count == 1, "the order is kept")
            #expect(orders.first?["contact_id"] == .null, "without a customer")
            #expect(try await api.call(.get, "/v1/rejections", key: key).json["items"]?.arrayValue?.isEmpty == true, "and nothing rejected")
            #expect(try await api.call(.get, "/v1/contacts?email=jon@example.com", key: key).json["items"]?.arrayValue?.isEmpty == true)
        }
    }
}
