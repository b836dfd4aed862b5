import Foundation
import KvittoCore
import KvittoPostgres
import KvittoStorage
import Logging
import PostgresNIO
import Testing

/// A write transaction on PostgreSQL holds its claimed inserts (contacts, orders, categories) back and sends
/// each table's rows as one statement before anything else runs (`PostgresExecutor.sendClaimedInsert`).
@Suite("PostgreSQL: inserts held back and sent together")
struct PostgresHeldInsertsTests {
    static func cancelledOrder(_ number: Int) throws -> OrderInput {
        try OrderInput.read(try JSONParser.parse("""
        {"source": "webshop", "external_id": "C-\(number)", "currency": "SEK", "status": "cancelled",
         "customer": {"email": "held\(number)@example.se"},
         "lines": [{"sku": "HOOD-M", "name": "Hoodie", "quantity": 1, "unit_price": "299.00"}]}
        """))
    }

    /// More rows than one statement takes, and columns that hold only nulls in every row (a cancelled
    /// order's counted total, a contact without phone or member number): PostgreSQL must still take each
    /// value as its column's type.
    @Test(.enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"))
    func aBatchLargerThanOneStatementWithColumnsOfOnlyNullsIsInsertedWhole() async throws {
        let url = try #require(postgresURL)
        try await ScratchDatabase.withStore(serverURL: url, readers: 1, writers: 1) { store, database in
            let account = try await store.write { w in try Accounts.create(name: "Shop", currency: "SEK", country: "SE", in: w, now: Date()).account }
            let inputs = try (0..<300).map(Self.cancelledOrder)
            let entries = inputs.map { (input: Result<OrderInput, KvittoError>.success($0), payload: JSONValue.object([:])) }
            let outcomes = try await store.write { w in try Orders.ingestBatch(entries, account: account, in: w, now: Date()) }
            let accepted = outcomes.compactMap { outcome -> OrderUpsert? in if case .accepted(let upsert) = outcome { upsert } else { nil } }
            #expect(accepted.count == 300, "every order was accepted")

            try await ScratchDatabase.admin(try PostgresStore.Location(url: database.url)) { connection, logger in
                let counts = try await connection.query("""
                    SELECT (SELECT count(*) FROM orders WHERE counted_minor IS NULL AND placed_ms IS NOT NULL),
                           (SELECT count(*) FROM contacts WHERE phone IS NULL AND member_number IS NULL)
                    """, logger: logger).collect().first.map { try $0.decode((Int64, Int64).self) }
                #expect(counts?.0 == 300, "300 orders, none counted as a purchase")
                #expect(counts?.1 == 300, "300 contacts without phone or member number")

                // The events were numbered by the database, their documents written around the number.
                var sequences: [Int64] = []
                for try await (sequence, doc) in try await connection.query("SELECT sequence, doc FROM events ORDER BY sequence", logger: logger)
                    .decode((Int64, String).self) {
                    sequences.append(sequence)
                    let parsed = try JSONParser.parse(doc)
                    #expect(parsed["sequence"] == .number(JSONNumber(sequence)), "the document holds its row's number")
                    #expect(JSONWriter.string(parsed) == doc, "the document is written as every other (byte for byte)")
                }
                #expect(sequences.count > 300, "an event for every order and new customer")
                #expect(sequences == Array(1...Int64(sequences.count)), "numbered without gaps from 1")
            }
            let last = try #require(accepted.last)
            let stored = try await store.read { r in try r.order(account: account.id, id: last.order.id) }
            #expect(stored?.externalID == "C-299", "the last row of the second statement reads back")
            #expect(stored?.contactID == last.order.contactID, "with its customer")
        }
    }

    /// A claim another transaction holds refuses the whole statement of held rows, so nothing of it is
    /// inserted; the write runs again once the claim is free, and then inserts every row.
    @Test(.enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"))
    func aClaimHeldElsewhereRefusesTheHeldRowsUntilItIsFree() async throws {
        let url = try #require(postgresURL)
        try await ScratchDatabase.withStore(serverURL: url, readers: 1, writers: 1) { store, database in
            let account = try await store.write { w in try Accounts.create(name: "Shop", currency: "SEK", country: "SE", in: w, now: Date()).account }
            let now = Date()
            let contacts = (0..<3).map { Contact.withEmail("claimed\($0)@example.se", account: account.id, at: now) }
            try await ScratchDatabase.admin(try PostgresStore.Location(url: database.url)) { other, logger in
                let claim = Contact.emailClaim("claimed1@example.se", account: account.id)
                _ = try await other.query("SELECT pg_advisory_lock(hashtextextended(\(claim), 7461626))", logger: logger).collect()
                let writing = Task { try await store.write { w in for contact in contacts { try w.insertContact(contact) } } }
                try await Task.sleep(for: .milliseconds(300))
                let meanwhile = try await other.query("SELECT count(*) FROM contacts WHERE account_id = \(account.id)", logger: logger)
                    .collect().first.map { try $0.decode(Int64.self) }
                #expect(meanwhile == 0, "nothing of the refused statement was committed (no row without the others)")
                _ = try await other.query("SELECT pg_advisory_unlock(hashtextextended(\(claim), 7461626))", logger: logger).collect()
                try await writing.value
            }
            let found = try await store.read { r in try contacts.compactMap { try r.contact(account: account.id, id: $0.id) } }
            #expect(found.count == 3, "once the claim was free, the write ran again and inserted every row")
        }
    }
}
