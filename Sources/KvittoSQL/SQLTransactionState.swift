import KvittoCore

/// What one write transaction remembers between its statements. It lives as long as the transaction and
/// is used only on the thread that runs it.
///
/// - Look-ups that the hot write path repeats for every order (the API connection by name, the active
///   triggers, product ids, field definitions, categories) are answered from here after the first time.
///   A group-committed transaction holds hundreds of orders, so this removes most of their reads. Only
///   rows that were found are kept: a miss is always asked again, so a row another transaction commits
///   meanwhile is still seen before this one creates its own. Writes to those tables drop what is kept.
/// - On PostgreSQL (`defersWrites`), events are numbered when the transaction commits: the account's
///   sequence row is then locked only from numbering to COMMIT, not for the whole transaction, so several
///   transactions of one account run side by side and still publish a gap-free feed in commit order.
///   Rows nothing reads back in the same transaction and that cannot conflict (timeline entries,
///   deliveries: fresh unique ids, no other unique key) wait for COMMIT too, and go out as multi-row
///   inserts: a round trip saved per row.
public final class SQLTransactionState {
    public let defersWrites: Bool
    /// Events appended but not yet numbered, in the order they were appended.
    var pendingEvents: [Event] = []
    /// Writes held back until COMMIT, in the order they were made.
    var pendingRows: [PendingWrite] = []

    /// Where held-back rows go; rows with the same target are written together.
    struct InsertTarget: Hashable {
        let table: String
        let columns: [String]
        var ignoringDuplicates = false
    }

    enum PendingWrite {
        case insert(target: InsertTarget, values: [SQLValue])
        /// A statement that must see the inserts made before it (erasure deleting a contact's timeline).
        case statement(sql: String, arguments: [SQLValue])
        /// An update of a row that no held-back insert concerns (a webhook delivery's status): updates run
        /// after all the inserts, so that they do not split the inserts on either side into statements of
        /// their own, and those of one target together. `values`: the keys, then the columns set.
        case update(target: UpdateTarget, values: [SQLValue])
    }

    /// Rows updated by their keys, held back (`PendingWrite.update`); `types` are the PostgreSQL types of
    /// the keys and then the columns, for a multi-row `UPDATE … FROM (VALUES …)`.
    struct UpdateTarget: Hashable {
        let table: String
        let keys: [String]
        let columns: [String]
        let types: [String]
    }
    /// Set by writes that make deliveries due; read once before COMMIT.
    public internal(set) var deliveriesDue = false
    /// Advisory locks `insertClaimed` took in this transaction: PostgreSQL keeps each in its shared lock
    /// table until the transaction ends, so an import of many thousand rows must stop taking them.
    var claimsTaken = 0

    var connections: [String: Connection] = [:]
    var activeTriggers: [String: [Trigger]] = [:]
    var activeAutomations: [String: [Automation]] = [:]
    var productIDs: [String: String] = [:]
    var fieldDefinitions: [String: FieldDefinition] = [:]
    var categories: [String: Category] = [:]
    /// Order ids by connection and external id, and contact ids by e-mail key and by phone, as a batch's
    /// preload read them or this transaction wrote them; `nil` means known not to exist. Unlike the caches
    /// above these keep misses: a row another transaction commits meanwhile makes this one's insert lose
    /// its claim or unique key, and the write runs again in a later transaction, which reads afresh.
    var orderIDs: [String: String?] = [:]
    var contactIDsByEmail: [String: String?] = [:]
    var contactIDsByPhone: [String: String?] = [:]
    /// The cache keys each remembered contact is found under, to drop them when it changes.
    var contactKeys: [String: (email: String?, phone: String?)] = [:]
    /// Contacts as a preload read them (by `key(account, id)`), with the text read: the write that changes
    /// one applies only where the row still holds that text. Between a group's preload and an order's
    /// update of its customer another transaction may have changed the contact; that write then runs again
    /// and reads it afresh, rather than overwrite the other's change.
    var preloadedContacts: [String: (document: JSONValue, text: String)] = [:]

    public init(defersWrites: Bool) { self.defersWrites = defersWrites }

    /// Where a savepoint began: rolling back to it forgets what was appended since.
    public struct Mark {
        let pendingEvents: Int
        let pendingRows: Int
    }

    public func mark() -> Mark { Mark(pendingEvents: pendingEvents.count, pendingRows: pendingRows.count) }

    /// A savepoint was rolled back: its held-back writes are gone, and anything cached may have come from
    /// its writes.
    public func rollBack(to mark: Mark) {
        pendingEvents.removeSubrange(mark.pendingEvents...)
        pendingRows.removeSubrange(mark.pendingRows...)
        forgetLookups()
    }

    func forgetLookups() {
        connections.removeAll()
        activeTriggers.removeAll()
        activeAutomations.removeAll()
        productIDs.removeAll()
        fieldDefinitions.removeAll()
        categories.removeAll()
        orderIDs.removeAll()
        contactIDsByEmail.removeAll()
        contactIDsByPhone.removeAll()
        contactKeys.removeAll()
        preloadedContacts.removeAll()
    }

    /// A contact was written: its keys now point to it, and no other key does.
    func remember(contactID: String, account: String, emailKey: String?, phone: String?) {
        forget(contactID: contactID, account: account)
        let keys = (email: emailKey.map { Self.key(account, $0) }, phone: phone.map { Self.key(account, $0) })
        if let email = keys.email { contactIDsByEmail[email] = .some(contactID) }
        if let phone = keys.phone { contactIDsByPhone[phone] = .some(contactID) }
        contactKeys[contactID] = keys
    }

    /// A contact was deleted or is being rewritten: the keys that pointed to it are asked again.
    func forget(contactID: String, account: String) {
        preloadedContacts[Self.key(account, contactID)] = nil
        guard let keys = contactKeys.removeValue(forKey: contactID) else { return }
        if let email = keys.email, contactIDsByEmail[email] == .some(contactID) { contactIDsByEmail[email] = nil }
        if let phone = keys.phone, contactIDsByPhone[phone] == .some(contactID) { contactIDsByPhone[phone] = nil }
    }

    /// What a preload found: `id` has `value` in `column` (`email_key` or `phone`), or, with `id` nil,
    /// nobody has it (unless this transaction already knows better).
    func preloaded(_ id: String?, column: String, account: String, value: String) {
        let key = Self.key(account, value)
        let isEmail = column == "email_key"
        guard let id else {
            if isEmail { if contactIDsByEmail[key] == nil { contactIDsByEmail[key] = .some(nil) } }
            else if contactIDsByPhone[key] == nil { contactIDsByPhone[key] = .some(nil) }
            return
        }
        var keys = contactKeys[id] ?? (email: nil, phone: nil)
        if isEmail { contactIDsByEmail[key] = .some(id); keys.email = key } else { contactIDsByPhone[key] = .some(id); keys.phone = key }
        contactKeys[id] = keys
    }

    /// Unit separator: never in a key part, and (unlike NUL) valid in PostgreSQL text, where lock names go.
    static func key(_ parts: String...) -> String { parts.joined(separator: "\u{1F}") }
}
