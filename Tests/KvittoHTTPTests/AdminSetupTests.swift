import Foundation
import HTTPTypes
import KvittoCore
import KvittoTestSupport
import Testing

/// The point-of-sale page and the SMS gateway in the settings, over real HTTP.
@Suite("Admin: point of sale and SMS gateway")
struct AdminSetupTests {
    /// The page gives Sitoo's back office its URL and a key that may only serve tills (shown once, and it works
    /// at the till), and chooses the field groups the till's customer card shows.
    @Test func thePOSPageMakesATillKeyAndChoosesWhatTheTillShows() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await AdminSignInTests.user(harness, account: account)
        _ = try await AdminSignInTests.user(harness, account: account, email: "staff@butiken.se", role: .staff)
        try await harness.run { api in
            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let page = try await owner.get("/admin/pos")
            #expect(page.text.contains(#"<code id="pos-url">"#) && page.text.contains("/pos/v2</code>"), "the API URL to paste")
            let csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))
            let made = try await owner.post("/admin/pos/keys", [("csrf_token", csrf), ("name", "Sitoo Söder")])
            let secret = String(try #require(made.text.firstMatch(of: /<code id="secret">(kvt_[^<]+)<\/code>/)?.output.1, "the key, shown once"))
            let keys = try await api.call(.get, "/v1/api-keys", key: key).json["items"]?.arrayValue ?? []
            #expect(keys.first { $0["name"] == "Sitoo Söder" }?["scopes"] == ["pos"], "a key that may only serve tills")
            #expect(try await api.call(.get, "/v1/orders", key: secret).status == .forbidden, "and nothing else")
            #expect(!(try await owner.get("/admin/pos").text.contains(secret)), "never shown again")

            // A customer with two groups of fields; the till is set to show only the club's.
            var till = HTTPFields()
            till[.authorization] = POSAPITests.basic(secret)
            let registered = try await api.call(.post, "/pos/v2/customers", body: #"{"email": "anna@example.se", "name_first": "Anna", "store_id_home": "200"}"#,
                                                headers: till)
            #expect(registered.status == .created, "\(registered.text)")
            let id = try #require(registered.json["customer_id"]?.stringValue)
            _ = try await api.call(.patch, "/v1/contacts/\(id)", key: key, body: #"{"fields": {"Notes": {"size": "M"}}}"#)
            func groupsAtTheTill() async throws -> [String] {
                let found = try await api.call(.get, "/pos/v2/customers?key_type=email&key=anna@example.se", headers: till)
                return found.json.arrayValue?.first?["sections"]?.arrayValue?.compactMap { $0["title"]?.stringValue } ?? []
            }
            #expect(try await groupsAtTheTill() == ["Notes", "Sitoo-Contact"], "every group by default")
            let none = try await owner.post("/admin/pos", [("csrf_token", csrf)])
            #expect(none.status == .unprocessableContent && none.text.contains("Choose a group, or show every group."))
            let saved = try await owner.post("/admin/pos", [("csrf_token", csrf), ("group_Sitoo-Contact", "on"), ("own_purchases_only", "on")])
            #expect(saved.text.contains("Saved."))
            #expect(try await groupsAtTheTill() == ["Sitoo-Contact"], "only the chosen group")
            let settings = try await api.call(.get, "/v1/settings", key: key).json
            #expect(settings["pos"]?["sections"] == ["Sitoo-Contact"] && settings["pos"]?["own_purchases_only"] == true)
            _ = try await owner.post("/admin/pos", [("csrf_token", csrf), ("every_group", "on")])
            #expect(try await groupsAtTheTill() == ["Notes", "Sitoo-Contact"], "every group again")

            var staff = try await AdminBrowser.signedIn(api, as: "staff@butiken.se")
            let staffPage = try await staff.get("/admin/pos")
            #expect(!staffPage.text.contains(#"id="pos-key-form""#), "staff make no keys")
            let token = try #require(AdminBrowser.field("csrf_token", in: staffPage.text))
            #expect(try await staff.post("/admin/pos/keys", [("csrf_token", token)]).status == .forbidden)
            #expect(try await staff.post("/admin/pos", [("csrf_token", token), ("every_group", "on")]).status == .forbidden)
        }
    }

    /// The SMS gateway is saved by the API's rules: a bad URL is named next to its field, the auth header is
    /// sealed and kept when left empty, and clearing the URL removes the gateway.
    @Test func theSMSGatewayIsSetInTheSettings() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await AdminSignInTests.user(harness, account: account)
        try await harness.run { api in
            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let page = try await owner.get("/admin/settings")
            #expect(page.text.contains(#"id="sms_url""#))
            let csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))
            let bad = try await owner.post("/admin/settings", [("csrf_token", csrf), ("sms_url", "ftp://sms.example"), ("sms_auth_header", "Bearer s3cret")])
            #expect(bad.status == .unprocessableContent && bad.text.contains(#"id="sms_gateway_url-error">an http or https URL"#), "\(bad.text.prefix(200))")
            let saved = try await owner.post("/admin/settings", [("csrf_token", csrf), ("sms_url", "https://sms.example/send"),
                                                                 ("sms_auth_header", "Bearer s3cret"), ("sms_body", #"{"to": "{{to}}", "text": "{{text}}"}"#)])
            #expect(saved.text.contains("Saved.") && !saved.text.contains("s3cret"), "the header is never shown")
            var gateway = try await api.call(.get, "/v1/settings", key: key).json["sms_gateway"]
            #expect(gateway?["url"] == "https://sms.example/send" && gateway?["auth_header_set"] == true && gateway?["body"] == #"{"to": "{{to}}", "text": "{{text}}"}"#)
            _ = try await owner.post("/admin/settings", [("csrf_token", csrf), ("sms_url", "https://sms2.example/send")])
            gateway = try await api.call(.get, "/v1/settings", key: key).json["sms_gateway"]
            #expect(gateway?["url"] == "https://sms2.example/send" && gateway?["auth_header_set"] == true, "an empty header keeps the stored one")
            _ = try await owner.post("/admin/settings", [("csrf_token", csrf), ("sms_url", "")])
            #expect(try await api.call(.get, "/v1/settings", key: key).json["sms_gateway"] == .null, "no URL: no gateway")
        }
    }

    /// The account's own settings: a change is read by the next API request (no stale key cache), the currency
    /// is refused once there are orders, with the reason next to the field.
    @Test func theAccountIsChangedFromTheSettingsPage() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await AdminSignInTests.user(harness, account: account)
        try await harness.run { api in
            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let page = try await owner.get("/admin/settings")
            #expect(page.text.contains(#"id="account-form""#) && page.text.contains(#"value="SEK""#))
            let csrf = try #require(AdminBrowser.field("csrf_token", in: page.text))
            let form: [(String, String)] = [("csrf_token", csrf), ("account_name", "Butiken AB"), ("currency", "SEK"), ("country", "SE"),
                                            ("identity_priority", "phone,email"), ("product_key", "external_id")]
            let saved = try await owner.post("/admin/settings/account", form)
            #expect(saved.text.contains("Saved."))
            // The key was read (and cached) before the change; the change is seen at once all the same.
            // Two orders whose lines share the external id p-1 under two SKUs: one product when products are
            // identified by external id (by SKU there would be two).
            let first = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            let second = try await api.call(.post, "/v1/orders", key: key,
                                            body: Sample.order(externalID: "1002").replacingOccurrences(of: #""sku": "HOOD-M""#, with: #""sku": "HOOD-L""#))
            #expect(first.status == .created && second.status == .created, "\(first.text) \(second.text)")
            let products = try await api.call(.get, "/v1/products?limit=10", key: key).json["items"]?.arrayValue ?? []
            #expect(products.count == 1, "the lines were matched by their external id: \(products)")
            #expect(try await owner.get("/admin/settings").text.contains(#"<option value="phone,email" selected>"#))
            let badCountry = try await owner.post("/admin/settings/account", form.map { $0.0 == "country" ? ($0.0, "XX") : $0 })
            #expect(badCountry.status == .unprocessableContent && badCountry.text.contains(#"id="account_country-error""#))
            let currency = try await owner.post("/admin/settings/account", form.map { $0.0 == "currency" ? ($0.0, "EUR") : $0 })
            #expect(currency.status == .unprocessableContent && currency.text.contains("its currency cannot change"), "refused once there are orders")
            #expect(try await owner.get("/admin/audit").text.contains("account.change"))
        }
    }
}
