import Foundation
import KvittoCore

/// Writes inside one transaction. Nothing is visible to others until the transaction commits.
public protocol StoreWriter: StoreReader {
    func insertAccount(_ account: Account) throws
    /// Its name, currency, default country, identity priority and product key.
    func updateAccount(_ account: Account) throws
    func saveSettings(_ settings: AccountSettings, account: String) throws
    func insertAPIKey(_ key: APIKey) throws
    func revokeAPIKey(account: String?, id: String, at: Date) throws -> Bool
    func touchAPIKey(id: String, at: Date) throws
    func insertAdminUser(_ user: AdminUser) throws
    func updateAdminUser(_ user: AdminUser) throws
    func insertAdminSession(_ session: AdminSession) throws
    func touchAdminSession(tokenHash: String, seenAt: Date) throws
    func deleteAdminSession(tokenHash: String) throws
    /// Signs a user out everywhere (disabled, or a new password).
    func deleteAdminSessions(userID: String) throws
    func insertAdminAudit(_ entry: AdminAuditEntry) throws
    func insertConnection(_ connection: Connection) throws
    func updateConnection(_ connection: Connection) throws
    func deleteConnection(account: String, id: String) throws -> Bool
    /// Stores a webhook delivery unless one with its connection and delivery key is stored already
    /// (`false`: a repeated delivery).
    func insertInboxItem(_ item: InboxItem) throws -> Bool
    /// Records what became of a stored webhook delivery: its status, outcome and processing time. The rest
    /// of it (what the platform sent) is kept as stored.
    func updateInboxItem(_ item: InboxItem) throws
    /// Removes deliveries received before `date` (kept 14 days); returns how many.
    func purgeInbox(receivedBefore date: Date) throws -> Int
    func insertBackfill(_ backfill: Backfill) throws
    func updateBackfill(_ backfill: Backfill) throws
    /// Takes or renews the lease that lets one run of a backfill fetch and write its pages: granted (`true`)
    /// when nobody holds it, when its holder's lease ran out before `now` (a process that died), or when
    /// `token` holds it already. Two processes never run the same backfill side by side.
    func leaseBackfill(account: String, id: String, token: String, until: Date, now: Date) throws -> Bool
    /// Gives the lease up, if `token` holds it, so another process may go on at once.
    func releaseBackfill(account: String, id: String, token: String) throws
    /// Leases up to `limit` pending webhook deliveries nobody holds a lease on (or whose lease ran out before
    /// `now`) to `token` until `leaseUntil`, oldest first, so that processes applying the inbox side by side
    /// take different deliveries. On PostgreSQL rows another transaction is claiming are passed over.
    func claimInbox(now: Date, limit: Int, leaseUntil: Date, token: String) throws -> [InboxItem]
    /// Gives up `token`'s leases on these deliveries (ones it could not apply), so they may be claimed again.
    func releaseInbox(ids: [String], token: String) throws
    /// `document` is `contact.json`, built once by the caller because the same tree also goes into events.
    func insertContact(_ contact: Contact, document: JSONValue) throws
    /// Inserts new contacts (e-mail and phone nobody has: the caller looked) in few statements.
    func insertContacts(_ contacts: [Contact]) throws
    func updateContact(_ contact: Contact, document: JSONValue) throws
    /// `document` is `order.json`, built once by the caller because the same tree also goes into events.
    func insertOrder(_ order: Order, document: JSONValue) throws
    func updateOrder(_ order: Order, document: JSONValue) throws
    func insertProduct(_ product: Product) throws
    /// Claims the creation of a product under this key until this transaction commits; look the product up
    /// again after it, then create it if it is still missing. If another transaction is creating it right
    /// now, throws `StoreError.retryable` and the write runs again later. Products have no unique key (a
    /// catalogue may hold two with one name), so this is what keeps two writers from creating the same SKU
    /// twice. A no-op where writes are serialised anyway.
    func lockProductKey(account: String, key: ProductKey, value: String) throws
    func updateProduct(_ product: Product) throws
    func insertCategory(_ category: Category) throws
    func insertFieldDefinition(_ definition: FieldDefinition, account: String) throws
    /// Appends `event` to its account's log with the next number of the account's gap-free sequence
    /// (`event.sequence` is ignored) and returns that number, or `nil` if the backend numbers events when
    /// the transaction commits (PostgreSQL does, so that writers of one account wait on each other only
    /// while they commit). Either way numbers follow commit order.
    @discardableResult
    func appendEvent(_ event: Event) throws -> Int64?
    func insertTimeline(_ entry: TimelineEntry) throws
    func insertRejection(_ rejection: Rejection) throws
    /// Erasure: removes the contact row, its timeline and its list memberships (orders are anonymised by the use case).
    func deleteContact(account: String, id: String) throws
    func insertTemplate(_ template: Template) throws
    func updateTemplate(_ template: Template) throws
    func deleteTemplate(account: String, id: String) throws -> Bool
    func insertTrigger(_ trigger: Trigger) throws
    func updateTrigger(_ trigger: Trigger) throws
    func deleteTrigger(account: String, id: String) throws -> Bool
    func insertDelivery(_ delivery: Delivery) throws
    /// Saves a worker's result, but only while `token` still holds the lease: a worker whose lease expired
    /// and was reclaimed by another must not overwrite that worker's outcome. Releases the lease.
    func completeDelivery(_ delivery: Delivery, token: String) throws -> Bool
    /// Puts a delivery back in the queue now, keeping its id (the `webhook-id`); attempts keep counting.
    func requeueDelivery(_ delivery: Delivery) throws
    func insertAttempt(_ attempt: DeliveryAttempt) throws
    /// `completeDelivery` and `insertAttempt` for many results at once (a backend with round trips writes
    /// them in a few statements); returns the ids whose lease was still held, i.e. whose result was saved.
    func completeDeliveries(_ completions: [DeliveryCompletion]) throws -> Set<String>
    /// Leases up to `limit` due deliveries (pending, due by `now`, unleased or with an expired lease) to `token`.
    func claimDeliveries(now: Date, limit: Int, leaseUntil: Date, token: String) throws -> [DeliveryClaim]
    /// `claimDeliveries`, then `deliveriesToSend` for what it claimed: a worker's claim.
    func claimDeliveriesToSend(now: Date, limit: Int, leaseUntil: Date, token: String) throws -> [DeliveryToSend]
    /// Gives a claim back without a result (processing failed), so the delivery is due again at once
    /// rather than held by the heartbeat of a worker that will not finish it.
    func releaseDelivery(id: String, token: String) throws
    /// Extends the leases `token` holds on `ids` (the worker's heartbeat covers only what it is still sending:
    /// a claim it failed to give back must expire, not be held for as long as the worker lives).
    func extendLeases(token: String, ids: [String], until: Date) throws
    /// Locks the trigger for a health update unless another transaction holds it, without waiting: workers
    /// in several processes update one trigger's health, and waiting there is what deadlocked them.
    /// `false` means try again later. Compatible with the key-share locks new deliveries take.
    func lockTriggerIfFree(account: String, id: String) throws -> Bool

