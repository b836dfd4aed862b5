import Foundation
import HTTPTypes
import KvittoCore
import KvittoTestSupport
import Testing

/// The till's API over HTTP, as Sitoo's Custom CRM calls it: HTTP Basic with a `pos` key as the password,
/// `Store-ID`, `Staff-ID` and `Register-ID` headers URL-encoded.
@Suite("HTTP: POS customer card")
struct POSAPITests {
    static func basic(_ key: String) -> String { "Basic " + Data("sitoo:\(key)".utf8).base64EncodedString() }

    static func till(_ key: String, store: String = "S%C3%B6der%201", staff: String = "anna.k", register: String = "3") -> HTTPFields {
        var headers = HTTPFields()
        headers[.authorization] = basic(key)
        headers[HTTPField.Name("Store-ID")!] = store
        headers[HTTPField.Name("Staff-ID")!] = staff
        headers[HTTPField.Name("Register-ID")!] = register
        return headers
    }

    static func posKey(_ api: APIClient, admin: String) async throws -> String {
        let created = try await api.call(.post, "/v1/api-keys", key: admin, body: #"{"name": "Sitoo", "scopes": ["pos"]}"#)
        return try #require(created.json["key"]?.stringValue, "\(created.text)")
    }

    @Test func aTillRegistersFindsAndEditsACustomerAndEveryLookUpIsAudited() async throws {
        let harness = try APIHarness()
        let (_, admin) = try await harness.account()
        try await harness.run { api in
            let pos = try await Self.posKey(api, admin: admin)
            let loyalty = try await api.call(.patch, "/v1/settings", key: admin, body: """
                {"loyalty": {"issue_member_numbers": true, "member_number_prefix": "KV", "first_member_number": 20045}}
                """)
            #expect(loyalty.status == .ok && loyalty.json["loyalty"]?["member_number_prefix"] == "KV", "\(loyalty.text)")

            let created = try await api.call(.post, "/pos/v2/customers", body: """
                {"email": "Anna.Svensson@Example.se", "mobile": "070-123 45 67", "name_first": "Anna", "name_last": "Svensson",
                 "invoice_address": {"address": "Storgatan 1", "city": "Stockholm", "zip": "11122", "country_id": "se"},
                 "gender": "female", "accepts_communication": ["email", "sms"], "store_id_home": "200"}
                """, headers: Self.till(pos))
            #expect(created.status == .created, "\(created.text)")
            let id = try #require(created.json["customer_id"]?.stringValue)
            #expect(created.json["member_number"] == "KV20045", "the club's first number")
            #expect(created.json["mobile"] == "+46701234567", "E.164")
            #expect(created.json["invoice_address"]?["country_id"] == "SE")
            #expect(created.json["accepts_communication"] == ["email", "sms"])

            func find(_ type: String, _ key: String) async throws -> [JSONValue] {
                let reply = try await api.call(.get, "/pos/v2/customers?key_type=\(type)&key=\(key)", headers: Self.till(pos))
                #expect(reply.status == .ok, "\(reply.text)")
                return try #require(reply.json.arrayValue, "a bare array, as Sitoo expects: \(reply.text)")
            }
            #expect(try await find("mobile", "070-123%2045%2067").map { $0["customer_id"] } == [.string(id)], "Sitoo's key name, as typed")
            #expect(try await find("phone", "%2B46701234567").map { $0["customer_id"] } == [.string(id)], "E.164, + encoded")
            #expect(try await find("phone", "+46701234567").map { $0["customer_id"] } == [.string(id)], "E.164, + as it is (not a space)")
            #expect(try await find("email", "anna.svensson%40example.se").count == 1, "e-mail without case")
            #expect(try await find("member_number", "KV20045").count == 1)
            #expect(try await find("customer_id", id).count == 1)
            for (type, key) in [("phone", "070-123"), ("phone", "070%25"), ("email", "%25%40example.se"), ("email", "anna*"),
                                ("member_number", "kv20045"), ("member_number", "KV2004_"), ("member_number", "%20KV20045")] {
                #expect(try await find(type, key).isEmpty, "\(type)=\(key) finds nobody")
            }

            let audit = try await api.call(.get, "/v1/audit/lookups?limit=100", key: admin)
            let rows = try #require(audit.json["items"]?.arrayValue, "\(audit.text)")
            #expect(rows.count == 13, "every look-up, hit or miss: \(rows.count)")
            #expect(rows.filter { $0["hit"] == true }.count == 6)
            #expect(rows.allSatisfy { $0["store_id"] == "Söder 1" && $0["staff_id"] == "anna.k" && $0["register_id"] == "3" }, "URL-decoded")
            #expect(!audit.text.contains("70123") && !audit.text.contains("svensson"), "the keys themselves are never stored")
            #expect(try await api.call(.get, "/v1/audit/lookups", key: pos).status == .forbidden, "the audit is for admins")

            let edited = try await api.call(.put, "/pos/v2/customers/\(id)", body: #"{"name_first": "Annie", "accepts_communication": []}"#,
                                            headers: Self.till(pos))
            #expect(edited.status == .ok && edited.json["name_first"] == "Annie" && edited.json["accepts_communication"] == [], "\(edited.text)")
            let card = try await api.call(.get, "/v1/contacts/\(id)", key: admin)
            #expect(card.json["contact"]?["consent"] == false, "consent withdrawn")
            let export = try await api.call(.get, "/v1/contacts/\(id)/export", key: admin)
            #expect(export.json["lookups"]?.arrayValue?.count == 6, "the export has the look-ups that found her: \(export.text)")
            #expect(export.json["timeline"]?.arrayValue?.contains { $0["kind"] == "consent" } == true, "and the consent records")
            #expect(card.json["timeline"]?.arrayValue?.contains { $0["kind"] == "consent" && $0["data"]?["store_id"] == "Söder 1" } == true,
                    "the consent record says where: \(card.text)")
            let sections = created.json["sections"]?.arrayValue ?? []
            #expect(sections.contains { $0["title"] == "Sitoo-Contact" && $0["values"]?.arrayValue?.contains { $0["title"] == "member_number" && $0["text"] == "KV20045" } == true },
                    "custom field groups as titled key/value lists: \(sections)")
        }
    }

    /// Sitoo's own example customer names every member the till reads; Kvitto's answer has them all.
    @Test(SharedFixtures.required) func theCustomerObjectHasEveryMemberOfSitoosExample() async throws {
        let sample = try #require(try SharedFixtures.json("fixtures/sitoo/crm_spi_v2_GET_customers_response.SYNTHETIC.json").arrayValue?.first)
        let harness = try APIHarness()
        let (_, admin) = try await harness.account()
        try await harness.run { api in
            let pos = try await Self.posKey(api, admin: admin)
            let created = try await api.call(.post, "/pos/v2/customers", body: #"{"email": "anna.svensson@example.se"}"#, headers: Self.till(pos))
            let found = try await api.call(.get, "/pos/v2/customers?key_type=email&key=anna.svensson%40example.se", headers: Self.till(pos))
            let customer = try #require(found.json.arrayValue?.first, "\(found.text)")
            #expect(customer == created.json, "a look-up answers what registration answered")
            for (member, value) in sample.objectValue ?? [:] {
                #expect(customer[member] != nil, "Sitoo's member \(member) is missing")
                if value.arrayValue != nil { #expect(customer[member]?.arrayValue != nil, "\(member) is a list, as Sitoo's") }
            }
        }
    }

    @Test func registrationRefusesDuplicatesAndBadInputWithPointers() async throws {
        let harness = try APIHarness()
        let (_, admin) = try await harness.account()
        try await harness.run { api in
            let pos = try await Self.posKey(api, admin: admin)
            let first = try await api.call(.post, "/pos/v2/customers", body: #"{"email": "kim@example.se", "member_number": "A-1"}"#, headers: Self.till(pos))
            #expect(first.status == .created && first.json["member_number"] == "A-1", "a number the till sends is kept: \(first.text)")
            let cases: [(String, HTTPResponse.Status, [String])] = [
                (#"{"name_first": "Ingen"}"#, .unprocessableContent, ["/email", "/mobile"]),
                (#"{"email": "KIM@example.se"}"#, .conflict, ["/email"]),
                (#"{"mobile": "0701112233", "member_number": "A-1"}"#, .conflict, ["/member_number"]),
                (#"{"email": "new@example.se", "shoe_size": 42}"#, .unprocessableContent, ["/shoe_size"]),
                (#"{"email": "new@example.se", "accepts_communication": ["fax"]}"#, .unprocessableContent, ["/accepts_communication"]),
                (#"{"mobile": "070-12ab"}"#, .unprocessableContent, ["/mobile"]),
                (#"{"email": 7}"#, .unprocessableContent, ["/email"]),
            ]
            for (body, status, pointers) in cases {
                let reply = try await api.call(.post, "/pos/v2/customers", body: body, headers: Self.till(pos))
                #expect(reply.status == status && (reply.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } ?? []) == pointers,
                        "\(body): \(reply.text)")
            }
            #expect(try await api.call(.post, "/pos/v2/customers", body: "{not json", headers: Self.till(pos)).status == .badRequest)
            let contacts = try await api.call(.get, "/v1/contacts", key: admin)
            #expect(contacts.json["items"]?.arrayValue?.count == 1, "nothing stored from a refused request")
            let noType = try await api.call(.get, "/pos/v2/customers?key=x", headers: Self.till(pos))
            #expect(noType.status == .unprocessableContent && noType.json["errors"]?.arrayValue?.first?["pointer"] == "/key_type")
            let unknownType = try await api.call(.get, "/pos/v2/customers?key_type=name&key=Kim", headers: Self.till(pos))
            #expect(unknownType.status == .unprocessableContent, "no look-up by name: \(unknownType.text)")
            let webshop = try await api.call(.post, "/v1/api-keys", key: admin, body: #"{"name": "webshop", "scopes": ["ingest", "read"]}"#)
            let shopKey = try #require(webshop.json["key"]?.stringValue)
            #expect(try await api.call(.get, "/pos/v2/customers?key_type=email&key=kim%40example.se", key: shopKey).status == .forbidden,
                    "a web shop's key is not a till's")
            #expect(try await api.call(.get, "/pos/v2/customers?key_type=email&key=kim%40example.se").status == .unauthorized)
            #expect(try await api.call(.get, "/pos/v2/customers/con_nope", headers: Self.till(pos)).status == .notFound)
        }
    }

    @Test func thePurchaseHistoryShowsOrdersFromEveryConnectionNewestFirst() async throws {
        let harness = try APIHarness()
        let (_, admin) = try await harness.account()
        try await harness.run { api in
            let pos = try await Self.posKey(api, admin: admin)
            let created = try await api.call(.post, "/pos/v2/customers", body: #"{"email": "anna@example.se"}"#, headers: Self.till(pos))
            let id = try #require(created.json["customer_id"]?.stringValue, "\(created.text)")
            for n in 1...3 {
                let order = try await api.call(.post, "/v1/orders", key: admin,
                                               body: Sample.order(externalID: "w\(n)", email: "anna@example.se", phone: "070-999 99 9\(n)"))
                #expect(order.json["contact_id"]?.stringValue == id, "\(order.text)")
            }
            let page = try await api.call(.get, "/pos/v2/customers/\(id)/purchases?limit=2", headers: Self.till(pos))
            let items = try #require(page.json["items"]?.arrayValue, "\(page.text)")
            #expect(items.count == 2 && items.first?["lines"]?.arrayValue?.isEmpty == false, "\(page.text)")
            let cursor = try #require(page.json["next_cursor"]?.stringValue)
            let rest = try await api.call(.get, "/pos/v2/customers/\(id)/purchases?limit=2&cursor=\(cursor)", headers: Self.till(pos))
            #expect(rest.json["items"]?.arrayValue?.count == 1 && rest.json["next_cursor"] == .null)
            let ids = (items + (rest.json["items"]?.arrayValue ?? [])).compactMap { $0["purchase_id"]?.stringValue }
            #expect(ids == ids.sorted(by: >) && Set(ids).count == 3, "newest first, each once")

            // A merchant who keeps web orders from shop staff limits the till to purchases made at tills.
            let bought = try await api.call(.post, "/pos/v2/purchases", body: """
                {"purchase_id": "R1-1", "customer_id": "\(id)", "currency": "SEK", "lines": [{"sku": "A", "quantity": 1, "unit_price": "10.00"}]}
                """, headers: Self.till(pos))
            #expect(bought.status == .created, "\(bought.text)")
            let setting = try await api.call(.patch, "/v1/settings", key: admin, body: #"{"pos": {"own_purchases_only": true}}"#)
            #expect(setting.json["pos"]?["own_purchases_only"] == true, "\(setting.text)")
            let own = try await api.call(.get, "/pos/v2/customers/\(id)/purchases?limit=2", headers: Self.till(pos))
            let ownItems = own.json["items"]?.arrayValue ?? []
            #expect(ownItems.count == 1 && ownItems.first?["purchase_id"] == bought.json["purchase_id"] && own.json["next_cursor"] == .null,
                    "only the till purchase: \(own.text)")
            let typo = try await api.call(.patch, "/v1/settings", key: admin, body: #"{"pos": {"own_purchases": true}}"#)
            #expect(typo.status == .unprocessableContent && typo.json["errors"]?.arrayValue?.first?["pointer"] == "/pos/own_purchases", "\(typo.text)")
        }
    }

    /// A purchase at the till is an order with origin `pos`: the receipt automation sends the digital receipt
    /// copy (store, register, payment) to the customer; a purchase without a customer is kept anonymous.
    @Test func aTillPurchaseIsAPOSOrderAndItsReceiptGoesOut() async throws {
        try await SMTPCatcher.withCatcher(arguments: []) { catcher, _ in
            let harness = try APIHarness()
            let (_, admin) = try await harness.account()
            try await harness.run { api in
                let pos = try await Self.posKey(api, admin: admin)
                try await AutomationsAPITests.useCatcher(api, admin, catcher)
                let receipt = try await AutomationsAPITests.templateID(api, admin, "receipt.sv")
                let automation = try await api.call(.post, "/v1/automations", key: admin, body: """
                    {"name": "Kvittokopia", "trigger": {"event_type": "order.received", "filter": "origin == 'pos'"},
                     "steps": [{"type": "email", "template_id": "\(receipt)"}]}
                    """)
                #expect(automation.status == .created, "\(automation.text)")
                let customer = try await api.call(.post, "/pos/v2/customers", body: #"{"email": "anna@example.se", "name_first": "Anna"}"#,
                                                  headers: Self.till(pos))
                let customerID = try #require(customer.json["customer_id"]?.stringValue)
                let purchase = """
                    {"purchase_id": "R3-889", "customer_id": "\(customerID)", "currency": "SEK",
                     "lines": [{"sku": "MUG-1", "name": "Mugg", "quantity": 2, "unit_price": "99.00"}],
                     "payments": [{"method": "card", "amount": "198.00"}], "total": "198.00"}
                    """
                let recorded = try await api.call(.post, "/pos/v2/purchases", body: purchase, headers: Self.till(pos))
                #expect(recorded.status == .created, "\(recorded.text)")
                let orderID = try #require(recorded.json["purchase_id"]?.stringValue)
                let order = try await api.call(.get, "/v1/orders/\(orderID)", key: admin)
                let row = order.json["order"]?["fields"]?["Sitoo-Order"] ?? order.json["fields"]?["Sitoo-Order"]
                #expect(row?["store_id"] == "Söder 1" && row?["register_id"] == "3" && row?["payment"] == "card 198.00", "\(order.text)")
                let again = try await api.call(.post, "/pos/v2/purchases", body: purchase, headers: Self.till(pos))
                #expect(again.status == .ok, "the same purchase again is the same order: \(again.text)")

                let feed = try await api.call(.get, "/v1/events?after=0", key: admin).json["items"]?.arrayValue ?? []
                #expect(feed.contains { $0["type"] == "order.received" && $0["origin"] == "pos" && $0["data"]?["contact"]?["id"]?.stringValue == customerID })
                #expect(try await eventually { try catcher.receivedMessages().count == 1 }, "the receipt copy went out")
                let mail = try #require(try catcher.receivedMessages().first)
                #expect(mail.rcptTos == ["anna@example.se"])
                let text = mail.parsed.parts.map(\.text).joined()
                #expect(text.contains("Mugg") && text.contains("198,00"), "the receipt shows the lines and the total: \(text)")

                let anonymous = try await api.call(.post, "/pos/v2/purchases", body: """
                    {"purchase_id": "R3-890", "currency": "SEK", "lines": [{"sku": "MUG-1", "name": "Mugg", "quantity": 1, "unit_price": "99.00"}]}
                    """, headers: Self.till(pos))
                #expect(anonymous.status == .created, "\(anonymous.text)")
                let stored = try await api.call(.get, "/v1/orders/\(anonymous.json["purchase_id"]?.stringValue ?? "")", key: admin)
                #expect((stored.json["order"]?["contact_id"] ?? stored.json["contact_id"]) == .null, "anonymous: \(stored.text)")

                let bad: [(String, String)] = [
                    (#"{"purchase_id": "R3-9", "customer_id": "con_nope", "currency": "SEK", "lines": [{"sku": "A", "quantity": 1, "unit_price": "1.00"}]}"#, "/customer_id"),
                    (#"{"currency": "SEK", "lines": [{"sku": "A", "quantity": 1, "unit_price": "1.00"}]}"#, "/purchase_id"),
                    (#"{"purchase_id": "R3-9", "currency": "SEK", "lines": [{"sku": "A", "quantity": 1, "unit_price": "1.00"}], "payments": [{"method": "card", "amount": "x"}]}"#, "/payments/0/amount"),
                    (#"{"purchase_id": "R3-9", "currency": "SEK", "lines": [{"sku": "A", "quantity": "many", "unit_price": "1.00"}]}"#, "/lines/0/quantity"),
                ]
                for (body, pointer) in bad {
                    let reply = try await api.call(.post, "/pos/v2/purchases", body: body, headers: Self.till(pos))
                    #expect(reply.status == .unprocessableContent && reply.json["errors"]?.arrayValue?.first?["pointer"]?.stringValue == pointer,
                            "\(body): \(reply.text)")
                }
                #expect(try await api.call(.get, "/v1/orders", key: admin).json["items"]?.arrayValue?.count == 2, "nothing stored from refused purchases")
            }
        }
    }
}
