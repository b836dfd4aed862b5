import Foundation
import KvittoCore
import KvittoStorage

extension StoreConformance {
    static let identityCases: [ConformanceCase] = [
        ConformanceCase("everyTagGainedOrLostIsAnEventWhereverItCameFrom") { store in
            let account = try await Fixture.account(store)
            var input = ContactInput(email: "tags@example.se")
            input.tags = ["Customer", "Newsletter"]
            let first = input
            let created = try await store.write { w in
                try Contacts.upsert(first, account: account, origin: .api, pointer: "", in: w, now: Date())
            }
            input.tags = ["Newsletter", "VIP"]
            let second = input
            _ = try await store.write { w in try Contacts.upsert(second, account: account, origin: .api, pointer: "", in: w, now: Date()) }
            _ = try await Fixture.upsert(store, account, try Fixture.specOrder(
                externalID: "T1", customer: #"{"email": "tags@example.se", "tags": ["OrderCompleted", "VIP"]}"#))
            _ = try await store.write { w in
                try Contacts.removeTags(["Newsletter", "Never"], from: created.contact.id, account: account, origin: .api, in: w, now: Date())
            }
            let events = try await store.read { r in try r.events(account: account.id, after: 0, limit: 100) }
            let tagEvents = events.filter { $0.type == .contactTagAdded || $0.type == .contactTagRemoved }
                .map { "\($0.type.rawValue) \($0.data["tag"]?.stringValue ?? "?")" }
            try expectEqual(tagEvents, ["contact.tag_added Customer", "contact.tag_added Newsletter", "contact.tag_added VIP",
                                        "contact.tag_added OrderCompleted", "contact.tag_removed Newsletter"],
                            "one event per tag gained or lost, from a contact, an order's customer and a removal; none for tags already there or never there")
            try expectEqual(events.last?.data["contact"]?["tags"], ["Customer", "VIP", "OrderCompleted"], "the event carries the contact as it is now")
        },
        ConformanceCase("settingsArePerAccountAndReplacedOnSave") { store in
            let account = try await Fixture.account(store)
            let other = try await Fixture.account(store)
            let none = try await store.read { r in try r.settings(account: account.id) }
            try expectEqual(none, nil, "an account starts without settings")
            var settings = AccountSettings()
            settings.timeZone = "Europe/Stockholm"
            settings.smtp = AccountSettings.SMTP(host: "smtp.example.se", port: 587, startTLS: true, username: "u",
                                                 sealedPassword: "sealed", from: "Butiken <order@butiken.se>")
            let first = settings
            try await store.write { w in try w.saveSettings(first, account: account.id) }
            settings.smtp = nil
            settings.locale = "en-GB"
            let second = settings
            try await store.write { w in try w.saveSettings(second, account: account.id) }
            let (read, elsewhere) = try await store.read { r in (try r.settings(account: account.id), try r.settings(account: other.id)) }
            try expectEqual(read, second, "the second save replaces the first")
            try expectEqual(elsewhere, nil, "another account's settings are its own")
        },
        ConformanceCase("accountCreationStoresOnlyTheHashOfAWorkingAdminKey") { store in
            let created = try await store.write { w in try Accounts.create(name: "Butiken", currency: "SEK", country: "se", in: w, now: Date()) }
            let key = try await store.read { r in try r.apiKey(hash: APIKeySecret.hash(created.adminKey)) }
            try expect(key != nil, "the admin key is found by the hash of its secret")
            try expect(key!.allows(.ingest) && key!.allows(.admin), "the first key is an admin key")
            try expect(key!.hash != created.adminKey && !key!.hash.contains(created.adminKey), "the secret itself is not stored")
            try expectEqual(created.account.defaultCountry, "SE", "country is upper-cased")
            let account = try await store.read { r in try r.account(created.account.id) }
            try expectEqual(account, created.account, "the account reads back as written")
        },
        ConformanceCase("revokedKeysNoLongerAllowAnything") { store in
            let created = try await store.write { w in try Accounts.create(name: "Butiken", currency: "SEK", country: "SE", in: w, now: Date()) }
            let revoked = try await store.write { w in try w.revokeAPIKey(account: created.account.id, id: created.adminKeyID, at: Date()) }
            try expect(revoked, "revoking an active key reports success")
            let key = try await store.read { r in try r.apiKey(hash: APIKeySecret.hash(created.adminKey)) }
            try expect(key?.revokedAt != nil && key?.allows(.read) == false, "a revoked key allows nothing")
            let again = try await store.write { w in try w.revokeAPIKey(account: created.account.id, id: created.adminKeyID, at: Date()) }
            try expect(!again, "revoking twice reports nothing revoked")
        },
        ConformanceCase("contactIsFoundByEmailKeyOrE164Phone") { store in
            let account = try await Fixture.account(store)
            let created = try await Fixture.contact(store, account, email: "  Anna@Example.se ", phone: "070-123 45 67")
            try expectEqual(created.outcome, .created, "first upsert creates")
            try expectEqual(created.contact.email, "Anna@Example.se", "the e-mail is kept as given, trimmed")
            try expectEqual(created.contact.phone, "+46701234567", "the phone is E.164 in the account's country")
            let (byEmail, byPhone) = try await store.read { r in
                (try r.contactID(account: account.id, emailKey: "anna@example.se"), try r.contactID(account: account.id, phone: "+46701234567"))
            }
            try expectEqual(byEmail, created.contact.id, "found by e-mail key")
            try expectEqual(byPhone, created.contact.id, "found by phone")
            let again = try await Fixture.contact(store, account, email: nil, phone: "+46 70 123 45 67")
            try expectEqual(again.contact.id, created.contact.id, "the same phone written another way finds the same contact")
        },
        ConformanceCase("conflictingIdentifiersFollowIdentityPriorityAndRecordAMergeCandidate") { store in
            let account = try await Fixture.account(store)
            let byEmail = try await Fixture.contact(store, account, email: "eva@example.se").contact
            let byPhone = try await Fixture.contact(store, account, phone: "0701111111").contact
            let result = try await Fixture.contact(store, account, email: "EVA@example.se", phone: "070-111 11 11")
            try expectEqual(result.contact.id, byEmail.id, "e-mail wins by default")
            try expect(result.contact.phone == nil, "the phone is not moved away from the other contact")
            let (first, second) = try await store.read { r in
                (try r.timeline(account: account.id, subjectID: byEmail.id, limit: 10), try r.timeline(account: account.id, subjectID: byPhone.id, limit: 10))
            }
            try expect(first.contains { $0.kind == .mergeCandidate }, "merge candidate on the winner's timeline")
            try expect(second.contains { $0.kind == .mergeCandidate }, "merge candidate on the other contact's timeline")
            let phoneOwner = try await store.read { r in try r.contactID(account: account.id, phone: "+46701111111") }
            try expectEqual(phoneOwner, byPhone.id, "nothing was merged silently")
        },
        ConformanceCase("junkValuesNeverIdentifyAnyone") { store in
            let account = try await Fixture.account(store)
            let error = try await expectError("only junk identifiers") { try await Fixture.contact(store, account, email: "test@test", phone: "0000000") }
            try expectEqual(error.code, .invalid, "junk only is invalid input")
            try expect(error.fieldErrors.contains { $0.pointer == "/email" }, "the error points at /email")
            let first = try await Fixture.contact(store, account, email: "test@test", phone: "0702222222")
            let second = try await Fixture.contact(store, account, email: "test@test", phone: "0703333333")
            try expect(first.contact.id != second.contact.id, "a junk e-mail does not join two people")
            try expect(first.contact.emailKey == nil, "junk is not stored as an identifier")
        },
        ConformanceCase("customFieldsAreCreatedOnFirstWriteAndKeepTheirType") { store in
            let account = try await Fixture.account(store)
            let contact = try await Fixture.contact(store, account, email: "olle@example.se",
                                                    fields: #"{"Sitoo-Contact": {"member_number": "123", "points": 40, "born": "1990-04-01"}}"#)
            try expectEqual(contact.contact.fields["Sitoo-Contact"]?["member_number"], .string("123"), "the value is stored in its group")
            let definition = try await store.read { r in try r.fieldDefinition(account: account.id, group: "Sitoo-Contact", name: "points") }
            try expectEqual(definition?.type, .number, "the field's type is inferred")
            let born = try await store.read { r in try r.fieldDefinition(account: account.id, group: "Sitoo-Contact", name: "born") }
            try expectEqual(born?.type, .date, "a date string makes a date field")
            let error = try await expectError("a text value for a number field") {
                try await Fixture.contact(store, account, email: "olle@example.se", fields: #"{"Sitoo-Contact": {"points": "many"}}"#)
            }
            try expectEqual(error.code, .invalid, "a value of another type is invalid")
            try expectEqual(error.fieldErrors.first?.pointer, "/fields/Sitoo-Contact/points", "the error points at the field")
        },
    ]
}
