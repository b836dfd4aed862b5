import Foundation
import KvittoCore
import KvittoPostgres
import KvittoStorage
import PostgresNIO
import Synchronization
import Testing

@Suite("PostgreSQL: writes that overlap on other writer connections")
struct PostgresConcurrentWritesTests {
    static func order(_ externalID: String, customer: String) throws -> OrderInput {
        try OrderInput.read(try JSONParser.parse("""
        {"source": "webshop", "external_id": "\(externalID)", "currency": "SEK", "customer": \(customer),
         "lines": [{"sku": "HOOD-M", "name": "Hoodie", "quantity": 1, "unit_price": "299.00"}]}
        """))
    }

    /// A group of writes reads its customers ahead (with their documents). If another process changes one
    /// of them before the group's order updates it, the order's update must not write back the
    /// document it read: it runs again and keeps both changes.
    @Test(.enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"))
    func aCustomerChangedAfterTheGroupReadItAheadKeepsBothChanges() async throws {
        let url = try #require(postgresURL)
        try await ScratchDatabase.withStore(serverURL: url, readers: 1, writers: 2) { store, database in
            let account = try await store.write { w in try Accounts.create(name: "Shop", currency: "SEK", country: "SE", in: w, now: Date()).account }
            let first = try Self.order("1", customer: #"{"email": "anna@example.se", "first_name": "Anna"}"#)
            _ = try await store.write { w in try Orders.upsert(first, account: account, origin: .api, in: w, now: Date()) }

            // The second order's group reads Anna ahead, then waits (its first run only, thirty seconds at
            // most: a loaded machine is slow to connect the other process) until another process has renamed her.
            let second = try Self.order("2", customer: #"{"email": "anna@example.se", "last_name": "Berg"}"#)
            let readAhead = Atomic<Bool>(false), renamed = Atomic<Bool>(false), runs = Atomic<Int>(0)
            let writing = Task {
                try await store.write(preparing: WritePreparation(account: account, orders: [second])) { w in
                    if runs.add(1, ordering: .relaxed).newValue == 1 {
                        readAhead.store(true, ordering: .relaxed)
                        for _ in 0..<6_000 where !renamed.load(ordering: .relaxed) { usleep(5_000) }
                    }
                    return try Orders.upsert(second, account: account, origin: .api, in: w, now: Date())
                }
            }
            for _ in 0..<1_000 where !readAhead.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(10)) }
            let started = readAhead.load(ordering: .relaxed)
            try #require(started, "the second order's group started")
            // Another process renames her (its own writer connections: in this one, writes about Anna take
            // the connection the held write is on).
            let rename = ContactInput(email: "anna@example.se", firstName: "Annie")
            let other = try await PostgresStore.connect(url: database.url, readers: 1, writers: 1)
            _ = try await other.write { w in try Contacts.upsert(rename, account: account, origin: .api, pointer: "", in: w, now: Date()) }
            try await other.close()
            renamed.store(true, ordering: .relaxed)
            let upserted = try await writing.value

            let contact = try #require(try await store.read { r in try r.contact(account: account.id, id: upserted.order.contactID ?? "") })
            #expect(contact.firstName == "Annie", "the rename committed meanwhile is kept")
            #expect(contact.lastName == "Berg", "the order's change is applied")
            let runCount = runs.load(ordering: .relaxed)
            #expect(runCount >= 2, "the order's write ran again")
        }
    }

    /// Inserts are sent without waiting for their answers. One that inserts nothing because another
    /// connection is creating the same contact (it holds the claim) must roll back the savepoint it is in,
    /// not release it, and the rest of the transaction commits.
    @Test(.enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"))
    func aSavepointWhoseInsertLostItsClaimIsRolledBackAndTheRestCommits() async throws {
        let url = try #require(postgresURL)
        try await ScratchDatabase.withStore(serverURL: url, readers: 1, writers: 1) { store, database in
            let account = try await store.write { w in try Accounts.create(name: "Shop", currency: "SEK", country: "SE", in: w, now: Date()).account }
            let now = Date()
            let claimed = Contact.withEmail("taken@example.se", account: account.id, at: now)
            let kept = Contact.withEmail("free@example.se", account: account.id, at: now)
            try await ScratchDatabase.admin(try PostgresStore.Location(url: database.url)) { other, logger in
                let claim = Contact.emailClaim("taken@example.se", account: account.id)
                _ = try await other.query("SELECT pg_advisory_lock(hashtextextended(\(claim), 7461626))", logger: logger).collect()
                let lostClaim = try await store.write { w -> Bool in
                    let lost = (try? w.savepoint { try w.insertContact(claimed) }) == nil
                    try w.insertContact(kept)
                    return lost
                }
                #expect(lostClaim, "the insert under a claim another connection holds failed, in its savepoint")
            }
            let (found, notFound) = try await store.read { r in
                (try r.contact(account: account.id, id: kept.id), try r.contact(account: account.id, id: claimed.id))
            }
            #expect(found != nil, "the rest of the transaction committed")
            #expect(notFound == nil, "the contact whose claim was lost was not inserted")
        }
    }

    /// A group's writes are checked together once the group is done, not one by one. A statement the server
    /// refuses (here a contact of an account that does not exist) must still fail only the write that sent
    /// it: the group runs again, each write on its own, and every other write commits. A group of one fails
    /// with the server's refusal.
    @Test(.enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"))
    func aStatementTheServerRefusesFailsOnlyTheWriteInTheGroupThatSentIt() async throws {
        let url = try #require(postgresURL)
        try await ScratchDatabase.withStore(serverURL: url, readers: 1, writers: 1) { store, _ in
            let account = try await store.write { w in try Accounts.create(name: "Shop", currency: "SEK", country: "SE", in: w, now: Date()).account }
            let now = Date()
            func contact(_ name: String, account accountID: String) -> Contact {
                Contact.withEmail("\(name)@example.se", account: accountID, at: now)
            }
            let alone = contact("alone", account: "no-such-account")
            await #expect(throws: (any Error).self, "a group of one fails with the refusal") {
                try await store.write { w in try w.insertContact(alone) }
            }

            // One writer connection: while the first write holds it, the others queue and then share a group.
            let queued = WriteCounter()
            let first = contact("first", account: account.id)
            let good = (0..<8).map { contact("good\($0)", account: account.id) }
            let bad = contact("bad", account: "no-such-account")
            let holding = Task {
                try await store.write { w -> Void in
                    for _ in 0..<6_000 where queued.count.load(ordering: .relaxed) < 9 { usleep(5_000) }
                    try w.insertContact(first)
                }
            }
            try await Task.sleep(for: .milliseconds(200))
            let outcomes = await withTaskGroup(of: (String, Bool).self) { group in
                for candidate in good + [bad] {
                    group.addTask {
                        queued.count.add(1, ordering: .relaxed)
                        do { try await store.write { w in try w.insertContact(candidate) }; return (candidate.id, true) }
                        catch { return (candidate.id, false) }
                    }
                }
                var outcomes: [String: Bool] = [:]
                for await (id, committed) in group { outcomes[id] = committed }
                return outcomes
            }
            try await holding.value
            #expect(outcomes[bad.id] == false, "the refused write failed")
            for candidate in good { #expect(outcomes[candidate.id] == true, "\(candidate.emailKey ?? "") committed") }
            let found = try await store.read { r in try good.compactMap { try r.contact(account: account.id, id: $0.id) } }
            #expect(found.count == good.count, "every other write of the group is in the database")
        }
    }
}

/// Writes counted across tasks.
private final class WriteCounter: Sendable {
    let count = Atomic<Int>(0)
}
