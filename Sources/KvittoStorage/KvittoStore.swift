import Foundation
import KvittoCore

/// One page of a newest-first list: `cursor` is the id of the last item the client saw.
public struct PageRequest: Sendable, Equatable {
    public var limit: Int
    public var cursor: String?
    public init(limit: Int = 50, cursor: String? = nil) { self.limit = max(1, min(limit, 500)); self.cursor = cursor }
}

/// Reads that may run inside or outside a write transaction. Every method is scoped by account: there is
/// no way to ask for another account's object, which is what keeps tenants apart.
public protocol StoreReader {
    func account(_ id: String) throws -> Account?
    /// The account's message and formatting settings; nil until first saved.
    func settings(account: String) throws -> AccountSettings?
    func apiKey(hash: String) throws -> APIKey?
    func apiKeys(account: String) throws -> [APIKey]
    /// Newest first, a page at a time (`GET /v1/api-keys`).
    func apiKeys(account: String, page: PageRequest) throws -> [APIKey]
    /// The admin user with this e-mail (`AdminUser.emailKey`), in any account.
    func adminUser(emailKey: String) throws -> AdminUser?
    func adminUser(account: String, id: String) throws -> AdminUser?
    /// The account's users, by e-mail.
    func adminUsers(account: String) throws -> [AdminUser]
    func adminSession(tokenHash: String) throws -> AdminSession?
    /// The admin's audit log, newest first.
    func adminAudit(account: String, page: PageRequest) throws -> [AdminAuditEntry]
    func connection(account: String, kind: Connection.Kind, name: String) throws -> Connection?
    func connection(account: String, id: String) throws -> Connection?
    /// A connection by id alone: for webhook receivers and the import command, which have no API key and
    /// are authorised by the platform's signature or by running on the server.
    func connection(id: String) throws -> Connection?
    /// Newest first.
    func connections(account: String, page: PageRequest) throws -> [Connection]
    /// One connection's stored webhook deliveries, newest first.
    func inbox(account: String, connectionID: String, page: PageRequest) throws -> [InboxItem]
    func inboxItem(account: String, id: String) throws -> InboxItem?
    func backfill(account: String, id: String) throws -> Backfill?
    /// One connection's backfills, newest first.
    func backfills(account: String, connectionID: String, page: PageRequest) throws -> [Backfill]
    /// Backfills of every account that are running or queued (what a starting process resumes), oldest first.
    func unfinishedBackfills() throws -> [Backfill]
    func contact(account: String, id: String) throws -> Contact?
    func contactID(account: String, emailKey: String) throws -> String?
    func contactID(account: String, phone: String) throws -> String?
    /// Both of the above at once: the SQL backends ask in one statement, which every order pays for.
    func contactIDs(account: String, emailKey: String?, phone: String?) throws -> (byEmail: String?, byPhone: String?)
    /// Newest first, after `page.cursor`, at most `page.limit` items.
    func contacts(account: String, page: PageRequest) throws -> [Contact]
    /// As `contacts(account:page:)`, only those in one list, or in none.
    func contacts(account: String, membership: ListMembership, page: PageRequest) throws -> [Contact]
    func list(account: String, id: String) throws -> ContactList?
    /// Every list of the account, by name.
    func lists(account: String) throws -> [ContactList]
    /// Newest first, a page at a time (`GET /v1/lists`).
    func lists(account: String, page: PageRequest) throws -> [ContactList]
    /// The lists a contact is in.
    func listIDs(account: String, contactID: String) throws -> [String]
    /// The account's contacts among `ids` (in no particular order).
    func contacts(account: String, ids: [String]) throws -> [Contact]
    /// Every account's id: for jobs that run per account.
    func accountIDs() throws -> [String]
    /// Per contact with orders that count (not cancelled, failed or returned): the last order's time, how
    /// many, and their total in minor units; contacts after `afterContact` in id order, at most `limit`.
    func orderTotals(account: String, afterContact: String?, limit: Int) throws -> [RFMInput]
    /// A per-account job's next due time and state (`engagement`); nil until first saved.
    func scheduledJob(account: String, job: String) throws -> ScheduledJob?
    /// Accounts whose `job` is due by `now`, or not scheduled yet (at most `limit`).
    func accountsDue(job: String, now: Date, limit: Int) throws -> [String]
    func order(account: String, id: String) throws -> Order?
    func orderID(connection: String, externalID: String) throws -> String?
    /// Newest first (by id, the order Kvitto received them in), those `filter` selects.
    func orders(account: String, filter: OrderFilter, page: PageRequest) throws -> [Order]
    func product(account: String, key: ProductKey, value: String) throws -> Product?
    /// The id alone of the product `product(account:key:value:)` finds: what order lines need, cheaply.
    func productID(account: String, key: ProductKey, value: String) throws -> String?
    func products(account: String, page: PageRequest) throws -> [Product]
    func category(account: String, parentID: String?, name: String) throws -> Category?
    func categories(account: String) throws -> [Category]
    /// Oldest first (parents before their children), a page at a time after the cursor (`GET /v1/categories`).
    func categories(account: String, page: PageRequest) throws -> [Category]
    func fieldDefinition(account: String, group: String, name: String) throws -> FieldDefinition?
    /// Every field of the named groups, in one look.
    func fieldDefinitions(account: String, groups: [String]) throws -> [FieldDefinition]
    /// Oldest first, sequences greater than `after`.
    func events(account: String, after: Int64, limit: Int) throws -> [Event]
    /// Newest first.
    func timeline(account: String, subjectID: String, limit: Int) throws -> [TimelineEntry]
    func rejections(account: String, page: PageRequest) throws -> [Rejection]
    func event(account: String, id: String) throws -> Event?

