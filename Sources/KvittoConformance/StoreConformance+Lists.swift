import Foundation
import KvittoCore
import KvittoStorage

extension StoreConformance {
    static let listCases: [ConformanceCase] = [
        ConformanceCase("listsHoldContactsAndNoListIsEveryoneElse") { store in
            let account = try await Fixture.account(store)
            let other = try await Fixture.account(store)
            let stranger = try await Fixture.contact(store, other, email: "stranger@example.se").contact
            var made: [Contact] = []
            for n in 0..<5 { made.append(try await Fixture.contact(store, account, email: "c\(n)@example.se").contact) }
            let contacts = made
            let (vip, news) = try await store.write { w in
                (try Lists.create(name: "VIP", account: account.id, in: w, now: Date()),
                 try Lists.create(name: "Nyhetsbrev", account: account.id, in: w, now: Date()))
            }
            try await store.write { w in
                try w.addToList(account: account.id, listID: vip.id, contactIDs: [contacts[0].id, contacts[1].id, stranger.id])
                try w.addToList(account: account.id, listID: vip.id, contactIDs: [contacts[0].id])
                try w.addToList(account: account.id, listID: news.id, contactIDs: [contacts[1].id, contacts[2].id])
            }
            func ids(_ membership: ListMembership) async throws -> Set<String> {
                Set(try await store.read { r in try r.contacts(account: account.id, membership: membership, page: PageRequest(limit: 100)) }.map(\.id))
            }
            try expectEqual(try await ids(.inList(vip.id)), [contacts[0].id, contacts[1].id], "VIP: two, once each; never another account's contact")
            try expectEqual(try await ids(.noList), [contacts[3].id, contacts[4].id], "no list: the rest")
            try expectEqual(try await ids(.any).count, 5, "all")
            try expectEqual(try await store.read { r in try r.lists(account: account.id) }.map(\.name), ["Nyhetsbrev", "VIP"], "by name")
            try expectEqual(try await store.read { r in try r.listIDs(account: account.id, contactID: contacts[1].id) }.sorted(),
                            [news.id, vip.id].sorted(), "a contact's lists")
            let removed = try await store.write { w in try w.removeFromList(account: account.id, listID: vip.id, contactIDs: [contacts[0].id, contacts[4].id]) }
            try expectEqual(removed, 1, "only a member is removed")
            try await store.write { w in try Contacts.erase(id: contacts[2].id, account: account, origin: .api, in: w, now: Date()) }
            try expectEqual(try await ids(.inList(news.id)), [contacts[1].id], "an erased contact leaves its lists")
            let deleted = try await store.write { w in try w.deleteList(account: account.id, id: news.id) }
            try expect(deleted, "the list is deleted")
            try expectEqual(try await ids(.noList), [contacts[0].id, contacts[3].id, contacts[4].id], "its members are in no list now")
            let foreign = try await store.write { w in try w.deleteList(account: other.id, id: vip.id) }
            try expect(!foreign, "another account cannot delete it")
        },
    ]
}
