import KvittoCore
import KvittoStorage

/// Statements over many rows at once: what a group of writes reads ahead, and rows inserted together.
extension SQLRepository {
    /// Reads what a batch of orders will look up, a few hundred keys a statement, all statements at once
    /// (`SQLExecutor.queries`): on PostgreSQL one wait for the answers instead of one per statement.
    public func preload(account: String, _ keys: PreloadKeys) throws {
        guard let transaction = db.transaction else { return }
        // Each statement with what to do with its rows, in the order they are run and read.
        var statements: [(sql: String, arguments: [SQLValue])] = []
        var readers: [([[SQLValue]]) throws -> Void] = []
        let byConnection = Dictionary(grouping: Set(keys.orderKeys), by: \.connectionID)
        for (connection, keys) in byConnection {
            for key in keys { transaction.orderIDs[SQLTransactionState.key(connection, key.externalID)] = .some(nil) }
            readAheadChunks(keys.map(\.externalID)[...]) { chunk in
                statements.append(("SELECT external_id, id FROM orders WHERE connection_id = ? AND external_id IN (\(Self.marks(chunk.count)))",
                                   [.text(connection)] + chunk.map { .text($0) }))
                readers.append { rows in
                    for row in rows {
                        transaction.orderIDs[SQLTransactionState.key(connection, try row.text(0, "orders.external_id"))] = .some(try row.text(1, "orders.id"))
                    }
                }
            }
        }
        for (column, values) in [("email_key", Array(Set(keys.emailKeys))), ("phone", Array(Set(keys.phones)))] where !values.isEmpty {
            for value in values { transaction.preloaded(nil, column: column, account: account, value: value) }
            readAheadChunks(values[...]) { chunk in
                // With the documents: the upserts read each contact found. (The row read includes what this
                // transaction has written to it, so the document is current here.)
                statements.append(("SELECT \(column), id, doc FROM contacts WHERE account_id = ? AND \(column) IN (\(Self.marks(chunk.count)))",
                                   [.text(account)] + chunk.map { .text($0) }))
                readers.append { rows in
                    for row in rows {
                        let id = try row.text(1, "contacts.id")
                        transaction.preloaded(id, column: column, account: account, value: try row.text(0, "contacts.\(column)"))
                        let cacheKey = SQLTransactionState.key(account, id)
                        if transaction.preloadedContacts[cacheKey] == nil {
                            let text = try row.text(2, "contacts.doc")
                            transaction.preloadedContacts[cacheKey] = (try SQLDocument(parsing: text, column: "contacts.doc").json, text)
                        }
                    }
                }
            }
        }
        // Products as `productID` finds them: of several with one value, the first by id. Only the products
        // found are kept, as `productID` keeps them, and not those already known.
        let byKey = Dictionary(grouping: Set(keys.products), by: \.key)
        for (key, matches) in byKey {
            let column = Self.productColumn(key)
            let values = matches.map(\.value).filter { transaction.productIDs[SQLTransactionState.key(account, key.rawValue, $0)] == nil }
            readAheadChunks(values[...]) { chunk in
                statements.append(("SELECT \(column), id FROM products WHERE account_id = ? AND \(column) IN (\(Self.marks(chunk.count))) ORDER BY id",
                                   [.text(account)] + chunk.map { .text($0) }))
                readers.append { rows in
                    for row in rows {
                        let cacheKey = SQLTransactionState.key(account, key.rawValue, try row.text(0, "products.\(column)"))
                        if transaction.productIDs[cacheKey] == nil { transaction.productIDs[cacheKey] = try row.text(1, "products.id") }
                    }
                }
            }
        }
        // Every order emits events, and every event asks for the account's active triggers and automations.
        if transaction.activeTriggers[account] == nil {
            statements.append((Self.activeTriggersQuery, [.text(account)]))
            readers.append { rows in transaction.activeTriggers[account] = try Self.activeTriggers(rows, account: account) }
        }
        if transaction.activeAutomations[account] == nil {
            statements.append((Self.activeAutomationsQuery, [.text(account)]))
            readers.append { rows in transaction.activeAutomations[account] = try Self.activeAutomations(rows, account: account) }
        }
        for (rows, read) in zip(try db.queries(statements), readers) { try read(rows) }
    }

    /// Many new contacts, a few hundred a statement, without creation claims: another writer creating one
    /// of them at the same moment makes the statement fail on the unique key, and the write runs again.
    public func insertContacts(_ contacts: [Contact]) throws {
        try Self.inChunks(contacts[...]) { chunk in
            let rows = Array(repeating: "(?, ?, ?, ?, ?, ?)", count: chunk.count).joined(separator: ", ")
            try send("INSERT INTO contacts (id, account_id, email_key, phone, member_number, doc) VALUES " + rows, chunk.flatMap { c in
                [SQLValue.text(c.id), .text(c.accountID), .optional(c.emailKey), .optional(c.phone), .optional(c.memberNumber),
                 .text(JSONWriter.string(c.json))]
            })
        }
        for c in contacts { db.transaction?.remember(contactID: c.id, account: c.accountID, emailKey: c.emailKey, phone: c.phone) }
    }

    /// Many rows a statement, in chunks of 256, 128, … 1: few distinct statements for SQLite's statement cache,
    /// and well under either database's limit on parameters (at most 6 a row here).
    static func inChunks<Item>(_ items: ArraySlice<Item>, _ body: (ArraySlice<Item>) throws -> Void) throws {
        try SQLChunks.each(items, body)
    }

    /// Chunks of keys for the preload's statements: on SQLite in sizes of 256, 128, … 1 (few distinct
    /// statements for its statement cache); on PostgreSQL, which parses each statement anyway, as few as
    /// possible.
    func readAheadChunks<Item>(_ items: ArraySlice<Item>, _ body: (ArraySlice<Item>) -> Void) {
        guard db.dialect == .postgres else { return SQLChunks.each(items, body) }
        var rest = items
        while !rest.isEmpty {
            body(rest.prefix(256))
            rest = rest.dropFirst(256)
        }
    }

    /// `?, ?, …` for `count` values.
    static func marks(_ count: Int) -> String { Array(repeating: "?", count: count).joined(separator: ", ") }
}

/// `SQLRepository.inChunks` for statements built outside a repository (`LookupInserts`).
enum SQLChunks {
    static func each<Item>(_ items: ArraySlice<Item>, _ body: (ArraySlice<Item>) throws -> Void) rethrows {
        var rest = items
        while !rest.isEmpty {
            var size = 256
            while size > rest.count { size /= 2 }
            try body(rest.prefix(size))
            rest = rest.dropFirst(size)
        }
    }
}