    // MARK: postbacks
    func template(account: String, id: String) throws -> Template?
    func templates(account: String, page: PageRequest) throws -> [Template]
    func trigger(account: String, id: String) throws -> Trigger?
    func triggers(account: String, page: PageRequest) throws -> [Trigger]
    /// Active, not disabled triggers: the ones new events are matched against.
    func activeTriggers(account: String) throws -> [Trigger]
    func delivery(account: String, id: String) throws -> Delivery?
    /// Newest first, narrowed by `filter`.
    func deliveries(account: String, filter: DeliveryFilter, page: PageRequest) throws -> [Delivery]
    func attempts(deliveryID: String) throws -> [DeliveryAttempt]
    /// Orders received and events emitted in each hour that starts at one of `hourStarts` (ascending), counted
    /// by the time in their ids: the dashboard's figures.
    func hourlyActivity(account: String, hourStarts: [Date]) throws -> [HourlyCount]
    /// The account's deliveries made since `since`, by status: the dashboard's success rate.
    func deliveryTally(account: String, since: Date) throws -> DeliveryTally
    /// Deliveries waiting to be sent, and the due time of the oldest: for the queue metrics.
    func queueDepth() throws -> (pending: Int, oldestDue: Date?)
    /// What a worker needs to send its claimed deliveries: each delivery with its trigger, event and
    /// template, read in a few statements for the whole batch rather than a few per delivery (a batch's
    /// deliveries usually share one trigger and template). A claim whose delivery is gone is left out.
    func deliveriesToSend(_ claims: [DeliveryClaim]) throws -> [DeliveryToSend]

    // MARK: automations
    func automation(account: String, id: String) throws -> Automation?
    /// Newest first.
    func automations(account: String, page: PageRequest) throws -> [Automation]
    /// Switched-on automations: the ones new events are matched against.
    func activeAutomations(account: String) throws -> [Automation]
    func automationRun(account: String, id: String) throws -> AutomationRun?
    /// One automation's runs, newest first; only those of `status` when given.
    func automationRuns(account: String, automationID: String, status: AutomationRun.Status?, page: PageRequest) throws -> [AutomationRun]
    /// Waiting runs of one contact, in every automation (what a new order may cancel).
    func waitingRuns(account: String, contactID: String) throws -> [AutomationRun]
    /// Waiting runs due by `now`, of every account, soonest first: what the scheduler works on.
    func dueRuns(now: Date, limit: Int) throws -> [AutomationRun]
    /// Whether a keyed hash of an address or number is on the account's suppression list (unsubscribed
    /// or blacklisted, kept through erasure).
    func isSuppressed(account: String, hash: String) throws -> Bool

    // MARK: merge candidates
    func mergeCandidate(account: String, id: String) throws -> MergeCandidate?
    /// Newest first; only those of `status` when given.
    func mergeCandidates(account: String, status: MergeCandidate.Status?, page: PageRequest) throws -> [MergeCandidate]
    /// Every candidate that names the contact, in any status (erasure and merges update them).
    func mergeCandidates(account: String, contactID: String) throws -> [MergeCandidate]

    // MARK: POS
    /// The contact with this member number (`Sitoo-Contact.member_number`, exactly as stored).
    func contactID(account: String, memberNumber: String) throws -> String?
    /// The till look-up log, newest first.
    func lookups(account: String, page: PageRequest) throws -> [LookupRecord]
    /// The look-ups that found one contact, newest first (its data export).
    func lookups(account: String, contactID: String) throws -> [LookupRecord]
    func voucher(account: String, code: String) throws -> Voucher?
    /// The checks among `codes` that exist (an import looks a file's codes up a few hundred at a time).
    func vouchers(account: String, codes: [String]) throws -> [Voucher]
    /// One contact's bonus checks, by code.
    func vouchers(account: String, contactID: String) throws -> [Voucher]
    /// The contact a till's exact key names (already normalised) with what its card shows besides it: the
    /// account's settings and the contact's bonus checks. The till waits on it, so an SQL backend answers it
    /// in one statement where the parts would take four round trips.
    func tillCard(account: String, keyType: LookupKeyType, key: String) throws -> TillCard?
    /// The answer a redemption with this idempotency key got; nil if there was none.
    func redemption(account: String, idempotencyKey: String) throws -> JSONValue?

