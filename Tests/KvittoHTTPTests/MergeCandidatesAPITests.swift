import Foundation
import HTTPTypes
import KvittoCore
import Testing

@Suite("HTTP: merge candidates")
struct MergeCandidatesAPITests {
    @Test func aConflictIsListedThenMergedOnceWithContactMergedInTheFeed() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let byEmail = try await api.call(.post, "/v1/contacts", key: key, body: #"{"email": "eva@example.se", "tags": ["VIP"]}"#)
            let byPhone = try await api.call(.post, "/v1/contacts", key: key, body: #"{"phone": "070-111 11 11", "first_name": "Eva"}"#)
            let (emailID, phoneID) = (try #require(byEmail.json["id"]?.stringValue), try #require(byPhone.json["id"]?.stringValue))
            let order = try await api.call(.post, "/v1/orders", key: key,
                                           body: Sample.order(externalID: "m1", email: "eva@example.se", phone: "0701111111"))
            #expect(order.json["contact_id"]?.stringValue == emailID, "the e-mail wins by default: \(order.text)")

            let listed = try await api.call(.get, "/v1/merge-candidates?status=open", key: key)
            #expect(listed.status == .ok, "\(listed.text)")
            let items = try #require(listed.json["items"]?.arrayValue)
            #expect(items.count == 1)
            let candidate = try #require(items.first)
            let id = try #require(candidate["id"]?.stringValue)
            #expect(candidate["contact_ids"] == [.string(emailID), .string(phoneID)])
            #expect(candidate["email"] == "eva@example.se" && candidate["phone"] == "+46701111111")
            #expect(try await api.call(.get, "/v1/merge-candidates/\(id)", key: key).json["status"] == "open")
            #expect(try await api.call(.get, "/v1/merge-candidates?status=maybe", key: key).status == .unprocessableContent)

            let created = try await api.call(.post, "/v1/api-keys", key: key, body: #"{"name": "dashboard", "scopes": ["read"]}"#)
            let readKey = try #require(created.json["key"]?.stringValue, "\(created.text)")
            #expect(try await api.call(.post, "/v1/merge-candidates/\(id)/merge", key: readKey).status == .forbidden, "merging needs admin")

            let wrongKeep = try await api.call(.post, "/v1/merge-candidates/\(id)/merge", key: key, body: #"{"keep": "con_nobody"}"#)
            #expect(wrongKeep.status == .unprocessableContent && wrongKeep.json["errors"]?.arrayValue?.first?["pointer"] == "/keep", "\(wrongKeep.text)")
            let unknownMember = try await api.call(.post, "/v1/merge-candidates/\(id)/merge", key: key, body: #"{"kept": "\#(phoneID)"}"#)
            #expect(unknownMember.status == .unprocessableContent, "\(unknownMember.text)")

            let merged = try await api.call(.post, "/v1/merge-candidates/\(id)/merge", key: key, body: #"{"keep": "\#(phoneID)"}"#)
            #expect(merged.status == .ok && merged.json["status"] == "merged" && merged.json["kept_contact_id"]?.stringValue == phoneID,
                    "\(merged.text)")
            #expect(try await api.call(.get, "/v1/contacts/\(emailID)", key: key).status == .notFound, "the other contact is gone")
            let card = try await api.call(.get, "/v1/contacts/\(phoneID)", key: key)
            #expect(card.json["contact"]?["email"] == "eva@example.se" && card.json["contact"]?["first_name"] == "Eva", "\(card.text)")
            #expect(card.json["tags"] == ["VIP"], "the removed contact's tags")
            #expect(card.json["latest_orders"]?.arrayValue?.compactMap { $0["id"] } == [try #require(order.json["id"])], "and its order")
            let found = try await api.call(.get, "/v1/contacts?email=eva@example.se", key: key)
            #expect(found.json["items"]?.arrayValue?.first?["id"]?.stringValue == phoneID, "the e-mail finds the kept contact")

            let again = try await api.call(.post, "/v1/merge-candidates/\(id)/merge", key: key)
            #expect(again.status == .conflict, "\(again.text)")
            #expect(try await api.call(.post, "/v1/merge-candidates/\(id)/dismiss", key: key).status == .conflict)
            #expect(try await api.call(.post, "/v1/merge-candidates/mrg_nope/dismiss", key: key).status == .notFound)

            let events = try await api.call(.get, "/v1/events?after=0&limit=1000", key: key)
            let event = try #require(events.json["items"]?.arrayValue?.last { $0["type"] == "contact.merged" }, "\(events.text)")
            #expect(event["data"]?["contact"]?["id"]?.stringValue == phoneID && event["data"]?["merged_contact_id"]?.stringValue == emailID)
        }
    }

    @Test func aDismissedPairIsNotProposedAgain() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            _ = try await api.call(.post, "/v1/contacts", key: key, body: #"{"email": "kim@example.se"}"#)
            _ = try await api.call(.post, "/v1/contacts", key: key, body: #"{"phone": "0702222222"}"#)
            _ = try await api.call(.post, "/v1/contacts", key: key, body: #"{"email": "kim@example.se", "phone": "0702222222"}"#)
            let listed = try await api.call(.get, "/v1/merge-candidates", key: key)
            let id = try #require(listed.json["items"]?.arrayValue?.first?["id"]?.stringValue, "\(listed.text)")
            let dismissed = try await api.call(.post, "/v1/merge-candidates/\(id)/dismiss", key: key)
            #expect(dismissed.status == .ok && dismissed.json["status"] == "dismissed", "\(dismissed.text)")
            _ = try await api.call(.post, "/v1/contacts", key: key, body: #"{"email": "kim@example.se", "phone": "0702222222"}"#)
            #expect(try await api.call(.get, "/v1/merge-candidates?status=open", key: key).json["items"]?.arrayValue?.isEmpty == true)
            #expect(try await api.call(.get, "/v1/merge-candidates", key: key).json["items"]?.arrayValue?.count == 1)
        }
    }
}
