import Foundation
import KvittoCore
import KvittoStorage
import Synchronization

extension StoreConformance {
    static let secrets = SecretBox(keyMaterial: "conformance-test-key")

    static func trigger(_ store: any KvittoStore, _ account: Account, types: [EventType], filter: String? = nil) async throws -> Trigger {
        var input = TriggerInput()
        input.name = "Notify"
        input.eventTypes = types
        input.url = "https://partner.example/hooks"
        if let filter { input.filter = .some(filter) }
        let prepared = input
        return try await store.write { w in try Postbacks.createTrigger(prepared, account: account.id, secrets: secrets, in: w, now: Date()).0 }
    }

    /// Four due deliveries: three of `account`, whose trigger has a postback template, one of `other`.
    static func twoAccountsWithDeliveries(_ store: any KvittoStore) async throws
        -> (account: Account, other: Account, template: Template, templated: Trigger) {
        let account = try await Fixture.account(store)
        let other = try await Fixture.account(store)
        let created = Date()
        let template = Template(id: KvittoID.make(.template, at: created), accountID: account.id, name: "Slim", kind: .postback,
                                body: ["number": "$data.order.number"], createdAt: created)
        try await store.write { w in try w.insertTemplate(template) }
        var input = TriggerInput()
        input.name = "Templated"; input.eventTypes = [.orderReceived]; input.url = "https://partner.example/hooks"
        input.templateID = .some(template.id)
        let prepared = input
        let templated = try await store.write { w in try Postbacks.createTrigger(prepared, account: account.id, secrets: secrets, in: w, now: created).0 }
        _ = try await trigger(store, other, types: [.orderReceived])
        for i in 0..<3 { _ = try await Fixture.upsert(store, account, try Fixture.specOrder(externalID: "b\(i)")) }
        _ = try await Fixture.upsert(store, other, try Fixture.specOrder(externalID: "elsewhere"))
        return (account, other, template, templated)
    }

