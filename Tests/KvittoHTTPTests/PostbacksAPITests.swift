import Foundation
import HTTPTypes
import KvittoCore
import KvittoTestSupport
import Testing


extension APIClient {
    /// Polls the delivery log until `predicate` holds for the filtered deliveries (at most ~10 s).
    func waitForDeliveries(key: String, query: String = "", _ predicate: ([JSONValue]) -> Bool) async throws -> [JSONValue] {
        var items: [JSONValue] = []
        for _ in 0..<100 {
            items = try await call(.get, "/v1/deliveries?limit=100" + query, key: key).json["items"]?.arrayValue ?? []
            if predicate(items) { return items }
            try await Task.sleep(for: .milliseconds(100))
        }
        return items
    }
}

@Suite("HTTP: postbacks")
struct PostbacksAPITests {
    static let specTemplate = #"""
    {"name": "GCW order shipped", "kind": "postback",
     "body": {"orderRef": {"$expr": "data.order.number"},
              "items": {"$expr": "data.order.lines[].{sku: sku, qty: quantity}"},
              "note": {"$template": "Shipped with {{data.order.shipping.carrier}}"}}}
    """#

    @Test
    func deliveriesAreSignedSoTheReferenceReceiverVerifiesThemThroughRotationTestAndReplay() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        let receiver = try await WebhookReceiver()
        defer { receiver.stop() }
        try await harness.run { api in
            let template = try await api.call(.post, "/v1/templates", key: key, body: Self.specTemplate)
            #expect(template.status == .created)
            let templateID = try #require(template.json["id"]?.stringValue)
            let trigger = try await api.call(.post, "/v1/triggers", key: key, body: """
                {"name": "Notify GCW", "event_types": ["order.received", "order.shipped"], "filter": "data.order.totals.total != '0.00'",
                 "url": "\(receiver.url)", "method": "POST", "template_id": "\(templateID)", "retry": true, "active": true}
                """)
            #expect(trigger.status == .created)
            let triggerID = try #require(trigger.json["id"]?.stringValue)
            let secret = try #require(trigger.json["secret"]?.stringValue)
            #expect(secret.hasPrefix("whsec_"))
            try await receiver.start(secrets: [secret])

            let order = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            let orderID = try #require(order.json["id"]?.stringValue)
            var deliveries = try await api.waitForDeliveries(key: key) { $0.first?["status"] == "succeeded" }
            #expect(deliveries.count == 1 && deliveries.first?["status"] == "succeeded", "\(deliveries)")
            let firstID = try #require(deliveries.first?["id"]?.stringValue)
            #expect(deliveries.first?["attempts"]?.arrayValue?.first?["status_code"] == 200)
            var stats = try await receiver.stats()
            #expect(stats["verified"] == 1 && stats["unverified"] == 0, "the reference receiver verified the signature")
            #expect(stats["last"]?["headers"]?["webhook-id"]?.stringValue == firstID, "webhook-id is the delivery id")
            #expect(stats["last"]?["headers"]?["content-type"] == "application/json")
            #expect(stats["last"]?["headers"]?["user-agent"]?.stringValue?.hasPrefix("Kvitto") == true)
            let body = try JSONParser.parse(try #require(stats["last"]?["body"]?.stringValue))
            #expect(body == ["orderRef": "#1001", "items": [["sku": "HOOD-M", "qty": 2]], "note": "Shipped with PostNord"])

            // Rotation: the receiver still knows only the old secret, which keeps signing for 24 h.
            let rotated = try await api.call(.post, "/v1/triggers/\(triggerID)/rotate-secret", key: key)
            #expect(rotated.json["secret"]?.stringValue != secret)
            _ = try await api.call(.post, "/v1/orders/\(orderID)/status", key: key, body: #"{"status": "shipped"}"#)
            deliveries = try await api.waitForDeliveries(key: key) { $0.count == 2 && $0.allSatisfy { $0["status"] == "succeeded" } }
            stats = try await receiver.stats()
            #expect(stats["verified"] == 2 && stats["unverified"] == 0, "both secrets sign during the overlap")
            #expect(stats["last"]?["headers"]?["webhook-signature"]?.stringValue?.split(separator: " ").count == 2)

            // A test send is real and signed but writes no delivery.
            let test = try await api.call(.post, "/v1/triggers/\(triggerID)/test", key: key, body: #"{"event_type": "order.shipped"}"#)
            #expect(test.status == .ok)
            #expect(test.json["response"]?["status"] == 200)
            #expect(test.json["request"]?["headers"]?["webhook-signature"] != nil)
            #expect(test.json["request"]?["body"]?.stringValue?.contains("orderRef") == true)
            #expect(try await api.waitForDeliveries(key: key) { _ in true }.count == 2)

            // A replay is the same delivery: the same webhook-id reaches the receiver again.
            #expect(try await api.call(.post, "/v1/deliveries/\(firstID)/replay", key: key).status == .accepted)
            _ = try await api.waitForDeliveries(key: key) { items in
                items.first { $0["id"]?.stringValue == firstID }?["attempt_count"] == 2
            }
            stats = try await receiver.stats()
            #expect(stats["ids"]?[firstID] == 2, "the replay kept the webhook-id")
        }
    }

    @Test
    func anEndpointAnswering410DisablesItsTriggerWithANotice() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        let receiver = try await WebhookReceiver(arguments: ["--status", "410"])
        defer { receiver.stop() }
        try await harness.run { api in
            let trigger = try await api.call(.post, "/v1/triggers", key: key, body: """
                {"name": "Gone", "event_types": ["order.received"], "url": "\(receiver.url)"}
                """)
            let triggerID = try #require(trigger.json["id"]?.stringValue)
            try await receiver.start(secrets: [try #require(trigger.json["secret"]?.stringValue)])
            _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            let deliveries = try await api.waitForDeliveries(key: key) { $0.first?["status"] == "failed" }
            #expect(deliveries.first?["status"] == "failed")
            #expect(deliveries.first?["last_status_code"] == 410)
            // The worker writes a trigger's health apart from the delivery's result, a moment later.
            var after = try await api.call(.get, "/v1/triggers/\(triggerID)", key: key)
            for _ in 0..<50 where after.json["disabled_at"] == .null {
                try await Task.sleep(for: .milliseconds(100))
                after = try await api.call(.get, "/v1/triggers/\(triggerID)", key: key)
            }
            #expect(after.json["disabled_at"] != .null && after.json["disabled_reason"]?.stringValue?.contains("410") == true)
            _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order(externalID: "2002"))
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await api.waitForDeliveries(key: key) { _ in true }.count == 1, "a disabled trigger gets no new deliveries")
        }
    }

    /// A delivery whose trigger was deleted is given up as exactly that, not as a failed attempt: no request
    /// is made, `last_error` says why, and the metrics count it under its own reason.
    @Test func aReplayAfterItsTriggerWasDeletedFailsAsTriggerDeletedWithoutAnAttempt() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        let receiver = try await WebhookReceiver(arguments: ["--status", "503"])
        defer { receiver.stop() }
        try await harness.run { api in
            let trigger = try await api.call(.post, "/v1/triggers", key: key, body: """
                {"name": "Once", "event_types": ["order.received"], "url": "\(receiver.url)", "retry": false}
                """)
            let triggerID = try #require(trigger.json["id"]?.stringValue)
            try await receiver.start(secrets: [try #require(trigger.json["secret"]?.stringValue)])
            _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            var deliveries = try await api.waitForDeliveries(key: key) { $0.first?["status"] == "failed" }
            let deliveryID = try #require(deliveries.first?["id"]?.stringValue)
            #expect(deliveries.first?["last_status_code"] == 503)
            #expect(deliveries.first?["attempt_count"] == 1)

            #expect(try await api.call(.delete, "/v1/triggers/\(triggerID)", key: key).status == .noContent)
            #expect(try await api.call(.post, "/v1/deliveries/\(deliveryID)/replay", key: key).status == .accepted)
            deliveries = try await api.waitForDeliveries(key: key) {
                $0.first?["status"] == "failed" && $0.first?["last_error"]?.stringValue == "the trigger was deleted"
            }
            #expect(deliveries.first?["last_error"] == "the trigger was deleted", "\(deliveries)")
            #expect(deliveries.first?["attempt_count"] == 1, "no request is made for a deleted trigger")
            #expect(try await receiver.stats()["requests"] == 1)
            let metrics = try await api.call(.get, "/metrics").text
            // The registry is the process's, shared with the other tests: what counts is that each reason is there.
            #expect(metrics.contains(#"kvitto_deliveries_given_up_total{reason="trigger-deleted"}"#), "\(metrics)")
            #expect(metrics.contains(#"kvitto_deliveries_given_up_total{reason="retry-disabled"}"#))
        }
    }

    /// A destination entered as a literal address in a refused range, in any spelling, is a 422 naming `/url`; a
    /// name is accepted and refused when sent, against what it resolves to then.
    @Test func privateAndLoopbackDestinationsAreRefusedUnlessAllowListed() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run(allowOutbound: "") { api in
            for url in ["http://10.0.0.1/hooks", "http://169.254.169.254/latest/meta-data", "http://[::1]:9/hooks", "http://2852039166/latest",
                        "http://0xa9fea9fe/latest", "http://127.1:9/hooks", "http://[::ffff:10.0.0.1]/hooks"] {
                let trigger = try await api.call(.post, "/v1/triggers", key: key, body: #"{"name": "x", "event_types": ["order.shipped"], "url": "\#(url)"}"#)
                #expect(trigger.status == .unprocessableContent && trigger.json["errors"]?.arrayValue?.first?["pointer"] == "/url", "\(url): \(trigger.text)")
            }
            let named = try await api.call(.post, "/v1/triggers", key: key, body: #"{"name": "x", "event_types": ["order.shipped"], "url": "http://localhost:9/hooks"}"#)
            let id = try #require(named.json["id"]?.stringValue, "\(named.text)")
            let test = try await api.call(.post, "/v1/triggers/\(id)/test", key: key)
            #expect(test.json["response"]?["status"] == .null, "localhost must not be reached")
            #expect(test.json["response"]?["error"]?.stringValue?.contains("address-refused") == true, "\(test.text)")
            let moved = try await api.call(.patch, "/v1/triggers/\(id)", key: key, body: #"{"url": "http://0251.0376.0251.0376/"}"#)
            #expect(moved.status == .unprocessableContent, "a change to a refused literal too: \(moved.text)")
        }
        let allowing = try APIHarness()
        let (_, allowingKey) = try await allowing.account()
        try await allowing.run(allowOutbound: "127.0.0.1/32") { api in
            let allowed = try await api.call(.post, "/v1/triggers", key: allowingKey, body: #"{"name": "y", "event_types": ["order.shipped"], "url": "http://127.1:9/hooks"}"#)
            #expect(allowed.status == .created, "allow-listed, in whatever spelling: \(allowed.text)")
        }
    }

    @Test func triggersAndTemplatesAreValidatedWithPointersToTheFault() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let badTemplate = try await api.call(.post, "/v1/templates", key: key, body: #"{"name": "x", "kind": "postback", "body": {"out": {"$expr": "order.["}}}"#)
            #expect(badTemplate.status == .unprocessableContent)
            #expect(badTemplate.json["errors"]?.arrayValue?.first?["pointer"] == "/body/out/$expr")
            let preview = try await api.call(.post, "/v1/mappings/preview", key: key,
                                             body: #"{"template": {"out": {"$expr": "order.number"}}, "payload": {"order": {"number": "1001"}}}"#)
            #expect(preview.json == ["output": ["out": "1001"], "warnings": []])
            let badPreview = try await api.call(.post, "/v1/mappings/preview", key: key,
                                                body: #"{"template": {"out": {"$expr": "order.["}}, "payload": {}}"#)
            #expect(badPreview.status == .unprocessableContent && badPreview.json["errors"]?.arrayValue?.first?["pointer"] == "/out/$expr")
            let sample = try await api.call(.get, "/v1/samples/order.shipped", key: key)
            #expect(sample.json["type"] == "order.shipped" && sample.json["data"]?["order"]?["lines"]?.arrayValue?.isEmpty == false)
            let fromSample = try await api.call(.post, "/v1/mappings/preview", key: key, body: #"{"template": \#(Self.specTemplateBody), "sample": "order.shipped"}"#)
            #expect(fromSample.json["output"]?["note"]?.stringValue?.hasPrefix("Shipped with") == true)

            let problems: [(String, String)] = [
                (#"{"name": "x", "event_types": ["order.shipped"], "url": "ftp://x"}"#, "/url"),
                (#"{"name": "x", "event_types": ["order.flying"], "url": "https://partner.example/h"}"#, "/event_types/0"),
                (#"{"name": "x", "event_types": ["order.shipped"], "url": "https://partner.example/h", "filter": "a.["}"#, "/filter"),
                (#"{"name": "x", "event_types": ["order.shipped"], "url": "https://partner.example/h", "template_id": "tpl_missing"}"#, "/template_id"),
                (#"{"name": "x", "event_types": ["order.shipped"], "email": "ops at butiken"}"#, "/email"),
            ]
            for (body, pointer) in problems {
                let reply = try await api.call(.post, "/v1/triggers", key: key, body: body)
                #expect(reply.status == .unprocessableContent, "\(body)")
                #expect(reply.json["errors"]?.arrayValue?.contains { $0["pointer"]?.stringValue == pointer } == true, "\(body): \(reply.text)")
            }
        }
    }

    static let specTemplateBody = #"{"orderRef": {"$expr": "data.order.number"}, "items": {"$expr": "data.order.lines[].{sku: sku, qty: quantity}"}, "note": {"$template": "Shipped with {{data.order.shipping.carrier}}"}}"#
}
