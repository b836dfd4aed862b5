import Foundation
import GRDB
import KvittoCore
import KvittoPostgres
import KvittoSQLite
import KvittoStorage
import PostgresNIO
import Testing

/// A stored document damaged outside Kvitto (a hand edit, a bad restore) is reported when it is read,
/// naming the member at fault, never read back as an empty id, a zero total or a 1970-01-01 date, and
/// never quoting the document (it holds personal data).
@Suite("Damaged rows")
struct DamagedRowTests {
    /// One damage, as SQL both backends run, and the member the error must name.
    struct Damage: Sendable, CustomStringConvertible {
        var table: String
        var sqlite: String
        var postgres: String
        var member: String
        var description: String { "\(table): \(member)" }
    }

    static let damages = [
        Damage(table: "contacts", sqlite: "json_remove(doc, '$.created_at')", postgres: "(doc::jsonb - 'created_at')::text",
               member: "created_at"),
        Damage(table: "contacts", sqlite: "json_set(doc, '$.updated_at', 'last tuesday')",
               postgres: "jsonb_set(doc::jsonb, '{updated_at}', '\"last tuesday\"')::text", member: "updated_at"),
        Damage(table: "orders", sqlite: "json_set(doc, '$.totals.total', 'a lot')",
               postgres: "jsonb_set(doc::jsonb, '{totals,total}', '\"a lot\"')::text", member: "total"),
        Damage(table: "orders", sqlite: "json_set(doc, '$.status', 'teleported')",
               postgres: "jsonb_set(doc::jsonb, '{status}', '\"teleported\"')::text", member: "status"),
    ]

    @Test("SQLite", arguments: damages)
    func sqlite(_ damage: Damage) async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-damaged-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let store = try SQLiteStore(path: path)
        let written = try await Self.writeContactAndOrder(store)
        try await store.close()

        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in try db.execute(sql: "UPDATE \(damage.table) SET doc = \(damage.sqlite)") }
        try queue.close()

        let reopened = try SQLiteStore(path: path)
        try await Self.expectReadFails(reopened, written, damage)
        try await reopened.close()
    }

    @Test("PostgreSQL", .enabled(if: postgresURL != nil || runningInCI, "KVITTO_TEST_POSTGRES_URL is not set (scripts/test sets it)"),
          arguments: damages)
    func postgres(_ damage: Damage) async throws {
        let url = try #require(postgresURL, "CI must run the PostgreSQL tests: KVITTO_TEST_POSTGRES_URL is not set")
        try await ScratchDatabase.withStore(serverURL: url, readers: 1, writers: 1) { store, database in
            let written = try await Self.writeContactAndOrder(store)
            try await ScratchDatabase.admin(try PostgresStore.Location(url: database.url)) {
                try await $0.query(PostgresQuery(unsafeSQL: "UPDATE \(damage.table) SET doc = \(damage.postgres)"), logger: $1)
            }
            try await Self.expectReadFails(store, written, damage)
        }
    }

    struct Written: Sendable {
        var account: String
        var contact: String
        var order: String
    }

    static let personalEmail = "maja.damaged@example.se"

    static func writeContactAndOrder(_ store: any KvittoStore) async throws -> Written {
        // Whole seconds: stored timestamps keep milliseconds, and the read-back below compares whole models.
        let now = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let account = Account(id: KvittoID.make(.account, at: now), name: "Shop", currency: "SEK", defaultCountry: "SE", createdAt: now)
        var contact = Contact(id: KvittoID.make(.contact, at: now), accountID: account.id, createdAt: now)
        contact.email = personalEmail
        contact.emailKey = EmailKey.make(personalEmail)
        var order = Order(id: KvittoID.make(.order, at: now), accountID: account.id, connectionID: "api", source: "api",
                          externalID: "1001", createdAt: now, status: .received, currency: "SEK", receivedAt: now)
        order.contactID = contact.id
        order.totals = Totals(total: Money(units: 9_900, scale: 2))
        let (c, o) = (contact, order)
        try await store.write { w in
            try w.insertAccount(account)
            try w.insertContact(c)
            try w.insertOrder(o)
        }
        // Read back whole first: the damage below is what makes the read fail.
        let read = try await store.read { r in (try r.contact(account: account.id, id: c.id), try r.order(account: account.id, id: o.id)) }
        #expect(read.0 == c && read.1 == o)
        return Written(account: account.id, contact: contact.id, order: order.id)
    }

    static func expectReadFails(_ store: any KvittoStore, _ written: Written, _ damage: Damage) async throws {
        do {
            _ = try await store.read { r in
                if damage.table == "contacts" {
                    _ = try r.contact(account: written.account, id: written.contact)
                } else {
                    _ = try r.order(account: written.account, id: written.order)
                }
            }
            Issue.record("a damaged \(damage) was read without an error")
        } catch {
            let message = "\(error)"
            #expect(message.contains("'\(damage.member)'"), "the error names the member: \(message)")
            #expect(!message.contains(personalEmail), "the error does not quote the document")
        }
    }
}