    func saveScheduledJob(_ job: ScheduledJob) throws
    func insertList(_ list: ContactList) throws
    func updateList(_ list: ContactList) throws
    /// Deletes the list and its memberships (the contacts stay).
    func deleteList(account: String, id: String) throws -> Bool
    /// Puts contacts in a list; those already in it are left as they are.
    func addToList(account: String, listID: String, contactIDs: [String]) throws
    /// Takes contacts out of a list; returns how many were in it.
    func removeFromList(account: String, listID: String, contactIDs: [String]) throws -> Int
    func insertAutomation(_ automation: Automation) throws
    func updateAutomation(_ automation: Automation) throws
    func deleteAutomation(account: String, id: String) throws -> Bool
    /// Stores a new run unless its automation already has one for its event (`false`): an event is
    /// processed into runs once, however often it is processed.
    func insertRun(_ run: AutomationRun) throws -> Bool
    /// Saves a run's progress, but only if it is still at `expectedStep` and waiting (`false` otherwise): two
    /// schedulers that both picked a run up cannot both run its step.
    func updateRun(_ run: AutomationRun, expectedStep: Int) throws -> Bool
    /// Adds a keyed hash to the account's suppression list (a second add keeps the first).
    func insertSuppression(account: String, hash: String, reason: String, at: Date) throws

