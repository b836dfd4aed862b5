import Foundation
import KvittoCore
import KvittoStorage

extension StoreConformance {
    static func register(_ store: any KvittoStore, _ account: Account, _ input: POSCustomerInput,
                         loyalty: AccountSettings.Loyalty = AccountSettings.Loyalty()) async throws -> Contact {
        try await store.write { w in
            try POSCustomers.create(input, account: account, loyalty: loyalty, origin: POSOrigin(storeID: "200", registerID: "3"), in: w, now: Date())
        }
    }

    static func customer(email: String? = nil, mobile: String? = nil, memberNumber: String? = nil) -> POSCustomerInput {
        var input = POSCustomerInput()
        input.email = email; input.mobile = mobile; input.memberNumber = memberNumber
        return input
    }

    static let posCases: [ConformanceCase] = [
        ConformanceCase("aTillFindsExactlyOneCustomerByNormalisedKeysAndLogsEveryLookUp") { store in
            let account = try await Fixture.account(store)
            var input = customer(email: "Anna@Example.se", mobile: "+46701234567", memberNumber: "AB-20045")
            input.acceptsCommunication = ["email", "sms"]
            let anna = try await register(store, account, input)
            let origin = POSOrigin(storeID: "Söder 1", staffID: "s7", registerID: "3")
            let audit = LookupAuditLog(store: store)
            func find(_ type: LookupKeyType, _ key: String) async throws -> String? {
                let (card, record) = try await store.read { r in
                    try POSCustomers.lookUp(type, key: key, account: account, origin: origin, keyHash: { "h:" + $0 }, in: r, now: Date())
                }
                try await audit.record(record)
                return card?.contact.id
            }
            try expectEqual(try await find(.phone, "070-123 45 67"), anna.id, "a Swedish number as typed at the till")
            try expectEqual(try await find(.email, "ANNA@example.se"), anna.id, "e-mail without case")
            try expectEqual(try await find(.memberNumber, "AB-20045"), anna.id, "the member number exactly")
            try expectEqual(try await find(.customerID, anna.id), anna.id, "the id")
            for (type, key) in [(LookupKeyType.phone, "070-123"), (.phone, "070%"), (.phone, "*4567"), (.email, "anna@example.%"),
                                (.email, "%@example.se"), (.memberNumber, "ab-20045"), (.memberNumber, "AB-2004"), (.memberNumber, "AB-20045 "),
                                (.memberNumber, "AB-2004_"), (.customerID, anna.id.lowercased())] {
                let found = try await find(type, key)
                try expect(found == nil, "\(type.rawValue) \(key) finds nobody")
            }
            let log = try await store.read { r in try r.lookups(account: account.id, page: PageRequest(limit: 100)) }
            try expectEqual(log.count, 14, "every look-up is logged, hit or miss")
            try expectEqual(log.filter(\.hit).count, 4, "four hits")
            try expect(log.allSatisfy { $0.origin == origin }, "with the store, staff and register")
            try expectEqual(log.last?.keyHash, "h:+46701234567", "the hash is of the normalised key, never the key")
            try expect(!log.contains { $0.keyHash.contains("070-123 45 67") }, "the key as typed is nowhere")
            try expectEqual(log.map(\.id), log.map(\.id).sorted(by: >), "newest first")

            let hers = try await store.read { r in try r.lookups(account: account.id, contactID: anna.id) }
            try expectEqual(hers.count, 4, "her look-ups, for her data export")
            // Erasure takes the look-ups that found the customer and those that asked for its keys.
            try await store.write { w in
                try Contacts.erase(id: anna.id, account: account, origin: .api, lookupHash: { "h:" + $0 }, in: w, now: Date())
            }
            let left = try await store.read { r in try r.lookups(account: account.id, page: PageRequest(limit: 100)) }
            try expectEqual(left.count, 10, "the misses for other keys stay: \(left.map(\.keyHash))")
            try expect(!left.contains { $0.keyHash == "h:+46701234567" || $0.contactID == anna.id }, "none tied to her")
        },
        ConformanceCase("aTillCardHoldsTheContactItsOwnChecksAndTheAccountSettingsInOneRead") { store in
            let account = try await Fixture.account(store)
            let anna = try await register(store, account, customer(email: "anna@example.se", mobile: "+46701234567", memberNumber: "M-1"))
            let bo = try await register(store, account, customer(email: "bo@example.se"))
            func card(_ type: LookupKeyType, _ key: String) async throws -> TillCard? {
                try await store.read { r in try r.tillCard(account: account.id, keyType: type, key: key) }
            }
            try expectEqual(try await card(.phone, "+46701234567")?.settings, nil, "an account that never saved settings has none")
            var settings = AccountSettings()
            settings.pos.sectionGroups = ["Sitoo-Contact"]
            let now = Date()
            try await store.write { [settings] w in
                try w.saveSettings(settings, account: account.id)
                var checks: [Voucher] = []
                for (code, owner) in [("B-2", anna.id), ("A-1", anna.id), ("C-3", bo.id)] {
                    var check = Voucher(id: KvittoID.make(.voucher, at: now), accountID: account.id, code: code, currency: "SEK",
                                        amount: Money(units: 5_000, scale: 2), createdAt: now)
                    check.contactID = owner
                    checks.append(check)
                }
                try w.insertVouchers(checks)
            }
            for (type, key) in [(LookupKeyType.phone, "+46701234567"), (.email, "anna@example.se"), (.memberNumber, "M-1"), (.customerID, anna.id)] {
                let found = try expectSome(try await card(type, key), "\(type.rawValue) finds her card")
                try expectEqual(found.contact.id, anna.id, "\(type.rawValue): her")
                try expectEqual(found.vouchers.map(\.code), ["A-1", "B-2"], "\(type.rawValue): her checks only, by code")
                try expectEqual(found.settings?.pos.sectionGroups, ["Sitoo-Contact"], "\(type.rawValue): the account's settings")
                let parts = try await store.read { r in
                    TillCard(contact: try r.contact(account: account.id, id: anna.id)!, settings: try r.settings(account: account.id),
                             vouchers: try r.vouchers(account: account.id, contactID: anna.id))
                }
                try expectEqual(found, parts, "\(type.rawValue): the same as its parts read one by one")
                let own = try await store.tillCard(account: account.id, keyType: type, key: key)
                try expectEqual(own, found, "\(type.rawValue): the store's own read of it the same")
            }
            try expectEqual(try await card(.email, "bo@example.se")?.vouchers.map(\.code), ["C-3"], "his one check")
            let other = try await Fixture.account(store)
            try expectEqual(try await card(.customerID, anna.id)?.contact.email, "anna@example.se", "found in her account")
            try expectEqual(try await store.read { r in try r.tillCard(account: other.id, keyType: .customerID, key: anna.id) }, nil,
                            "not from another account")
            try expectEqual(try await card(.phone, "+46709999999"), nil, "an unknown key finds no card")
            try expectEqual(try await store.tillCard(account: account.id, keyType: .phone, key: "+46709999999"), nil,
                            "nor in the store's own read")
        },
        ConformanceCase("lookUpsFromManyRegistersAtOnceAreAllLoggedInBatches") { store in
            let account = try await Fixture.account(store)
            let audit = LookupAuditLog(store: store)
            let origin = POSOrigin(storeID: "200", registerID: "1")
            // More than one batch's worth, all waiting at once: each call returns only once its record is stored.
            let count = 1_500
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<count {
                    group.addTask {
                        try await audit.record(LookupRecord(id: KvittoID.make(.lookup, at: Date()), accountID: account.id, at: Date(),
                                                            keyType: .phone, keyHash: "h:\(n)", contactID: nil, origin: origin))
                    }
                }
                try await group.waitForAll()
            }
            var logged: [LookupRecord] = []
            var page = PageRequest(limit: 500)
            while true {
                let next = try await store.read { [page] r in try r.lookups(account: account.id, page: page) }
                logged += next
                guard next.count == 500, let last = next.last else { break }
                page = PageRequest(limit: 500, cursor: last.id)
            }
            try expectEqual(logged.count, count, "every look-up is logged once")
            try expectEqual(Set(logged.map(\.keyHash)).count, count, "none twice, none lost")
        },
        ConformanceCase("registeringAtATillRefusesDuplicatesAndIssuesMemberNumbersThatAreNeverReused") { store in
            let account = try await Fixture.account(store)
            var loyalty = AccountSettings.Loyalty()
            loyalty.issueMemberNumbers = true
            loyalty.memberNumberPrefix = "K"
            loyalty.firstMemberNumber = 1000
            let first = try await register(store, account, customer(email: "a@example.se"), loyalty: loyalty)
            try expectEqual(first.memberNumber, "K1000", "the first number of the club")
            let kept = try await register(store, account, customer(mobile: "070-555 00 01", memberNumber: "K1001"), loyalty: loyalty)
            try expectEqual(kept.memberNumber, "K1001", "a number the till sends is kept as given")
            let third = try await register(store, account, customer(email: "c@example.se"), loyalty: loyalty)
            try expectEqual(third.memberNumber, "K1002", "the counter skips a number already taken")
            try await store.write { w in try Contacts.erase(id: third.id, account: account, origin: .api, in: w, now: Date()) }
            let fourth = try await register(store, account, customer(email: "d@example.se"), loyalty: loyalty)
            try expectEqual(fourth.memberNumber, "K1003", "an erased customer's number is not given again")
            let found = try await store.read { r in try r.contactID(account: account.id, memberNumber: "K1001") }
            try expectEqual(found, kept.id, "found by member number")

            let none = try await expectError("neither e-mail nor mobile") { try await register(store, account, customer(memberNumber: "X1")) }
            try expectEqual(none.fieldErrors.map(\.pointer), ["/email", "/mobile"], "names both")
            let taken = try await expectError("someone else's mobile") {
                try await register(store, account, customer(email: "new@example.se", mobile: "+46705550001"))
            }
            try expectEqual(taken.code, .conflict, "a conflict")
            try expectEqual(taken.fieldErrors.map(\.pointer), ["/mobile"], "naming the field")
            let number = try await expectError("someone else's member number") {
                try await register(store, account, customer(email: "new@example.se", memberNumber: "K1000"))
            }
            try expectEqual(number.fieldErrors.map(\.pointer), ["/member_number"], "naming the member number")
            let junk = try await expectError("a mobile that is no number") { try await register(store, account, customer(mobile: "070-12x")) }
            try expectEqual(junk.code, .invalid, "invalid, not a conflict")

            // Editing: a change to someone else's address is a conflict; consent is kept with where it was given.
            var move = POSCustomerInput()
            move.email = "A@example.se"
            let moveOnto = move
            let conflict = try await expectError("moving onto another's address") {
                try await store.write { w in try POSCustomers.update(id: kept.id, with: moveOnto, account: account, origin: POSOrigin(), in: w, now: Date()) }
            }
            try expectEqual(conflict.fieldErrors.map(\.pointer), ["/email"], "names the e-mail")
            var consentGiven = POSCustomerInput()
            consentGiven.acceptsCommunication = ["sms"]
            consentGiven.firstName = "Kim"
            let edit = consentGiven
            let edited = try await store.write { w in
                try POSCustomers.update(id: kept.id, with: edit, account: account, origin: POSOrigin(storeID: "200", staffID: "s1"), in: w, now: Date())
            }
            try expect(edited.consent == true && edited.firstName == "Kim", "consent and name saved")
            let timeline = try await store.read { r in try r.timeline(account: account.id, subjectID: kept.id, limit: 10) }
            let consent = timeline.first { $0.kind == .consent }
            try expectEqual(consent?.data["store_id"], "200", "the consent record says where")
            try expectEqual(consent?.data["channels"], ["sms"], "and on which channels")
            var removal = POSCustomerInput()
            removal.clear = ["mobile"]
            let clear = removal
            let alone = try await expectError("removing the only way to reach a customer") {
                try await store.write { w in try POSCustomers.update(id: kept.id, with: clear, account: account, origin: POSOrigin(), in: w, now: Date()) }
            }
            try expectEqual(alone.code, .invalid, "is refused")
        },
        ConformanceCase("aTillPurchaseIsAPOSOrderAndTheFirstCreatesTheTillsGroups") { store in
            let account = try await Fixture.account(store)
            let before = try await store.read { r in try r.fieldDefinition(account: account.id, group: POSGroups.order, name: "store_id") }
            try expect(before == nil, "no till groups before the first purchase")
            let anna = try await register(store, account, customer(email: "anna@example.se"))
            var order = OrderInput(source: "ignored", externalID: "R3-889", currency: "SEK",
                                   lines: [LineInput(sku: "MUG-1", name: "Mugg", quantity: Money(2), unitPrice: Money(units: 9900, scale: 2))])
            order.totals = Totals(total: Money(units: 19_800, scale: 2))
            let lines = order.lines
            let input = POSPurchaseInput(order: order, customerID: anna.id, payments: [("card", Money(units: 19_800, scale: 2))])
            let recorded = try await store.write { w in
                try POSPurchases.record(input, account: account, origin: POSOrigin(storeID: "200", staffID: "s1", registerID: "3"), in: w, now: Date())
            }
            try expectEqual(recorded.order.contactID, anna.id, "the customer's order")
            try expectEqual(recorded.order.fields[POSGroups.order]?["register_id"], "3", "the register is kept")
            try expectEqual(recorded.order.fields[POSGroups.order]?["payment"], "card 198.00", "and the payment")
            for (group, fields) in POSPurchases.groups {
                for (name, type) in fields {
                    let definition = try await store.read { r in try r.fieldDefinition(account: account.id, group: group, name: name) }
                    try expectEqual(definition?.type, type, "\(group).\(name) exists")
                }
            }
            let events = try await store.read { r in try r.events(account: account.id, after: 0, limit: 100) }
            try expect(events.contains { $0.type == .orderReceived && $0.origin == .pos }, "order.received, origin pos")
            let anonymous = try await store.write { w in
                try POSPurchases.record(POSPurchaseInput(order: OrderInput(source: "pos", externalID: "R3-890", currency: "SEK", lines: lines)),
                                        account: account, origin: POSOrigin(), in: w, now: Date())
            }
            try expect(anonymous.order.contactID == nil, "a purchase without a customer is anonymous")
        },
        ConformanceCase("anImportShowsEachSubscriberAllTheirChecksWhereverTheyCameFrom") { store in
            let account = try await Fixture.account(store)
            @Sendable func row(_ n: Int, _ email: String?, _ phone: String?, _ code: String, _ units: Int64) -> VoucherFile.Row {
                VoucherFile.Row(row: n, email: email, phone: phone, code: code, amount: Money(units: units, scale: 2), currency: "SEK",
                                validFrom: nil, validTo: nil)
            }
            let anna = try await register(store, account, customer(email: "anna@example.se", mobile: "+46701234567"))
            let firstFile = [row(2, "anna@example.se", nil, "A-1", 5_000), row(3, "kim@example.se", nil, "K-1", 1_000)]
            let first = try await store.write { w in try Vouchers.importRows(firstFile, account: account, in: w, now: Date()) }
            try expectEqual(first.imported, 2, "two new checks")
            let secondFile = [row(2, nil, "070-123 45 67", "A-2", 2_000), row(3, "kim@example.se", nil, "K-2", 3_000),
                              row(4, "kim@example.se", nil, "K-3", 4_000), row(5, "lo@example.se", nil, "K-1", 1_500),
                              row(6, "new@example.se", nil, "N-1", 100)]
            let second = try await store.write { w in try Vouchers.importRows(secondFile, account: account, in: w, now: Date()) }
            try expectEqual(second.imported, 4, "A-2, K-2, K-3 and N-1 are new")
            try expectEqual(second.updated, 1, "K-1 is known: it moves to lo@example.se")
            func shown(_ email: String) async throws -> [String] {
                let contact = try await store.read { r in
                    try r.contactID(account: account.id, emailKey: email).flatMap { try r.contact(account: account.id, id: $0) }
                }
                return (contact?.fields[POSGroups.contact]?["bonuschecks"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
            }
            try expectEqual(try await shown("anna@example.se"), ["A-1", "A-2"], "found by phone, she keeps the check of the earlier file")
            try expectEqual(try await shown("kim@example.se"), ["K-2", "K-3"], "K-1 went to someone else")
            try expectEqual(try await shown("lo@example.se"), ["K-1"], "and is shown there")
            try expectEqual(try await shown("new@example.se"), ["N-1"], "a new subscriber is a new contact with the check")
            let hers = try await store.read { r in try r.vouchers(account: account.id, contactID: anna.id).map(\.code) }
            try expectEqual(hers, ["A-1", "A-2"], "stored on her")
            let some = try await store.read { r in try r.vouchers(account: account.id, codes: ["K-1", "N-1", "NOPE"]).map(\.code).sorted() }
            try expectEqual(some, ["K-1", "N-1"], "looked up by code, unknown codes left out")
            // New subscribers are saved together at the end, unless a later row names one again with another
            // key: Pia is met by e-mail, then by e-mail and phone, and stays one contact that takes the phone.
            let thirdFile = [row(2, "pia@example.se", nil, "P-1", 100), row(3, "pia@example.se", "0709999999", "P-2", 200),
                             row(4, "ola@example.se", nil, "O-1", 300)]
            let third = try await store.write { w in try Vouchers.importRows(thirdFile, account: account, in: w, now: Date()) }
            try expectEqual(third.imported, 3, "three new checks")
            try expectEqual(try await shown("pia@example.se"), ["P-1", "P-2"], "both of Pia's checks on her")
            try expectEqual(try await shown("ola@example.se"), ["O-1"], "a subscriber saved at the end shows the check")
            let (byEmail, byPhone) = try await store.read { r in
                (try r.contactID(account: account.id, emailKey: "pia@example.se"), try r.contactID(account: account.id, phone: "+46709999999"))
            }
            try expectEqual(byPhone, byEmail, "Pia's e-mail and phone are one contact")
            let feed = try await store.read { r in try r.events(account: account.id, after: 0, limit: 1000) }
            let createdNow = feed.filter { $0.type == .contactCreated }.compactMap { $0.data["contact"]?["email"]?.stringValue }
                .filter { ["pia@example.se", "ola@example.se"].contains($0) }
            try expectEqual(createdNow.sorted(), ["ola@example.se", "pia@example.se"], "one contact.created each")
        },
        ConformanceCase("concurrentRedemptionsOfOneBonusCheckNeverTakeMoreThanItsBalance") { store in
            let account = try await Fixture.account(store)
            let row = VoucherFile.Row(row: 2, email: "anna@example.se", phone: nil, code: "BC-1", amount: Money(units: 10_000, scale: 2),
                                      currency: "SEK", validFrom: nil, validTo: nil)
            let imported = try await store.write { w in try Vouchers.importRows([row], account: account, in: w, now: Date()) }
            try expectEqual(imported.imported, 1, "imported")
            let again = try await store.write { w in try Vouchers.importRows([row], account: account, in: w, now: Date()) }
            try expectEqual(again.updated, 1, "the same code again is an update")
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for n in 0..<20 {
                    group.addTask {
                        do {
                            _ = try await store.write { w in
                                try Vouchers.redeem(code: "BC-1", amount: Money(units: 1_000, scale: 2), currency: nil, idempotencyKey: "k\(n)",
                                                    account: account, origin: POSOrigin(), in: w, now: Date())
                            }
                            return (n, true)
                        } catch let error as KvittoError where error.reason == "voucher-exhausted" || error.reason == "voucher-over-amount" {
                            return (n, false)
                        }
                    }
                }
                return try await group.reduce(into: [(Int, Bool)]()) { $0.append($1) }
            }
            try expectEqual(outcomes.filter(\.1).count, 10, "ten of 10.00 from 100.00")
            let answered = outcomes.first(where: \.1)?.0 ?? 0
            let check = try await store.read { r in try r.voucher(account: account.id, code: "BC-1") }
            try expectEqual(check?.remaining, Money(units: 0, scale: 2), "nothing left, nothing below zero")
            let repeated = try await store.write { w in
                try Vouchers.redeem(code: "BC-1", amount: Money(units: 1_000, scale: 2), currency: nil, idempotencyKey: "k\(answered)",
                                    account: account, origin: POSOrigin(), in: w, now: Date())
            }
            try expect(repeated["code"] == "BC-1", "a key seen before answers its first answer, even now the check is empty")
            guard let contactID = check?.contactID else { throw ConformanceFailure(message: "the check has no contact", line: #line) }
            try await store.write { w in try Contacts.erase(id: contactID, account: account, origin: .api, in: w, now: Date()) }
            let erased = try await store.read { r in (try r.voucher(account: account.id, code: "BC-1"), try r.redemption(account: account.id, idempotencyKey: "k\(answered)")) }
            try expect(erased.0 == nil && erased.1 == nil, "erasure takes the checks and their redemptions")
        },
    ]
}
