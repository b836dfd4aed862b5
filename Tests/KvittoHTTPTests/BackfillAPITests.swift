import Foundation
import HTTPTypes
import KvittoCore
import KvittoTestSupport
import Testing

extension APIClient {
    /// Starts a backfill and polls it until it is no longer running (at most ~60 s).
    func backfill(connection: String, key: String, body: String) async throws -> JSONValue {
        let started = try await call(.post, "/v1/connections/\(connection)/backfills", key: key, body: body)
        #expect(started.status == .accepted, "backfill not started: \(started.text)")
        let id = try #require(started.json["id"]?.stringValue)
        var job = started.json
        for _ in 0..<600 where job["status"] == "running" {
            try await Task.sleep(for: .milliseconds(100))
            job = try await call(.get, "/v1/backfills/\(id)", key: key).json
        }
        return job
    }

    /// Every order of the account (following the cursor).
    func allOrders(key: String) async throws -> [JSONValue] {
        var orders: [JSONValue] = []
        var cursor: String?
        repeat {
            let page = try await call(.get, "/v1/orders?limit=500" + (cursor.map { "&cursor=\($0)" } ?? ""), key: key).json
            orders += page["items"]?.arrayValue ?? []
            cursor = page["next_cursor"]?.stringValue
        } while cursor != nil
        return orders
    }
}

@Suite("HTTP: historical imports from fake platforms", SharedFixtures.required)
struct BackfillAPITests {
    static var fixtures: String { SharedFixtures.directory.appendingPathComponent("fixtures").path }
    static let everything = #"{"all_states": true, "since": "2000-01-01T00:00:00Z"}"#

    func connect(_ api: APIClient, key: String, kind: String, credentials: String) async throws -> String {
        let created = try await api.call(.post, "/v1/connections", key: key, body: """
            {"kind": "\(kind)", "name": "\(kind) shop", "credentials": \(credentials), "initial_import": false}
            """)
        #expect(created.status == .created, "\(created.text)")
        return try #require(created.json["id"]?.stringValue)
    }

    @Test func shopifyImportsEveryPageThroughA429A500AndADroppedConnectionAndNothingTwice() async throws {
        let fake = try await FakePlatform(orders: 600, faults: "429@2,500@3,drop@4", fixtures: Self.fixtures)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let id = try await connect(api, key: key, kind: "shopify", credentials: """
                {"webhook_secret": "s", "access_token": "shpat_fake_token", "base_url": "\(fake.baseURL)"}
                """)
            // A trigger that a historical import must not fire.
            _ = try await api.call(.post, "/v1/triggers", key: key, body: #"{"name": "t", "event_types": ["order.received", "order.cancelled", "order.shipped", "order.returned"], "url": "http://127.0.0.1:9/x"}"#)
            let job = try await api.backfill(connection: id, key: key, body: Self.everything)
            #expect(job["status"] == "completed", "\(job)")
            #expect(job["progress"]?["imported"] == 600)
            #expect(job["progress"]?["pages"] == 3, "250 a page")
            let stats = try await fake.stats()
            #expect(stats["faults"]?["fired"]?.arrayValue?.count == 3, "the 429, the 500 and the drop happened: \(stats["faults"] ?? .null)")
            #expect(stats["duplicate_page_requests"] == 0, "no page was fetched twice after it was served")

            let orders = try await api.allOrders(key: key)
            #expect(orders.count == 600)
            let index = try await fake.index("shopify")
            #expect(Set(orders.compactMap { $0["external_id"]?.stringValue }) == Set(index.compactMap { $0["id"]?.numberValue?.text }),
                    "every 64-bit id arrives exactly")
            let events = try await api.call(.get, "/v1/events?after=0&limit=5", key: key).json["items"]?.arrayValue ?? []
            #expect(!events.isEmpty && events.allSatisfy { $0["origin"] == "backfill" })
            #expect(try await api.call(.get, "/v1/deliveries", key: key).json["items"]?.arrayValue?.isEmpty == true,
                    "a historical import fires no trigger unless asked")

