import Foundation
import KvittoCore
import KvittoStorage

extension StoreConformance {
    static let mergeCandidateCases: [ConformanceCase] = [
        ConformanceCase("anIdentityConflictRecordsOneMergeCandidatePerPairAndADismissedPairStaysDismissed") { store in
            let account = try await Fixture.account(store)
            let byEmail = try await Fixture.contact(store, account, email: "eva@example.se").contact
            let byPhone = try await Fixture.contact(store, account, phone: "0701111111").contact
            _ = try await Fixture.contact(store, account, email: "eva@example.se", phone: "070-111 11 11")
            _ = try await Fixture.contact(store, account, email: "EVA@example.se", phone: "+46701111111")
            let open = try await store.read { r in try r.mergeCandidates(account: account.id, status: .open, page: PageRequest()) }
            try expectEqual(open.count, 1, "one candidate for the pair, however often it conflicts")
            let candidate = open[0]
            try expectEqual(candidate.contactIDs, [byEmail.id, byPhone.id], "the identity priority's choice first")
            try expectEqual(candidate.email, "eva@example.se", "the e-mail key")
            try expectEqual(candidate.phone, "+46701111111", "the phone, normalised")
            let notes = try await store.read { r in
                try [byEmail.id, byPhone.id].map { try r.timeline(account: account.id, subjectID: $0, limit: 50).filter { $0.kind == .mergeCandidate } }
            }
            try expectEqual(notes.map(\.count), [1, 1], "one note on each timeline, not one per conflict")
            try expectEqual(Set(notes.flatMap { $0.map(\.id) }), Set(candidate.noteIDs), "the candidate knows its notes")

            let dismissed = try await store.write { w in try MergeCandidates.dismiss(id: candidate.id, account: account.id, in: w, now: Date()) }
            try expectEqual(dismissed.status, .dismissed, "dismissed")
            try expect(dismissed.resolvedAt != nil, "with when")
            let again = try await expectError("a second decision") {
                try await store.write { w in try MergeCandidates.dismiss(id: candidate.id, account: account.id, in: w, now: Date()) }
            }
            try expectEqual(again.code, .conflict, "a decided candidate is a conflict")
            _ = try await Fixture.contact(store, account, email: "eva@example.se", phone: "0701111111")
            let all = try await store.read { r in try r.mergeCandidates(account: account.id, status: nil, page: PageRequest()) }
            try expectEqual(all.map(\.status), [.dismissed], "the pair conflicting again stays dismissed")
            let stillOpen = try await store.read { r in try r.mergeCandidates(account: account.id, status: .open, page: PageRequest()) }
            try expect(stillOpen.isEmpty, "and is not listed as open")
        },
        ConformanceCase("mergingGivesTheKeptContactTheOthersOrdersTimelineListsTagsAndFieldsAndRemovesIt") { store in
            let account = try await Fixture.account(store)
            var first = ContactInput(email: "maja@example.se")
            first.tags = ["VIP"]
            first.fields = ["Club": ["level": "gold"]]
            var second = ContactInput(phone: "0702222222", firstName: "Maja", lastName: "Ek")
            second.tags = ["Newsletter"]
            second.fields = ["Club": ["level": "silver", "since": "2020"]]
            second.blacklisted = true
            let (kept, removed) = (first, second)
            let a = try await store.write { w in try Contacts.upsert(kept, account: account, origin: .api, pointer: "", in: w, now: Date()) }.contact
            let b = try await store.write { w in try Contacts.upsert(removed, account: account, origin: .api, pointer: "", in: w, now: Date()) }.contact
            let order = try await Fixture.upsert(store, account, try Fixture.specOrder(externalID: "M1", customer: #"{"phone": "0702222222"}"#)).order
            try expectEqual(order.contactID, b.id, "the order is the phone contact's")
            let list = try await store.write { w in try Lists.create(name: "Club", account: account.id, in: w, now: Date()) }
            _ = try await store.write { w in try Lists.change(list.id, adding: true, contactIDs: [b.id], account: account.id, in: w) }
            _ = try await Fixture.contact(store, account, email: "maja@example.se", phone: "0702222222")
            let candidate = try await store.read { r in try r.mergeCandidates(account: account.id, contactID: b.id) }
            try expectEqual(candidate.count, 1, "a candidate for the pair")

            let refused = try await expectError("keeping a third contact") {
                try await store.write { w in try MergeCandidates.merge(id: candidate[0].id, keep: order.id, account: account, origin: .api, in: w, now: Date()) }
            }
            try expectEqual(refused.fieldErrors.map(\.pointer), ["/keep"], "names /keep")
            let merged = try await store.write { w in
                try MergeCandidates.merge(id: candidate[0].id, keep: nil, account: account, origin: .api, in: w, now: Date())
            }
            try expectEqual(merged.status, .merged, "merged")
            try expectEqual(merged.keptContactID, a.id, "the identity priority's choice is kept by default")

            let (gone, after, orderAfter, lists, timeline, phoneOwner) = try await store.read { r in
                (try r.contact(account: account.id, id: b.id), try r.contact(account: account.id, id: a.id),
                 try r.order(account: account.id, id: order.id), try r.listIDs(account: account.id, contactID: a.id),
                 try r.timeline(account: account.id, subjectID: a.id, limit: 100), try r.contactID(account: account.id, phone: "+46702222222"))
            }
            try expect(gone == nil, "the other contact is removed")
            try expectEqual(after?.phone, "+46702222222", "the kept contact takes the phone it lacked")
            try expectEqual(phoneOwner, a.id, "and is found by it")
            try expectEqual(after?.emailKey, "maja@example.se", "and keeps its e-mail")
            try expectEqual(after?.firstName, "Maja", "and the name it lacked")
            try expectEqual(after?.tags, ["VIP", "Newsletter"], "tags of both")
            try expectEqual(after?.fields["Club"]?["level"], "gold", "its own field values win")
            try expectEqual(after?.fields["Club"]?["since"], "2020", "and it gains the fields it lacked")
            try expectEqual(after?.blacklisted, true, "the stricter marketing state")
            try expectEqual(orderAfter?.contactID, a.id, "the order moves")
            try expectEqual(lists, [list.id], "the list membership moves")
            try expect(timeline.contains { $0.text.hasPrefix("Merged with contact \(b.id)") }, "the timeline says so")
            try expectEqual(timeline.filter { $0.kind == .mergeCandidate }.count, 2, "the other contact's timeline moved over")

            let events = try await store.read { r in try r.events(account: account.id, after: 0, limit: 1000) }
            let event = try expectSome(events.last { $0.type == .contactMerged }, "contact.merged emitted")
            try expectEqual(event.data["merged_contact_id"]?.stringValue, b.id, "naming the removed contact")
            try expectEqual(event.data["contact"]?["id"]?.stringValue, a.id, "with the kept contact")
            let twice = try await expectError("merging twice") {
                try await store.write { w in try MergeCandidates.merge(id: candidate[0].id, keep: nil, account: account, origin: .api, in: w, now: Date()) }
            }
            try expectEqual(twice.code, .conflict, "a merged candidate is a conflict")
        },
        ConformanceCase("aMergeMovesTheOtherCandidatesOfTheRemovedContactToTheKeptOne") { store in
            let account = try await Fixture.account(store)
            let a = try await Fixture.contact(store, account, email: "a@example.se").contact
            let b = try await Fixture.contact(store, account, phone: "0703333333").contact
            let c = try await Fixture.contact(store, account, email: "c@example.se").contact
            _ = try await Fixture.contact(store, account, email: "a@example.se", phone: "0703333333")
            _ = try await Fixture.contact(store, account, email: "c@example.se", phone: "0703333333")
            let candidates = try await store.read { r in try r.mergeCandidates(account: account.id, contactID: b.id) }
            try expectEqual(candidates.count, 2, "b pairs with a and with c")
            let ab = try expectSome(candidates.first { $0.names(a.id) }, "a–b")
            _ = try await store.write { w in try MergeCandidates.merge(id: ab.id, keep: a.id, account: account, origin: .api, in: w, now: Date()) }
            let ofC = try await store.read { r in try r.mergeCandidates(account: account.id, contactID: c.id) }
            try expectEqual(ofC.map { Set($0.contactIDs) }, [Set([c.id, a.id])], "c's candidate now pairs it with the kept contact")
            try expectEqual(ofC.first?.status, .open, "still open")
            let ofB = try await store.read { r in try r.mergeCandidates(account: account.id, contactID: b.id) }
            try expectEqual(ofB.map(\.id), [ab.id], "only the merged candidate, as a record of the decision, names the removed contact")
        },
        ConformanceCase("erasingAContactRemovesItsMergeCandidatesAndTheirNotesOnTheOtherContact") { store in
            let account = try await Fixture.account(store)
            let a = try await Fixture.contact(store, account, email: "kim@example.se").contact
            let b = try await Fixture.contact(store, account, phone: "0704444444").contact
            _ = try await Fixture.contact(store, account, email: "kim@example.se", phone: "0704444444")
            try await store.write { w in try Contacts.erase(id: b.id, account: account, origin: .api, in: w, now: Date()) }
            let (candidates, timeline) = try await store.read { r in
                (try r.mergeCandidates(account: account.id, contactID: a.id), try r.timeline(account: account.id, subjectID: a.id, limit: 100))
            }
            try expect(candidates.isEmpty, "the candidate is gone")
            try expect(!timeline.contains { $0.kind == .mergeCandidate || $0.text.contains("+46704444444") },
                       "and so is its note naming the erased person's phone")
        },
    ]
}