    // MARK: Personal data (erasure and export)

    /// The copies of what people sent or were sent that live outside their contacts: the account's events
    /// about `contactIDs` (`Event.contactID`, an index look-up) and their deliveries with those deliveries'
    /// attempts, and the rejections and webhook inbox items whose stored document contains one of
    /// `needles` (compared without case; one scan of the account's rows in those two tables however many
    /// people are erased together, which erasure and access requests, both rare, can afford).
    func personalRecords(account: String, contactIDs: [String], mentioning needles: TextNeedles) throws -> PersonalRecords
}

extension StoreReader {
    /// One look-up per delivery, event, and distinct trigger and template: for backends where a look-up
    /// costs no round trip.
    public func deliveriesToSend(_ claims: [DeliveryClaim]) throws -> [DeliveryToSend] {
        var triggers: [String: Trigger?] = [:], templates: [String: Template?] = [:]
        var found: [DeliveryToSend] = []
        for claim in claims {
            guard let delivery = try delivery(account: claim.accountID, id: claim.deliveryID) else { continue }
            let trigger: Trigger?
            if delivery.channel != .postback { trigger = nil } else if let known = triggers[delivery.triggerID] { trigger = known } else {
                trigger = try self.trigger(account: claim.accountID, id: delivery.triggerID)
                triggers[delivery.triggerID] = .some(trigger)
            }
            var template: Template? = nil
            if let templateID = delivery.channel == .postback ? trigger?.templateID : delivery.templateID {
                if let known = templates[templateID] { template = known } else {
                    template = try self.template(account: claim.accountID, id: templateID)
                    templates[templateID] = .some(template)
                }
            }
            found.append(DeliveryToSend(claim: claim, delivery: delivery, trigger: trigger,
                                        event: try event(account: claim.accountID, id: delivery.eventID), template: template))
        }
        return found
    }

    /// The card from its parts, a read each: for backends where a read costs no round trip.
    public func tillCard(account: String, keyType: LookupKeyType, key: String) throws -> TillCard? {
        let id: String?
        switch keyType {
        case .phone: id = try contactID(account: account, phone: key)
        case .email: id = try contactID(account: account, emailKey: key)
        case .memberNumber: id = try contactID(account: account, memberNumber: key)
        case .customerID: id = key
        }
        guard let contact = try id.flatMap({ try self.contact(account: account, id: $0) }) else { return nil }
        return TillCard(contact: contact, settings: try settings(account: account), vouchers: try vouchers(account: account, contactID: contact.id))
    }

    public func contactIDs(account: String, emailKey: String?, phone: String?) throws -> (byEmail: String?, byPhone: String?) {
        (try emailKey.flatMap { try contactID(account: account, emailKey: $0) }, try phone.flatMap { try contactID(account: account, phone: $0) })
    }
}

/// What `GET /v1/deliveries` and bulk replay select by.
extension StoreReader {
    /// Newest first; only one contact's orders when `contactID` is given.
    public func orders(account: String, contactID: String?, page: PageRequest) throws -> [Order] {
        try orders(account: account, filter: OrderFilter(contactID: contactID), page: page)
    }
}


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

