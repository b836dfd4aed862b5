import Foundation
import KvittoCore
import KvittoSQLite
import KvittoStorage
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
}
