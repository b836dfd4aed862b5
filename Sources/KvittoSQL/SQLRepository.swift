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
                try Account(id: row.text(0, "accounts.id"), name: row.text(1, "accounts.name"), currency: row.text(2, "accounts.currency"),
                            defaultCountry: row.text(3, "accounts.default_country"),
                            identityPriority: row.list(4, "accounts.identity_priority", of: IdentityKind.self),
                            productKey: row.value(5, "accounts.product_key", as: ProductKey.self),
                            createdAt: row.timestamp(6, "accounts.created_at"))
            }
    }

    public func settings(account: String) throws -> AccountSettings? {
        try db.query("SELECT doc FROM account_settings WHERE account_id = ?", [.text(account)])
            .first.map { AccountSettings(stored: try $0.document(0, "account_settings.doc")) }
    }

    public func saveSettings(_ settings: AccountSettings, account: String) throws {
        let doc = JSONWriter.string(settings.storedJSON)
        if try db.execute("UPDATE account_settings SET doc = ? WHERE account_id = ?", [.text(doc), .text(account)]) == 0 {
            try db.execute("INSERT INTO account_settings (account_id, doc) VALUES (?, ?)", [.text(account), .text(doc)])
        }
    }

    public func insertAccount(_ a: Account) throws {
        try db.execute("INSERT INTO accounts (id, name, currency, default_country, identity_priority, product_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       [.text(a.id), .text(a.name), .text(a.currency), .text(a.defaultCountry),
                        .text(a.identityPriority.map(\.rawValue).joined(separator: ",")), .text(a.productKey.rawValue),
                        .text(Timestamp.format(a.createdAt))])
    }

    public func updateAccount(_ a: Account) throws {
        try send("UPDATE accounts SET name = ?, currency = ?, default_country = ?, identity_priority = ?, product_key = ? WHERE id = ?",
                 [.text(a.name), .text(a.currency), .text(a.defaultCountry), .text(a.identityPriority.map(\.rawValue).joined(separator: ",")),
                  .text(a.productKey.rawValue), .text(a.id)])
    }

    static var keyColumns: String { "id, account_id, name, prefix, hash, scopes, created_at, last_used_at, revoked_at" }

    /// A scope name this version does not know is skipped rather than an error: a key written by a newer
    /// version keeps working here with the scopes both know, and an unknown scope can only grant less.
    static func apiKey(_ row: [SQLValue]) throws -> APIKey {
        try APIKey(id: row.text(0, "api_keys.id"), accountID: row.text(1, "api_keys.account_id"), name: row.text(2, "api_keys.name"),
                   prefix: row.text(3, "api_keys.prefix"), hash: row.text(4, "api_keys.hash"),
                   scopes: Set(row.list(5, "api_keys.scopes", of: Scope.self, skippingUnknown: true)),
                   createdAt: row.timestamp(6, "api_keys.created_at"),
                   lastUsedAt: row.optionalTimestamp(7, "api_keys.last_used_at"), revokedAt: row.optionalTimestamp(8, "api_keys.revoked_at"))
    }

    public func apiKey(hash: String) throws -> APIKey? {
        try db.query("SELECT \(Self.keyColumns) FROM api_keys WHERE hash = ?", [.text(hash)]).first.map(Self.apiKey)
    }

    public func apiKeys(account: String, page: PageRequest) throws -> [APIKey] {
        let (after, arguments) = Self.cursor(page, [.text(account)])
        return try db.query("SELECT \(Self.keyColumns) FROM api_keys WHERE account_id = ?\(after) ORDER BY id DESC LIMIT \(page.limit)", arguments)
            .map(Self.apiKey)
    }

    /// ` AND id < ?` and its argument after `arguments` when the page has a cursor.
    static func cursor(_ page: PageRequest, _ arguments: [SQLValue]) -> (String, [SQLValue]) {
        guard let cursor = page.cursor else { return ("", arguments) }
        return (" AND id < ?", arguments + [.text(cursor)])
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

    /// A kind this version does not know is an error, as is any other damaged column. `product_key` is NULL
    /// for "the account's key", and `doc` is NULL for connections written before migration 3 (they get the
    /// default settings).
    func connection(_ row: [SQLValue]) throws -> Connection {
        var connection = try Connection(id: row.text(0, "connections.id"), accountID: row.text(1, "connections.account_id"),
                                        kind: row.value(2, "connections.kind", as: Connection.Kind.self), name: row.text(3, "connections.name"),
                                        productKey: row.optionalValue(4, "connections.product_key", as: ProductKey.self),
                                        requireContactChannel: row.bool(5, "connections.require_contact_channel"),
                                        createdAt: row.timestamp(6, "connections.created_at"))
        try connection.restore(from: row.optionalDocument(7, "connections.doc"))
        return connection
    }

    public func connection(account: String, kind: Connection.Kind, name: String) throws -> Connection? {
        let key = SQLTransactionState.key(account, kind.rawValue, name)
        if let cached = db.transaction?.connections[key] { return cached }
        let found = try db.query("SELECT \(Self.connectionColumns) FROM connections WHERE account_id = ? AND kind = ? AND name = ?",
                                 [.text(account), .text(kind.rawValue), .text(name)]).first.map { try connection($0) }
        if let found { db.transaction?.connections[key] = found }
        return found
    }

    public func connection(account: String, id: String) throws -> Connection? {
        try db.query("SELECT \(Self.connectionColumns) FROM connections WHERE account_id = ? AND id = ?",
                     [.text(account), .text(id)]).first.map { try connection($0) }
    }

    public func connection(id: String) throws -> Connection? {
        try db.query("SELECT \(Self.connectionColumns) FROM connections WHERE id = ?", [.text(id)]).first.map { try connection($0) }
    }

    public func connections(account: String, page: PageRequest) throws -> [Connection] {
        try db.query("SELECT \(Self.connectionColumns) FROM connections WHERE account_id = ? AND id < ? ORDER BY id DESC LIMIT \(page.limit)",
                     [.text(account), .text(page.cursor ?? "~")]).map { try connection($0) }
    }

    public func insertConnection(_ c: Connection) throws {
        db.transaction?.connections.removeAll()
        try db.execute("""
            INSERT INTO connections (id, account_id, kind, name, product_key, require_contact_channel, created_at, doc)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, [.text(c.id), .text(c.accountID), .text(c.kind.rawValue), .text(c.name), .optional(c.productKey?.rawValue),
                  .bool(c.requireContactChannel), .text(Timestamp.format(c.createdAt)), .text(JSONWriter.string(c.document))])
    }

    public func updateConnection(_ c: Connection) throws {
        db.transaction?.connections.removeAll()
        try db.execute("UPDATE connections SET name = ?, product_key = ?, require_contact_channel = ?, doc = ? WHERE id = ? AND account_id = ?",
                       [.text(c.name), .optional(c.productKey?.rawValue), .bool(c.requireContactChannel),
                        .text(JSONWriter.string(c.document)), .text(c.id), .text(c.accountID)])
    }

    public func deleteConnection(account: String, id: String) throws -> Bool {
        db.transaction?.connections.removeAll()
        return try db.execute("DELETE FROM connections WHERE id = ? AND account_id = ?", [.text(id), .text(account)]) > 0
    }

    // MARK: contacts

    public func contact(account: String, id: String) throws -> Contact? {
        if let preloaded = db.transaction?.preloadedContacts[SQLTransactionState.key(account, id)] {
            return try Contact(stored: preloaded.document, accountID: account)
        }
        return try db.query("SELECT doc FROM contacts WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { try Contact(stored: $0.document(0, "contacts.doc"), accountID: account) }
    }

    public func contactID(account: String, emailKey: String) throws -> String? {
        try db.query("SELECT id FROM contacts WHERE account_id = ? AND email_key = ?", [.text(account), .text(emailKey)])
            .first.map { try $0.text(0, "contacts.id") }
    }

    public func contactID(account: String, phone: String) throws -> String? {
        try db.query("SELECT id FROM contacts WHERE account_id = ? AND phone = ?", [.text(account), .text(phone)])
            .first.map { try $0.text(0, "contacts.id") }
    }

    public func contactIDs(account: String, emailKey: String?, phone: String?) throws -> (byEmail: String?, byPhone: String?) {
        guard emailKey != nil || phone != nil else { return (nil, nil) }
        if let transaction = db.transaction {
            let byEmail = emailKey.map { transaction.contactIDsByEmail[SQLTransactionState.key(account, $0)] }
            let byPhone = phone.map { transaction.contactIDsByPhone[SQLTransactionState.key(account, $0)] }
            // Known for every key asked (found or known absent): no round trip.
            if byEmail.map({ $0 != nil }) ?? true, byPhone.map({ $0 != nil }) ?? true {
                return (byEmail.flatMap { $0 }.flatMap { $0 }, byPhone.flatMap { $0 }.flatMap { $0 })
            }
        }
        // A NULL argument matches nothing (`= NULL` is never true), so one statement serves every case.
        var found: (byEmail: String?, byPhone: String?) = (nil, nil)
        for row in try db.query("SELECT id, email_key, phone FROM contacts WHERE account_id = ? AND (email_key = ? OR phone = ?)",
                                [.text(account), .optional(emailKey), .optional(phone)]) {
            let id = try row.text(0, "contacts.id")
            if let emailKey, try row.optionalText(1, "contacts.email_key") == emailKey { found.byEmail = id }
            if let phone, try row.optionalText(2, "contacts.phone") == phone { found.byPhone = id }
        }
        return found
    }

    public func contacts(account: String, page: PageRequest) throws -> [Contact] {
        try paged("contacts", account: account, page: page).map { try Contact(stored: $0, accountID: account) }
    }

    public func insertContact(_ c: Contact, document: JSONValue) throws {
        try insertClaimed("contacts (id, account_id, email_key, phone, member_number, doc)",
                          [.text(c.id), .text(c.accountID), .optional(c.emailKey), .optional(c.phone), .optional(c.memberNumber),
                           .text(JSONWriter.string(document))],
                          claims: [c.emailKey.map { SQLTransactionState.key("email", c.accountID, $0) },
                                   c.phone.map { SQLTransactionState.key("phone", c.accountID, $0) },
                                   c.memberNumber.map { SQLTransactionState.key("member", c.accountID, $0) }].compactMap { $0 })
        db.transaction?.remember(contactID: c.id, account: c.accountID, emailKey: c.emailKey, phone: c.phone)
    }

    /// Inserts a row whose unique keys another writer may be inserting at this moment. On PostgreSQL the
    /// statement first claims `claims` (as `claimCreation` does, in the same round trip): if another
    /// transaction holds one, nothing is inserted and the write runs again later, instead of waiting on the
    /// other's uncommitted row while holding its own.
    ///
    /// A transaction that has taken `claimLimit` claims (an import creating thousands of contacts) inserts
    /// without more: PostgreSQL's lock table would run out ("out of shared memory"). Another writer's row then
    /// shows as a unique violation at the insert, which also makes the write run again.
    func insertClaimed(_ target: String, _ values: [SQLValue], integerColumns: Set<Int> = [], claims: [String]) throws {
        guard db.dialect == .postgres, !claims.isEmpty, (db.transaction?.claimsTaken ?? 0) < Self.claimLimit else {
            try send("INSERT INTO \(target) VALUES (\(Self.marks(values.count)))", values)
            return
        }
        db.transaction?.claimsTaken += claims.count
        try db.sendClaimedInsert(into: target, values, integerColumns: integerColumns, claims: claims,
                                 otherwise: "creation of \(claims.joined(separator: ", ")) in progress")
    }

    /// How many creation claims one transaction takes at most: more than a batch of 1,000 orders needs, less
    /// than PostgreSQL's default lock table holds (64 per connection slot, 6,400 in all).
    static var claimLimit: Int { 4_000 }

    public func updateContact(_ c: Contact, document: JSONValue) throws {
        let readAs = db.transaction?.preloadedContacts[SQLTransactionState.key(c.accountID, c.id)]?.text
        db.transaction?.forget(contactID: c.id, account: c.accountID)
        let values: [SQLValue] = [.optional(c.emailKey), .optional(c.phone), .optional(c.memberNumber), .text(JSONWriter.string(document)),
                                  .text(c.id), .text(c.accountID)]
        let sql = "UPDATE contacts SET email_key = ?, phone = ?, member_number = ?, doc = ? WHERE id = ? AND account_id = ?"
        if let readAs {
            try db.send(sql + " AND doc = ?", values + [.text(readAs)], expectingRows: 1, otherwise: "contact \(c.id) changed since it was read")
        } else {
            try send(sql, values)
        }
        db.transaction?.remember(contactID: c.id, account: c.accountID, emailKey: c.emailKey, phone: c.phone)
    }

    /// Documents of one account's table, newest first, after the cursor, each parsed strictly.
    func paged(_ table: String, account: String, page: PageRequest, extra: String = "", extraArguments: [SQLValue] = []) throws -> [JSONValue] {
        try pagedRows(table, account: account, page: page, extra: extra, extraArguments: extraArguments)
            .map { try $0.document(0, "\(table).doc") }
    }

    /// `paged`'s rows, read as `columns`.
    func pagedRows(_ table: String, account: String, page: PageRequest, columns: String = "doc", extra: String = "",
                   extraArguments: [SQLValue] = []) throws -> [[SQLValue]] {
        var sql = "SELECT \(columns) FROM \(table) WHERE account_id = ?" + extra
        var arguments: [SQLValue] = [.text(account)] + extraArguments
        if let cursor = page.cursor {
            sql += " AND id < ?"
            arguments.append(.text(cursor))
        }
        sql += " ORDER BY id DESC LIMIT \(page.limit)"
        return try db.query(sql, arguments)
    }

    // MARK: orders

    public func order(account: String, id: String) throws -> Order? {
        try db.query("SELECT doc FROM orders WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
            .first.map { try Order(stored: $0.document(0, "orders.doc"), accountID: account) }
    }

    public func orderID(connection: String, externalID: String) throws -> String? {
        if let known = db.transaction?.orderIDs[SQLTransactionState.key(connection, externalID)] { return known }
        return try db.query("SELECT id FROM orders WHERE connection_id = ? AND external_id = ?", [.text(connection), .text(externalID)])
            .first.map { try $0.text(0, "orders.id") }
    }

    /// The contact and connection use their indexes; status and dates narrow the account's orders, newest
    /// first, until the page is full (an admin's list, not a hot path). The status is read from the document.
    public func orders(account: String, filter: OrderFilter, page: PageRequest) throws -> [Order] {
        var extra = ""
        var arguments: [SQLValue] = []
        if let contactID = filter.contactID { extra += " AND contact_id = ?"; arguments.append(.text(contactID)) }
        if let connectionID = filter.connectionID { extra += " AND connection_id = ?"; arguments.append(.text(connectionID)) }
        if let status = filter.status {
            extra += db.dialect == .postgres ? " AND (doc::jsonb ->> 'status') = ?" : " AND json_extract(doc, '$.status') = ?"
            arguments.append(.text(status.rawValue))
        }
        if let from = filter.placedFrom { extra += " AND placed_ms >= ?"; arguments.append(.int(Self.millis(from))) }
        if let before = filter.placedBefore { extra += " AND placed_ms < ?"; arguments.append(.int(Self.millis(before))) }
        return try paged("orders", account: account, page: page, extra: extra, extraArguments: arguments)
            .map { try Order(stored: $0, accountID: account) }
    }

    public func insertOrder(_ o: Order, document: JSONValue) throws {
        try insertClaimed("orders (id, account_id, connection_id, external_id, contact_id, placed_ms, counted_minor, doc)",
                          [.text(o.id), .text(o.accountID), .text(o.connectionID), .text(o.externalID), .optional(o.contactID),
                           .int(Self.millis(o.createdAt)), Self.countedMinor(o), .text(JSONWriter.string(document))],
                          integerColumns: [5, 6], claims: [SQLTransactionState.key("order", o.connectionID, o.externalID)])
        db.transaction?.orderIDs[SQLTransactionState.key(o.connectionID, o.externalID)] = .some(o.id)
    }

    public func updateOrder(_ o: Order, document: JSONValue) throws {
        try send("UPDATE orders SET contact_id = ?, placed_ms = ?, counted_minor = ?, doc = ? WHERE id = ? AND account_id = ?",
                       [.optional(o.contactID), .int(Self.millis(o.createdAt)), Self.countedMinor(o), .text(JSONWriter.string(document)),
                        .text(o.id), .text(o.accountID)])
    }

    /// `orders.counted_minor`: the total in hundredths while the order counts as a purchase.
    static func countedMinor(_ order: Order) -> SQLValue { order.status.countsAsPurchase ? .int(order.totals.total.minorUnits) : .null }

    // MARK: catalogue

    static func productColumn(_ key: ProductKey) -> String {
        switch key { case .sku: "sku"; case .name: "name"; case .externalID: "code" }
    }

    public func product(account: String, key: ProductKey, value: String) throws -> Product? {
        let column = Self.productColumn(key)
        return try db.query("SELECT doc FROM products WHERE account_id = ? AND \(column) = ? ORDER BY id LIMIT 1", [.text(account), .text(value)])
            .first.map { try Product(stored: $0.document(0, "products.doc"), accountID: account) }
    }

    public func productID(account: String, key: ProductKey, value: String) throws -> String? {
        let cacheKey = SQLTransactionState.key(account, key.rawValue, value)
        if let cached = db.transaction?.productIDs[cacheKey] { return cached }
        let column = Self.productColumn(key)
        let found = try db.query("SELECT id FROM products WHERE account_id = ? AND \(column) = ? ORDER BY id LIMIT 1",
                                 [.text(account), .text(value)]).first.map { try $0.text(0, "products.id") }
        if let found { db.transaction?.productIDs[cacheKey] = found }
        return found
    }

    public func products(account: String, page: PageRequest) throws -> [Product] {
        try paged("products", account: account, page: page).map { try Product(stored: $0, accountID: account) }
    }

    public func insertProduct(_ p: Product) throws {
        db.transaction?.productIDs.removeAll()
        try send("INSERT INTO products (id, account_id, sku, name, code, doc) VALUES (?, ?, ?, ?, ?, ?)",
                       [.text(p.id), .text(p.accountID), .optional(p.sku), .text(p.name), .optional(p.code), .text(JSONWriter.string(p.json))])
    }

    public func lockProductKey(account: String, key: ProductKey, value: String) throws {
        try claimCreation(SQLTransactionState.key("product", account, key.rawValue, value))
    }

    /// Takes the advisory lock named by `name` until COMMIT, or, if another transaction holds it (it is creating
    /// the same thing), gives up at once: `StoreError.retryable`, so the write runs again in the writer's
    /// next transaction and finds what the other created. Waiting instead would keep this transaction's own
    /// locks held meanwhile; two writers creating the same few products in different orders then wait on
    /// each other until PostgreSQL's deadlock check (a second) aborts one. The 64-bit hash of the name is
    /// the lock; a collision only makes two unrelated creations take turns.
    func claimCreation(_ name: String) throws {
        guard db.dialect == .postgres else { return }
        let row = try db.query("SELECT pg_try_advisory_xact_lock(hashtextextended(?, 7461626))::int", [.text(name)]).first
        guard try row?.int(0, "pg_try_advisory_xact_lock") == 1 else { throw StoreError.retryable("creation of \(name) in progress") }
    }

    public func updateProduct(_ p: Product) throws {
        db.transaction?.productIDs.removeAll()
        try send("UPDATE products SET sku = ?, name = ?, code = ?, doc = ? WHERE id = ? AND account_id = ?",
                       [.optional(p.sku), .text(p.name), .optional(p.code), .text(JSONWriter.string(p.json)), .text(p.id), .text(p.accountID)])
    }

    /// Root categories have an empty parent in SQL, because a NULL would defeat the unique constraint.
    public func category(account: String, parentID: String?, name: String) throws -> Category? {
        let key = SQLTransactionState.key(account, parentID ?? "", name)
        if let cached = db.transaction?.categories[key] { return cached }
        let found = try db.query("SELECT id, created_at FROM categories WHERE account_id = ? AND parent_id = ? AND name = ?",
                                 [.text(account), .text(parentID ?? ""), .text(name)]).first.map { row in
            try Category(id: row.text(0, "categories.id"), accountID: account, name: name, parentID: parentID,
                         createdAt: row.timestamp(1, "categories.created_at"))
        }
        if let found { db.transaction?.categories[key] = found }
        return found
    }

    public func categories(account: String) throws -> [Category] {
        try db.query("SELECT id, parent_id, name, created_at, account_id FROM categories WHERE account_id = ? ORDER BY id", [.text(account)])
            .map(Self.category)
    }

    /// Oldest first, so that parents come before their children.
    public func categories(account: String, page: PageRequest) throws -> [Category] {
        let after = page.cursor.map { _ in " AND id > ?" } ?? ""
        return try db.query("""
            SELECT id, parent_id, name, created_at, account_id FROM categories WHERE account_id = ?\(after) ORDER BY id LIMIT \(page.limit)
            """, [.text(account)] + (page.cursor.map { [.text($0)] } ?? [])).map(Self.category)
    }

    static func category(_ row: [SQLValue]) throws -> Category {
        // NOT NULL: a root category's parent is "" (see `category(account:parentID:name:)`).
        let parent = try row.text(1, "categories.parent_id")
        return try Category(id: row.text(0, "categories.id"), accountID: row.text(4, "categories.account_id"), name: row.text(2, "categories.name"),
                            parentID: parent.isEmpty ? nil : parent, createdAt: row.timestamp(3, "categories.created_at"))
    }

    public func insertCategory(_ c: Category) throws {
        try insertClaimed("categories (id, account_id, parent_id, name, created_at)",
                          [.text(c.id), .text(c.accountID), .text(c.parentID ?? ""), .text(c.name), .text(Timestamp.format(c.createdAt))],
                          claims: [SQLTransactionState.key("category", c.accountID, c.parentID ?? "", c.name)])
    }

    // MARK: fields, events, timeline, rejections

    public func fieldDefinition(account: String, group: String, name: String) throws -> FieldDefinition? {
        let key = SQLTransactionState.key(account, group, name)
        if let cached = db.transaction?.fieldDefinitions[key] { return cached }
        let found = try db.query("SELECT type FROM field_definitions WHERE account_id = ? AND grp = ? AND name = ?", [.text(account), .text(group), .text(name)])
            .first.map { try FieldDefinition(group: group, name: name, type: $0.value(0, "field_definitions.type", as: FieldType.self)) }
        if let found { db.transaction?.fieldDefinitions[key] = found }
        return found
    }

    public func fieldDefinitions(account: String, groups: [String]) throws -> [FieldDefinition] {
        guard !groups.isEmpty else { return [] }
        let marks = Self.marks(groups.count)
        return try db.query("SELECT grp, name, type FROM field_definitions WHERE account_id = ? AND grp IN (\(marks))",
                            [.text(account)] + groups.map { .text($0) })
            .map { FieldDefinition(group: try $0.text(0, "field_definitions.grp"), name: try $0.text(1, "field_definitions.name"),
                                   type: try $0.value(2, "field_definitions.type", as: FieldType.self)) }
    }

    public func insertFieldDefinition(_ d: FieldDefinition, account: String) throws {
        try db.execute("INSERT INTO field_definitions (account_id, grp, name, type) VALUES (?, ?, ?, ?)",
                       [.text(account), .text(d.group), .text(d.name), .text(d.type.rawValue)])
    }

    public func events(account: String, after: Int64, limit: Int) throws -> [Event] {
        let sql = "SELECT sequence, doc FROM events WHERE account_id = ? AND sequence > ? ORDER BY sequence LIMIT \(max(1, min(limit, 1000)))"
        return try db.query(sql, [.text(account), .int(after)]).map { row in
            try SQLRepository.event(from: row.document(1, "events.doc"), account: account, sequence: row.int(0, "events.sequence"))
        }
    }

    public func timeline(account: String, subjectID: String, limit: Int) throws -> [TimelineEntry] {
        try db.query("SELECT doc FROM timeline WHERE account_id = ? AND subject_id = ? ORDER BY id DESC LIMIT \(max(1, min(limit, 1000)))",
                     [.text(account), .text(subjectID)]).map { row in
            let doc = try row.fields(0, "timeline.doc")
            return try TimelineEntry(id: doc.string("id"), accountID: account, subjectID: subjectID,
                                     kind: doc.value("kind", as: TimelineEntry.Kind.self), at: doc.timestamp("at"),
                                     text: doc.string("text"), data: doc.json["data"] ?? .null)
        }
    }

    public func insertTimeline(_ t: TimelineEntry) throws {
        try insertRow("timeline", ["id", "account_id", "subject_id", "doc"],
                      [.text(t.id), .text(t.accountID), .text(t.subjectID), .text(JSONWriter.string(t.json))])
    }

    public func rejections(account: String, page: PageRequest) throws -> [Rejection] {
        try paged("rejections", account: account, page: page).map { try Self.rejection(from: $0, account: account) }
    }

    static func rejection(from json: JSONValue, account: String) throws -> Rejection {
        let doc = SQLDocument(json, column: "rejections.doc")
        return try Rejection(id: doc.string("id"), accountID: account, at: doc.timestamp("at"),
                             reason: doc.string("reason"), detail: doc.string("detail"),
                             source: doc.optionalString("source"), externalID: doc.optionalString("external_id"),
                             payload: json["payload"] ?? .null)
    }

    public func insertRejection(_ r: Rejection) throws {
        try db.execute("INSERT INTO rejections (id, account_id, doc) VALUES (?, ?, ?)", [.text(r.id), .text(r.accountID), .text(JSONWriter.string(r.json))])
    }

    public func deleteContact(account: String, id: String) throws {
        // In order with the timeline entries this transaction holds back, so that none of them outlives it.
        try executeInOrder("DELETE FROM timeline WHERE account_id = ? AND subject_id = ?", [.text(account), .text(id)])
        try executeInOrder("DELETE FROM list_members WHERE account_id = ? AND contact_id = ?", [.text(account), .text(id)])
        try db.execute("DELETE FROM contacts WHERE account_id = ? AND id = ?", [.text(account), .text(id)])
        db.transaction?.forget(contactID: id, account: account)
    }

    public func savepoint<T>(_ body: () throws -> T) throws -> T { try db.savepoint(body) }

    /// A statement whose answer nothing here reads: the backend may check it later (`SQLExecutor.send`).
    func send(_ sql: String, _ arguments: [SQLValue]) throws {
        try db.send(sql, arguments, expectingRows: nil, otherwise: "")
    }
}