/// A storage backend. Bodies are synchronous so one implementation of the rules runs on every backend;
/// each backend runs them where blocking is allowed (GRDB's writer queue, a PostgreSQL worker thread).
public protocol KvittoStore: Sendable {
    /// Runs `body` against a consistent snapshot.
    func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T
    /// Runs `body` in a transaction and returns once it is durably committed. Concurrent calls may share
    /// one transaction (group commit); each body is isolated in a savepoint, so one failure undoes only itself.
    func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T
    /// `write`, saying beforehand what `body` will look up, so that a backend whose statements are round
    /// trips reads it for a whole group of writes in a few statements before any of them runs.
    func write<T: Sendable>(preparing: WritePreparation, _ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T
    /// `write` for the delivery worker's own bookkeeping (claims, results, heartbeats, trigger health). A
    /// backend with several writer connections runs these on one of their own, so that a long API write
    /// (a 1,000-order batch) cannot hold a heartbeat back until the worker's leases expire.
    func writeDeliveryState<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T
    func close() async throws
    /// Runs `body` while this process is the one that leads `role` among all processes sharing the store,
    /// and returns when `body` does, or throws when leadership is lost (its task is then cancelled). A
    /// backend that only one process uses makes every caller the leader at once; PostgreSQL holds a
    /// session advisory lock on a connection of its own, so a leader that dies frees the role with its
    /// connection and another process takes over within seconds.
    func lead(_ role: LeaderRole, _ body: @escaping @Sendable () async throws -> Void) async throws
    /// Calls `wake` whenever a write commits deliveries that are due now, until cancelled: this process's
    /// writes, and on a database that several processes share, theirs too. Writes that queue nothing wake
    /// nobody.
    func watchDueDeliveries(_ wake: @escaping @Sendable () -> Void) async throws
    /// Called once an erasure has committed: makes what it removed unreadable in the database's own files
    /// where the backend can. SQLite overwrites freed space with zeros as it frees it (`secure_delete`) and
    /// truncates its write-ahead log, which still holds the pages as they were; PostgreSQL vacuums the
    /// tables an erasure changes. (Backups and, on PostgreSQL, WAL archives keep what they kept.)
    func reclaimErasedSpace() async throws
    /// `StoreReader.tillCard` as a read of its own: the till's hot path, which a backend whose reads are
    /// round trips may answer without a transaction around its one statement.
    func tillCard(account: String, keyType: LookupKeyType, key: String) async throws -> TillCard?
    /// Stores till look-up records (`LookupAuditLog`'s batches), durably, before it returns. They join
    /// nothing and number nothing, so a backend may write them outside its group commits.
    func appendLookups(_ records: [LookupRecord]) async throws
    /// Whether reads run beside the writer, on connections of their own, so that a request that reads much
    /// and writes a little is cheaper as a read plus a small batched write (PostgreSQL). False where a write
    /// transaction reads as cheaply as a read does and a second transaction only adds work (SQLite, memory):
    /// measured on till look-ups, a read plus a batched audit insert cost SQLite 40 % more CPU than one write.
    var readsRunBesideTheWriter: Bool { get }
}

extension KvittoStore {
    public var readsRunBesideTheWriter: Bool { false }

    public func tillCard(account: String, keyType: LookupKeyType, key: String) async throws -> TillCard? {
        try await read { try $0.tillCard(account: account, keyType: keyType, key: key) }
    }

    public func appendLookups(_ records: [LookupRecord]) async throws {
        try await write { try $0.insertLookups(records) }
    }

    /// Nothing to do where nothing is kept in files (memory).
    public func reclaimErasedSpace() async throws {}

    public func write<T: Sendable>(preparing: WritePreparation, _ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await write(body)
    }

    public func writeDeliveryState<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await write(body)
    }

    public func lead(_ role: LeaderRole, _ body: @escaping @Sendable () async throws -> Void) async throws { try await body() }
}

/// What a write is about to look up: the orders it will upsert for an account (the existing orders by
/// external id, the contacts by e-mail and phone). Writes grouped into one transaction are prepared together
/// (`Orders.preload`), so a group of single-order requests costs a few reads instead of two per order.
public struct WritePreparation: Sendable {
    public var account: Account
    public var orders: [OrderInput]

    public init(account: Account, orders: [OrderInput]) {
        self.account = account
        self.orders = orders
    }

    /// Whom the write is about (its first order's customer), for a backend with several writer connections
    /// to send writes about the same customer to the same one: they then share a transaction or follow each
    /// other, rather than race to create the customer or wait on each other's row locks.
    public var customerKey: String? {
        guard let customer = orders.first?.customer else { return nil }
        let identity = Contacts.Identity(customer, country: account.defaultCountry)
        return (identity.emailKey ?? identity.phone).map { account.id + "/" + $0 }
    }

    /// Prepares `preparations` in `writer`'s transaction: one preload per account.
    public static func prepare(_ preparations: [WritePreparation], in writer: any StoreWriter) throws {
        var byAccount: [String: (account: Account, orders: [OrderInput])] = [:]
        for preparation in preparations {
            byAccount[preparation.account.id, default: (preparation.account, [])].orders.append(contentsOf: preparation.orders)
        }
        for (account, orders) in byAccount.values where !orders.isEmpty {
            try Orders.preload(orders, account: account, in: writer)
        }
    }
}

/// A job that runs for each account on a schedule (the weekly engagement recompute): when it is next due,
/// and what it keeps between runs (the last run's figures).
public struct ScheduledJob: Sendable, Equatable {
    public var accountID: String
    public var job: String
    public var dueAt: Date
    public var state: JSONValue
    public init(accountID: String, job: String, dueAt: Date, state: JSONValue) {
        self.accountID = accountID; self.job = job; self.dueAt = dueAt; self.state = state
    }
}

/// A job exactly one process runs at a time.
public enum LeaderRole: Int64, Sendable {
    /// The automation scheduler: waits, time rules and engagement.
    case scheduler = 7461627
}