    // MARK: merge candidates
    /// Stores a new candidate unless its pair of contacts has one already (`false`), in whatever status.
    func insertMergeCandidate(_ candidate: MergeCandidate) throws -> Bool
    /// Saves a candidate's status, or its contacts when a merge moved one of them (the caller makes sure
    /// that pair has no other candidate), but only while it is still `expectedStatus`: otherwise another
    /// transaction decided it meanwhile, and this one fails with `StoreError.retryable` to run again and see that.
    func updateMergeCandidate(_ candidate: MergeCandidate, expectedStatus: MergeCandidate.Status) throws
    func deleteMergeCandidate(account: String, id: String) throws
    /// Removes timeline entries by id (erasure: the notes of merge candidates on other contacts).
    func deleteTimelineEntries(account: String, ids: [String]) throws
    /// Gives every timeline entry of one contact to another (a merge), ids and times kept.
    func moveTimeline(account: String, from: String, to: String) throws

    /// Writes redacted records back in place: events keep their id and sequence, everything its id and
    /// times. A delivery written back loses any lease on it, so a worker sending it cannot write the old
    /// version over the redacted one.
    func replacePersonalRecords(account: String, _ records: PersonalRecords) throws

    // MARK: POS
    /// Stores look-ups in one statement (a batch gathered by `LookupAuditLog`).
    func insertLookups(_ records: [LookupRecord]) throws
    /// Removes the look-ups that found `contactID` or whose key hash is one of `keyHashes` (erasure).
    func deleteLookups(account: String, contactID: String, keyHashes: [String]) throws
    /// The next member number of the account's loyalty club, at least `first`: each call answers a number
    /// no earlier call answered, even if that number's contact was erased since.
    func nextMemberNumber(account: String, first: Int64) throws -> Int64
    /// Stores new bonus checks in few statements (their codes are free: the caller looked).
    func insertVouchers(_ vouchers: [Voucher]) throws
    /// Saves a check, but only if its remaining amount is still `expectedRemaining` (`false` otherwise): two
    /// registers redeeming one check at once cannot both take from the same balance.
    func updateVoucher(_ voucher: Voucher, expectedRemaining: Money) throws -> Bool
    /// Keeps a redemption's answer under its idempotency key; `false` if the key has one already.
    func insertRedemption(account: String, idempotencyKey: String, voucherID: String, answer: JSONValue, at: Date) throws -> Bool
    /// Erasure: the contact's bonus checks and their redemptions.
    func deleteVouchers(account: String, contactID: String) throws

    /// Reads at once the order, contact and product ids a batch of orders is about to look up one by one,
    /// so that those look-ups cost no round trip each; a backend without round trips does nothing.
    func preload(account: String, _ keys: PreloadKeys) throws

    /// Runs `body` so that if it throws, only its own changes are undone.
    func savepoint<T>(_ body: () throws -> T) throws -> T
}

extension StoreWriter {
    public func preload(account: String, _ keys: PreloadKeys) throws {}

    public func claimDeliveriesToSend(now: Date, limit: Int, leaseUntil: Date, token: String) throws -> [DeliveryToSend] {
        try deliveriesToSend(claimDeliveries(now: now, limit: limit, leaseUntil: leaseUntil, token: token))
    }

    /// `body` in a savepoint when `isolated`, else as it is (in whatever savepoint the caller opened).
    public func savepoint<T>(if isolated: Bool, _ body: () throws -> T) throws -> T {
        isolated ? try savepoint(body) : try body()
    }

    public func completeDeliveries(_ completions: [DeliveryCompletion]) throws -> Set<String> {
        try completeDeliveriesOneByOne(completions)
    }

    /// `completeDeliveries` as one `completeDelivery` (and `insertAttempt`) per result.
    public func completeDeliveriesOneByOne(_ completions: [DeliveryCompletion]) throws -> Set<String> {
        var saved: Set<String> = []
        for completion in completions {
            guard try completeDelivery(completion.delivery, token: completion.token) else { continue }
            if let attempt = completion.attempt { try insertAttempt(attempt) }
            saved.insert(completion.delivery.id)
        }
        return saved
    }

    public func insertContact(_ contact: Contact) throws { try insertContact(contact, document: contact.json) }
    public func insertContacts(_ contacts: [Contact]) throws { for contact in contacts { try insertContact(contact) } }
    public func updateContact(_ contact: Contact) throws { try updateContact(contact, document: contact.json) }
    public func insertOrder(_ order: Order) throws { try insertOrder(order, document: order.json) }
    public func updateOrder(_ order: Order) throws { try updateOrder(order, document: order.json) }
}
