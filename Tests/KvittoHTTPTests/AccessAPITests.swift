import Foundation
import HTTPTypes
import KvittoCore
import Testing

@Suite("HTTP: keys, scopes and tenant isolation")
struct AccessAPITests {
    @Test func requestsWithoutAValidKeyAre401AndWithoutTheScopeAre403() async throws {
        let harness = try APIHarness()
        let (_, admin) = try await harness.account()
        try await harness.run { api in
            #expect(try await api.call(.get, "/v1/orders").status == .unauthorized)
            #expect(try await api.call(.get, "/v1/orders", key: "kvt_not-a-key").status == .unauthorized)
            let created = try await api.call(.post, "/v1/api-keys", key: admin, body: #"{"name": "dashboard", "scopes": ["read"]}"#)
            #expect(created.status == .created)
            let readKey = try #require(created.json["key"]?.stringValue)
            #expect(try await api.call(.get, "/v1/orders", key: readKey).status == .ok)
            let refused = try await api.call(.post, "/v1/orders", key: readKey, body: Sample.order())
            #expect(refused.status == .forbidden)
            #expect(refused.json["detail"]?.stringValue?.contains("ingest") == true)
            #expect(try await api.call(.get, "/v1/api-keys", key: readKey).status == .forbidden)
            let basic = "Basic " + Data("pos:\(readKey)".utf8).base64EncodedString()
            #expect(try await api.call(.get, "/v1/orders", headers: [.authorization: basic]).status == .ok)
        }
    }

    @Test func keysAreListedWithoutSecretsAndARevokedKeyStopsAtOnce() async throws {
        let harness = try APIHarness()
        let (_, admin) = try await harness.account()
        try await harness.run { api in
            let created = try await api.call(.post, "/v1/api-keys", key: admin, body: #"{"name": "webshop", "scopes": ["ingest", "read"]}"#)
            let secret = try #require(created.json["key"]?.stringValue)
            let id = try #require(created.json["id"]?.stringValue)
            #expect(try await api.call(.get, "/v1/orders", key: secret).status == .ok)
            let list = try await api.call(.get, "/v1/api-keys", key: admin)
            #expect(!list.text.contains(secret), "the secret is never listed")
            let listed = list.json["items"]?.arrayValue?.first { $0["id"]?.stringValue == id }
            #expect(listed?["name"] == "webshop")
            #expect(listed?["prefix"]?.stringValue.map { secret.hasPrefix($0) } == true)
            #expect(listed?["scopes"] == ["ingest", "read"])
            #expect(try await api.call(.delete, "/v1/api-keys/\(id)", key: admin).status == .noContent)
            #expect(try await api.call(.get, "/v1/orders", key: secret).status == .unauthorized, "revoked keys stop working at once")
            let invalid = try await api.call(.post, "/v1/api-keys", key: admin, body: #"{"name": "x", "scopes": ["root"]}"#)
            #expect(invalid.json["errors"]?.arrayValue?.first?["pointer"] == "/scopes/0")
        }
    }

    @Test func twoAccountsNeverSeeEachOthersContactsOrdersProductsEventsOrKeys() async throws {
        let harness = try APIHarness()
        let (_, keyA) = try await harness.account()
        let (_, keyB) = try await harness.account()
        try await harness.run { api in
            let order = try await api.call(.post, "/v1/orders", key: keyA, body: Sample.order())
            let orderID = try #require(order.json["id"]?.stringValue)
            let contactID = try #require(order.json["contact_id"]?.stringValue)
            let productID = try #require(order.json["lines"]?.arrayValue?.first?["product_id"]?.stringValue)
            let keysA = try await api.call(.get, "/v1/api-keys", key: keyA)
            let keyIDA = try #require(keysA.json["items"]?.arrayValue?.first?["id"]?.stringValue)

            // Every endpoint that names another account's object answers 404.
            let foreign: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/v1/orders/\(orderID)", nil), (.post, "/v1/orders/\(orderID)/status", #"{"status": "shipped"}"#),
                (.post, "/v1/orders/\(orderID)/lock", nil), (.get, "/v1/contacts/\(contactID)", nil),
                (.patch, "/v1/contacts/\(contactID)", #"{"first_name": "Mallory"}"#), (.get, "/v1/contacts/\(contactID)/export", nil),
                (.post, "/v1/contacts/\(contactID)/tags", #"{"tags": ["x"]}"#), (.delete, "/v1/contacts/\(contactID)/tags", #"{"tags": ["x"]}"#),
                (.delete, "/v1/contacts/\(contactID)", nil), (.delete, "/v1/api-keys/\(keyIDA)", nil),
            ]
            for (method, uri, body) in foreign {
                let reply = try await api.call(method, uri, key: keyB, body: body)
                #expect(reply.status == .notFound, "\(method) \(uri) must be 404 for another account, was \(reply.status)")
            }
            // Lists and look-ups hold none of A's records.
            for uri in ["/v1/orders", "/v1/contacts", "/v1/products", "/v1/categories", "/v1/rejections",
                        "/v1/contacts?email=anna@example.se", "/v1/contacts?phone=0701234567", "/v1/orders?contact_id=\(contactID)"] {
                let reply = try await api.call(.get, uri, key: keyB)
                #expect(reply.json["items"]?.arrayValue?.isEmpty == true, "\(uri) leaked: \(reply.text)")
            }
            let events = try await api.call(.get, "/v1/events?after=0", key: keyB)
            #expect(events.json["items"]?.arrayValue?.isEmpty == true)
            let keysB = try await api.call(.get, "/v1/api-keys", key: keyB)
            #expect(keysB.json["items"]?.arrayValue?.count == 1)
            #expect(!keysB.text.contains(keyIDA) && !events.text.contains(productID))
            // A still has everything.
            #expect(try await api.call(.get, "/v1/orders/\(orderID)", key: keyA).json["status"] == "received")
            #expect(try await api.call(.get, "/v1/contacts/\(contactID)", key: keyA).status == .ok)
        }
    }

    /// What the router refuses on its own (no route, a method a path does not take) and a missing key are
    /// problem+json like every other refusal, with their own status and type.
    @Test func theRoutersOwnRefusalsAreProblemDocuments() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let missing = try await api.call(.get, "/v1/nothing-here", key: key)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/problem+json")
            #expect(missing.json["type"] == "https://kvitto.dev/problems/not-found")
            // A path it knows with another method is a 405 naming the methods it answers.
            let wrongMethod = try await api.call(.put, "/v1/orders", key: key, body: "{}")
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.contentType] == "application/problem+json")
            #expect(wrongMethod.json["detail"] == "PUT is not allowed on /v1/orders; it answers GET, POST, HEAD")
            let noScope = try await api.call(.get, "/v1/orders")
            #expect(noScope.status == .unauthorized && noScope.headers[.contentType] == "application/problem+json")
        }
    }

