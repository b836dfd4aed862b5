import Foundation
import KvittoCore
import KvittoStorage

extension StoreConformance {
    static let adminCases: [ConformanceCase] = [
        ConformanceCase("aConnectionsBackfillsAreListedNewestFirstAndNoOtherConnectionsOrAccounts") { store in
            let account = try await Fixture.account(store)
            let other = try await Fixture.account(store)
            let start = Timestamp.truncated(Date())
            func backfill(_ n: Int, connection: String, account: String) -> Backfill {
                let at = start.addingTimeInterval(Double(n))
                return Backfill(id: KvittoID.make(.job, at: at), accountID: account, connectionID: connection,
                                since: at.addingTimeInterval(-86400), until: at, allStates: false, fireTriggers: false, createdAt: at)
            }
            var first = backfill(0, connection: "cnx_a", account: account.id)
            let written = [first, backfill(1, connection: "cnx_a", account: account.id), backfill(2, connection: "cnx_b", account: account.id),
                           backfill(3, connection: "cnx_a", account: other.id)]
            try await store.write { w in for b in written { try w.insertBackfill(b) } }
            first.status = .completed
            first.imported = 7
            let finished = first
            try await store.write { w in try w.updateBackfill(finished) }
            let listed = try await store.read { r in try r.backfills(account: account.id, connectionID: "cnx_a", page: PageRequest(limit: 10)) }
            try expectEqual(listed.map(\.id), [written[1].id, written[0].id], "this connection's, newest first")
            try expectEqual(listed.last?.imported, 7, "as last written")
            let paged = try await store.read { r in
                try r.backfills(account: account.id, connectionID: "cnx_a", page: PageRequest(limit: 1, cursor: written[1].id))
            }
            try expectEqual(paged.map(\.id), [written[0].id], "the page after the cursor")
            var queued = backfill(4, connection: "cnx_a", account: account.id)
            queued.status = .queued
            let waiting = queued
            try await store.write { w in try w.insertBackfill(waiting) }
            let unfinished = try await store.read { r in try r.unfinishedBackfills() }.filter { [account.id, other.id].contains($0.accountID) }
            try expectEqual(unfinished.map(\.id), [written[1].id, written[2].id, written[3].id, queued.id],
                            "running and queued ones of every account, oldest first; not the completed one")
            try expectEqual(unfinished.last?.status, .queued, "a queued one stays queued")
        },
        ConformanceCase("aBackfillsLeaseIsHeldByOneRunUntilItIsGivenUpOrRunsOut") { store in
            let account = try await Fixture.account(store)
            let other = try await Fixture.account(store)
            let now = Timestamp.truncated(Date())
            let backfill = Backfill(id: KvittoID.make(.job, at: now), accountID: account.id, connectionID: "cnx_a",
                                    since: now.addingTimeInterval(-86400), until: now, allStates: false, fireTriggers: false, createdAt: now)
            try await store.write { w in try w.insertBackfill(backfill) }
            func lease(_ token: String, at: Date, for seconds: TimeInterval = 30, account: String = account.id) async throws -> Bool {
                try await store.write { w in
                    try w.leaseBackfill(account: account, id: backfill.id, token: token, until: at.addingTimeInterval(seconds), now: at)
                }
            }
            // Each step: (token, seconds after `now`, account, granted?, why).
            let steps: [(String, TimeInterval, String, Bool, String)] = [
                ("a", 0, account.id, true, "nobody held it: granted"),
                ("b", 10, account.id, false, "held by another run: refused"),
                ("b", 29, account.id, false, "still refused just before it runs out"),
                ("a", 20, account.id, true, "its holder renews it (now until +50 s)"),
                ("b", 40, account.id, false, "renewed: refused past the first term"),
                ("x", 0, other.id, false, "not through another account"),
                ("b", 51, account.id, true, "run out: another run takes it over"),
                ("a", 52, account.id, false, "the old holder's renewal is refused then"),
            ]
            for (token, after, owner, expected, why) in steps {
                let granted = try await lease(token, at: now.addingTimeInterval(after), account: owner)
                try expectEqual(granted, expected, why)
            }
            try await store.write { w in try w.releaseBackfill(account: account.id, id: backfill.id, token: "a") }
            let notGivenUp = try await lease("c", at: now.addingTimeInterval(53))
            try expect(!notGivenUp, "only the holder gives it up")
            try await store.write { w in try w.releaseBackfill(account: account.id, id: backfill.id, token: "b") }
            let givenUp = try await lease("c", at: now.addingTimeInterval(54))
            try expect(givenUp, "given up: granted at once")
        },
        ConformanceCase("pendingWebhookDeliveriesAreClaimedOnceUntilTheirLeaseRunsOutOrIsGivenUp") { store in
            let account = try await Fixture.account(store)
            let now = Timestamp.truncated(Date())
            let items = (0..<3).map { n in
                InboxItem(id: KvittoID.make(.inbox, at: now.addingTimeInterval(Double(n))), accountID: account.id, connectionID: "cnx_x",
                          deliveryKey: "d\(n)", topic: "orders/create", receivedAt: now.addingTimeInterval(Double(n)), headers: [:], body: "{}")
            }
            var applied = items[2]
            applied.status = .applied
            applied.outcome = "order ord_x created"
            applied.processedAt = now.addingTimeInterval(5)
            applied.body = "not what the platform sent"
            let done = applied
            var first = applied
            first.status = .rejected
            first.outcome = "rejected: a first try"
            let firstTry = first
            try await store.write { w in
                for item in items { _ = try w.insertInboxItem(item) }
                // Recorded twice in one transaction: the last one holds.
                try w.updateInboxItem(firstTry)
                try w.updateInboxItem(done)
            }
            func claim(_ token: String, at: Date, limit: Int = 10, for seconds: TimeInterval = 60) async throws -> [String] {
                try await store.write { w in
                    try w.claimInbox(now: at, limit: limit, leaseUntil: at.addingTimeInterval(seconds), token: token).map(\.id)
                }
            }
            let oldest = try await claim("a", at: now, limit: 1)
            try expectEqual(oldest, [items[0].id], "the oldest pending one")
            let rest = try await claim("b", at: now)
            try expectEqual(rest, [items[1].id], "the others that nobody holds; not the applied one")
            let none = try await claim("a", at: now.addingTimeInterval(1))
            try expectEqual(none, [], "every pending one is held")
            try await store.write { w in try w.releaseInbox(ids: [items[1].id, items[0].id], token: "b") }
            let givenUp = try await claim("c", at: now.addingTimeInterval(2), for: 120)
            try expectEqual(givenUp, [items[1].id], "given up by its holder: free again; another's claim is not given up by b")
            let runOut = try await claim("d", at: now.addingTimeInterval(61))
            try expectEqual(runOut, [items[0].id], "a's lease ran out; c's holds")

            let other = try await Fixture.account(store)
            let (several, ofOther, one, listed) = try await store.read { r in
                (try r.inboxStatuses(account: account.id, ids: [items[2].id, "inb_missing", items[0].id]),
                 try r.inboxStatuses(account: other.id, ids: items.map(\.id)),
                 try r.inboxItem(account: account.id, id: items[2].id),
                 try r.inbox(account: account.id, connectionID: "cnx_x", page: PageRequest(limit: 10)))
            }
            try expectEqual(several, [items[0].id: .pending, items[2].id: .applied], "several read together; an id not found left out")
            try expectEqual(ofOther, [:], "not another account's")
            var expected = items[2]
            expected.status = .applied
            expected.outcome = "order ord_x created"
            expected.processedAt = now.addingTimeInterval(5)
            try expectEqual(one, expected, "what became of it is recorded; what the platform sent is kept as stored")
            try expectEqual(listed.first { $0.id == items[2].id }, expected, "and listed so")
        },
        ConformanceCase("adminUsersAreFoundByTheirEmailInAnyCaseAndAnEmailSignsInToOneAccountOnly") { store in
            let account = try await Fixture.account(store)
            let other = try await Fixture.account(store)
            let hash = try AdminUsers.hash("correct horse battery", rounds: 1000)
            let now = Timestamp.truncated(Date())
            let user = try await store.write { w in
                try AdminUsers.create(AdminUsers.NewUser(email: "Anna@Butiken.se", name: "Anna", role: .staff, grants: [.syncedOrders],
                                                         password: ""), passwordHash: hash, account: account.id, in: w, now: now)
            }
            let found = try await store.read { r in try r.adminUser(emailKey: AdminUser.emailKey(" anna@butiken.SE")) }
            try expectEqual(found, user, "the user, found by the address in another case")
            try expect(found?.grants == [.syncedOrders] && found?.passwordHash == hash, "grants and the password hash are kept")
            try expectEqual(try await store.read { r in try r.adminUser(account: other.id, id: user.id) }, nil, "not in another account")
            let taken = try await expectError("the same address for another account") {
                try await store.write { w in
                    try AdminUsers.create(AdminUsers.NewUser(email: "ANNA@butiken.se", role: .viewer, password: ""), passwordHash: hash,
                                          account: other.id, in: w, now: now)
                }
            }
            try expectEqual(taken.code, .conflict, "an address in use is a conflict")
            var disabled = user
            disabled.disabledAt = now
            let changed = disabled
            try await store.write { w in try w.updateAdminUser(changed) }
            try expectEqual(try await store.read { r in try r.adminUsers(account: account.id) }, [changed], "the account's users, updated")
        },
        ConformanceCase("adminSessionsAreKeptByTheHashOfTheirTokenAndEndOneByOneOrAllForAUser") { store in
            let account = try await Fixture.account(store)
            let hash = try AdminUsers.hash("correct horse battery", rounds: 1000)
            let start = Date(timeIntervalSince1970: 1_800_000_000)
            let user = try await store.write { w in
                try AdminUsers.create(AdminUsers.NewUser(email: "owner@butiken.se", role: .owner, password: ""), passwordHash: hash,
                                      account: account.id, in: w, now: start)
            }
            let (first, second) = try await store.write { w in
                (try AdminUsers.startSession(for: user, in: w, now: start), try AdminUsers.startSession(for: user, in: w, now: start))
            }
            let stored = try await store.read { r in try r.adminSession(tokenHash: APIKeySecret.hash(first)) }
            try expect(stored?.userID == user.id && stored?.createdAt == start, "the session is found by its token's hash")
            try expectEqual(try await store.read { r in try r.adminSession(tokenHash: first) }, nil, "never by the token itself")
            let later = start.addingTimeInterval(120)
            let resumed = try await AdminUsers.session(token: first, store: store, now: later)
            try expect(resumed?.1.id == user.id, "a session in use is resumed")
            try expectEqual(try await store.read { r in try r.adminSession(tokenHash: APIKeySecret.hash(first)) }?.seenAt, later,
                            "its last use is written")
            let idle = try await AdminUsers.session(token: first, store: store, now: later.addingTimeInterval(AdminUsers.idleTimeout))
            try expect(idle == nil, "idle for the idle limit: signed out")
            try await store.write { w in try w.deleteAdminSession(tokenHash: APIKeySecret.hash(first)) }
            try expectEqual(try await store.read { r in try r.adminSession(tokenHash: APIKeySecret.hash(first)) }, nil, "signed out")
            let other = try await store.read { r in try r.adminSession(tokenHash: APIKeySecret.hash(second)) }
            try expect(other != nil, "the other browser stays")
            try await store.write { w in try w.deleteAdminSessions(userID: user.id) }
            try expectEqual(try await store.read { r in try r.adminSession(tokenHash: APIKeySecret.hash(second)) }, nil, "signed out everywhere")
        },
        ConformanceCase("theAdminAuditLogIsPagedNewestFirstPerAccount") { store in
            let account = try await Fixture.account(store)
            let other = try await Fixture.account(store)
            let hash = try AdminUsers.hash("correct horse battery", rounds: 1000)
            let now = Timestamp.truncated(Date())
            let user = try await store.write { w in
                try AdminUsers.create(AdminUsers.NewUser(email: "audit@butiken.se", role: .owner, password: ""), passwordHash: hash,
                                      account: account.id, in: w, now: now)
            }
            for index in 0..<5 {
                let at = now.addingTimeInterval(Double(index))
                try await store.write { w in try AdminUsers.audit("api_key.create", subject: "key_\(index)", detail: "created key \(index)", by: user, in: w, now: at) }
            }
            let first = try await store.read { r in try r.adminAudit(account: account.id, page: PageRequest(limit: 3)) }
            try expectEqual(first.map(\.subject), ["key_4", "key_3", "key_2"], "newest first")
            try expect(first.allSatisfy { $0.userEmail == "audit@butiken.se" && $0.action == "api_key.create" }, "who and what")
            let rest = try await store.read { r in try r.adminAudit(account: account.id, page: PageRequest(limit: 3, cursor: first.last?.id)) }
            try expectEqual(rest.map(\.subject), ["key_1", "key_0"], "the next page")
            try expectEqual(try await store.read { r in try r.adminAudit(account: other.id, page: PageRequest()) }.count, 0, "per account")
        },
        ConformanceCase("anAccountIsChangedAndItsCurrencyOnlyWhileItHasNoOrders") { store in
            let account = try await Fixture.account(store)
            var change = Accounts.Change()
            change.name = "Butiken AB"
            change.country = "no"
            change.identityPriority = [.phone, .email]
            change.productKey = .externalID
            change.currency = "NOK"
            let chosen = change
            _ = try await store.write { w in try Accounts.update(account.id, with: chosen, in: w) }
            let changed = try await store.read { r in try r.account(account.id) }
            try expectEqual(changed?.name, "Butiken AB", "the name")
            try expectEqual(changed?.defaultCountry, "NO", "the country, upper case")
            try expectEqual(changed?.identityPriority, [.phone, .email], "the identity priority")
            try expectEqual(changed?.productKey, .externalID, "the product key")
            try expectEqual(changed?.currency, "NOK", "the currency, while there are no orders")
            let order = try Fixture.order("""
                {"source": "webshop", "external_id": "1", "currency": "NOK", "customer": {"email": "a@example.no"},
                 "lines": [{"sku": "A", "name": "A", "quantity": 1, "unit_price": "10.00"}]}
                """)
            _ = try await Fixture.upsert(store, changed ?? account, order)
            var again = Accounts.Change()
            again.currency = "SEK"
            let refused = again
            do {
                _ = try await store.write { w in try Accounts.update(account.id, with: refused, in: w) }
                throw ConformanceFailure(message: "a currency change with orders was accepted", line: #line)
            } catch let error as KvittoError {
                try expectEqual(error.code, .conflict, "a currency change with orders is a conflict")
            }
            try expectEqual(try await store.read { r in try r.account(account.id) }?.currency, "NOK", "and changes nothing")
            var wrong = Accounts.Change()
            wrong.country = "XX"
            wrong.identityPriority = []
            let invalid = wrong
            do {
                _ = try await store.write { w in try Accounts.update(account.id, with: invalid, in: w) }
                throw ConformanceFailure(message: "an empty identity priority was accepted", line: #line)
            } catch let error as KvittoError {
                try expectEqual(error.code, .invalid, "invalid values are refused")
            }
        },
        ConformanceCase("apiKeysCategoriesAndListsAreListedAPageAtATime") { store in
            let account = try await Fixture.account(store)
            var made: [String] = []
            for name in ["a", "b", "c"] {
                let (key, _) = try await store.write { w in try Accounts.createKey(account: account.id, name: name, scopes: [.read], in: w, now: Date()) }
                made.append(key.id)
            }
            let other = try await Fixture.account(store)
            let all = try await store.read { r in try r.apiKeys(account: account.id) }.map(\.id)
            let first = try await store.read { r in try r.apiKeys(account: account.id, page: PageRequest(limit: 2)) }.map(\.id)
            try expectEqual(first, Array(all.sorted(by: >).prefix(2)), "keys newest first")
            let rest = try await store.read { r in try r.apiKeys(account: account.id, page: PageRequest(limit: 2, cursor: first.last)) }.map(\.id)
            try expectEqual(first + rest, all.sorted(by: >), "the next page goes on where the first ended, every key once")
            try expectEqual(Set(all).isSuperset(of: made), true, "the three keys made")
            try expectEqual(try await store.read { r in try r.apiKeys(account: other.id, page: PageRequest()) }.contains { made.contains($0.id) }, false,
                            "another account's keys are not listed")

            _ = try await Fixture.upsert(store, account, try Fixture.specOrder())  // makes Clothing → Hoodies
            let tree = try await store.read { r in try r.categories(account: account.id) }
            try expectEqual(tree.count, 2, "two categories")
            let page1 = try await store.read { r in try r.categories(account: account.id, page: PageRequest(limit: 1)) }
            let page2 = try await store.read { r in try r.categories(account: account.id, page: PageRequest(limit: 1, cursor: page1.last?.id)) }
            try expectEqual((page1 + page2).map(\.name), ["Clothing", "Hoodies"], "oldest first: the parent before its child, a page each")
            try expectEqual(page2.first?.parentID, page1.first?.id, "the child names its parent")

            var lists: [String] = []
            for name in ["Kunder", "VIP", "Nyhetsbrev"] {
                lists.append(try await store.write { w in try Lists.create(name: name, account: account.id, in: w, now: Date()) }.id)
            }
            let listPage = try await store.read { r in try r.lists(account: account.id, page: PageRequest(limit: 2)) }.map(\.id)
            let listRest = try await store.read { r in try r.lists(account: account.id, page: PageRequest(limit: 2, cursor: listPage.last)) }.map(\.id)
            try expectEqual(listPage + listRest, lists.sorted(by: >), "lists newest first, a page at a time")
        },
    ]
}
