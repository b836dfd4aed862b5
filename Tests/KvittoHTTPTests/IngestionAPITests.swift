import Foundation
import HTTPTypes
import KvittoCore
import Testing

@Suite("HTTP: ingestion")
struct IngestionAPITests {
    @Test func theSpecOrderBuildsACustomerCardAndAnEventFeed() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let created = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            #expect(created.status == .created)
            #expect(created.json["totals"]?["total"] == "647.00")
            #expect(created.json["lines"]?.arrayValue?.first?["line_total"] == "598.00")
            let contactID = try #require(created.json["contact_id"]?.stringValue)

            let again = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            #expect(again.status == .ok)
            #expect(again.json["outcome"] == "unchanged")
            #expect(again.json["id"] == created.json["id"])

            let card = try await api.call(.get, "/v1/contacts/\(contactID)", key: key)
            #expect(card.status == .ok)
            #expect(card.json["contact"]?["phone"] == "+46701234567")
            #expect(card.json["latest_orders"]?.arrayValue?.count == 1)
            #expect(card.json["latest_orders"]?.arrayValue?.first?["source"] == "webshop")

            let byPhone = try await api.call(.get, "/v1/contacts?phone=%2B46701234567", key: key)
            #expect(byPhone.json["items"]?.arrayValue?.first?["id"]?.stringValue == contactID)
            let partial = try await api.call(.get, "/v1/contacts?email=anna@", key: key)
            #expect(partial.json["items"]?.arrayValue?.isEmpty == true, "no partial matching")

            let events = try await api.call(.get, "/v1/events?after=0", key: key)
            let types = events.json["items"]?.arrayValue?.compactMap { $0["type"]?.stringValue }
            #expect(types == ["contact.created", "order.received"])
            #expect(events.json["items"]?.arrayValue?.map { $0["sequence"] } == [1, 2])
            #expect(events.json["items"]?.arrayValue?.last?["data"]?["order"]?["number"] == "#1001")