    @Test func healthMetricsAndTheOpenAPIDocumentAreServedWithoutAKey() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            #expect(try await api.call(.get, "/health").json["status"] == "ok")
            _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order(externalID: "9", currency: "EUR"))
            let metrics = try await api.call(.get, "/metrics")
            #expect(metrics.text.contains(#"kvitto_http_requests_total{route="/v1/orders",method="POST",status="201"}"#))
            #expect(metrics.text.contains("kvitto_http_request_duration_seconds_bucket"))
            #expect(metrics.text.contains(#"kvitto_orders_ingested_total{outcome="created"}"#))
            #expect(metrics.text.contains(#"kvitto_rejections_total{reason="currency-mismatch"}"#))
            let openapi = try await api.call(.get, "/openapi.json")
            #expect(openapi.json["openapi"] == "3.1.0")
            #expect(try await api.call(.get, "/v1/nothing-here", key: key).status == .notFound)
        }
    }

    /// A page size outside 1–500 is a 422 naming `/limit` (it was clamped without a word); API keys and
    /// categories are paged like every list.
    @Test func pageSizesAreCheckedAndKeysAndCategoriesArePaged() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            for bad in ["501", "0", "ten", "-1"] {
                let answer = try await api.call(.get, "/v1/orders?limit=\(bad)", key: key)
                #expect(answer.status == .unprocessableContent && answer.json["errors"]?.arrayValue?.first?["pointer"] == "/limit", "limit=\(bad)")
            }
            #expect(try await api.call(.get, "/v1/orders?limit=500", key: key).status == .ok)
            _ = try await api.call(.post, "/v1/api-keys", key: key, body: #"{"name": "Lagret", "scopes": ["read"]}"#)
            let first = try await api.call(.get, "/v1/api-keys?limit=1", key: key).json
            let cursor = try #require(first["next_cursor"]?.stringValue, "a next page")
            let second = try await api.call(.get, "/v1/api-keys?limit=1&cursor=\(cursor)", key: key).json
            let names = [first, second].compactMap { $0["items"]?.arrayValue?.first?["name"]?.stringValue }
            #expect(names == ["Lagret", "admin"], "newest first, one a page: \(names)")
            _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            let categories = try await api.call(.get, "/v1/categories?limit=1", key: key).json
            #expect(categories["items"]?.arrayValue?.first?["name"] == "Clothing" && categories["next_cursor"]?.stringValue != nil, "parents first")
        }
    }

    /// A method a path does not answer is a 405 naming the ones it does (`Allow`); a path that does not exist
    /// stays a 404.
    @Test func aMethodAPathLacksIs405WithAllow() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let trace = try await api.call(.trace, "/health")
            #expect(trace.status == .methodNotAllowed && trace.headers[.allow] == "GET, HEAD", "\(trace.status) \(trace.headers)")
            let put = try await api.call(.put, "/v1/orders", key: key, body: "{}")
            #expect(put.status == .methodNotAllowed && put.headers[.allow] == "GET, POST, HEAD")
            #expect(put.json["title"] == "Method not allowed")
            let deleteOrder = try await api.call(.delete, "/v1/orders/ord_01JBZ8W3Q1A2B3C4D5E6F7G8H9", key: key)
            #expect(deleteOrder.status == .methodNotAllowed && deleteOrder.headers[.allow]?.contains("GET") == true, "a templated path too")
            #expect(try await api.call(.get, "/v1/nothing-here", key: key).status == .notFound, "an unknown path stays 404")
        }
    }
}
