import Foundation
import HTTPTypes
import KvittoCore
import KvittoStorage
import KvittoTestSupport
import Testing

/// The admin's order list filters, the message template editor and tags on the customer card, over real HTTP.
@Suite("Admin: orders, message templates and tags")
struct AdminRecordsTests {
    /// Orders from two sources in two statuses and on three days, listed through the admin's filters and the
    /// API's query; a value that is not one is answered with the field at fault.
    @Test func ordersAreFilteredBySourceStatusAndDate() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await AdminSignInTests.user(harness, account: account)
        try await harness.run { api in
            func order(_ source: String, _ id: String, day: Int) -> String {
                Sample.order(externalID: id).replacingOccurrences(of: #""source": "webshop""#, with: #""source": "\#(source)""#)
                    .replacingOccurrences(of: "2026-11-01T10:00:00Z", with: "2026-11-0\(day)T10:00:00Z")
            }
            var ids: [String: String] = [:]
            for (source, id, day) in [("webshop", "W1", 1), ("till", "T1", 2), ("webshop", "W2", 3)] {
                ids[id] = try #require(try await api.call(.post, "/v1/orders", key: key, body: order(source, id, day: day)).json["id"]?.stringValue)
            }
            let shipped = try await api.call(.post, "/v1/orders/\(ids["W2"]!)/status", key: key, body: #"{"status": "shipped"}"#)
            #expect(shipped.status == .ok, "\(shipped.text)")
            let webshop = try #require(try await api.call(.get, "/v1/orders/\(ids["W1"]!)", key: key).json["connection_id"]?.stringValue)

            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            func listed(_ query: String) async throws -> [String] {
                let page = try await owner.get("/admin/orders?" + query)
                return ["#W1", "#T1", "#W2"].filter { page.text.contains($0) }
            }
            #expect(try await listed("") == ["#W1", "#T1", "#W2"])
            #expect(try await listed("source=\(webshop)") == ["#W1", "#W2"], "by source")
            #expect(try await listed("status=shipped") == ["#W2"], "by status")
            #expect(try await listed("source=\(webshop)&status=received") == ["#W1"], "both")
            #expect(try await listed("from=2026-11-02&to=2026-11-02") == ["#T1"], "one day, both ends inclusive")
            #expect(try await listed("from=2026-11-02") == ["#T1", "#W2"], "from a day on")
            let wrong = try await owner.get("/admin/orders?from=yesterday")
            #expect(wrong.status == .unprocessableContent && wrong.text.contains("a date such as"), "the bad date is named next to its field")

            let api1 = try await api.call(.get, "/v1/orders?connection_id=\(webshop)&status=shipped", key: key)
            #expect(api1.json["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids["W2"]!])
            let api2 = try await api.call(.get, "/v1/orders?created_from=2026-11-02T00:00:00Z&created_before=2026-11-03T00:00:00Z", key: key)
            #expect(api2.json["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [ids["T1"]!])
            let bad = try await api.call(.get, "/v1/orders?status=lost&created_from=monday", key: key)
            #expect(bad.status == .unprocessableContent)
            let pointers = bad.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } ?? []
            #expect(pointers.contains("/status") && pointers.contains("/created_from"), "\(bad.text)")
        }
    }