            let again = try await api.backfill(connection: id, key: key, body: Self.everything)
            #expect(again["status"] == "completed")
            #expect(try await api.allOrders(key: key).count == 600, "run twice, nothing is imported twice")
        }
    }

    @Test func shopifyDefaultsToSixtyDaysWithoutFinishedOrders() async throws {
        let fake = try await FakePlatform(orders: 300, fixtures: Self.fixtures)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let id = try await connect(api, key: key, kind: "shopify", credentials: """
                {"webhook_secret": "s", "access_token": "shpat_fake_token", "base_url": "\(fake.baseURL)"}
                """)
            let job = try await api.backfill(connection: id, key: key, body: "{}")
            #expect(job["status"] == "completed")
            // The rule of seed 004, computed from the fake's own index: created in the last 60 days, and not
            // fulfilled, cancelled or refunded.
            let windowStart = Date().addingTimeInterval(-60 * 86400)
            let expected = try await fake.index("shopify").filter { order in
                guard let created = order["created_at"]?.stringValue.flatMap(Timestamp.parse), created >= windowStart else { return false }
                let finished = order["cancelled"] == true || order["financial_status"] == "refunded" || order["fulfillment_status"] == "fulfilled"
                return !finished
            }
            let orders = try await api.allOrders(key: key)
            #expect(orders.count == expected.count)
            #expect(Set(orders.compactMap { $0["external_id"]?.stringValue }) == Set(expected.compactMap { $0["id"]?.numberValue?.text }))
            #expect(job["progress"]?["skipped"]?.numberValue?.int64 ?? 0 > 0, "finished orders were left out")
        }
    }

    /// Connecting starts the import of the recent orders at once (seed 004: "immediately after connecting"),
    /// visible on the connection; `initial_import: false` and a connection that cannot import start none.
    @Test func aNewConnectionImportsItsRecentOrdersAtOnceUnlessAskedNotTo() async throws {
        let fake = try await FakePlatform(orders: 90, fixtures: Self.fixtures)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let created = try await api.call(.post, "/v1/connections", key: key, body: """
                {"kind": "shopify", "name": "Shop", "credentials": {"webhook_secret": "s", "access_token": "shpat_fake_token",
                 "base_url": "\(fake.baseURL)"}, "settings": {"import_window_days": 30}}
                """)
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json["id"]?.stringValue)
            let started = created.json["last_import"]
            let jobID = try #require(started?["id"]?.stringValue, "the answer names the import: \(created.text)")
            #expect(started?["all_states"] == false && started?["fire_triggers"] == false)
            let window = try #require(started?["since"]?.stringValue.flatMap(Timestamp.parse)).distance(
                to: try #require(started?["until"]?.stringValue.flatMap(Timestamp.parse)))
            #expect(abs(window - 30 * 86400) < 1, "the connection's import window: \(window) s")
            var job = started ?? .null
            for _ in 0..<300 where job["status"] == "running" {
                try await Task.sleep(for: .milliseconds(100))
                job = try await api.call(.get, "/v1/backfills/\(jobID)", key: key).json
            }
            #expect(job["status"] == "completed", "\(job)")
            let imported = try #require(job["progress"]?["imported"]?.numberValue?.int64)
            #expect(imported > 0 && imported < 90, "the last 30 of the fake shop's 90 days, finished orders left out: \(imported)")
            #expect(Int64(try await api.allOrders(key: key).count) == imported)
            let shown = try await api.call(.get, "/v1/connections/\(id)", key: key).json["last_import"]
            #expect(shown?["id"]?.stringValue == jobID && shown?["status"] == "completed", "the connection shows its import")
            let listed = try await api.call(.get, "/v1/connections/\(id)/backfills", key: key).json["items"]?.arrayValue ?? []
            #expect(listed.compactMap { $0["id"]?.stringValue } == [jobID])

            let declined = try await api.call(.post, "/v1/connections", key: key, body: """
                {"kind": "shopify", "name": "Later", "credentials": {"webhook_secret": "s", "access_token": "shpat_fake_token",
                 "base_url": "\(fake.baseURL)"}, "initial_import": false}
                """)
            #expect(declined.status == .created && declined.json["last_import"] == .null, "\(declined.text)")
            let webhooksOnly = try await api.call(.post, "/v1/connections", key: key, body: #"{"kind": "shopify", "name": "Hooks", "credentials": {"webhook_secret": "s"}}"#)
            #expect(webhooksOnly.status == .created && webhooksOnly.json["last_import"] == .null, "nothing to import with: \(webhooksOnly.text)")
            let wrong = try await api.call(.post, "/v1/connections", key: key, body: #"{"kind": "shopify", "name": "X", "credentials": {"webhook_secret": "s"}, "initial_import": "yes"}"#)
            #expect(wrong.status == .unprocessableContent && wrong.json["errors"]?.arrayValue?.first?["pointer"] == "/initial_import")
            let patched = try await api.call(.patch, "/v1/connections/\(id)", key: key, body: #"{"initial_import": false}"#)
            #expect(patched.status == .unprocessableContent, "only when a connection is made")
        }
    }

    /// Seed 004: the shop's currency must be the account's. Shopify and WooCommerce tell it through their API,
    /// so a connection to a shop in another currency is refused when it is made (the fake shops sell in USD).
    @Test func aShopInAnotherCurrencyIsRefusedWhenItIsConnected() async throws {
        let fake = try await FakePlatform(orders: 1, fixtures: Self.fixtures)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "SEK", country: "SE")
        try await harness.run { api in
            for (kind, credentials) in [
                ("shopify", #"{"webhook_secret": "s", "access_token": "shpat_fake_token", "base_url": "BASE"}"#),
                ("woocommerce", #"{"consumer_key": "ck_fake_key", "consumer_secret": "cs_fake_secret", "site_url": "BASE"}"#),
            ] {
                let refused = try await api.call(.post, "/v1/connections", key: key, body: """
                    {"kind": "\(kind)", "name": "Shop", "credentials": \(credentials.replacingOccurrences(of: "BASE", with: fake.baseURL))}
                    """)
                #expect(refused.status == .unprocessableContent, "\(kind): \(refused.text)")
                let error = refused.json["errors"]?.arrayValue?.first
                #expect(error?["pointer"] == "/credentials" && error?["detail"]?.stringValue?.contains("sells in USD and the account in SEK") == true,
                        "\(kind): \(refused.text)")
            }
            #expect(try await api.call(.get, "/v1/connections", key: key).json["items"]?.arrayValue?.isEmpty == true, "nothing was stored")
            let hooksOnly = try await api.call(.post, "/v1/connections", key: key, body: #"{"kind": "shopify", "name": "Hooks", "credentials": {"webhook_secret": "s"}}"#)
            #expect(hooksOnly.status == .created, "without API credentials nothing can be said, and nothing is refused")
        }
    }

    /// A second import asked for while the first runs is queued with its own id and runs once the first ends.
    @Test func anImportAskedForWhileAnotherRunsIsQueuedAndRunsAfterIt() async throws {
        let fake = try await FakePlatform(orders: 600, fixtures: Self.fixtures)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let id = try await connect(api, key: key, kind: "shopify", credentials: """
                {"webhook_secret": "s", "access_token": "shpat_fake_token", "base_url": "\(fake.baseURL)"}
                """)
            let first = try await api.call(.post, "/v1/connections/\(id)/backfills", key: key, body: Self.everything).json
            let second = try await api.call(.post, "/v1/connections/\(id)/backfills", key: key, body: #"{"since": "2000-01-01T00:00:00Z"}"#).json
            let (firstID, secondID) = (try #require(first["id"]?.stringValue), try #require(second["id"]?.stringValue))
            #expect(firstID != secondID, "its own id")
            try #require(first["status"] == "running", "the first still runs when the second is asked for: \(first)")
            #expect(second["status"] == "queued", "\(second)")
            var jobs: [JSONValue] = []
            for _ in 0..<600 {
                jobs = [try await api.call(.get, "/v1/backfills/\(firstID)", key: key).json,
                        try await api.call(.get, "/v1/backfills/\(secondID)", key: key).json]
                if jobs.allSatisfy({ $0["status"] == "completed" || $0["status"] == "failed" }) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(jobs.map { $0["status"] } == ["completed", "completed"], "\(jobs)")
            let finished = jobs.compactMap { $0["finished_at"]?.stringValue.flatMap(Timestamp.parse) }
            #expect(finished.count == 2 && finished[0] <= finished[1], "the queued one ran after the first: \(finished)")
            #expect(jobs[1]["all_states"] == false && jobs[1]["progress"]?["pages"]?.numberValue?.int64 ?? 0 > 0, "with its own request")
            let listed = try await api.call(.get, "/v1/connections/\(id)/backfills", key: key).json["items"]?.arrayValue ?? []
            #expect(listed.compactMap { $0["id"]?.stringValue } == [secondID, firstID], "newest first")
        }
    }

    @Test func aBackfillStartedWithFireTriggersFiresThem() async throws {
        let fake = try await FakePlatform(orders: 30, fixtures: Self.fixtures)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let id = try await connect(api, key: key, kind: "shopify", credentials: """
                {"webhook_secret": "s", "access_token": "shpat_fake_token", "base_url": "\(fake.baseURL)"}
                """)
            _ = try await api.call(.post, "/v1/triggers", key: key, body: #"{"name": "t", "event_types": ["order.received", "order.cancelled", "order.shipped", "order.returned"], "url": "http://127.0.0.1:9/x"}"#)
            let job = try await api.backfill(connection: id, key: key, body: #"{"all_states": true, "since": "2000-01-01T00:00:00Z", "fire_triggers": true}"#)
            #expect(job["status"] == "completed" && job["fire_triggers"] == true)
            let deliveries = try await api.call(.get, "/v1/deliveries?limit=100", key: key).json["items"]?.arrayValue ?? []
            #expect(deliveries.count == 30, "every imported order's event fired the trigger")
        }
    }

    /// A platform address that is a refused literal is turned away when the connection is made; a name that
    /// resolves to one is refused when the import calls it.
    @Test func aPlatformAPIAtAnInternalAddressIsNotCalled() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run(allowOutbound: "") { api in
            let literal = try await api.call(.post, "/v1/connections", key: key, body: """
                {"kind": "shopify", "name": "Metadata", "credentials": {"webhook_secret": "s", "access_token": "t", "base_url": "http://169.254.169.254"}}
                """)
            #expect(literal.status == .unprocessableContent && literal.json["errors"]?.arrayValue?.first?["pointer"] == "/credentials/base_url",
                    "\(literal.text)")
            let id = try await connect(api, key: key, kind: "shopify", credentials: """
                {"webhook_secret": "s", "access_token": "t", "base_url": "http://localhost:9"}
                """)
            let patched = try await api.call(.patch, "/v1/connections/\(id)", key: key, body: #"{"credentials": {"base_url": "http://0xa9fea9fe"}}"#)
            #expect(patched.status == .unprocessableContent, "a changed address is checked too: \(patched.text)")
            let job = try await api.backfill(connection: id, key: key, body: "{}")
            #expect(job["status"] == "failed")
            #expect(job["error"]?.stringValue?.contains("allow it with --allow-outbound") == true, "\(job["error"] ?? .null)")
        }
    }

    @Test func wooCommerceRejectsOrdersWithoutItemsCustomerOrContactAndChoosesCategories() async throws {
        let fake = try await FakePlatform(orders: 250, faults: "429@2,500@3,drop@4", fixtures: Self.fixtures)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: "USD", country: "US")
        try await harness.run { api in
            let id = try await connect(api, key: key, kind: "woocommerce", credentials: """
                {"consumer_key": "ck_fake_key", "consumer_secret": "cs_fake_secret", "site_url": "\(fake.baseURL)"}
                """)
            let job = try await api.backfill(connection: id, key: key, body: Self.everything)
            #expect(job["status"] == "completed", "\(job)")
            // WooCommerce's `any` leaves deleted (trash) and unfinished checkout orders out, as Kvitto wants.
            let index = try await fake.index("woocommerce").filter { $0["state"] != "trash" && $0["state"] != "checkout-draft" }
            let refused = index.filter { order in
                let flags = order["flags"]?.arrayValue ?? []
                return flags.contains("no_items") || flags.contains("no_customer") || flags.contains("no_contact")
            }
            #expect(!refused.isEmpty)
            #expect(job["progress"]?["rejected"]?.numberValue?.int64 == Int64(refused.count))
            #expect(job["progress"]?["imported"]?.numberValue?.int64 == Int64(index.count - refused.count))
            let reasons = Set((try await api.call(.get, "/v1/rejections?limit=500", key: key).json["items"]?.arrayValue ?? [])
                .compactMap { $0["reason"]?.stringValue })
            #expect(reasons.isSubset(of: ["no-lines", "no-customer", "no-contact-channel"]) && !reasons.isEmpty, "\(reasons)")
            let categories = try await api.call(.get, "/v1/categories", key: key).json["items"]?.arrayValue ?? []
            #expect(!categories.isEmpty, "categories come from the shop's tree")
            #expect((try await fake.stats())["faults"]?["fired"]?.arrayValue?.count == 3, "the 429, the 500 and the drop were retried")
        }
    }

    @Test(arguments: [
        ("cartum", "UAH", #"{"login": "api", "password": "secret", "site_url": "BASE"}"#),
        ("fapi", "CZK", #"{"user": "user@example.com", "api_key": "fapi_key", "base_url": "BASE"}"#),
        ("sitoo", "SEK", #"{"account_id": "90000", "site_id": "1", "api_id": "90000-1", "password": "sitoo_pass", "base_url": "BASE"}"#),
    ])
    func otherPlatformsImportTheirWholeHistoryInEveryState(platform: String, currency: String, credentials: String) async throws {
        let fake = try await FakePlatform(orders: 150, faults: "429@2,500@3,drop@4", fixtures: Self.fixtures)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account(currency: currency, country: "SE")
        try await harness.run { api in
            let id = try await connect(api, key: key, kind: platform, credentials: credentials.replacingOccurrences(of: "BASE", with: fake.baseURL))
            let job = try await api.backfill(connection: id, key: key, body: Self.everything)
            #expect(job["status"] == "completed", "\(job)")
            // These fakes make every order importable: a customer with an e-mail, lines, the account's currency.
            #expect(job["progress"]?["imported"] == 150, "every order of every state: \(job["progress"] ?? .null)")
            #expect(job["progress"]?["rejected"] == 0)
            #expect((try await fake.stats())["faults"]?["fired"]?.arrayValue?.count == 3, "the 429, the 500 and the drop were retried")
            let imported = 150
            #expect(try await api.allOrders(key: key).count == Int(imported))
        }
    }
}