            let orderID = try #require(created.json["id"]?.stringValue)
            let shipped = try await api.call(.post, "/v1/orders/\(orderID)/status", key: key, body: #"{"status": "shipped"}"#)
            #expect(shipped.json["status"] == "shipped")
            let feed = try await api.call(.get, "/v1/events?after=2", key: key)
            #expect(feed.json["items"]?.arrayValue?.first?["type"] == "order.shipped")
            #expect(feed.json["items"]?.arrayValue?.first?["origin"] == "api")

            let order = try await api.call(.get, "/v1/orders/\(orderID)", key: key)
            let timeline = order.json["timeline"]?.arrayValue?.compactMap { $0["kind"]?.stringValue } ?? []
            #expect(timeline.contains("comment") && timeline.contains("status_change"))
        }
    }

    @Test func aRejectedOrderIsAnsweredWithProblemJSONAndKeptInTheRejectionLog() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let reply = try await api.call(.post, "/v1/orders", key: key, body: Sample.order(currency: "EUR"))
            #expect(reply.status == .unprocessableContent)
            #expect(reply.headers[.contentType] == "application/problem+json")
            #expect(reply.json["reason"] == "currency-mismatch")
            #expect(reply.json["errors"]?.arrayValue?.first?["pointer"] == "/currency")
            let log = try await api.call(.get, "/v1/rejections", key: key)
            #expect(log.json["items"]?.arrayValue?.first?["reason"] == "currency-mismatch")
            #expect(log.json["items"]?.arrayValue?.first?["payload"]?["currency"] == "EUR")
            let orders = try await api.call(.get, "/v1/orders", key: key)
            #expect(orders.json["items"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test func badInputGetsAClearErrorAndStoresNothing() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let malformed = try await api.call(.post, "/v1/orders", key: key, body: #"{"external_id": "1""#)
            #expect(malformed.status == .badRequest)
            #expect(malformed.json["status"] == 400)

            let unknown = try await api.call(.post, "/v1/orders", key: key, body: Sample.order().replacingOccurrences(of: #""status": "received","#, with: #""status": "received", "colour": "red","#))
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.json["errors"]?.arrayValue?.map { $0["pointer"] } == ["/colour"])

            let wrongType = try await api.call(.post, "/v1/orders", key: key, body: Sample.order().replacingOccurrences(of: #""quantity": 2"#, with: #""quantity": "two""#))
            #expect(wrongType.status == .unprocessableContent)
            #expect(wrongType.json["errors"]?.arrayValue?.map { $0["pointer"] } == ["/lines/0/quantity"])

            let huge = "{\"external_id\": \"1\", \"number\": \"" + String(repeating: "x", count: 1_100_000) + "\"}"
            let tooLarge = try await api.call(.post, "/v1/orders", key: key, body: huge)
            #expect(tooLarge.status == .contentTooLarge)

            let events = try await api.call(.get, "/v1/events?after=0", key: key)
            #expect(events.json["items"]?.arrayValue?.isEmpty == true, "no failed request stored anything")
            let rejections = try await api.call(.get, "/v1/rejections", key: key)
            #expect(rejections.json["items"]?.arrayValue?.isEmpty == true, "malformed input is not a rule rejection")
        }
    }

    @Test func aBatchAnswersEveryItemAndOneBadItemDoesNotSinkTheOthers() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let body = #"{"orders": [\#(Sample.order(externalID: "1")), \#(Sample.order(externalID: "2", currency: "NOK")), {"external_id": "3", "currency": 5}, \#(Sample.order(externalID: "4"))]}"#
            let reply = try await api.call(.post, "/v1/orders/batch", key: key, body: body)
            #expect(reply.status == .ok)
            let results = try #require(reply.json["results"]?.arrayValue)
            #expect(results.map { $0["status"] } == [201, 422, 422, 201])
            #expect(results[1]["problem"]?["reason"] == "currency-mismatch")
            #expect(results[2]["problem"]?["errors"]?.arrayValue?.first?["pointer"] == "/currency")
            #expect(results[0]["id"]?.stringValue?.hasPrefix("ord_") == true)
            let orders = try await api.call(.get, "/v1/orders", key: key)
            #expect(orders.json["items"]?.arrayValue?.count == 2)
            let log = try await api.call(.get, "/v1/rejections", key: key)
            #expect(log.json["items"]?.arrayValue?.count == 1)
            // The batch ran twice (all at once, then each order on its own after the refusal): the first
            // run left nothing behind, so the feed holds each accepted order's events once.
            let feed = try #require(try await api.call(.get, "/v1/events?after=0&limit=100", key: key).json["items"]?.arrayValue)
            #expect(feed.filter { $0["type"] == "order.received" }.count == 2, "\(feed.map { $0["type"] ?? .null })")
            #expect(feed.filter { $0["type"] == "contact.created" }.count == 1, "both accepted orders are one customer's")
            #expect(feed.compactMap { $0["sequence"]?.numberValue?.int64 } == Array(1...Int64(feed.count)), "gap-free")
            let tooMany = #"{"orders": ["# + Array(repeating: "{}", count: 1001).joined(separator: ",") + "]}"
            #expect(try await api.call(.post, "/v1/orders/batch", key: key, body: tooMany).status == .unprocessableContent)
        }
    }

    @Test func sixtyFourBitIdsAndExactMoneySurviveTheRoundTrip() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let reply = try await api.call(.post, "/v1/orders", key: key, body:
                #"{"source": "shopify", "external_id": 820982911946154508, "currency": "SEK", "customer": {"email": "a@b.se"}, "lines": [{"external_id": 632910392, "name": "IPod Nano", "quantity": 1, "unit_price": 199.99}]}"#)
            #expect(reply.status == .created)
            #expect(reply.text.contains(#""external_id":"820982911946154508""#))
            #expect(reply.json["lines"]?.arrayValue?.first?["unit_price"] == "199.99")
        }
    }

    @Test func lockedOrdersIgnoreLaterChanges() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let created = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            let id = try #require(created.json["id"]?.stringValue)
            #expect(try await api.call(.post, "/v1/orders/\(id)/lock", key: key).json["locked"] == true)
            let changed = try await api.call(.post, "/v1/orders", key: key, body: Sample.order().replacingOccurrences(of: #""quantity": 2"#, with: #""quantity": 7"#))
            #expect(changed.json["outcome"] == "ignored_locked")
            #expect(changed.json["lines"]?.arrayValue?.first?["quantity"] == 2)
        }
    }

    @Test func customFieldGroupsAreCreatedAndATypeChangeIsRefused() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let first = try await api.call(.post, "/v1/contacts", key: key, body: #"{"email": "olle@example.se", "fields": {"Sitoo-Contact": {"member_number": "123"}}}"#)
            #expect(first.status == .created)
            #expect(first.json["fields"]?["Sitoo-Contact"]?["member_number"] == "123")
            let wrong = try await api.call(.post, "/v1/contacts", key: key, body: #"{"email": "olle@example.se", "fields": {"Sitoo-Contact": {"member_number": 123}}}"#)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.json["errors"]?.arrayValue?.first?["pointer"] == "/fields/Sitoo-Contact/member_number")
        }
    }
}