    /// The editor previews a draft against a sample, names a broken part next to its field, saves (owners and
    /// admins), and the saved template is the API's; a viewer may preview but the server refuses their save.
    @Test func aMessageTemplateIsPreviewedCheckedAndSaved() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await AdminSignInTests.user(harness, account: account)
        _ = try await AdminSignInTests.user(harness, account: account, email: "viewer@butiken.se", role: .viewer)
        try await harness.run { api in
            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let editor = try await owner.get("/admin/messages/new?kind=email")
            #expect(editor.status == .ok && editor.text.contains(#"data-insert="{{contact.first_name}}""#), "the picker lists the merge fields")
            let csrf = try #require(AdminBrowser.field("csrf_token", in: editor.text))
            let draft: [(String, String)] = [("csrf_token", csrf), ("kind", "email"), ("name", "VIP"), ("purpose", "marketing"),
                                             ("sample", "contact.tag_added"), ("subject", "Välkommen {{contact.first_name}}"),
                                             ("text", "Hej {{contact.first_name}}{{nickname}}!")]
            let preview = try await owner.post("/admin/messages", draft + [("action", "preview")])
            #expect(preview.text.contains(#"<strong id="preview-subject">Välkommen Anna</strong>"#), "the sample's customer is merged")
            #expect(preview.text.contains("the merge field nickname is missing"), "a merge field that renders empty is named")
            let broken = try await owner.post("/admin/messages", draft.filter { $0.0 != "subject" } + [("subject", "Hej {{#contact}}"), ("action", "save")])
            #expect(broken.status == .unprocessableContent && broken.text.contains("/body/subject"), "the broken part is named")
            let saved = try await owner.post("/admin/messages", draft + [("action", "save")])
            #expect(saved.status == .ok && saved.text.contains("Saved."))
            let templates = try await api.call(.get, "/v1/templates?limit=100", key: key).json["items"]?.arrayValue ?? []
            let made = try #require(templates.first { $0["name"] == "VIP" })
            #expect(made["kind"] == "email" && made["purpose"] == "marketing" && made["body"]?["subject"] == "Välkommen {{contact.first_name}}")
            #expect(try await owner.get("/admin/audit").text.contains("template.create"))

            var viewer = try await AdminBrowser.signedIn(api, as: "viewer@butiken.se")
            let id = try #require(made["id"]?.stringValue)
            let page = try await viewer.get("/admin/messages/\(id)")
            #expect(page.status == .ok && !page.text.contains(#"id="save""#), "a viewer has no save button")
            let token = try #require(AdminBrowser.field("csrf_token", in: page.text))
            let viewed = try await viewer.post("/admin/messages/\(id)", [("csrf_token", token), ("name", "VIP"), ("subject", "x"), ("text", "y"), ("action", "preview")])
            #expect(viewed.status == .ok && viewed.text.contains("preview-text"), "but may preview")
            let refused = try await viewer.post("/admin/messages/\(id)", [("csrf_token", token), ("name", "Hijacked"), ("subject", "x"), ("text", "y"), ("action", "save")])
            #expect(refused.status == .forbidden)
            #expect(try await api.call(.get, "/v1/templates/\(id)", key: key).json["name"] == "VIP", "and nothing changed")
        }
    }

    /// A tag added on the card is the API's tag: `contact.tag_added` in the feed, removable, audited; a viewer's
    /// hand-made POST is refused.
    @Test func tagsAreAddedAndRemovedOnTheCard() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await AdminSignInTests.user(harness, account: account, email: "staff@butiken.se", role: .staff)
        _ = try await AdminSignInTests.user(harness, account: account, email: "viewer@butiken.se", role: .viewer)
        try await harness.run { api in
            let order = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            let contact = try #require(order.json["contact_id"]?.stringValue)
            var staff = try await AdminBrowser.signedIn(api, as: "staff@butiken.se")
            let card = try await staff.get("/admin/contacts/\(contact)")
            #expect(card.text.contains("Delivery details — Carrier: PostNord; Cost: 49.00; Address: Anna Berg, Storgatan 1, 111 22 Stockholm, SE"),
                    "the order's delivery details on the card")
            let csrf = try #require(AdminBrowser.field("csrf_token", in: card.text))
            let empty = try await staff.post("/admin/contacts/\(contact)/tags", [("csrf_token", csrf), ("tag", " ")])
            #expect(empty.status == .unprocessableContent && empty.text.contains("Write the tag to add."))
            let tagged = try await staff.post("/admin/contacts/\(contact)/tags", [("csrf_token", csrf), ("tag", "VIP")])
            #expect(tagged.text.contains("Tagged VIP.") && tagged.text.contains(#"<span class="tag">VIP</span>"#))
            let events = try await api.call(.get, "/v1/events?after=0&limit=100", key: key).json["items"]?.arrayValue ?? []
            #expect(events.contains { $0["type"] == "contact.tag_added" && $0["data"]?["tag"] == "VIP" })
            let removed = try await staff.post("/admin/contacts/\(contact)/tags", [("csrf_token", csrf), ("remove", "VIP")])
            #expect(removed.text.contains("Removed the tag VIP.") && !removed.text.contains(#"<span class="tag">VIP</span>"#))

            var viewer = try await AdminBrowser.signedIn(api, as: "viewer@butiken.se")
            let viewed = try await viewer.get("/admin/contacts/\(contact)")
            #expect(!viewed.text.contains(#"id="tag-form""#), "a viewer sees no tag form")
            let token = try #require(AdminBrowser.field("csrf_token", in: viewed.text))
            #expect(try await viewer.post("/admin/contacts/\(contact)/tags", [("csrf_token", token), ("tag", "Sneaky")]).status == .forbidden)
            #expect(try await api.call(.get, "/v1/contacts/\(contact)", key: key).json["tags"] == [])
        }
    }

    /// The dashboard's day: the order and its events in their hour, the share of deliveries that succeeded, and
    /// a postback whose endpoint refuses connections listed as failing.
    @Test func theDashboardShowsTheDayAndTheFailingPostbacks() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await AdminSignInTests.user(harness, account: account)
        let clock = ManualClock()
        try await harness.run(clock: clock) { api in
            let closed = try WebhookReceiver.freePort()
            let trigger = try await api.call(.post, "/v1/triggers", key: key, body: """
                {"name": "Lagret", "event_types": ["order.received"], "url": "http://127.0.0.1:\(closed)/hooks", "retry": false}
                """)
            #expect(trigger.status == .created)
            let order = try #require(try await api.call(.post, "/v1/orders", key: key, body: Sample.order()).json["id"]?.stringValue)
            // Ids carry the time they were made, and never go back: in a test process whose other tests moved their
            // clocks on, that may be ahead of the wall clock. The dashboard's "now" is put where the order's id is.
            let made = try #require(KvittoID.date(of: order))
            clock.advance(by: made.timeIntervalSince(clock.now()) + 1)
            // The workers write an endpoint's health down a few times a second, apart from the deliveries.
            let triggerID = try #require(trigger.json["id"]?.stringValue)
            var failing = false
            for _ in 0..<200 where !failing {
                failing = try await api.call(.get, "/v1/triggers/\(triggerID)", key: key).json["failing_since"]?.stringValue != nil
                if !failing { try await Task.sleep(for: .milliseconds(50)) }
            }
            try #require(failing, "the postback to a closed port fails")
            let events = try await api.call(.get, "/v1/events?after=0&limit=100", key: key).json["items"]?.arrayValue?.count ?? 0
            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let page = try await owner.get("/admin")
            #expect(page.text.contains(#"<strong id="orders-24h">1</strong>"#), "one order in the last 24 hours")
            #expect(page.text.contains(#"<strong id="events-24h">\#(events)</strong>"#), "and its \(events) events")
            #expect(page.text.contains(#"<strong id="success-rate" class="error">0.0 %</strong>"#), "no delivery succeeded: shown as a problem")
            #expect(page.text.contains("Lagret</a> → http://127.0.0.1:\(closed)/hooks: <span class=\"error\">failing since"), "the failing postback")
            #expect(page.text.components(separatedBy: "<tr><td title=").count - 1 == 24, "24 hours listed")
        }
    }

    /// The delivery log narrowed to one postback, and "replay every failed delivery shown" replays only those.
    @Test func theDeliveryLogIsFilteredAndReplaysWhatItShows() async throws {
        let harness = try APIHarness()
        let (account, key) = try await harness.account()
        _ = try await AdminSignInTests.user(harness, account: account)
        try await harness.run { api in
            var ids: [String] = []
            for name in ["Lagret", "Bokföringen"] {
                let closed = try WebhookReceiver.freePort()
                let made = try await api.call(.post, "/v1/triggers", key: key, body: """
                    {"name": "\(name)", "event_types": ["order.received"], "url": "http://127.0.0.1:\(closed)/hooks", "retry": false}
                    """)
                ids.append(try #require(made.json["id"]?.stringValue))
            }
            _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            let failed = try await api.waitForItems("/v1/deliveries?status=failed", key: key) { $0.count == 2 }
            #expect(failed.count == 2)
            var owner = try await AdminBrowser.signedIn(api, as: "owner@butiken.se")
            let all = try await owner.get("/admin/deliveries?status=failed")
            #expect(all.text.components(separatedBy: "<td><a href=\"/admin/deliveries/dlv_").count - 1 == 2)
            let one = try await owner.get("/admin/deliveries?status=failed&source=\(ids[0])&event_type=order.received")
            #expect(one.text.components(separatedBy: "<td><a href=\"/admin/deliveries/dlv_").count - 1 == 1, "one postback's")
            #expect(one.text.contains(#"<option value="\#(ids[0])" selected>postback: Lagret</option>"#))
            let csrf = try #require(AdminBrowser.field("csrf_token", in: one.text))
            let replayed = try await owner.post("/admin/deliveries/replay", [("csrf_token", csrf), ("source", ids[0]), ("event_type", "order.received")])
            #expect(replayed.status == .seeOther)
            // Sent again (and refused again: nothing listens), so it has two attempts; the other postback's has one.
            let again = try await api.waitForItems("/v1/deliveries?trigger_id=\(ids[0])", key: key) {
                $0.first?["attempts"]?.arrayValue?.count == 2 && $0.first?["status"] == "failed"
            }
            #expect(again.first?["attempts"]?.arrayValue?.count == 2, "the chosen postback's delivery was replayed: \(again)")
            let other = try await api.call(.get, "/v1/deliveries?trigger_id=\(ids[1])", key: key).json["items"]?.arrayValue ?? []
            #expect(other.first?["attempts"]?.arrayValue?.count == 1 && other.first?["status"] == "failed", "the other one was not")
        }
    }

    /// `POST /v1/deliveries/replay` with a filter replays exactly the failed deliveries it selects.
    @Test func theAPIsBulkReplayReplaysWhatItsFilterSelects() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            var ids: [String] = []
            for name in ["Lagret", "Bokföringen"] {
                let closed = try WebhookReceiver.freePort()
                let made = try await api.call(.post, "/v1/triggers", key: key, body: """
                    {"name": "\(name)", "event_types": ["order.received"], "url": "http://127.0.0.1:\(closed)/hooks", "retry": false}
                    """)
                ids.append(try #require(made.json["id"]?.stringValue))
            }
            for n in 1...3 { _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order(externalID: "R\(n)")) }
            #expect(try await api.waitForItems("/v1/deliveries?status=failed&limit=100", key: key) { $0.count == 6 }.count == 6)
            let bad = try await api.call(.post, "/v1/deliveries/replay", key: key, body: #"{"status": "lost"}"#)
            #expect(bad.status == .unprocessableContent, "a filter value that is not one is named: \(bad.text)")
            let replayed = try await api.call(.post, "/v1/deliveries/replay", key: key, body: #"{"trigger_id": "\#(ids[0])", "status": "failed"}"#)
            #expect(replayed.status == .accepted && replayed.json["replayed"] == 3, "\(replayed.text)")
            // Up to a minute: a refused connection to a port that several sends share is sometimes reported only at
            // the send's 15-second deadline (the HTTP client's pool retries the connection meanwhile).
            var again: [JSONValue] = []
            for _ in 0..<600 {
                again = try await api.call(.get, "/v1/deliveries?trigger_id=\(ids[0])", key: key).json["items"]?.arrayValue ?? []
                if again.count == 3, again.allSatisfy({ $0["attempts"]?.arrayValue?.count == 2 && $0["status"] == "failed" }) { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(again.allSatisfy { $0["attempts"]?.arrayValue?.count == 2 }, "the three were sent again: \(again.map { "\($0["status"] ?? .null) \($0["attempts"]?.arrayValue?.count ?? 0) \($0["next_attempt_at"] ?? .null)" })")
            let other = try await api.call(.get, "/v1/deliveries?trigger_id=\(ids[1])", key: key).json["items"]?.arrayValue ?? []
            #expect(other.count == 3 && other.allSatisfy { $0["attempts"]?.arrayValue?.count == 1 }, "the other postback's were not")
        }
    }
}
