import Foundation
import GRDB
import KvittoCore
import KvittoPostgres
import KvittoSQLite
import KvittoStorage
import PostgresNIO
import Testing

/// Databases written by earlier versions of Kvitto open, migrate forward and keep what they hold.
@Suite("Upgrades")
struct UpgradeTests {
    /// Version 1000 is the last migration before message templates; a database left there has accounts
    /// without the standard templates every new account starts with.
    @Test func accountsFromBeforeMessageTemplatesGetTheStandardOnesOnceAndKeepTheirOwn() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-upgrade-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let now = Date()
        let account = Account(id: KvittoID.make(.account, at: now), name: "Old shop", currency: "SEK", defaultCountry: "SE", createdAt: now)
        let own = Template(id: KvittoID.make(.template, at: now), accountID: account.id, name: "Partner feed", kind: .postback,
                           body: ["order": "$data.order.number"], createdAt: now)
        let earlier = try SQLiteStore(path: path, lastMigration: 1000)
        try await earlier.write { w in
            try w.insertAccount(account)
            try w.insertTemplate(own)
        }
        try await earlier.close()

        for opening in 1...2 {
            let store = try SQLiteStore(path: path)
            let templates = try await store.read { r in try r.templates(account: account.id, page: PageRequest(limit: 100)) }
            try await store.close()
            #expect(templates.count == 11, "opening \(opening): the ten standard templates, once, beside the account's own")
            let kept = templates.first { $0.id == own.id }
            #expect(kept?.kind == .postback && kept?.body == own.body && kept?.name == own.name, "the account's own template is kept as it was")
            #expect(Set(templates.compactMap(\.key)).count == 10)
            #expect(templates.filter { $0.key != nil }.allSatisfy { $0.kind == .email && $0.purpose != nil })
        }
    }

    /// Version 3 is the last schema before account settings.
    @Test func aDatabaseFromBeforeSettingsGainsThemAndKeepsItsAccounts() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-upgrade-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let now = Date()
        let account = Account(id: KvittoID.make(.account, at: now), name: "Old shop", currency: "SEK", defaultCountry: "SE", createdAt: now)
        let earlier = try SQLiteStore(path: path, lastMigration: 3)
        try await earlier.write { w in try w.insertAccount(account) }
        try await earlier.close()

        let store = try SQLiteStore(path: path)
        var settings = AccountSettings()
        settings.locale = "en-GB"
        settings.smtp = AccountSettings.SMTP(host: "smtp.example.se", port: 587, startTLS: true, username: nil, sealedPassword: nil,
                                             from: "order@example.se")
        let saved = settings
        try await store.write { w in try w.saveSettings(saved, account: account.id) }
        let (kept, read) = try await store.read { r in (try r.account(account.id), try r.settings(account: account.id)) }
        try await store.close()
        #expect(kept?.name == "Old shop", "the account written before the upgrade is there")
        #expect(read == saved, "settings are stored in the table the upgrade added")
    }

    /// Version 4 is the last schema before automations: its postback deliveries stay in the queue, as
    /// postbacks, beside the automations, runs and suppression list the upgrade adds.
    @Test func aDatabaseFromBeforeAutomationsKeepsItsDeliveriesAndGainsRuns() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-upgrade-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let now = Date()
        let account = Account(id: KvittoID.make(.account, at: now), name: "Old shop", currency: "SEK", defaultCountry: "SE", createdAt: now)
        let trigger = Trigger(id: KvittoID.make(.trigger, at: now), accountID: account.id, name: "Partner", eventTypes: [.orderShipped],
                              url: "https://partner.example/hooks", method: .post, sealedSecret: "v1:sealed", createdAt: now)
        let delivery = Delivery(id: KvittoID.make(.delivery, at: now), accountID: account.id, triggerID: trigger.id,
                                eventID: KvittoID.make(.event, at: now), eventType: .orderShipped, createdAt: now)
        let earlier = try SQLiteStore(path: path, lastMigration: 4)
        try await earlier.write { w in
            try w.insertAccount(account)
            try w.insertTrigger(trigger)
            try w.insertDelivery(delivery)
        }
        try await earlier.close()

        let store = try SQLiteStore(path: path)
        let automation = Automation(id: KvittoID.make(.automation, at: now), accountID: account.id, name: "Tack", active: true,
                                    entry: .daysAfterOrder(30), steps: [.addTag("Thanked")], createdAt: now)
        let run = AutomationRun(id: KvittoID.make(.run, at: now), accountID: account.id, automationID: automation.id, contactID: nil,
                                eventID: delivery.eventID, dueAt: now, createdAt: now)
        let inserted = try await store.write { w in
            try w.insertAutomation(automation)
            return try w.insertRun(run)
        }
        let (kept, queued, due) = try await store.read { r in
            (try r.delivery(account: account.id, id: delivery.id),
             try r.deliveries(account: account.id, filter: DeliveryFilter(triggerID: trigger.id), page: PageRequest()),
             try r.dueRuns(now: now.addingTimeInterval(1), limit: 10))
        }
        try await store.close()
        #expect(kept?.channel == .postback && kept?.triggerID == trigger.id && kept?.status == .pending, "the queued postback is kept")
        #expect(queued.map(\.id) == [delivery.id], "and found by its trigger")
        #expect(inserted && due.map(\.id) == [run.id], "runs are stored in the table the upgrade added")
    }

    /// Version 6 is the last schema before engagement: its orders had no `placed_ms` and `counted_minor`
    /// columns. Written with that version's SQL, they are summed after the upgrade like new ones.
    @Test func ordersFromBeforeEngagementAreCountedAfterTheUpgrade() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-upgrade-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let now = Date()
        let account = Account(id: KvittoID.make(.account, at: now), name: "Old shop", currency: "SEK", defaultCountry: "SE", createdAt: now)
        let earlier = try SQLiteStore(path: path, lastMigration: 6)
        try await earlier.write { w in try w.insertAccount(account) }
        try await earlier.close()
        let contact = KvittoID.make(.contact, at: now)
        func order(_ n: Int, total: Int64, status: OrderStatus, daysAgo: Double) -> Order {
            var order = Order(id: KvittoID.make(.order, at: now), accountID: account.id, connectionID: "cnx_old", source: "shop",
                              externalID: "old-\(n)", createdAt: now.addingTimeInterval(-daysAgo * 86_400), status: status, currency: "SEK",
                              receivedAt: now)
            order.contactID = contact
            order.totals = Totals(total: Money(units: total, scale: 2))
            return order
        }
        let orders = [order(1, total: 64_700, status: .delivered, daysAgo: 10), order(2, total: 10_000, status: .received, daysAgo: 3),
                      order(3, total: 99_900, status: .cancelled, daysAgo: 1)]
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            for order in orders {
                try db.execute(sql: "INSERT INTO orders (id, account_id, connection_id, external_id, contact_id, doc) VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [order.id, order.accountID, order.connectionID, order.externalID, order.contactID,
                                           JSONWriter.string(order.json)])
            }
        }
        try queue.close()

        let store = try SQLiteStore(path: path)
        let totals = try await store.read { r in try r.orderTotals(account: account.id, afterContact: nil, limit: 10) }
        try await store.close()
        #expect(totals.count == 1 && totals.first?.contactID == contact)
        #expect(totals.first?.orderCount == 2 && totals.first?.monetaryMinor == 74_700, "the cancelled order does not count: \(totals)")
        #expect(abs((totals.first?.lastOrderAt ?? .distantPast).timeIntervalSince(orders[1].createdAt)) < 0.01)
    }

    /// Version 7 is the last schema before the till: member numbers lived only in the contacts' documents.
    /// After the upgrade a till finds those contacts by member number; of two that shared one (a plain
    /// field allowed it), the older keeps it findable, and both keep their documents as they were.
    @Test func memberNumbersFromBeforeTheTillAreFoundAfterTheUpgrade() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-upgrade-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let now = Date()
        let account = Account(id: KvittoID.make(.account, at: now), name: "Old shop", currency: "SEK", defaultCountry: "SE", createdAt: now)
        let earlier = try SQLiteStore(path: path, lastMigration: 7)
        try await earlier.write { w in try w.insertAccount(account) }
        try await earlier.close()
        let contacts = ["20045", "20046", "20045"].enumerated().map { n, number in
            var contact = Contact(id: KvittoID.make(.contact, at: now.addingTimeInterval(Double(n))), accountID: account.id, createdAt: now)
            contact.email = "c\(n)@example.se"
            contact.emailKey = contact.email
            contact.fields = ["Sitoo-Contact": ["member_number": .string(number), "gender": "female"]]
            return contact
        }
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            for contact in contacts {
                try db.execute(sql: "INSERT INTO contacts (id, account_id, email_key, phone, doc) VALUES (?, ?, ?, NULL, ?)",
                               arguments: [contact.id, contact.accountID, contact.emailKey, JSONWriter.string(contact.json)])
            }
        }
        try queue.close()

        let store = try SQLiteStore(path: path)
        let found = try await store.read { r in
            (try r.contactID(account: account.id, memberNumber: "20045"), try r.contactID(account: account.id, memberNumber: "20046"))
        }
        let third = try await store.read { r in try r.contact(account: account.id, id: contacts[2].id) }
        let next = try await store.write { w in try w.nextMemberNumber(account: account.id, first: 30000) }
        try await store.close()
        #expect(found.0 == contacts[0].id, "the older of two with one number keeps it findable")
        #expect(found.1 == contacts[1].id)
        #expect(third?.memberNumber == "20045", "the younger keeps its document as it was")
        #expect(next == 30000, "the loyalty club counts from its first number")
    }

    /// Version 9 is the last schema before the admin: its accounts and API keys are kept, and users, sessions
    /// and the audit log live in the tables the upgrade adds.
    @Test func aDatabaseFromBeforeTheAdminKeepsItsKeysAndGainsUsers() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-upgrade-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let now = Timestamp.truncated(Date())
        let account = Account(id: KvittoID.make(.account, at: now), name: "Old shop", currency: "SEK", defaultCountry: "SE", createdAt: now)
        let (_, prefix, hash) = APIKeySecret.generate()
        let key = APIKey(id: KvittoID.make(.apiKey, at: now), accountID: account.id, name: "admin", prefix: prefix, hash: hash,
                         scopes: [.admin], createdAt: now)
        let earlier = try SQLiteStore(path: path, lastMigration: 9)
        try await earlier.write { w in
            try w.insertAccount(account)
            try w.insertAPIKey(key)
        }
        try await earlier.close()

        let store = try SQLiteStore(path: path)
        let passwordHash = try AdminUsers.hash("correct horse battery", rounds: 1000)
        let (user, token) = try await store.write { w in
            let user = try AdminUsers.create(AdminUsers.NewUser(email: "owner@old.se", role: .owner, password: ""), passwordHash: passwordHash,
                                             account: account.id, in: w, now: now)
            try AdminUsers.audit("user.create", subject: user.id, detail: "created", by: user, in: w, now: now)
            return (user, try AdminUsers.startSession(for: user, in: w, now: now))
        }
        let (kept, found, audit) = try await store.read { r in
            (try r.apiKey(hash: hash), try r.adminUser(emailKey: "owner@old.se"), try r.adminAudit(account: account.id, page: PageRequest()))
        }
        let session = try await AdminUsers.session(token: token, store: store, now: now)
        try await store.close()
        #expect(kept == key, "the key written before the upgrade is kept")
        #expect(found == user && session?.1.id == user.id && audit.count == 1, "users, sessions and the audit log are stored")
    }

    /// Version 10 is the last schema before backfill and inbox leases: a backfill left running by it and a
    /// webhook delivery left pending are kept as they were, and the first process after the upgrade gets
    /// them (nobody held a lease).
    @Test func aBackfillLeftRunningAndAPendingDeliveryFromBeforeLeasesAreKeptAndCanBeLeased() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-upgrade-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let now = Timestamp.truncated(Date())
        let account = Account(id: KvittoID.make(.account, at: now), name: "Old shop", currency: "SEK", defaultCountry: "SE", createdAt: now)
        var backfill = Backfill(id: KvittoID.make(.job, at: now), accountID: account.id, connectionID: "cnx_old",
                                since: now.addingTimeInterval(-86400), until: now, allStates: false, fireTriggers: false, createdAt: now)
        backfill.pages = 4
        backfill.imported = 900
        let written = backfill
        let pending = InboxItem(id: KvittoID.make(.inbox, at: now), accountID: account.id, connectionID: "cnx_old", deliveryKey: "w1",
                                topic: "orders/create", receivedAt: now, headers: ["x-shopify-topic": "orders/create"], body: #"{"id": 1}"#)
        let earlier = try SQLiteStore(path: path, lastMigration: 10)
        try await earlier.write { w in
            try w.insertAccount(account)
            try w.insertBackfill(written)
            _ = try w.insertInboxItem(pending)
        }
        try await earlier.close()

        let store = try SQLiteStore(path: path)
        let unfinished = try await store.read { r in try r.unfinishedBackfills() }
        let leased = try await store.write { w in
            try w.leaseBackfill(account: account.id, id: written.id, token: "run", until: now.addingTimeInterval(30), now: now)
        }
        let refused = try await store.write { w in
            try w.leaseBackfill(account: account.id, id: written.id, token: "other", until: now.addingTimeInterval(40), now: now.addingTimeInterval(1))
        }
        let claimed = try await store.write { w in try w.claimInbox(now: now, limit: 10, leaseUntil: now.addingTimeInterval(60), token: "p") }
        try await store.close()
        #expect(claimed == [pending], "the pending delivery is kept as written and claimed")
        #expect(unfinished == [written], "the running backfill is kept as written")
        #expect(leased && !refused, "and is leased to one run after the upgrade")
    }

    /// Version 11 is the last schema before merge candidates had a table: an identity conflict left a note on
    /// each contact's timeline only. Each pair whose contacts both exist becomes one open candidate holding its
    /// notes; the notes stay where they were.
    @Test func identityConflictsNotedBeforeMergeCandidatesBecomeOpenCandidates() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-upgrade-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let now = Timestamp.truncated(Date())
        let account = Account(id: KvittoID.make(.account, at: now), name: "Old shop", currency: "SEK", defaultCountry: "SE", createdAt: now)
        func contact(email: String? = nil, phone: String? = nil) -> Contact {
            var contact = Contact(id: KvittoID.make(.contact, at: now), accountID: account.id, createdAt: now)
            contact.email = email; contact.emailKey = email; contact.phone = phone
            return contact
        }
        let (byEmail, byPhone, gone) = (contact(email: "eva@example.se"), contact(phone: "+46701111111"), "con_01JAAAAAAAAAAAAAAAAAAAAAAA")
        func notes(_ pair: [String], email: String, phone: String, at: Date) -> [TimelineEntry] {
            let data: JSONValue = ["contacts": .array(pair.map { .string($0) }), "email": .string(email), "phone": .string(phone)]
            return pair.map { subject in
                TimelineEntry(id: KvittoID.make(.timeline, at: at), accountID: account.id, subjectID: subject, kind: .mergeCandidate, at: at,
                              text: "Possible duplicate: e-mail \(email) and phone \(phone) belong to different contacts", data: data)
            }
        }
        // The pair conflicted twice (two notes each); another pair's second contact was erased since.
        let written = notes([byEmail.id, byPhone.id], email: "eva@example.se", phone: "+46701111111", at: now.addingTimeInterval(-60))
            + notes([byEmail.id, byPhone.id], email: "eva@example.se", phone: "+46701111111", at: now)
            + notes([byEmail.id, gone], email: "eva@example.se", phone: "+46702222222", at: now)
        let earlier = try SQLiteStore(path: path, lastMigration: 11)
        try await earlier.write { w in
            try w.insertAccount(account)
            try w.insertContact(byEmail)
            try w.insertContact(byPhone)
            for note in written { try w.insertTimeline(note) }
        }
        try await earlier.close()

        let store = try SQLiteStore(path: path)
        let candidates = try await store.read { r in try r.mergeCandidates(account: account.id, status: nil, page: PageRequest()) }
        let timeline = try await store.read { r in try r.timeline(account: account.id, subjectID: byEmail.id, limit: 100) }
        try await store.close()
        #expect(candidates.count == 1, "one candidate for the pair whose contacts both exist")
        let candidate = try #require(candidates.first)
        #expect(candidate.status == .open && candidate.contactIDs == [byEmail.id, byPhone.id])
        #expect(candidate.email == "eva@example.se" && candidate.phone == "+46701111111")
        #expect(candidate.createdAt == now.addingTimeInterval(-60), "created when the pair first conflicted")
        #expect(Set(candidate.noteIDs) == Set(written.prefix(4).map(\.id)), "holding every note about the pair")
        #expect(timeline.filter { $0.kind == .mergeCandidate }.count == 3, "the notes stay on the timeline")
    }

    /// Version 14 is the last schema before a webhook delivery's outcome had columns of its own: one applied
    /// then (its document says what became of it) reads the same after the upgrade, and one still pending
    /// is applied and recorded in the new columns, its document untouched.
    @Test func webhookDeliveriesAppliedBeforeTheOutcomeColumnsKeepTheirOutcome() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-upgrade-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let now = Timestamp.truncated(Date())
        let account = Account(id: KvittoID.make(.account, at: now), name: "Old shop", currency: "SEK", defaultCountry: "SE", createdAt: now)
        let earlier = try SQLiteStore(path: path, lastMigration: 14)
        try await earlier.write { w in try w.insertAccount(account) }
        try await earlier.close()
        func item(_ key: String) -> InboxItem {
            InboxItem(id: KvittoID.make(.inbox, at: now), accountID: account.id, connectionID: "cnx_old", deliveryKey: key,
                      topic: "orders/create", receivedAt: now, headers: ["X-Shopify-Topic": "orders/create"], body: #"{"id": 1}"#)
        }
        var appliedThen = item("d1")
        appliedThen.status = .applied
        appliedThen.outcome = "order ord_old created"
        appliedThen.processedAt = now.addingTimeInterval(2)
        let applied = appliedThen
        let pending = item("d2")
        // As version 14 wrote them: the status in its column and, with the outcome, in the document.
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            for stored in [applied, pending] {
                try db.execute(sql: """
                    INSERT INTO inbox (id, account_id, connection_id, delivery_key, status, received_ms, doc) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [stored.id, stored.accountID, stored.connectionID, stored.deliveryKey, stored.status.rawValue,
                                     Int64(now.timeIntervalSince1970 * 1000), JSONWriter.string(stored.json)])
            }
        }
        try await queue.close()

        let store = try SQLiteStore(path: path)
        var done = pending
        done.status = .ignored
        done.outcome = "ignored: test"
        done.processedAt = now.addingTimeInterval(3)
        let recorded = done
        try await store.write { w in try w.updateInboxItem(recorded) }
        let (old, new) = try await store.read { r in
            (try r.inboxItem(account: account.id, id: applied.id), try r.inboxItem(account: account.id, id: pending.id))
        }
        try await store.close()
        #expect(old == applied, "the delivery applied before the upgrade reads as it did")
        #expect(new == recorded, "one applied after it has its outcome recorded")
        let document = try await DatabaseQueue(path: path).read { db in
            try String.fetchOne(db, sql: "SELECT doc FROM inbox WHERE id = ?", arguments: [pending.id])
        }
        #expect(document == JSONWriter.string(pending.json), "its document is what was received, untouched")
    }

    /// Version 12 is the last schema before events had a contact column: its events, written with that
    /// version's SQL, are found by their contact after the upgrade, so an erasure redacts them and an export
    /// lists them; the feed keeps every event and sequence.
    @Test func eventsFromBeforeTheContactColumnAreFoundAndRedactedByAnErasure() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-upgrade-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let now = Date()
        let account = Account(id: KvittoID.make(.account, at: now), name: "Old shop", currency: "SEK", defaultCountry: "SE", createdAt: now)
        var olga = Contact(id: KvittoID.make(.contact, at: now), accountID: account.id, createdAt: now)
        olga.email = "olga.oldtimer@example.se"
        olga.emailKey = olga.email
        olga.firstName = "Olga"
        let contact = olga
        let earlier = try SQLiteStore(path: path, lastMigration: 12)
        try await earlier.write { w in
            try w.insertAccount(account)
            try w.insertContact(contact)
        }
        try await earlier.close()
        let events = [
            Event(id: KvittoID.make(.event, at: now), accountID: account.id, sequence: 1, type: .contactCreated, occurredAt: now, origin: .api,
                  data: ["contact": contact.json]),
            Event(id: KvittoID.make(.event, at: now.addingTimeInterval(1)), accountID: account.id, sequence: 2, type: .orderReceived,
                  occurredAt: now, origin: .api, data: ["order": ["id": "ord_1", "contact_id": .string(contact.id)], "contact": .null]),
            Event(id: KvittoID.make(.event, at: now.addingTimeInterval(2)), accountID: account.id, sequence: 3, type: .contactCreated,
                  occurredAt: now, origin: .api, data: ["contact": ["id": "con_someone_else", "email": "else@example.se"]]),
        ]
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            for event in events {
                try db.execute(sql: "INSERT INTO events (account_id, sequence, id, doc) VALUES (?, ?, ?, ?)",
                               arguments: [account.id, event.sequence, event.id, JSONWriter.string(event.json)])
            }
            try db.execute(sql: "UPDATE accounts SET event_sequence = 3 WHERE id = ?", arguments: [account.id])
        }
        try queue.close()

        let store = try SQLiteStore(path: path)
        let export = try await store.read { r in try Contacts.export(id: contact.id, account: account.id, in: r) }
        #expect(export?.records.events.map(\.id) == [events[0].id, events[1].id], "the contact's events, by the filled column")
        try await store.write { w in try Contacts.erase(id: contact.id, account: account, origin: .api, in: w, now: now) }
        let feed = try await store.read { r in try r.events(account: account.id, after: 0, limit: 100) }
        try await store.close()
        #expect(feed.map(\.sequence) == [1, 2, 3, 4], "every event kept, and contact.erased after them")
        #expect(!JSONWriter.string(feed[0].json).contains("olga"), "the old snapshot is redacted: \(feed[0].json)")
        #expect(feed[1].data["order"]?["contact_id"] == .null, "the order snapshot names no contact")
        #expect(feed[2].data["contact"]?["email"] == "else@example.se", "someone else's event is untouched")
        let index = try DatabaseQueue(path: path)
        let indexes = try await index.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index'") }
        try index.close()
        #expect(indexes.contains("events_contact") && indexes.contains("deliveries_event") && indexes.contains("events_id"),
                "the new indexes beside the old: \(indexes)")
    }

    /// A database a newer Kvitto migrated is refused, before anything is written to it.
    @Test func aDatabaseFromANewerVersionIsRefusedWithAClearMessage() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-upgrade-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        try await SQLiteStore(path: path).close()
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "INSERT INTO schema_migrations (version, applied_at) VALUES (99, '2030-01-01T00:00:00Z')") }
        try queue.close()
        let refusal = Self.refusal { try SQLiteStore(path: path) }
        #expect(refusal?.contains("newer version of Kvitto") == true && refusal?.contains("migration 99") == true, "\(refusal ?? "opened")")
    }

    @Test(.enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"))
    func aPostgreSQLDatabaseFromANewerVersionIsRefusedWithAClearMessage() async throws {
        let url = try #require(postgresURL)
        let database = try await ScratchDatabase.create(serverURL: url)
        try await PostgresStore.connect(url: database.url, readers: 1, writers: 1).close()
        try await ScratchDatabase.admin(try PostgresStore.Location(url: database.url)) { connection, logger in
            try await connection.query(PostgresQuery(unsafeSQL: "INSERT INTO schema_migrations (version, applied_at) VALUES (99, '2030-01-01T00:00:00Z')"),
                                       logger: logger)
        }
        var refusal: String?
        do {
            try await PostgresStore.connect(url: database.url, readers: 1, writers: 1).close()
        } catch {
            refusal = "\(error)"
        }
        #expect(refusal?.contains("newer version of Kvitto") == true && refusal?.contains("migration 99") == true, "\(refusal ?? "opened")")
        try await database.drop()
    }

    static func refusal(_ open: () throws -> SQLiteStore) -> String? {
        do { _ = try open() } catch { return "\(error)" }
        return nil
    }
}
