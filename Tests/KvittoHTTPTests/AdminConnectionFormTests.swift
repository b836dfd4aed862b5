import Foundation
import HTTPTypes
import KvittoConnectors
import KvittoCore
import KvittoTestSupport
import Testing

/// Connecting a platform from the admin: the form per platform, the API's rules with the field at fault, the
/// secrets Kvitto made shown once, and the settings a merchant changes later.
@Suite("Admin: connecting a platform")
struct AdminConnectionFormTests {
    @Test func aPlatformIsConnectedFromTheFormAndItsSettingsChanged() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await AdminSignInTests.user(harness, account: account)
        _ = try await AdminSignInTests.user(harness, account: account, email: "staff@butiken.se", role: .staff)
        try await harness.run { api in
            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let list = try await owner.get("/admin/connections")
            #expect(list.text.contains(#"href="/admin/connections/new?kind=woocommerce""#), "a link for each platform")
            let form = try await owner.get("/admin/connections/new?kind=shopify")
            #expect(form.text.contains(#"name="credential_webhook_secret""#) && form.text.contains(#"type="password""#))
            let csrf = try #require(AdminBrowser.field("csrf_token", in: form.text))

            let missing = try await owner.post("/admin/connections", [("csrf_token", csrf), ("kind", "shopify"), ("name", "Butiken"),
                                                                      ("credential_shop_domain", "butiken.myshopify.com")])
            #expect(missing.status == .unprocessableContent && missing.text.contains("is required for shopify webhooks"), "the missing secret is named")
            #expect(missing.text.contains(#"value="butiken.myshopify.com""#), "what was typed stays (but no secret is written back)")

            let woo = try await owner.post("/admin/connections", [("csrf_token", csrf), ("kind", "woocommerce"), ("name", "Butiken"),
                                                                  ("credential_site_url", "https://butiken.example"), ("product_key", "sku"),
                                                                  ("status_sync", "on")])
            #expect(woo.status == .ok && woo.text.contains("Connected."), "\(woo.text.prefix(300))")
            let secret = try #require(woo.text.firstMatch(of: /<code id="secret">([^<]+)<\/code>/)?.output.1, "the generated secret shown once")
            let connections = try await api.call(.get, "/v1/connections", key: key).json["items"]?.arrayValue ?? []
            let made = try #require(connections.first { $0["kind"] == "woocommerce" })
            let id = try #require(made["id"]?.stringValue)
            #expect(made["settings"]?["product_key"] == "sku" && made["settings"]?["status_sync"] == true)
            #expect(made["credentials_set"] == ["site_url", "webhook_secret"], "the credentials given and the secret made, sealed")
            #expect(woo.text.contains("/hooks/woocommerce/\(id)"), "the webhook URL to paste")
            let again = try await owner.get("/admin/connections/\(id)")
            #expect(!again.text.contains(String(secret)), "and never again")

            // A webhook signed with that secret is kept raw; its page shows the headers and the body as received.
            let body = Array(#"{"id": 9001, "line_items": []}"#.utf8)
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            headers[HTTPField.Name("X-WC-Webhook-Signature")!] = PlatformSignature.base64HMAC(body: body, secret: String(secret))
            headers[HTTPField.Name("X-WC-Webhook-Delivery-ID")!] = "w-9001"
            headers[HTTPField.Name("X-WC-Webhook-Topic")!] = "order.created"
            #expect(try await api.post("/hooks/woocommerce/\(id)", bytes: body, headers: headers).status == .ok)
            let inbox = try await api.waitForItems("/v1/connections/\(id)/inbox", key: key) { !$0.isEmpty }
            let itemID = try #require(inbox.first?["id"]?.stringValue)
            let withInbox = try await owner.get("/admin/connections/\(id)")
            #expect(withInbox.text.contains("/admin/connections/\(id)/inbox/\(itemID)"), "the latest webhooks link to their page")
            let item = try await owner.get("/admin/connections/\(id)/inbox/\(itemID)")
            #expect(item.status == .ok && item.text.contains("w-9001") && item.text.contains("&quot;id&quot;: 9001"), "headers and body as received")
            #expect(try await owner.get("/admin/connections/cnx_nope/inbox/\(itemID)").status == .notFound, "only under its own connection")

            let duplicate = try await owner.post("/admin/connections", [("csrf_token", csrf), ("kind", "woocommerce"), ("name", "Butiken")])
            #expect(duplicate.status == .unprocessableContent && duplicate.text.contains("exists"), "a second one of that name is refused")

            #expect(again.text.contains(#"name="status_write_back" value="on" checked"#), "WooCommerce is written back to by default")
            let saved = try await owner.post("/admin/connections/\(id)", [("csrf_token", csrf), ("product_key", "external_id"),
                                                                          ("write_back_shown", "on")])
            #expect(saved.text.contains("Saved.") && saved.text.contains("products identified by external_id"))
            let changed = try await api.call(.get, "/v1/connections/\(id)", key: key).json
            #expect(changed["settings"]?["product_key"] == "external_id" && changed["settings"]?["status_sync"] == false, "unticked: off")
            #expect(changed["settings"]?["status_write_back"] == false, "write-back unticked: off")
            #expect(try await owner.get("/admin/audit").text.contains("connection.create"))

            var staff = try await AdminBrowser.signedIn(api, as: "staff@butiken.se")
            let page = try await staff.get("/admin/connections/\(id)")
            #expect(!page.text.contains(#"id="connection-settings""#), "staff see no settings form")
            let token = try #require(AdminBrowser.field("csrf_token", in: page.text))
            #expect(try await staff.post("/admin/connections/\(id)", [("csrf_token", token), ("product_key", "name")]).status == .forbidden)
            #expect(try await staff.post("/admin/connections", [("csrf_token", token), ("kind", "fapi"), ("name", "x")]).status == .forbidden)
        }
    }
}
