import KvittoCore
import KvittoStorage

/// The event log and the writes a PostgreSQL transaction holds back until it commits (see
/// `SQLTransactionState`): the only place an account's events are numbered.
extension SQLRepository {
    public func appendEvent(_ event: Event) throws -> Int64? {
        if let transaction = db.transaction, transaction.defersWrites {
            transaction.pendingEvents.append(event)
            return nil
        }
        // RETURNING (SQLite ≥ 3.35, PostgreSQL) saves the second statement on every event.
        guard let row = try db.query("UPDATE accounts SET event_sequence = event_sequence + 1 WHERE id = ? RETURNING event_sequence",
                                     [.text(event.accountID)]).first else {
            throw KvittoError.notFound("account \(event.accountID)")
        }
        let next = try row.int(0, "accounts.event_sequence")
        var numbered = event
        numbered.sequence = next
        try db.execute("INSERT INTO events (account_id, sequence, id, contact_id, doc) VALUES (?, ?, ?, ?, ?)",
                       [.text(numbered.accountID), .int(next), .text(numbered.id), numbered.contactID.map { .text($0) } ?? .null,
                        .text(JSONWriter.string(numbered.json))])
        return next
    }

    /// Inserts a row now, or, in a transaction that defers writes, just before it commits.
    /// - Parameter ignoringDuplicates: a row whose key is taken is skipped (`ON CONFLICT DO NOTHING`).
    func insertRow(_ table: String, _ columns: [String], _ values: [SQLValue], ignoringDuplicates: Bool = false) throws {
        let target = SQLTransactionState.InsertTarget(table: table, columns: columns, ignoringDuplicates: ignoringDuplicates)
        if let transaction = db.transaction, transaction.defersWrites {
            transaction.pendingRows.append(.insert(target: target, values: values))
            return
        }
        try insertRows(target, [values])
    }

    /// Updates a row by its keys now, or, in a transaction that defers writes, after every insert it holds
    /// back, with the other updates of `target` (see `SQLTransactionState.PendingWrite.update`).
    /// - Parameter values: the keys' values, then the columns'.
    func updateAfterInserts(_ target: SQLTransactionState.UpdateTarget, _ values: [SQLValue]) throws {
        if let transaction = db.transaction, transaction.defersWrites {
            transaction.pendingRows.append(.update(target: target, values: values))
            return
        }
        try updateRows(target, [values])
    }

    /// On PostgreSQL one `UPDATE … FROM (VALUES …)` for up to 200 rows; elsewhere one statement a row. A row
    /// updated twice keeps its last values (a multi-row update would apply either).
    func updateRows(_ target: SQLTransactionState.UpdateTarget, _ rows: [[SQLValue]]) throws {
        let keyCount = target.keys.count
        func key(_ row: [SQLValue]) -> String { String(describing: Array(row.prefix(keyCount))) }
        var last: [String: Int] = [:]
        for (index, row) in rows.enumerated() { last[key(row)] = index }
        let rows = rows.indices.filter { last[key(rows[$0])] == $0 }.map { rows[$0] }
        guard db.dialect == .postgres else {
            let sql = "UPDATE \(target.table) SET " + target.columns.map { "\($0) = ?" }.joined(separator: ", ")
                + " WHERE " + target.keys.map { "\($0) = ?" }.joined(separator: " AND ")
            for row in rows { try send(sql, Array(row.dropFirst(keyCount)) + Array(row.prefix(keyCount))) }
            return
        }
        let names = (target.keys + target.columns).joined(separator: ", ")
        let set = target.columns.map { "\($0) = v.\($0)" }.joined(separator: ", ")
        let match = target.keys.map { "t.\($0) = v.\($0)" }.joined(separator: " AND ")
        for start in stride(from: 0, to: rows.count, by: 200) {
            let chunk = rows[start..<min(start + 200, rows.count)]
            let values = Executor.typedValues(target.types, rows: chunk.count)
            try send("UPDATE \(target.table) AS t SET \(set) FROM (VALUES \(values)) AS v(\(names)) WHERE \(match)", chunk.flatMap { $0 })
        }
    }

    /// Runs a statement now, or, in a transaction that defers writes, after the writes held back before it.
    func executeInOrder(_ sql: String, _ arguments: [SQLValue]) throws {
        if let transaction = db.transaction, transaction.defersWrites {
            transaction.pendingRows.append(.statement(sql: sql, arguments: arguments))
            return
        }
        try db.execute(sql, arguments)
    }

    /// Writes what this transaction held back: its rows, then its events. The caller commits right after.
    /// Inserts into different tables do not depend on each other, so each table's rows go out together; a
    /// held-back statement runs after every insert made before it.
    public func writePending() throws {
        guard let transaction = db.transaction else { return }
        let writes = transaction.pendingRows
        transaction.pendingRows.removeAll()
        var targets: [SQLTransactionState.InsertTarget] = []
        var byTarget: [SQLTransactionState.InsertTarget: [[SQLValue]]] = [:]
        func insertCollected() throws {
            for target in targets { try insertRows(target, byTarget[target]!) }
            targets.removeAll()
            byTarget.removeAll()
        }
        var updateTargets: [SQLTransactionState.UpdateTarget] = []
        var updates: [SQLTransactionState.UpdateTarget: [[SQLValue]]] = [:]
        for write in writes {
            switch write {
            case .insert(let target, let values):
                if byTarget[target] == nil { targets.append(target) }
                byTarget[target, default: []].append(values)
            case .statement(let sql, let arguments):
                try insertCollected()
                try send(sql, arguments)
            case .update(let target, let values):
                if updates[target] == nil { updateTargets.append(target) }
                updates[target, default: []].append(values)
            }
        }
        try insertCollected()
        for target in updateTargets { try updateRows(target, updates[target]!) }
        try numberPendingEvents()
    }

