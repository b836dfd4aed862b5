import Foundation
import KvittoCore
import KvittoStorage

extension StoreConformance {
    static func standardTemplate(_ store: any KvittoStore, _ account: Account, key: String) async throws -> Template {
        let templates = try await store.read { r in try r.templates(account: account.id, page: PageRequest(limit: 100)) }
        guard let template = templates.first(where: { $0.key == key }) else { throw ConformanceFailure(message: "no standard template \(key)", line: #line) }
        return template
    }

    static func automation(_ store: any KvittoStore, _ account: Account, _ entry: Automation.Entry, _ steps: [Automation.Step]) async throws -> Automation {
        var input = AutomationInput()
        input.name = "Flow"
        input.entry = entry
        input.steps = steps
        let prepared = input
        return try await store.write { w in try Automations.create(prepared, account: account.id, in: w, now: Date()) }
    }

    static func runs(_ store: any KvittoStore, _ account: Account, _ automation: Automation) async throws -> [AutomationRun] {
        try await store.read { r in try r.automationRuns(account: account.id, automationID: automation.id, status: nil, page: PageRequest(limit: 100)) }
    }

    static let automationCases: [ConformanceCase] = [
        ConformanceCase("anOrderConfirmationIsQueuedWithItsOrderAndTheRestWaitsInTheDatabase") { store in
            let account = try await Fixture.account(store)
            let confirmation = try await standardTemplate(store, account, key: "order_confirmation.sv")
            let flow = try await automation(store, account, .event(.orderReceived, filter: nil),
                                            [.email(templateID: confirmation.id, active: true), .wait(ISODuration("P2D")!), .addTag("Customer")])
            let started = Date()
            let created = try await Fixture.upsert(store, account, try Fixture.specOrder())
            let messages = try await store.read { r in try r.deliveries(account: account.id, filter: DeliveryFilter(triggerID: flow.id), page: PageRequest()) }
            try expectEqual(messages.map(\.channel), [.email], "the confirmation is queued in the order's transaction")
            try expectEqual(messages.first?.recipient, "Anna@Example.se", "to the customer's address")
            try expectEqual(messages.first?.templateID, confirmation.id, "with its template")
            try expectEqual(messages.first?.contactID, created.order.contactID, "for the order's contact")
            var runs = try await StoreConformance.runs(store, account, flow)
            try expectEqual(runs.map(\.status), [.waiting], "one run, waiting")
            try expectEqual(runs.first?.nextStep, 2, "past the e-mail and the wait")
            try expect(abs((runs.first?.dueAt ?? .distantPast).timeIntervalSince(started) - 2 * 86_400) < 60, "due in two days")
            try expectEqual(runs.first?.log.first?.deliveryID, messages.first?.id, "the log names the delivery")

            // Claimed like any delivery, and read with its template.
            let claimed = try await store.writeDeliveryState { w in
                try w.deliveriesToSend(w.claimDeliveries(now: Date(), limit: 10, leaseUntil: Date().addingTimeInterval(60), token: "t"))
            }
            try expectEqual(claimed.map(\.delivery.id), messages.map(\.id), "the message is due")
            try expectEqual(claimed.first?.template?.id, confirmation.id, "its template is read with it")
            try expect(claimed.first?.trigger == nil, "a message has no trigger")
            try expectEqual(claimed.first?.event?.type, .orderReceived, "its event is read with it")

            let notYet = try await store.read { r in try r.dueRuns(now: Date(), limit: 10) }
            try expect(!notYet.contains { $0.automationID == flow.id }, "the wait is not over")
            let later = started.addingTimeInterval(2 * 86_400 + 120)
            let due = try await store.read { r in try r.dueRuns(now: later, limit: 10) }.filter { $0.accountID == account.id }
            try expectEqual(due.map(\.id), runs.map(\.id), "due when the wait is over")
            let moved = try await store.write { w in try Automations.resume(due[0], in: w, now: later) }
            try expect(moved, "the run moved on")
            let again = try await store.write { w in try Automations.resume(due[0], in: w, now: later) }
            try expect(!again, "a second scheduler with the same run does nothing")
            runs = try await StoreConformance.runs(store, account, flow)
            try expectEqual(runs.map(\.status), [.completed], "the run is done")
            let contact = try await store.read { r in try r.contact(account: account.id, id: created.order.contactID!) }
            try expectEqual(contact?.tags, ["Customer"], "the tag step ran once")
            let events = try await store.read { r in try r.events(account: account.id, after: 0, limit: 100) }
            try expectEqual(events.filter { $0.type == .contactTagAdded }.count, 1, "adding the tag is an event")
        },
        ConformanceCase("aRunStartsOncePerAutomationAndEventAndBackfillsStartNone") { store in
            let account = try await Fixture.account(store)
            let flow = try await automation(store, account, .event(.orderReceived, filter: "data.order.totals.total != '0.00'"), [.addTag("Buyer")])
            let created = try await Fixture.upsert(store, account, try Fixture.specOrder())
            let event = try await store.read { r in try r.events(account: account.id, after: 0, limit: 100) }.first { $0.type == .orderReceived }!
            try await store.write { w in try Automations.enter(event, startsOrder: true, in: w, fireBackfill: false) }
            try expectEqual(try await runs(store, account, flow).count, 1, "processing the event again starts no second run")
            _ = try await Fixture.upsert(store, account, try Fixture.specOrder(externalID: "2002"), origin: .backfill)
            try expectEqual(try await runs(store, account, flow).count, 1, "a backfilled order starts nothing")
            // As a backfill started with fire_triggers does it: around the write body, on the writer's thread.
            _ = try await store.write { w in
                try Postbacks.$backfillFiresTriggers.withValue(true) {
                    try Orders.upsert(try Fixture.specOrder(externalID: "3003"), account: account, origin: .backfill, in: w, now: Date())
                }
            }
            try expectEqual(try await runs(store, account, flow).count, 2, "unless the backfill asked for it")
            _ = created
        },
        ConformanceCase("marketingSkipsContactsWithoutConsentAndTheRunSaysWhy") { store in
            let account = try await Fixture.account(store)
            let now = Date()
            let newsletter = Template(id: KvittoID.make(.template, at: now), accountID: account.id, name: "News", kind: .email,
                                      body: ["subject": "News", "html": "<p>Hi</p>", "text": "Hi"], purpose: .marketing, createdAt: now)
            try await store.write { w in try w.insertTemplate(newsletter) }
            let flow = try await automation(store, account, .tag("VIP"), [.email(templateID: newsletter.id, active: true)])
            let unknown = try await Fixture.contact(store, account, email: "unknown@example.se")
            var consenting = ContactInput(email: "yes@example.se")
            consenting.consent = true
            let agreed = consenting
            let yes = try await store.write { w in try Contacts.upsert(agreed, account: account, origin: .api, pointer: "", in: w, now: now) }
            for id in [unknown.contact.id, yes.contact.id] {
                _ = try await store.write { w in try Contacts.addTags(["VIP"], to: id, account: account, origin: .api, in: w, now: Date()) }
            }
            let runs = try await StoreConformance.runs(store, account, flow)
            try expectEqual(runs.map(\.status), [.completed, .completed], "both runs ran through")
            let skipped = runs.first { $0.contactID == unknown.contact.id }
            try expectEqual(skipped?.log.map(\.outcome), ["skipped: the contact's consent to marketing is unknown"], "the run says why")
            let messages = try await store.read { r in try r.deliveries(account: account.id, filter: DeliveryFilter(triggerID: flow.id), page: PageRequest()) }
            try expectEqual(messages.map(\.recipient), ["yes@example.se"], "only the consenting contact gets it")

            let hash = secrets.suppressionHash(account: account.id, recipient: "YES@example.se")
            let before = try await store.read { r in try r.isSuppressed(account: account.id, hash: hash) }
            try expect(!before, "not suppressed yet")
            try await store.write { w in
                try w.insertSuppression(account: account.id, hash: hash, reason: "unsubscribed", at: now)
                try w.insertSuppression(account: account.id, hash: hash, reason: "unsubscribed", at: now)
            }
            let spelled = secrets.suppressionHash(account: account.id, recipient: "yes@example.se")
            let after = try await store.read { r in try r.isSuppressed(account: account.id, hash: spelled) }
            try expect(after, "suppressed under every spelling of the address")
            let other = try await Fixture.account(store)
            let elsewhere = try await store.read { r in try r.isSuppressed(account: other.id, hash: hash) }
            try expect(!elsewhere, "per account")
        },
        ConformanceCase("orderingAgainCancelsAWinbackAndSwitchingOffCancelsWaitingRuns") { store in
            let account = try await Fixture.account(store)
            let winback = try await automation(store, account, .daysWithoutOrder(90), [.addTag("Winback")])
            let thanks = try await automation(store, account, .daysAfterOrder(30), [.addTag("Thanked")])
            _ = try await Fixture.upsert(store, account, try Fixture.specOrder(externalID: "1"))
            var waiting = try await runs(store, account, winback)
            try expectEqual(waiting.map(\.status), [.waiting], "the winback waits")
            try expect(abs((waiting[0].dueAt ?? .distantPast).timeIntervalSinceNow - 90 * 86_400) < 60, "for 90 days")
            _ = try await Fixture.upsert(store, account, try Fixture.specOrder(externalID: "2"))
            waiting = try await runs(store, account, winback)
            try expectEqual(waiting.map(\.status).sorted { $0.rawValue < $1.rawValue }, [.cancelled, .waiting], "the first wait ended, a new one began")
            try expect(waiting.contains { $0.status == .cancelled && $0.log.last?.outcome == "cancelled: the contact ordered again" }, "and says why")
            try expectEqual(try await runs(store, account, thanks).map(\.status), [.waiting, .waiting], "each order is thanked for")
            var off = AutomationInput()
            off.active = false
            let switchOff = off
            _ = try await store.write { w in try Automations.update(id: thanks.id, with: switchOff, account: account.id, in: w, now: Date()) }
            try expectEqual(try await runs(store, account, thanks).map(\.status), [.cancelled, .cancelled], "switching off stops the waiting runs")
            let due = try await store.read { r in try r.dueRuns(now: Date().addingTimeInterval(100 * 86_400), limit: 100) }.filter { $0.accountID == account.id }
            try expectEqual(due.map(\.automationID), [winback.id], "only the live winback is ever due")
        },
        ConformanceCase("automationsThatKeepTaggingEachOtherStopAfterABoundedChain") { store in
            let account = try await Fixture.account(store)
            // Each run takes the tag off and puts it back, which starts the next run: a loop without the limit.
            let loop = try await automation(store, account, .tag("Ping"), [.removeTag("Ping"), .addTag("Ping")])
            let contactID = try await Fixture.upsert(store, account, try Fixture.specOrder()).order.contactID!
            _ = try await store.write { w in try Contacts.addTags(["Ping"], to: contactID, account: account, origin: .api, in: w, now: Date()) }
            var turns = 0
            while turns < 3 * Automations.chainLimit {
                let now = Date().addingTimeInterval(1)
                let due = try await store.read { r in try r.dueRuns(now: now, limit: 10) }.filter { $0.accountID == account.id }
                guard !due.isEmpty else { break }
                for run in due { _ = try await store.write { w in try Automations.resume(run, in: w, now: now) } }
                turns += 1
            }
            let runs = try await runs(store, account, loop)
            try expectEqual(runs.count, Automations.chainLimit, "the tag from the API and the first tag steps start runs, the last starts none")
            try expect(runs.allSatisfy { $0.status == .completed }, "every run finished")
            let timeline = try await store.read { r in try r.timeline(account: account.id, subjectID: contactID, limit: 100) }
            try expect(timeline.contains { $0.kind == .notice && $0.text.hasPrefix("Automations stopped") }, "the contact's timeline says why")
            let events = try await store.read { r in try r.events(account: account.id, after: 0, limit: 200) }
            let depths = events.filter { $0.type == .contactTagAdded && $0.data["tag"]?.stringValue == "Ping" }.map { $0.data["automation"]?["depth"]?.numberValue?.int64 ?? 0 }
            try expectEqual(depths, Array(0...Int64(Automations.chainLimit)), "each tag event says how deep in the chain it is")
        },
        ConformanceCase("automationsAreStoredListedAndRefuseStepsThatNameNothing") { store in
            let account = try await Fixture.account(store)
            let confirmation = try await standardTemplate(store, account, key: "order_confirmation.en")
            let flow = try await automation(store, account, .event(.orderShipped, filter: "origin == 'pos'"),
                                            [.email(templateID: confirmation.id, active: false), .wait(ISODuration("PT30M")!), .removeTag("X")])
            let read = try await store.read { r in try r.automation(account: account.id, id: flow.id) }
            try expectEqual(read?.json, flow.json, "stored as created")
            try expectEqual(try await store.read { r in try r.activeAutomations(account: account.id) }.map(\.id), [flow.id], "active")
            let error = try await expectError("a step naming a missing template") {
                try await automation(store, account, .tag("A"), [.sms(templateID: "tpl_missing", active: true), .email(templateID: confirmation.id, active: true)])
            }
            try expectEqual(error.fieldErrors.map(\.pointer), ["/steps/0/template_id"], "points at the step")
            let wrongKind = try await expectError("an SMS step with an e-mail template") {
                try await automation(store, account, .tag("A"), [.sms(templateID: confirmation.id, active: true)])
            }
            try expectEqual(wrongKind.fieldErrors.map(\.pointer), ["/steps/0/template_id"], "points at the step")
            try await store.write { w in try Automations.delete(id: flow.id, account: account.id, in: w, now: Date()) }
            let gone = try await store.read { r in try r.automation(account: account.id, id: flow.id) }
            try expect(gone == nil, "deleted")
        },
    ]
}
