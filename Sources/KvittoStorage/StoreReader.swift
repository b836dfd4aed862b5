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
    /// The status of several of one account's webhook deliveries, by id; ids not found are left out.
    func inboxStatuses(account: String, ids: [String]) throws -> [String: InboxItem.Status]
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
    /// One look-up per delivery: for backends where a look-up costs no round trip.
    public func inboxStatuses(account: String, ids: [String]) throws -> [String: InboxItem.Status] {
        var found: [String: InboxItem.Status] = [:]
        for id in ids { found[id] = try inboxItem(account: account, id: id)?.status }
        return found
    }

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

