import Foundation
import HTTPTypes
import KvittoCore
import KvittoSQLite
import KvittoStorage
import Testing

@Suite("HTTP: settings")
struct SettingsAPITests {
    @Test func smtpAndFormattingSettingsAreKeptWithTheirSecretsSealed() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        try await harness.run { api in
            let fresh = try await api.call(.get, "/v1/settings", key: key)
            #expect(fresh.status == .ok && fresh.json["smtp"] == .null)
            #expect(fresh.json["formatting"] == ["locale": "sv-SE", "time_zone": "Europe/Stockholm", "currency": "SEK"],
                    "a Swedish account formats in Swedish and Stockholm time until told otherwise")

            let saved = try await api.call(.patch, "/v1/settings", key: key, body: #"""
                {"smtp": {"host": "smtp.example.se", "port": 587, "starttls": true, "username": "butiken",
                          "password": "hemligt-lösen-42", "from": "Butiken <order@butiken.se>"},
                 "sms_gateway": {"url": "https://sms.example/send", "auth_header": "Bearer sms-token-7",
                                 "body": "{\"to\": \"{{to}}\", \"message\": \"{{text}}\"}"},
                 "time_zone": "Europe/Helsinki", "locale": "en-GB", "alert_email": "ops@butiken.se"}
                """#)
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(saved.json["smtp"]?["password_set"] == true && saved.json["smtp"]?["username"] == "butiken")
            #expect(saved.json["sms_gateway"]?["auth_header_set"] == true)
            #expect(saved.json["formatting"]?["locale"] == "en-GB" && saved.json["formatting"]?["time_zone"] == "Europe/Helsinki")
            let shown = try await api.call(.get, "/v1/settings", key: key)
            for secret in ["hemligt-lösen-42", "sms-token-7"] {
                #expect(!saved.text.contains(secret) && !shown.text.contains(secret), "secrets are never answered")
            }
            let stored = try await harness.store.read { r in try r.settings(account: account.id) }
            let sealedPassword = try #require(stored?.smtp?.sealedPassword)
            #expect(!sealedPassword.contains("hemligt"), "the password is sealed at rest")
            #expect(try SecretBox(keyMaterial: "http-tests-secret-key").open(sealedPassword) == "hemligt-lösen-42")

            let refused = try await api.call(.patch, "/v1/settings", key: key, body: #"""
                {"smtp": {"port": 70000, "from": "nobody"}, "time_zone": "Mars/Base", "locale": "swedish",
                 "sms_gateway": {"body": "{{#text}}"}, "alert_email": "nope"}
                """#)
            #expect(refused.status == .unprocessableContent)
            let pointers = Set(refused.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } ?? [])
            #expect(pointers == ["/smtp/port", "/smtp/from", "/time_zone", "/locale", "/sms_gateway/body", "/alert_email"], "\(pointers)")
            let unchanged = try await api.call(.get, "/v1/settings", key: key)
            #expect(unchanged.json["smtp"]?["port"] == 587 && unchanged.json["time_zone"] == "Europe/Helsinki", "a refused change stores nothing")

            let noAuth = try await api.call(.patch, "/v1/settings", key: key, body: #"{"smtp": {"username": null}}"#)
            #expect(noAuth.json["smtp"]?["username"] == .null && noAuth.json["smtp"]?["password_set"] == false,
                    "without a username there is no AUTH, so the password goes too")
            let orphan = try await api.call(.patch, "/v1/settings", key: key, body: #"{"smtp": {"password": "x"}}"#)
            #expect(orphan.json["errors"]?.arrayValue?.first?["pointer"] == "/smtp/password")

            // Messages now render in English and Helsinki time, still in the account's currency.
            let template = try #require(try await api.call(.get, "/v1/templates?limit=100", key: key).json["items"]?.arrayValue?
                .first { $0["key"] == "order_confirmation.en" })
            let preview = try await api.call(.post, "/v1/templates/\(template["id"]?.stringValue ?? "")/preview", key: key, body: "{}")
            #expect(preview.json["text"]?.stringValue?.contains("SEK") == true, "\(preview.json["text"] ?? .null)")
            let removed = try await api.call(.patch, "/v1/settings", key: key, body: #"{"smtp": null, "locale": null}"#)
            #expect(removed.json["smtp"] == .null && removed.json["formatting"]?["locale"] == "sv-SE")
            let readOnly = try await api.call(.post, "/v1/api-keys", key: key, body: #"{"name": "r", "scopes": ["read"]}"#)
            let readKey = try #require(readOnly.json["key"]?.stringValue)
            #expect(try await api.call(.patch, "/v1/settings", key: readKey, body: "{}").status == .forbidden)
            #expect(try await api.call(.get, "/v1/settings", key: readKey).status == .ok)
        }
    }

    /// `identity_priority` and `product_key` are the account's, read and changed through the settings: with
    /// phone first, an order whose e-mail belongs to one customer and phone to another goes to the phone's.
    @Test func theIdentityPriorityAndProductKeyAreSettingsAndPhoneFirstIsFollowed() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let shown = try await api.call(.get, "/v1/settings", key: key).json
            #expect(shown["identity_priority"] == ["email", "phone"] && shown["product_key"] == "sku", "the defaults")
            let byEmail = try await api.call(.post, "/v1/contacts", key: key, body: #"{"email": "anna@example.se"}"#)
            let byPhone = try await api.call(.post, "/v1/contacts", key: key, body: #"{"phone": "070-123 45 67"}"#)
            let (emailID, phoneID) = (try #require(byEmail.json["id"]?.stringValue), try #require(byPhone.json["id"]?.stringValue))
            #expect(emailID != phoneID)

            let bad = try await api.call(.patch, "/v1/settings", key: key, body: #"{"identity_priority": ["phone", "phone"], "product_key": "ean"}"#)
            #expect(bad.status == .unprocessableContent)
            let pointers = bad.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } ?? []
            #expect(pointers.contains("/identity_priority") && pointers.contains("/product_key"), "\(bad.text)")
            let changed = try await api.call(.patch, "/v1/settings", key: key,
                                             body: #"{"identity_priority": ["phone", "email"], "product_key": "external_id", "locale": "sv-SE"}"#)
            #expect(changed.status == .ok && changed.json["identity_priority"] == ["phone", "email"] && changed.json["product_key"] == "external_id"
                    && changed.json["locale"] == "sv-SE", "\(changed.text)")

            // The key's account was cached by the requests above; the order is still read with the new priority.
            let order = try await api.call(.post, "/v1/orders", key: key, body: Sample.order(email: "anna@example.se", phone: "+46701234567"))
            #expect(order.status == .created && order.json["contact_id"]?.stringValue == phoneID, "phone first: \(order.text)")
            _ = try await api.call(.patch, "/v1/settings", key: key, body: #"{"identity_priority": ["email", "phone"]}"#)
            let second = try await api.call(.post, "/v1/orders", key: key, body: Sample.order(externalID: "1002", email: "anna@example.se", phone: "+46701234567"))
            #expect(second.json["contact_id"]?.stringValue == emailID, "e-mail first again: \(second.text)")
        }
    }
}
