import Foundation
import HTTPTypes
import KvittoCore
import KvittoSQLite
import KvittoStorage
import KvittoTestSupport
import Testing

/// A connection in the admin: what to paste where, and an order history synchronised from the page.
@Suite("Admin: connections", SharedFixtures.required)
struct AdminConnectionsTests {
    @Test func aConnectionShowsItsSetUpAndImportsItsHistoryFromThePage() async throws {
        let fake = try await FakePlatform(orders: 300, fixtures: SharedFixtures.directory.appendingPathComponent("fixtures").path)
        defer { fake.stop() }
        let harness = try APIHarness()
        let (account, key) = try await harness.account(currency: "USD", country: "US")
        _ = try await AdminSignInTests.user(harness, account: account)
        _ = try await AdminSignInTests.user(harness, account: account, email: "staff@butiken.se", role: .staff)
        try await harness.run { api in
            let created = try await api.call(.post, "/v1/connections", key: key, body: """
                {"kind": "shopify", "name": "Butiken på Shopify", "credentials": {"webhook_secret": "s", "access_token": "shpat_fake_token",
                 "base_url": "\(fake.baseURL)"}, "initial_import": false}
                """)
            let id = try #require(created.json["id"]?.stringValue, "\(created.text)")
            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            #expect(try await owner.get("/admin/connections").text.contains("Butiken på Shopify"))
            let page = try await owner.get("/admin/connections/\(id)")
            #expect(page.text.contains("/hooks/shopify/\(id)") && page.text.contains("Create webhook"), "the URL and the steps to paste it")
            let csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))

            var staff = try await AdminBrowser.signedIn(api, as: "staff@butiken.se")
            let staffPage = try await staff.get("/admin/connections/\(id)")
            #expect(!staffPage.text.contains("start-import"))
            let staffToken = try #require(AdminBrowser.field("csrf_token", in: staffPage.text))
            #expect(try await staff.post("/admin/connections/\(id)/backfills", [("csrf_token", staffToken)]).status == .forbidden)

            let started = try await owner.post("/admin/connections/\(id)/backfills", [("csrf_token", csrf), ("all_states", "on")])
            let location = try #require(started.headers[.location])
            #expect(started.status == .seeOther && location.hasPrefix("/admin/backfills/job_"))
            var progress = try await owner.get(location)
            #expect(progress.text.contains("Historical import"))
            for _ in 0..<300 where progress.text.contains(#"id="import-status">running"#) {
                try await Task.sleep(for: .milliseconds(100))
                progress = try await owner.get(location)
            }
            #expect(progress.text.contains(#"id="import-status">completed"#) && progress.text.contains(#"<span id="imported">"#), "\(progress.text)")
            #expect(!progress.text.contains(#"http-equiv="refresh""#), "a finished import's page stops reloading")
            #expect(try await owner.get("/admin/audit").text.contains("backfill.start"))
        }
    }
}
