import Foundation
import HTTPTypes
import KvittoCore
import Testing

@Suite("HTTP: lists")
struct ListsAPITests {
    static func ids(_ reply: APIClient.Reply) -> Set<String> {
        Set(reply.json["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
    }

    @Test func contactsInNoListAreMovedBlacklistedAndDeletedInBulk() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            var contacts: [String] = []
            for n in 0..<6 {
                let order = try await api.call(.post, "/v1/orders", key: key,
                                               body: Sample.order(externalID: "o\(n)", email: "c\(n)@example.se", phone: "070-000 00 0\(n)"))
                contacts.append(try #require(order.json["contact_id"]?.stringValue, "\(order.text)"))
            }
            let vip = try await api.call(.post, "/v1/lists", key: key, body: #"{"name": "VIP"}"#)
            #expect(vip.status == .created, "\(vip.text)")
            let vipID = try #require(vip.json["id"]?.stringValue)
            let archive = try #require(try await api.call(.post, "/v1/lists", key: key, body: #"{"name": "Arkiv"}"#).json["id"]?.stringValue)
            let added = try await api.call(.post, "/v1/lists/\(vipID)/contacts", key: key, body: #"{"contact_ids": ["\#(contacts[0])", "\#(contacts[1])"]}"#)
            #expect(added.json["added"] == 2, "\(added.text)")
            let unknown = try await api.call(.post, "/v1/lists/\(vipID)/contacts", key: key, body: #"{"contact_ids": ["con_nope"]}"#)
            #expect(unknown.status == .unprocessableContent && unknown.json["errors"]?.arrayValue?.first?["pointer"] == "/contact_ids/0")

            #expect(Self.ids(try await api.call(.get, "/v1/contacts?list=\(vipID)", key: key)) == Set(contacts[0...1]))
            #expect(Self.ids(try await api.call(.get, "/v1/contacts?list=none", key: key)) == Set(contacts[2...5]), "the rest are in no list")
            let card = try await api.call(.get, "/v1/contacts/\(contacts[0])", key: key)
            #expect(card.json["lists"]?.arrayValue == [.string(vipID)], "the card shows its lists")

            let moved = try await api.call(.post, "/v1/contacts/bulk", key: key,
                                           body: #"{"filter": {"list": "none"}, "action": "move", "list_id": "\#(archive)"}"#)
            #expect(moved.status == .ok && moved.json["selected"] == 4, "\(moved.text)")
            #expect(Self.ids(try await api.call(.get, "/v1/contacts?list=none", key: key)).isEmpty, "no list is empty now")
            #expect(Self.ids(try await api.call(.get, "/v1/contacts?list=\(archive)", key: key)) == Set(contacts[2...5]))

            let blacklisted = try await api.call(.post, "/v1/contacts/bulk", key: key, body: #"{"filter": {"list": "\#(vipID)"}, "action": "blacklist"}"#)
            #expect(blacklisted.json["selected"] == 2, "\(blacklisted.text)")
            for id in contacts[0...1] {
                #expect(try await api.call(.get, "/v1/contacts/\(id)", key: key).json["contact"]?["blacklisted"] == true)
            }
            let deleted = try await api.call(.post, "/v1/contacts/bulk", key: key, body: #"{"filter": {"list": "\#(archive)"}, "action": "delete"}"#)
            #expect(deleted.json["selected"] == 4, "\(deleted.text)")
            #expect(try await api.call(.get, "/v1/contacts/\(contacts[3])", key: key).status == .notFound, "erased")
            #expect(Self.ids(try await api.call(.get, "/v1/contacts", key: key)) == Set(contacts[0...1]))

            let bad: [(String, String)] = [
                (#"{"action": "delete"}"#, "/filter"),
                (#"{"filter": {}, "action": "delete"}"#, "/filter"),
                (#"{"filter": {"segment": "Sleepy"}, "action": "delete"}"#, "/filter/segment"),
                (#"{"filter": {"list": "none"}, "action": "move"}"#, "/list_id"),
                (#"{"filter": {"list": "none"}, "action": "burn"}"#, "/action"),
                (#"{"filter": {"list": "lst_nope"}, "action": "delete"}"#, "/filter/list"),
                (#"{"filter": {"list": "none"}, "action": "move", "list_id": "lst_nope"}"#, "/list_id"),
            ]
            for (body, pointer) in bad {
                let reply = try await api.call(.post, "/v1/contacts/bulk", key: key, body: body)
                #expect(reply.status == .unprocessableContent && reply.json["errors"]?.arrayValue?.first?["pointer"]?.stringValue == pointer,
                        "\(body): \(reply.text)")
            }
            let renamed = try await api.call(.patch, "/v1/lists/\(archive)", key: key, body: #"{"name": "Gamla"}"#)
            #expect(renamed.json["name"] == "Gamla")
            #expect(try await api.call(.delete, "/v1/lists/\(archive)", key: key).status == .noContent)
            #expect(try await api.call(.get, "/v1/lists", key: key).json["items"]?.arrayValue?.count == 1)
        }
    }

    @Test func bulkActionsSelectByTagAndEngagementSegmentWithinAList() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            var contacts: [String] = []
            for n in 0..<5 {
                let order = try await api.call(.post, "/v1/orders", key: key, body: Sample.order(externalID: "t\(n)", email: "t\(n)@example.se", phone: "070-111 11 1\(n)"))
                contacts.append(try #require(order.json["contact_id"]?.stringValue, "\(order.text)"))
            }
            for id in contacts[0...2] {
                #expect(try await api.call(.post, "/v1/contacts/\(id)/tags", key: key, body: #"{"tags": ["Nyhetsbrev"]}"#).status.code < 300)
            }
            let list = try #require(try await api.call(.post, "/v1/lists", key: key, body: #"{"name": "Butik"}"#).json["id"]?.stringValue)
            _ = try await api.call(.post, "/v1/lists/\(list)/contacts", key: key, body: #"{"contact_ids": ["\#(contacts[1])", "\#(contacts[3])"]}"#)

            // Tag and list together: only contacts[1] is both tagged and in the list.
            let both = try await api.call(.post, "/v1/contacts/bulk", key: key, body: #"{"filter": {"list": "\#(list)", "tag": "Nyhetsbrev"}, "action": "blacklist"}"#)
            #expect(both.status == .ok && both.json["selected"] == 1, "\(both.text)")
            var blacklisted: [String] = []
            for id in contacts where try await api.call(.get, "/v1/contacts/\(id)", key: key).json["contact"]?["blacklisted"] == true { blacklisted.append(id) }
            #expect(blacklisted == [contacts[1]])

            // A tag alone takes the tagged contacts of every list and of none.
            let archive = try #require(try await api.call(.post, "/v1/lists", key: key, body: #"{"name": "Arkiv"}"#).json["id"]?.stringValue)
            let tagged = try await api.call(.post, "/v1/contacts/bulk", key: key, body: #"{"filter": {"tag": "Nyhetsbrev"}, "action": "move", "list_id": "\#(archive)"}"#)
            #expect(tagged.json["selected"] == 3, "\(tagged.text)")
            #expect(Self.ids(try await api.call(.get, "/v1/contacts?list=\(archive)", key: key)) == Set(contacts[0...2]))
            #expect(Self.ids(try await api.call(.get, "/v1/contacts?list=\(list)", key: key)) == [contacts[1], contacts[3]],
                    "without a source list, a move adds and takes out of nothing")

            // A segment: every contact with one order this minute is in the same one after a recompute.
            #expect(try await api.call(.post, "/v1/engagement/recompute", key: key).status.code < 300)
            let segment = try #require(try await api.call(.get, "/v1/contacts/\(contacts[4])", key: key).json["contact"]?["fields"]?["Engagement"]?["segment"]?.stringValue)
            let deleted = try await api.call(.post, "/v1/contacts/bulk", key: key,
                                             body: #"{"filter": {"list": "none", "segment": "\#(segment)"}, "action": "delete"}"#)
            #expect(deleted.json["selected"] == 1, "only contacts[4] is in no list now: \(deleted.text)")
            #expect(try await api.call(.get, "/v1/contacts/\(contacts[4])", key: key).status == .notFound)
            #expect(Self.ids(try await api.call(.get, "/v1/contacts", key: key)).count == 4)
        }
    }
}
