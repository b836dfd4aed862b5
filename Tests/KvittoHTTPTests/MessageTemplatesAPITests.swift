import Foundation
import HTTPTypes
import KvittoCore
import Testing

@Suite("HTTP: message templates")
struct MessageTemplatesAPITests {
    /// Every template of the account, by id, with its key.
    static func templates(_ api: APIClient, key: String) async throws -> [JSONValue] {
        try #require(try await api.call(.get, "/v1/templates?limit=100", key: key).json["items"]?.arrayValue)
    }

    @Test func aNewAccountHasTheStandardTemplatesByKey() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let templates = try await Self.templates(api, key: key)
            let byKey = Dictionary(uniqueKeysWithValues: templates.compactMap { t in t["key"]?.stringValue.map { ($0, t) } })
            let kinds = ["order_confirmation", "shipping_confirmation", "delivery_confirmation", "thank_you", "receipt"]
            #expect(Set(byKey.keys) == Set(kinds.flatMap { ["\($0).sv", "\($0).en"] }))
            #expect(byKey["order_confirmation.sv"]?["kind"] == "email")
            #expect(byKey["order_confirmation.sv"]?["purpose"] == "transactional")
            #expect(byKey["receipt.en"]?["purpose"] == "transactional")
            #expect(byKey["thank_you.sv"]?["purpose"] == "marketing", "a thank-you is marketing: consent applies")
            #expect(byKey["order_confirmation.sv"]?["body"]?["subject"]?.stringValue?.isEmpty == false)
        }
    }

    @Test func theStandardOrderConfirmationRendersAStoredOrderInTheAccountsCurrencyAndLanguage() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let order = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            let orderID = try #require(order.json["id"]?.stringValue)
            let template = try #require(try await Self.templates(api, key: key).first { $0["key"] == "order_confirmation.sv" })
            let id = try #require(template["id"]?.stringValue)
            let preview = try await api.call(.post, "/v1/templates/\(id)/preview", key: key, body: #"{"order_id": "\#(orderID)"}"#)
            #expect(preview.status == .ok, "\(preview.text)")
            let html = try #require(preview.json["html"]?.stringValue)
            let text = try #require(preview.json["text"]?.stringValue)
            #expect(html.contains("647,00\u{00A0}kr") && text.contains("647,00\u{00A0}kr"), "the total in Swedish kronor")
            #expect(html.contains("Hoodie") && text.contains("Hoodie"), "the order's lines")
            #expect(preview.json["subject"]?.stringValue?.contains("#1001") == true, "the order number in the subject")
            #expect(preview.json["warnings"]?.arrayValue?.isEmpty == true, "every merge field is there: \(preview.json["warnings"] ?? .null)")
            let sample = try await api.call(.post, "/v1/templates/\(id)/preview", key: key, body: #"{"sample": "order.received"}"#)
            #expect(sample.status == .ok && sample.json["html"]?.stringValue?.isEmpty == false, "a sample event renders too")
            let missing = try await api.call(.post, "/v1/templates/\(id)/preview", key: key, body: #"{"order_id": "ord_nope"}"#)
            #expect(missing.status == .notFound)
        }
    }

    @Test func merchantTemplatesAreCheckedEscapedOnlyInHTMLAndWarnAboutMissingFields() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let created = try await api.call(.post, "/v1/templates", key: key, body: #"""
                {"name": "Medlem", "kind": "email",
                 "body": {"subject": "Hej {{contact.first_name}} & välkommen",
                          "html": "<p>{{order.lines.0.name}} {{contact.fields.Sitoo-Contact.member_number}}</p>",
                          "text": "Medlemsnummer: {{contact.fields.Sitoo-Contact.member_number}}"}}
                """#)
            #expect(created.status == .created, "\(created.text)")
            #expect(created.json["purpose"] == "marketing", "a merchant's message is marketing unless it says otherwise")
            let id = try #require(created.json["id"]?.stringValue)
            let order = try await api.call(.post, "/v1/orders", key: key, body: Sample.order().replacingOccurrences(of: #""name": "Hoodie""#, with: #""name": "Tom & Jerry <3>""#))
            let orderID = try #require(order.json["id"]?.stringValue)
            let preview = try await api.call(.post, "/v1/templates/\(id)/preview", key: key, body: #"{"order_id": "\#(orderID)"}"#)
            #expect(preview.status == .ok, "\(preview.text)")
            #expect(preview.json["subject"] == "Hej Anna & välkommen", "the subject is not HTML")
            #expect(preview.json["html"]?.stringValue?.contains("Tom &amp; Jerry &lt;3&gt;") == true, "values are escaped in the HTML")
            #expect(preview.json["text"] == "Medlemsnummer: ", "a missing field renders empty")
            #expect(preview.json["warnings"]?.arrayValue?.compactMap { $0["field"]?.stringValue } == ["contact.fields.Sitoo-Contact.member_number"])

            let broken = try await api.call(.post, "/v1/templates", key: key, body: #"""
                {"name": "Trasig", "kind": "email", "body": {"subject": "x", "html": "<ul>\n{{#order.lines}}\n<li>{{name}}</li>\n", "text": "x"}}
                """#)
            #expect(broken.status == .unprocessableContent)
            let error = try #require(broken.json["errors"]?.arrayValue?.first)
            #expect(error["pointer"] == "/body/html")
            #expect(error["detail"]?.stringValue?.contains("line") == true, "the parser's position: \(error)")
            let noSubject = try await api.call(.post, "/v1/templates", key: key, body: #"{"name": "x", "kind": "email", "body": {"text": "x"}}"#)
            #expect(noSubject.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } == ["/body/subject"])
            let kindChange = try await api.call(.patch, "/v1/templates/\(id)", key: key, body: #"{"kind": "sms"}"#)
            #expect(kindChange.status == .unprocessableContent && kindChange.json["errors"]?.arrayValue?.first?["pointer"] == "/kind")

            let sms = try await api.call(.post, "/v1/templates", key: key, body: #"""
                {"name": "SMS", "kind": "sms", "purpose": "transactional", "body": {"text": "Hej {{contact.first_name}}! Order {{order.number}} är skickad."}}
                """#)
            #expect(sms.status == .created, "\(sms.text)")
            let smsPreview = try await api.call(.post, "/v1/templates/\(sms.json["id"]?.stringValue ?? "")/preview", key: key,
                                                body: #"{"order_id": "\#(orderID)"}"#)
            #expect(smsPreview.json["text"] == "Hej Anna! Order #1001 är skickad.")
            #expect(smsPreview.json["sms"]?["encoding"] == "gsm-7" && smsPreview.json["sms"]?["segments"] == 1)

            let trigger = try await api.call(.post, "/v1/triggers", key: key, body: #"""
                {"name": "x", "event_types": ["order.received"], "url": "https://partner.example/x", "template_id": "\#(id)"}
                """#)
            #expect(trigger.status == .unprocessableContent && trigger.json["errors"]?.arrayValue?.first?["pointer"] == "/template_id",
                    "a trigger takes only a postback template")
        }
    }
}