    /// Multi-row inserts of at most 250 rows: far below PostgreSQL's 65,535 parameters a statement.
    func insertRows(_ target: SQLTransactionState.InsertTarget, _ rows: [[SQLValue]]) throws {
        let tuple = "(" + Self.marks(target.columns.count) + ")"
        let head = "INSERT INTO \(target.table) (\(target.columns.joined(separator: ", "))) VALUES "
        let tail = target.ignoringDuplicates ? " ON CONFLICT DO NOTHING" : ""
        for start in stride(from: 0, to: rows.count, by: 250) {
            let chunk = rows[start..<min(start + 250, rows.count)]
            try send(head + Array(repeating: tuple, count: chunk.count).joined(separator: ", ") + tail, chunk.flatMap { $0 })
        }
    }

    /// Numbers the events this transaction appended and writes them, one account at a time in id order (so
    /// two committing transactions cannot wait on each other's accounts): one statement takes the
    /// account's next numbers, which locks its row until COMMIT, and multi-row inserts write the events.
    /// The caller commits right after, so numbers are handed out in commit order and the feed has no gap.
    func numberPendingEvents() throws {
        guard let transaction = db.transaction, !transaction.pendingEvents.isEmpty else { return }
        let pending = transaction.pendingEvents
        transaction.pendingEvents.removeAll()
        var byAccount: [String: [Event]] = [:]
        for event in pending { byAccount[event.accountID, default: []].append(event) }
        for account in byAccount.keys.sorted() {
            let events = byAccount[account]!
            if db.dialect == .postgres {
                try numberInTheDatabase(events, account: account)
                continue
            }
            guard let row = try db.query("UPDATE accounts SET event_sequence = event_sequence + ? WHERE id = ? RETURNING event_sequence",
                                         [.int(Int64(events.count)), .text(account)]).first else {
                throw KvittoError.notFound("account \(account)")
            }
            let last = try row.int(0, "accounts.event_sequence")
            var sequence = last - Int64(events.count)
            let target = SQLTransactionState.InsertTarget(table: "events", columns: ["account_id", "sequence", "id", "contact_id", "doc"])
            try insertRows(target, events.map { event in
                var numbered = event
                sequence += 1
                numbered.sequence = sequence
                return [.text(account), .int(sequence), .text(numbered.id), numbered.contactID.map { .text($0) } ?? .null,
                        .text(JSONWriter.string(numbered.json))]
            })
        }
    }

    /// PostgreSQL: the account's numbers are taken and the events inserted in one statement a chunk, whose
    /// answer nobody waits for; the documents are written beforehand around their numbers, which the
    /// statement fills in. So the account's row is locked from this statement to COMMIT without a round trip
    /// (or the writing of documents) in between, and COMMIT can follow without waiting (see
    /// `PostgresExecutor.commit`). Without the account's row the numbers are null and the insert fails, which
    /// aborts the transaction.
    func numberInTheDatabase(_ events: [Event], account: String) throws {
        for start in stride(from: 0, to: events.count, by: 250) {
            let chunk = events[start..<min(start + 250, events.count)]
            let rows = Executor.typedValues(["bigint", "text", "text", "text", "text"], rows: chunk.count)
            let sql = """
                WITH numbered AS (UPDATE accounts SET event_sequence = event_sequence + ? WHERE id = ? RETURNING event_sequence - ? AS base)
                INSERT INTO events (account_id, sequence, id, contact_id, doc)
                SELECT ?, n.base + e.ord, e.id, e.contact_id, e.head || (n.base + e.ord)::text || e.tail
                FROM (SELECT (SELECT base FROM numbered) AS base) AS n, (VALUES \(rows)) AS e(ord, id, contact_id, head, tail)
                """
            var values: [SQLValue] = [.int(Int64(chunk.count)), .text(account), .int(Int64(chunk.count)), .text(account)]
            for (offset, event) in chunk.enumerated() {
                let document = EventDocument(event)
                values += [.int(Int64(offset + 1)), .text(event.id), .optional(event.contactID), .text(document.head), .text(document.tail)]
            }
            try send(sql, values)
        }
    }
}

/// An event's stored document in two parts around its sequence number: `head + String(sequence) + tail` is
/// byte for byte what `JSONWriter.string(event.json)` writes for the numbered event.
struct EventDocument {
    let head: String
    let tail: String

    init(_ event: Event) {
        var before = JSONObject(), after = JSONObject()
        var seen = false
        if case .object(let object) = event.json {
            for (key, value) in object {
                if key == "sequence" { seen = true } else if seen { after[key] = value } else { before[key] = value }
            }
        }
        head = String(JSONWriter.string(.object(before)).dropLast()) + (before.isEmpty ? "" : ",") + #""sequence":"#
        tail = after.isEmpty ? "}" : "," + String(JSONWriter.string(.object(after)).dropFirst())
    }
}
