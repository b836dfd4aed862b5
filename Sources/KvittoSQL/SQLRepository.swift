import Foundation
import KvittoCore
import KvittoStorage

/// Every repository of `StoreWriter` in SQL, shared by the SQLite and PostgreSQL backends.
public struct SQLRepository<Executor: SQLExecutor>: StoreWriter {
    let db: Executor

    public init(_ executor: Executor) { self.db = executor }

    // MARK: accounts and keys

    public func account(_ id: String) throws -> Account? {
        try db.query("SELECT id, name, currency, default_country, identity_priority, product_key, created_at FROM accounts WHERE id = ?", [.text(id)])
            .first.map { row in
                Account(id: row[0].text ?? "", name: row[1].text ?? "", currency: row[2].text ?? "", defaultCountry: row[3].text ?? "",
                        identityPriority: (row[4].text ?? "").split(separator: ",").compactMap { IdentityKind(rawValue: String($0)) },
                        productKey: ProductKey(rawValue: row[5].text ?? "") ?? .sku,
                        createdAt: Timestamp.parse(row[6].text ?? "") ?? Date(timeIntervalSince1970: 0))
            }
    }

    public func insertAccount(_ a: Account) throws {
        try db.execute("INSERT INTO accounts (id, name, currency, default_country, identity_priority, product_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [.text(a.id), .text(a.name), .text(a.currency), .text(a.defaultCountry),
                        .text(a.identityPriority.map(\.rawValue).joined(separator: ",")), .text(a.productKey.rawValue),
                        .text(Timestamp.format(a.createdAt))])
    }

    public func lockAccount(_ id: String) throws {
        if db.dialect == .postgres { _ = try db.query("SELECT id FROM accounts WHERE id = ? FOR UPDATE", [.text(id)]) }
    }

    public func nextEventSequence(account: String) throws -> Int64 {
        // RETURNING (SQLite ≥ 3.35, PostgreSQL) saves the second statement on every event.
        guard let next = try db.query("UPDATE accounts SET event_sequence = event_sequence + 1 WHERE id = ? RETURNING event_sequence",
                                      [.text(account)]).first?[0].int else {
            throw KvittoError.notFound("account \(account)")
        }
        return next
    }

    static var keyColumns: String { "id, account_id, name, prefix, hash, scopes, created_at, last_used_at, revoked_at" }

    static func apiKey(_ row: [SQLValue]) -> APIKey {
        APIKey(id: row[0].text ?? "", accountID: row[1].text ?? "", name: row[2].text ?? "", prefix: row[3].text ?? "",
               hash: row[4].text ?? "", scopes: Set((row[5].text ?? "").split(separator: ",").compactMap { Scope(rawValue: String($0)) }),
               createdAt: Timestamp.parse(row[6].text ?? "") ?? Date(timeIntervalSince1970: 0),
               lastUsedAt: row[7].text.flatMap(Timestamp.parse), revokedAt: row[8].text.flatMap(Timestamp.parse))
    }

    public func apiKey(hash: String) throws -> APIKey? {
        try db.query("SELECT \(Self.keyColumns) FROM api_keys WHERE hash = ?", [.text(hash)]).first.map(Self.apiKey)
    }

    public func apiKeys(account: String) throws -> [APIKey] {
        try db.query("SELECT \(Self.keyColumns) FROM api_keys WHERE account_id = ? ORDER BY id DESC", [.text(account)]).map(Self.apiKey)
    }

    public func insertAPIKey(_ k: APIKey) throws {
        try db.execute("INSERT INTO api_keys (\(Self.keyColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [.text(k.id), .text(k.accountID), .text(k.name), .text(k.prefix), .text(k.hash),
                        .text(k.scopes.sorted().map(\.rawValue).joined(separator: ",")), .text(Timestamp.format(k.createdAt)),
                        .optional(k.lastUsedAt.map(Timestamp.format)), .optional(k.revokedAt.map(Timestamp.format))])
    }

    public func revokeAPIKey(account: String?, id: String, at: Date) throws -> Bool {
        if let account {
            return try db.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL",
                                  [.text(Timestamp.format(at)), .text(id), .text(account)]) > 0
        }
        return try db.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [.text(Timestamp.format(at)), .text(id)]) > 0
    }

    public func touchAPIKey(id: String, at: Date) throws {
        try db.execute("UPDATE api_keys SET last_used_at = ? WHERE id = ?", [.text(Timestamp.format(at)), .text(id)])
    }

    // MARK: connections

    static var connectionColumns: String { "id, account_id, kind, name, product_key, require_contact_channel, created_at, doc" }

    func connection(_ row: [SQLValue]) -> Connection? {
        guard let kind = row[2].text.flatMap(Connection.Kind.init(rawValue:)) else { return nil }
        var connection = Connection(id: row[0].text ?? "", accountID: row[1].text ?? "", kind: kind, name: row[3].text ?? "",
                                    productKey: row[4].text.flatMap(ProductKey.init(rawValue:)), requireContactChannel: row[5].int == 1,
                                    createdAt: Timestamp.parse(row[6].text ?? "") ?? Date(timeIntervalSince1970: 0))
        connection.restore(from: row[7].text.map(document))
        return connection
    }

    public func connection(account: String, kind: Connection.Kind, name: String) throws -> Connection? {
        try db.query("SELECT \(Self.connectionColumns) FROM connections WHERE account_id = ? AND kind = ? AND name = ?",
                     [.text(account), .text(kind.rawValue), .text(name)]).first.flatMap(connection)
    }

    public func connection(account: String, id: String) throws -> Connection? {
        try db.query("SELECT \(Self.connectionColumns) FROM connections WHERE account_id = ? AND id = ?",
                     [.text(account), .text(id)]).first.flatMap(connection)
    }

    public func connection(id: String) throws -> Connection? {
        try db.query("SELECT \(Self.connectionColumns) FROM connections WHERE id = ?", [.text(id)]).first.flatMap(connection)
    }

    public func connections(account: String, page: PageRequest) throws -> [Connection] {
        try db.query("SELECT \(Self.connectionColumns) FROM connections WHERE account_id = ? AND id < ? ORDER BY id DESC LIMIT \(page.limit)",
                     [.text(account), .text(page.cursor ?? "~")]).compactMap(connection)
    }

    public func insertConnection(_ c: Connection) throws {
        try db.execute("""
            INSERT INTO connections (id, account_id, kind, name, product_key, require_contact_channel, created_at, doc)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(c.id), .text(c.accountID), .text(c.kind.rawValue), .text(c.name), .optional(c.productKey?.rawValue),
                  .bool(c.requireContactChannel), .text(Timestamp.format(c.createdAt)), .text(JSONWriter.string(c.document))])
    }

    public func updateConnection(_ c: Connection) throws {
        try db.execute("UPDATE connections SET name = ?, product_key = ?, require_contact_channel = ?, doc = ? WHERE id = ? AND account_id = ?",
                       [.text(c.name), .optional(c.productKey?.rawValue), .bool(c.requireContactChannel),
                        .text(JSONWriter.string(c.document)), .text(c.id), .text(c.accountID)])
    }

    public func deleteConnection(account: String, id: String) throws -> Bool {
        try db.execute("DELETE FROM connections WHERE id = ? AND account_id = ?", [.text(id), .text(account)]) > 0
    }

    // MARK: contacts

    func document(_ text: String?) -> JSONValue { (try? JSONParser.parse(text ?? "null")) ?? .null }

    public func contact(account: String, id: String) throws -> Contact? {
        try db.query("SELECT doc FROM contacts WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { Contact(stored: document($0[0].text), accountID: account) }
    }

    public func contactID(account: String, emailKey: String) throws -> String? {
        try db.query("SELECT id FROM contacts WHERE account_id = ? AND email_key = ?", [.text(account), .text(emailKey)]).first?[0].text
    }

    public func contactID(account: String, phone: String) throws -> String? {
        try db.query("SELECT id FROM contacts WHERE account_id = ? AND phone = ?", [.text(account), .text(phone)]).first?[0].text
    }

    public func contacts(account: String, page: PageRequest) throws -> [Contact] {
        try paged("contacts", account: account, page: page).map { Contact(stored: document($0), accountID: account) }
    }

    public func insertContact(_ c: Contact, document: JSONValue) throws {
        try db.execute("INSERT INTO contacts (id, account_id, email_key, phone, doc) VALUES (?, ?, ?, ?, ?)",
                       [.text(c.id), .text(c.accountID), .optional(c.emailKey), .optional(c.phone), .text(JSONWriter.string(document))])
    }

    public func updateContact(_ c: Contact, document: JSONValue) throws {
        try db.execute("UPDATE contacts SET email_key = ?, phone = ?, doc = ? WHERE id = ? AND account_id = ?",
                       [.optional(c.emailKey), .optional(c.phone), .text(JSONWriter.string(document)), .text(c.id), .text(c.accountID)])
    }

    /// Documents of one account's table, newest first, after the cursor.
    func paged(_ table: String, account: String, page: PageRequest, extra: String = "", extraArguments: [SQLValue] = []) throws -> [String?] {
        var sql = "SELECT doc FROM \(table) WHERE account_id = ?" + extra
        var arguments: [SQLValue] = [.text(account)] + extraArguments
        if let cursor = page.cursor {
            sql += " AND id < ?"
            arguments.append(.text(cursor))
        }
        sql += " ORDER BY id DESC LIMIT \(page.limit)"
        return try db.query(sql, arguments).map { $0[0].text }
    }

    // MARK: orders

    public func order(account: String, id: String) throws -> Order? {
        try db.query("SELECT doc FROM orders WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { Order(stored: document($0[0].text), accountID: account) }
    }

    public func orderID(connection: String, externalID: String) throws -> String? {
        try db.query("SELECT id FROM orders WHERE connection_id = ? AND external_id = ?", [.text(connection), .text(externalID)]).first?[0].text
    }

    public func orders(account: String, contactID: String?, page: PageRequest) throws -> [Order] {
        let rows = if let contactID {
            try paged("orders", account: account, page: page, extra: " AND contact_id = ?", extraArguments: [.text(contactID)])
        } else {
            try paged("orders", account: account, page: page)
        }
        return rows.map { Order(stored: document($0), accountID: account) }
    }

    public func insertOrder(_ o: Order, document: JSONValue) throws {
        try db.execute("INSERT INTO orders (id, account_id, connection_id, external_id, contact_id, doc) VALUES (?, ?, ?, ?, ?, ?)",
                       [.text(o.id), .text(o.accountID), .text(o.connectionID), .text(o.externalID), .optional(o.contactID),
                        .text(JSONWriter.string(document))])
    }

    public func updateOrder(_ o: Order, document: JSONValue) throws {
        try db.execute("UPDATE orders SET contact_id = ?, doc = ? WHERE id = ? AND account_id = ?",
                       [.optional(o.contactID), .text(JSONWriter.string(document)), .text(o.id), .text(o.accountID)])
    }

    // MARK: catalogue

    public func product(account: String, key: ProductKey, value: String) throws -> Product? {
        let column = switch key { case .sku: "sku"; case .name: "name"; case .externalID: "code" }
        return try db.query("SELECT doc FROM products WHERE account_id = ? AND \(column) = ? ORDER BY id LIMIT 1", [.text(account), .text(value)])
            .first.map { Product(stored: document($0[0].text), accountID: account) }
    }

    public func productID(account: String, key: ProductKey, value: String) throws -> String? {
        let column = switch key { case .sku: "sku"; case .name: "name"; case .externalID: "code" }
        return try db.query("SELECT id FROM products WHERE account_id = ? AND \(column) = ? ORDER BY id LIMIT 1", [.text(account), .text(value)]).first?[0].text
    }

    public func products(account: String, page: PageRequest) throws -> [Product] {
        try paged("products", account: account, page: page).map { Product(stored: document($0), accountID: account) }
    }

    public func insertProduct(_ p: Product) throws {
        try db.execute("INSERT INTO products (id, account_id, sku, name, code, doc) VALUES (?, ?, ?, ?, ?, ?)",
                       [.text(p.id), .text(p.accountID), .optional(p.sku), .text(p.name), .optional(p.code), .text(JSONWriter.string(p.json))])
    }

    public func updateProduct(_ p: Product) throws {
        try db.execute("UPDATE products SET sku = ?, name = ?, code = ?, doc = ? WHERE id = ? AND account_id = ?",
                       [.optional(p.sku), .text(p.name), .optional(p.code), .text(JSONWriter.string(p.json)), .text(p.id), .text(p.accountID)])
    }

    /// Root categories have an empty parent in SQL, because a NULL would defeat the unique constraint.
    public func category(account: String, parentID: String?, name: String) throws -> Category? {
        try db.query("SELECT id, created_at FROM categories WHERE account_id = ? AND parent_id = ? AND name = ?",
                     [.text(account), .text(parentID ?? ""), .text(name)]).first.map { row in
            Category(id: row[0].text ?? "", accountID: account, name: name, parentID: parentID,
                     createdAt: Timestamp.parse(row[1].text ?? "") ?? Date(timeIntervalSince1970: 0))
        }
    }

    public func categories(account: String) throws -> [Category] {
        try db.query("SELECT id, parent_id, name, created_at FROM categories WHERE account_id = ? ORDER BY id", [.text(account)]).map { row in
            Category(id: row[0].text ?? "", accountID: account, name: row[2].text ?? "",
                     parentID: (row[1].text ?? "").isEmpty ? nil : row[1].text,
                     createdAt: Timestamp.parse(row[3].text ?? "") ?? Date(timeIntervalSince1970: 0))
        }
    }

    public func insertCategory(_ c: Category) throws {
        try db.execute("INSERT INTO categories (id, account_id, parent_id, name, created_at) VALUES (?, ?, ?, ?, ?)",
                       [.text(c.id), .text(c.accountID), .text(c.parentID ?? ""), .text(c.name), .text(Timestamp.format(c.createdAt))])
    }

    // MARK: fields, events, timeline, rejections

    public func fieldDefinition(account: String, group: String, name: String) throws -> FieldDefinition? {
        try db.query("SELECT type FROM field_definitions WHERE account_id = ? AND grp = ? AND name = ?", [.text(account), .text(group), .text(name)])
            .first.flatMap { $0[0].text.flatMap(FieldType.init(rawValue:)) }.map { FieldDefinition(group: group, name: name, type: $0) }
    }

    public func insertFieldDefinition(_ d: FieldDefinition, account: String) throws {
        try db.execute("INSERT INTO field_definitions (account_id, grp, name, type) VALUES (?, ?, ?, ?)",
                       [.text(account), .text(d.group), .text(d.name), .text(d.type.rawValue)])
    }

    public func events(account: String, after: Int64, limit: Int) throws -> [Event] {
        try db.query("SELECT doc FROM events WHERE account_id = ? AND sequence > ? ORDER BY sequence LIMIT \(max(1, min(limit, 1000)))",
                     [.text(account), .int(after)]).map { row in
            let json = document(row[0].text)
            return Event(id: json["id"]?.stringValue ?? "", accountID: account, sequence: json["sequence"]?.numberValue?.int64 ?? 0,
                         type: json["type"]?.stringValue.flatMap(EventType.init(rawValue:)) ?? .orderUpdated,
                         occurredAt: json["occurred_at"]?.stringValue.flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0),
                         origin: json["origin"]?.stringValue.flatMap(EventOrigin.init(rawValue:)) ?? .api, data: json["data"] ?? .null)
        }
    }

    public func insertEvent(_ e: Event) throws {
        try db.execute("INSERT INTO events (account_id, sequence, id, doc) VALUES (?, ?, ?, ?)",
                       [.text(e.accountID), .int(e.sequence), .text(e.id), .text(JSONWriter.string(e.json))])
    }

    public func timeline(account: String, subjectID: String, limit: Int) throws -> [TimelineEntry] {
        try db.query("SELECT doc FROM timeline WHERE account_id = ? AND subject_id = ? ORDER BY id DESC LIMIT \(max(1, min(limit, 1000)))",
                     [.text(account), .text(subjectID)]).map { row in
            let json = document(row[0].text)
            return TimelineEntry(id: json["id"]?.stringValue ?? "", accountID: account, subjectID: subjectID,
                                 kind: json["kind"]?.stringValue.flatMap(TimelineEntry.Kind.init(rawValue:)) ?? .comment,
                                 at: json["at"]?.stringValue.flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0),
                                 text: json["text"]?.stringValue ?? "", data: json["data"] ?? .null)
        }
    }

    public func insertTimeline(_ t: TimelineEntry) throws {
        try db.execute("INSERT INTO timeline (id, account_id, subject_id, doc) VALUES (?, ?, ?, ?)",
                       [.text(t.id), .text(t.accountID), .text(t.subjectID), .text(JSONWriter.string(t.json))])
    }

    public func rejections(account: String, page: PageRequest) throws -> [Rejection] {
        try paged("rejections", account: account, page: page).map { text in
            let json = document(text)
            return Rejection(id: json["id"]?.stringValue ?? "", accountID: account,
                             at: json["at"]?.stringValue.flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0),
                             reason: json["reason"]?.stringValue ?? "", detail: json["detail"]?.stringValue ?? "",
                             source: json["source"]?.stringValue, externalID: json["external_id"]?.stringValue, payload: json["payload"] ?? .null)
        }
    }

    public func insertRejection(_ r: Rejection) throws {
        try db.execute("INSERT INTO rejections (id, account_id, doc) VALUES (?, ?, ?)", [.text(r.id), .text(r.accountID), .text(JSONWriter.string(r.json))])
    }

    public func deleteContact(account: String, id: String) throws {
        try db.execute("DELETE FROM timeline WHERE account_id = ? AND subject_id = ?", [.text(account), .text(id)])
        try db.execute("DELETE FROM contacts WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
    }

    public func savepoint<T>(_ body: () throws -> T) throws -> T { try db.savepoint(body) }
}