    static let postbackCases: [ConformanceCase] = [
        ConformanceCase("aCommitThatQueuesDeliveriesWakesTheWorkersOnceAndOtherWritesDoNot") { store in
            let account = try await Fixture.account(store)
            _ = try await trigger(store, account, types: [.orderShipped])
            let wakes = WakeCount()
            let watching = Task { try await store.watchDueDeliveries { wakes.add() } }
            defer { watching.cancel() }
            try await Task.sleep(for: .milliseconds(500))  // the watcher is listening (on a busy machine: perhaps not yet)
            let atStart = wakes.count
            let created = try await Fixture.upsert(store, account, try Fixture.specOrder())
            try await Task.sleep(for: .milliseconds(300))
            try expectEqual(wakes.count - atStart, 0, "wake-ups after an order no trigger wants")
            _ = try await store.write { w in try Orders.setStatus(.shipped, orderID: created.order.id, account: account, origin: .api, in: w, now: Date()) }
            for _ in 0..<250 where wakes.count == atStart { try await Task.sleep(for: .milliseconds(20)) }
            try await Task.sleep(for: .milliseconds(300))  // a second wake-up (PostgreSQL's NOTIFY coming back) would be here by now
            try expectEqual(wakes.count - atStart, 1, "wake-ups after a commit that queued a delivery")
        },
        ConformanceCase("matchingEventsCreateDeliveriesInTheirOwnTransaction") { store in
            let account = try await Fixture.account(store)
            let shipped = try await trigger(store, account, types: [.orderShipped])
            let big = try await trigger(store, account, types: [.orderReceived], filter: "data.order.totals.total != '0.00'")
            _ = try await trigger(store, account, types: [.orderReceived], filter: "data.order.number == 'never'")
            let created = try await Fixture.upsert(store, account, try Fixture.specOrder())
            var deliveries = try await store.read { r in try r.deliveries(account: account.id, filter: DeliveryFilter(), page: PageRequest()) }
            try expectEqual(deliveries.map(\.triggerID), [big.id], "only the received trigger whose filter matched")
            try expectEqual(deliveries.first?.status, .pending, "a new delivery is pending")
            _ = try await store.write { w in try Orders.setStatus(.shipped, orderID: created.order.id, account: account, origin: .api, in: w, now: Date()) }
            deliveries = try await store.read { r in try r.deliveries(account: account.id, filter: DeliveryFilter(triggerID: shipped.id), page: PageRequest()) }
            try expectEqual(deliveries.map(\.eventType), [.orderShipped], "the status change reached its trigger")
            _ = try? await store.write { w -> Void in
                _ = try Orders.setStatus(.delivered, orderID: created.order.id, account: account, origin: .api, in: w, now: Date())
                throw KvittoError.rejected("test", "rolled back")
            }
            let all = try await store.read { r in try r.deliveries(account: account.id, filter: DeliveryFilter(), page: PageRequest()) }
            try expectEqual(all.count, 2, "a rolled-back change delivers nothing")
        },
        ConformanceCase("aClaimLeasesDueDeliveriesToOneWorkerUntilItExpires") { store in
            let account = try await Fixture.account(store)
            _ = try await trigger(store, account, types: [.orderReceived])
            for i in 0..<5 { _ = try await Fixture.upsert(store, account, try Fixture.specOrder(externalID: "c\(i)")) }
            let now = Date()
            let first = try await store.write { w in try w.claimDeliveries(now: now, limit: 3, leaseUntil: now.addingTimeInterval(30), token: "A") }
            let second = try await store.write { w in try w.claimDeliveries(now: now, limit: 10, leaseUntil: now.addingTimeInterval(30), token: "B") }
            try expectEqual(first.count, 3, "the first worker gets its limit")
            try expectEqual(second.count, 2, "the second gets only what is left")
            try expect(Set(first.map(\.deliveryID)).isDisjoint(with: second.map(\.deliveryID)), "no delivery is leased twice")
            let later = now.addingTimeInterval(31)
            let reclaimed = try await store.write { w in try w.claimDeliveries(now: later, limit: 10, leaseUntil: later.addingTimeInterval(30), token: "C") }
            try expectEqual(reclaimed.count, 5, "expired leases are reclaimed")
            var delivery = try await store.read { r in try r.delivery(account: account.id, id: first[0].deliveryID) }!
            delivery.status = .succeeded
            delivery.attempts = 1
            delivery.nextAttemptAt = nil
            let stale = delivery
            let staleWrite = try await store.write { w in try w.completeDelivery(stale, token: "A") }
            try expect(!staleWrite, "a worker whose lease was taken over cannot write its result")
            let ownWrite = try await store.write { w in try w.completeDelivery(stale, token: "C") }
            try expect(ownWrite, "the lease holder can")
            let depth = try await store.read { r in try r.queueDepth() }
            try expectEqual(depth.pending, 4, "the queue depth counts pending deliveries")
        },
        ConformanceCase("heartbeatsKeepALeaseAndRequeuedDeliveriesKeepTheirId") { store in
            let account = try await Fixture.account(store)
            _ = try await trigger(store, account, types: [.orderReceived])
            _ = try await Fixture.upsert(store, account, try Fixture.specOrder())
            _ = try await Fixture.upsert(store, account, try Fixture.specOrder(externalID: "abandoned"))
            let now = Date()
            let claims = try await store.write { w in try w.claimDeliveries(now: now, limit: 2, leaseUntil: now.addingTimeInterval(10), token: "A") }
            try expectEqual(claims.count, 2, "both deliveries are claimed")
            let claim = [claims[0]]
            let kept = claims[0].deliveryID
            try await store.write { w in try w.extendLeases(token: "A", ids: [kept], until: now.addingTimeInterval(60)) }
            let stolen = try await store.write { w in try w.claimDeliveries(now: now.addingTimeInterval(20), limit: 2, leaseUntil: now.addingTimeInterval(80), token: "B") }
            try expectEqual(stolen.map(\.deliveryID), [claims[1].deliveryID],
                            "an extended lease is not reclaimed; one the heartbeat left out expires")
            var delivery = try await store.read { r in try r.delivery(account: account.id, id: claim[0].deliveryID) }!
            delivery.status = .failed
            delivery.nextAttemptAt = nil
            let failed = delivery
            _ = try await store.write { w in try w.completeDelivery(failed, token: "A") }
            try await store.write { w in try w.insertAttempt(DeliveryAttempt(deliveryID: failed.id, number: 1, at: now, statusCode: 500,
                                                                              latencyMilliseconds: 12, responseHeaders: [:], responseExcerpt: "boom", error: nil)) }
            var replay = failed
            replay.status = .pending
            replay.nextAttemptAt = now
            let requeued = replay
            try await store.write { w in try w.requeueDelivery(requeued) }
            let again = try await store.write { w in try w.claimDeliveries(now: now.addingTimeInterval(1), limit: 5, leaseUntil: now.addingTimeInterval(90), token: "C") }
            try expectEqual(again.map(\.deliveryID), [failed.id], "a replay is the same delivery, so the same webhook-id")
            let attempts = try await store.read { r in try r.attempts(deliveryID: failed.id) }
            try expectEqual(attempts.map(\.statusCode), [500], "attempts are kept")
        },
        ConformanceCase("aClaimedBatchIsReadAndItsResultsSavedTogether") { store in
            let (account, other, template, templated) = try await twoAccountsWithDeliveries(store)
            let now = Date()
            let claims = try await store.write { w in try w.claimDeliveries(now: now, limit: 10, leaseUntil: now.addingTimeInterval(30), token: "A") }
            try expectEqual(claims.count, 4, "every due delivery of both accounts is claimed")
            let vanished = DeliveryClaim(deliveryID: "dlv_missing", accountID: account.id, token: "A")
            let misplaced = DeliveryClaim(deliveryID: claims.first { $0.accountID == other.id }!.deliveryID, accountID: account.id, token: "A")
            let toSend = try await store.read { r in try r.deliveriesToSend(claims + [vanished, misplaced]) }
            try expectEqual(toSend.map(\.claim), claims, "each claim in order; a delivery that is gone or of another account is left out")
            for one in toSend {
                try expectEqual(one.delivery.id, one.claim.deliveryID, "the claim's own delivery")
                try expectEqual(one.event?.id, one.delivery.eventID, "with its event")
                try expectEqual(one.event?.sequence ?? 0 > 0, true, "the event carries its feed number")
                try expectEqual(one.trigger?.id, one.delivery.triggerID, "and its trigger")
                try expectEqual(one.template?.id, one.claim.accountID == account.id ? template.id : nil, "and its trigger's template, if any")
            }
            try expect(toSend.contains { $0.trigger?.id == templated.id }, "the templated trigger is among them")
            // A's lease on one delivery expires and B takes it over: A's result for it must not be saved.
            let taken = claims[0]
            let later = now.addingTimeInterval(31)
            _ = try await store.write { w in try w.extendLeases(token: "A", ids: claims.dropFirst().map(\.deliveryID), until: later.addingTimeInterval(30)) }
            let stolen = try await store.write { w in try w.claimDeliveries(now: later, limit: 10, leaseUntil: later.addingTimeInterval(30), token: "B") }
            try expectEqual(stolen.map(\.deliveryID), [taken.deliveryID], "only the expired lease is taken over")
            let results = toSend.enumerated().map { index, one -> DeliveryCompletion in
                var delivery = one.delivery
                delivery.attempts = 1
                delivery.lastStatusCode = index == 1 ? 503 : 200
                delivery.status = index == 1 ? .pending : .succeeded
                delivery.nextAttemptAt = index == 1 ? later.addingTimeInterval(60) : nil
                return DeliveryCompletion(delivery: delivery, token: "A", attempt: DeliveryAttempt(
                    deliveryID: delivery.id, number: 1, at: later, statusCode: delivery.lastStatusCode, latencyMilliseconds: 3,
                    responseHeaders: [:], responseExcerpt: "", error: nil))
            }
            let saved = try await store.write { w in try w.completeDeliveries(results) }
            try expectEqual(saved, Set(claims.dropFirst().map(\.deliveryID)), "every result but the one whose lease was lost")
            for result in results {
                let stored = try await store.read { r in try r.delivery(account: result.delivery.accountID, id: result.delivery.id) }!
                let attempts = try await store.read { r in try r.attempts(deliveryID: result.delivery.id) }
                if result.delivery.id == taken.deliveryID {
                    try expectEqual(stored.status, .pending, "the taken-over delivery keeps its state")
                    try expectEqual(stored.attempts, 0, "and records no attempt of the worker that lost it")
                    try expectEqual(attempts.count, 0, "no attempt row either")
                } else {
                    try expectEqual(stored.status, result.delivery.status, "the result is saved")
                    try expectEqual(stored.nextAttemptAt.map { Int($0.timeIntervalSince1970) }, result.delivery.nextAttemptAt.map { Int($0.timeIntervalSince1970) },
                                    "with its next attempt")
                    try expectEqual(attempts.map(\.statusCode), [result.delivery.lastStatusCode], "and its attempt")
                }
            }
            let retryDue = try await store.write { w in try w.claimDeliveries(now: later.addingTimeInterval(61), limit: 10, leaseUntil: later.addingTimeInterval(90), token: "C") }
            try expectEqual(Set(retryDue.map(\.deliveryID)), [results[1].delivery.id, taken.deliveryID],
                            "the retried one is due again, its lease released (and the one B took over, B's lease expired)")
        },
        ConformanceCase("aWorkersClaimReturnsWhatToSendAsAClaimThenItsReadWould") { store in
            let (account, _, template, _) = try await twoAccountsWithDeliveries(store)
            let now = Date()
            let first = try await store.writeDeliveryState { w in
                try w.claimDeliveriesToSend(now: now, limit: 3, leaseUntil: now.addingTimeInterval(30), token: "A")
            }
            try expectEqual(first.count, 3, "at most the limit")
            try expect(first.allSatisfy { $0.claim.token == "A" }, "leased to the claimer")
            let rest = try await store.writeDeliveryState { w in
                try w.claimDeliveriesToSend(now: now, limit: 10, leaseUntil: now.addingTimeInterval(30), token: "B")
            }
            try expectEqual(rest.count, 1, "the next claim gets only what is left")
            let claimed = first + rest
            try expectEqual(Set(claimed.map(\.claim.deliveryID)).count, 4, "no delivery is claimed twice")
            // The same claims read back as `deliveriesToSend` reads them.
            let read = try await store.read { r in try r.deliveriesToSend(claimed.map(\.claim)) }
            func summary(_ one: DeliveryToSend) -> [String?] {
                [one.claim.deliveryID, one.claim.accountID, one.claim.token, one.delivery.id, one.delivery.accountID, one.event?.id,
                 one.event.map { String($0.sequence) }, one.trigger?.id, one.template?.id]
            }
            try expectEqual(claimed.map(summary), read.map(summary), "what the claim returned is what reading its claims returns")
            for one in claimed {
                try expectEqual(one.event?.id, one.delivery.eventID, "each with its event")
                try expectEqual(one.trigger?.id, one.delivery.triggerID, "and its trigger")
                try expectEqual(one.template?.id, one.claim.accountID == account.id ? template.id : nil, "and its trigger's template, if any")
            }
            let none = try await store.writeDeliveryState { w in
                try w.claimDeliveriesToSend(now: now, limit: 10, leaseUntil: now.addingTimeInterval(30), token: "C")
            }
            try expect(none.isEmpty, "everything is leased: nothing to send")
        },
        ConformanceCase("triggerSecretsAreSealedAndRotationKeepsTheOldOneFor24Hours") { store in
            let account = try await Fixture.account(store)
            var input = TriggerInput()
            input.name = "Notify"; input.eventTypes = [.orderShipped]; input.url = "https://partner.example/hooks"
            let prepared = input
            let (created, secret) = try await store.write { w in try Postbacks.createTrigger(prepared, account: account.id, secrets: secrets, in: w, now: Date()) }
            try expect(secret.text.hasPrefix("whsec_") && !created.sealedSecret.contains(secret.text), "the stored secret is sealed")
            let now = Date()
            let (rotated, newSecret) = try await store.write { w in try Postbacks.rotateSecret(id: created.id, account: account.id, secrets: secrets, in: w, now: now) }
            let signing = try Postbacks.signingSecrets(of: rotated, secrets: secrets, now: now.addingTimeInterval(3600))
            try expectEqual(signing, [newSecret.text, secret.text], "both secrets sign during the overlap")
            let after = try Postbacks.signingSecrets(of: rotated, secrets: secrets, now: now.addingTimeInterval(25 * 3600))
            try expectEqual(after, [newSecret.text], "only the new one after 24 hours")
            let bad = try await expectError("a filter that does not parse") {
                var update = TriggerInput()
                update.filter = .some("data.order.[")
                let change = update
                return try await store.write { w in try Postbacks.updateTrigger(id: created.id, with: change, account: account.id, in: w, now: Date()) }
            }
            try expectEqual(bad.fieldErrors.first?.pointer, "/filter", "the error names the filter")
        },
        ConformanceCase("theDashboardCountsAnAccountsOrdersEventsAndDeliveriesByTheTimeInTheirIds") { store in
            let account = try await Fixture.account(store)
            let other = try await Fixture.account(store)
            _ = try await trigger(store, account, types: [.orderReceived])
            var orders: [Order] = []
            for id in ["a", "b", "c"] { orders.append(try await Fixture.upsert(store, account, try Fixture.specOrder(externalID: id)).order) }
            _ = try await Fixture.upsert(store, other, try Fixture.specOrder(externalID: "elsewhere"))
            // Hours around the time in the ids (the clock of a test process may have run ahead of the wall
            // clock: ids never go back), two of them, since an hour may begin while the orders are made.
            guard let made = KvittoID.date(of: orders[0].id) else { throw ConformanceFailure(message: "no time in \(orders[0].id)", line: #line) }
            let hourStart = Date(timeIntervalSince1970: (made.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
            let hours = [hourStart, hourStart.addingTimeInterval(3600)]
            let counts = try await store.read { r in try r.hourlyActivity(account: account.id, hourStarts: hours) }
            try expectEqual(counts.map(\.start), hours, "one count an hour asked for")
            try expectEqual(counts.map(\.orders).reduce(0, +), 3, "the account's three orders, not the other account's")
            let events = try await store.read { r in try r.events(account: account.id, after: 0, limit: 100) }
            try expectEqual(counts.map(\.events).reduce(0, +), events.count, "every event of the account")
            let earlier = try await store.read { r in try r.hourlyActivity(account: account.id, hourStarts: [hourStart.addingTimeInterval(-3600)]) }
            try expectEqual(earlier.map(\.orders), [0], "nothing the hour before")

            var tally = try await store.read { r in try r.deliveryTally(account: account.id, since: made.addingTimeInterval(-1)) }
            try expectEqual(tally, DeliveryTally(pending: 3), "three postbacks waiting")
            let now = Date()
            let claims = try await store.write { w in try w.claimDeliveries(now: now.addingTimeInterval(60), limit: 10, leaseUntil: now.addingTimeInterval(120), token: "A") }
            var newest = made
            for (index, claim) in claims.enumerated() {
                var delivery = try await store.read { r in try r.delivery(account: account.id, id: claim.deliveryID) }!
                newest = max(newest, KvittoID.date(of: delivery.id) ?? newest)
                delivery.status = index == 0 ? .failed : .succeeded
                delivery.nextAttemptAt = nil
                let finished = delivery
                _ = try await store.write { w in try w.completeDelivery(finished, token: "A") }
            }
            tally = try await store.read { r in try r.deliveryTally(account: account.id, since: made.addingTimeInterval(-1)) }
            try expectEqual(tally, DeliveryTally(succeeded: 2, failed: 1), "by their final status")
            try expectEqual(tally.successRate, 2.0 / 3.0, "two of three succeeded")
            let after = newest.addingTimeInterval(0.01)  // past the newest millisecond, whatever the rounding of a Double
            let later = try await store.read { r in try r.deliveryTally(account: account.id, since: after) }
            try expectEqual(later, DeliveryTally(), "none made after the time asked from")
        },
    ]
}

/// Counts a watcher's wake-ups.
final class WakeCount: Sendable {
    private let value = Mutex(0)
    var count: Int { value.withLock { $0 } }
    func add() { value.withLock { $0 += 1 } }
}
