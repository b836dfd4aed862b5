import Foundation
import KvittoCore
import KvittoPostgres
import KvittoStorage
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

    /// A group of writes reads its customers ahead (with their documents). If another connection changes
    /// one of them before the group's order updates it, the order's update must not write back the
    /// document it read: it runs again and keeps both changes.
    @Test(.enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"))
    func aCustomerChangedAfterTheGroupReadItAheadKeepsBothChanges() async throws {
        let url = try #require(postgresURL)
        try await ScratchDatabase.withStore(serverURL: url, readers: 1, writers: 2) { store, _ in
            let account = try await store.write { w in try Accounts.create(name: "Shop", currency: "SEK", country: "SE", in: w, now: Date()).account }
            let first = try Self.order("1", customer: #"{"email": "anna@example.se", "first_name": "Anna"}"#)
            _ = try await store.write { w in try Orders.upsert(first, account: account, origin: .api, in: w, now: Date()) }

            // The second order's group reads Anna ahead, then waits (its first run only) until another
            // connection has renamed her.
            let second = try Self.order("2", customer: #"{"email": "anna@example.se", "last_name": "Berg"}"#)
            let readAhead = Atomic<Bool>(false), renamed = Atomic<Bool>(false), runs = Atomic<Int>(0)
            let writing = Task {
                try await store.write(preparing: WritePreparation(account: account, orders: [second])) { w in
                    if runs.add(1, ordering: .relaxed).newValue == 1 {
                        readAhead.store(true, ordering: .relaxed)
                        while !renamed.load(ordering: .relaxed) { usleep(5_000) }
                    }
                    return try Orders.upsert(second, account: account, origin: .api, in: w, now: Date())
                }
            }
            for _ in 0..<1_000 where !readAhead.load(ordering: .relaxed) { try await Task.sleep(for: .milliseconds(10)) }
            let started = readAhead.load(ordering: .relaxed)
            try #require(started, "the second order's group started")
            let rename = ContactInput(email: "anna@example.se", firstName: "Annie")
            _ = try await store.write { w in try Contacts.upsert(rename, account: account, origin: .api, pointer: "", in: w, now: Date()) }
            renamed.store(true, ordering: .relaxed)
            let upserted = try await writing.value

            let contact = try #require(try await store.read { r in try r.contact(account: account.id, id: upserted.order.contactID ?? "") })
            #expect(contact.firstName == "Annie", "the rename committed meanwhile is kept")
            #expect(contact.lastName == "Berg", "the order's change is applied")
            let runCount = runs.load(ordering: .relaxed)
            #expect(runCount >= 2, "the order's write ran again")
        }
    }
}
