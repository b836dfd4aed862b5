import Foundation
import KvittoCore
import Synchronization

/// The in-memory backend: the reference the SQL backends are checked against, and a quick store for tests.
/// A write works on a copy of the state and publishes it only when the body succeeds, which gives the same
/// all-or-nothing behaviour as a transaction.
public final class MemoryStore: KvittoStore {
    private let state = Mutex(MemoryState())
    private let dueDeliveries = DueDeliveryAnnouncer()

    public init() {}

    public func read<T: Sendable>(_ body: @escaping @Sendable (any StoreReader) throws -> T) async throws -> T {
        let snapshot = state.withLock { $0 }
        return try body(MemoryTransaction(snapshot))
    }

    public func write<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        let (result, deliveriesDue) = try state.withLock { current in
            let transaction = MemoryTransaction(current)
            let result = try body(transaction)
            current = transaction.state
            return (result, transaction.deliveriesDue)
        }
        if deliveriesDue { dueDeliveries.announce() }
        return result
    }

    public func watchDueDeliveries(_ wake: @escaping @Sendable () -> Void) async throws {
        await dueDeliveries.watch(wake)
    }

    public func close() async throws {}
}

struct MemoryState: Sendable {
    var accounts: [String: Account] = [:]
    var eventSequences: [String: Int64] = [:]
    var apiKeys: [String: APIKey] = [:]
    var connections: [String: Connection] = [:]
    var contacts: [String: Contact] = [:]
    var orders: [String: Order] = [:]
    var orderIDsBySource: [String: String] = [:]
    var products: [String: Product] = [:]
    var categories: [String: Category] = [:]
    var fieldDefinitions: [String: FieldDefinition] = [:]
    var events: [String: [Event]] = [:]
    var timeline: [String: [TimelineEntry]] = [:]
    var rejections: [String: [Rejection]] = [:]
    var templates: [String: Template] = [:]
    var settings: [String: AccountSettings] = [:]
    var triggers: [String: Trigger] = [:]
    var deliveries: [String: Delivery] = [:]
    var leases: [String: (token: String, until: Date)] = [:]
    var attempts: [String: [DeliveryAttempt]] = [:]
    var inbox: [String: InboxItem] = [:]
    var backfills: [String: Backfill] = [:]
    var backfillLeases: [String: (token: String, until: Date)] = [:]
    var inboxLeases: [String: (token: String, until: Date)] = [:]
    var automations: [String: Automation] = [:]
    var runs: [String: AutomationRun] = [:]
    var suppressions: Set<String> = []
    var lists: [String: ContactList] = [:]
    var jobs: [String: ScheduledJob] = [:]
    /// Contact ids by list id.
    var listMembers: [String: Set<String>] = [:]
    var lookups: [LookupRecord] = []
    /// Bonus checks by id, and redemption answers by account and idempotency key.
    var vouchers: [String: Voucher] = [:]
    var redemptions: [String: (voucherID: String, answer: JSONValue)] = [:]
    /// The last member number issued, by account.
    var memberNumbers: [String: Int64] = [:]
    var adminUsers: [String: AdminUser] = [:]
    var adminSessions: [String: AdminSession] = [:]
    var adminAudit: [AdminAuditEntry] = []
    var mergeCandidates: [String: MergeCandidate] = [:]
}

final class MemoryTransaction: StoreWriter {
    var state: MemoryState
    /// Whether this write queued a delivery or made one due again (see `DueDeliveryAnnouncer`).
    var deliveriesDue = false
    init(_ state: MemoryState) { self.state = state }

    // MARK: reads

    func account(_ id: String) -> Account? { state.accounts[id] }
    func settings(account: String) -> AccountSettings? { state.settings[account] }
    func apiKey(hash: String) -> APIKey? { state.apiKeys.values.first { $0.hash == hash } }
    func apiKeys(account: String, page: PageRequest) -> [APIKey] {
        Self.page(state.apiKeys.values.filter { $0.accountID == account }, page, id: \.id)
    }
    func categories(account: String, page: PageRequest) -> [Category] {
        Array(state.categories.values.filter { $0.accountID == account && (page.cursor == nil || $0.id > page.cursor!) }
            .sorted { $0.id < $1.id }.prefix(page.limit))
    }
    func apiKeys(account: String) -> [APIKey] {
        state.apiKeys.values.filter { $0.accountID == account }.sorted { $0.id > $1.id }
    }
    func connection(account: String, kind: Connection.Kind, name: String) -> Connection? {
        state.connections.values.first { $0.accountID == account && $0.kind == kind && $0.name == name }
    }
    func contact(account: String, id: String) -> Contact? { state.contacts[id].flatMap { $0.accountID == account ? $0 : nil } }
    func contactID(account: String, emailKey: String) -> String? {
        state.contacts.values.first { $0.accountID == account && $0.emailKey == emailKey }?.id
    }
    func contactID(account: String, phone: String) -> String? {
        state.contacts.values.first { $0.accountID == account && $0.phone == phone }?.id
    }
    func contacts(account: String, page: PageRequest) -> [Contact] {
        Self.page(state.contacts.values.filter { $0.accountID == account }, page, id: \.id)
    }
    func order(account: String, id: String) -> Order? { state.orders[id].flatMap { $0.accountID == account ? $0 : nil } }
    func orderID(connection: String, externalID: String) -> String? { state.orderIDsBySource[connection + "\u{0}" + externalID] }
    func orders(account: String, filter: OrderFilter, page: PageRequest) -> [Order] {
        Self.page(state.orders.values.filter { $0.accountID == account && filter.matches($0) }, page, id: \.id)
    }
    func product(account: String, key: ProductKey, value: String) -> Product? {
        state.products.values.filter { $0.accountID == account && $0.key(key) == value }.min { $0.id < $1.id }
    }
    func productID(account: String, key: ProductKey, value: String) -> String? {
        product(account: account, key: key, value: value)?.id
    }
    func products(account: String, page: PageRequest) -> [Product] {
        Self.page(state.products.values.filter { $0.accountID == account }, page, id: \.id)
    }
    func category(account: String, parentID: String?, name: String) -> Category? {
        state.categories.values.first { $0.accountID == account && $0.parentID == parentID && $0.name == name }
    }
    func categories(account: String) -> [Category] {
        state.categories.values.filter { $0.accountID == account }.sorted { $0.id < $1.id }
    }
    func fieldDefinitions(account: String, groups: [String]) -> [FieldDefinition] {
        state.fieldDefinitions.filter { $0.key.hasPrefix(account + "\u{0}") && groups.contains($0.value.group) }.map(\.value)
    }
    func fieldDefinition(account: String, group: String, name: String) -> FieldDefinition? {
        state.fieldDefinitions[account + "\u{0}" + group + "\u{0}" + name]
    }
    func events(account: String, after: Int64, limit: Int) -> [Event] {
        Array((state.events[account] ?? []).filter { $0.sequence > after }.prefix(limit))
    }
    func timeline(account: String, subjectID: String, limit: Int) -> [TimelineEntry] {
        Array((state.timeline[account] ?? []).filter { $0.subjectID == subjectID }.sorted { $0.id > $1.id }.prefix(limit))
    }
    func rejections(account: String, page: PageRequest) -> [Rejection] {
        Self.page(state.rejections[account] ?? [], page, id: \.id)
    }

    func event(account: String, id: String) -> Event? { state.events[account]?.first { $0.id == id } }
    func template(account: String, id: String) -> Template? { state.templates[id].flatMap { $0.accountID == account ? $0 : nil } }
    func connection(account: String, id: String) -> Connection? { state.connections[id].flatMap { $0.accountID == account ? $0 : nil } }
    func connection(id: String) -> Connection? { state.connections[id] }
    func connections(account: String, page: PageRequest) -> [Connection] {
        Self.page(state.connections.values.filter { $0.accountID == account }, page, id: \.id)
    }
    func templates(account: String, page: PageRequest) -> [Template] {
        Self.page(state.templates.values.filter { $0.accountID == account }, page, id: \.id)
    }
    func trigger(account: String, id: String) -> Trigger? { state.triggers[id].flatMap { $0.accountID == account ? $0 : nil } }
    func triggers(account: String, page: PageRequest) -> [Trigger] {
        Self.page(state.triggers.values.filter { $0.accountID == account }, page, id: \.id)
    }
    func activeTriggers(account: String) -> [Trigger] {
        state.triggers.values.filter { $0.accountID == account && $0.active && $0.disabledAt == nil }.sorted { $0.id < $1.id }
    }
    func delivery(account: String, id: String) -> Delivery? { state.deliveries[id].flatMap { $0.accountID == account ? $0 : nil } }
    func deliveries(account: String, filter: DeliveryFilter, page: PageRequest) -> [Delivery] {
        Self.page(state.deliveries.values.filter { $0.accountID == account && filter.matches($0) }, page, id: \.id)
    }
    func attempts(deliveryID: String) -> [DeliveryAttempt] { state.attempts[deliveryID] ?? [] }
    func contacts(account: String, membership: ListMembership, page: PageRequest) -> [Contact] {
        let lists = state.listMembers
        let members: (Contact) -> Bool
        switch membership {
        case .any: members = { _ in true }
        case .noList: members = { contact in !lists.values.contains { $0.contains(contact.id) } }
        case .inList(let id): members = { contact in lists[id]?.contains(contact.id) ?? false }
        }
        return Self.page(state.contacts.values.filter { $0.accountID == account && members($0) }, page, id: \.id)
    }
    func contacts(account: String, ids: [String]) -> [Contact] { ids.compactMap { contact(account: account, id: $0) } }
    func accountIDs() -> [String] { state.accounts.keys.sorted() }
    func orderTotals(account: String, afterContact: String?, limit: Int) -> [RFMInput] {
        var totals: [String: RFMInput] = [:]
        for order in state.orders.values where order.accountID == account && order.status.countsAsPurchase {
            guard let contact = order.contactID, contact > (afterContact ?? "") else { continue }
            var entry = totals[contact] ?? RFMInput(contactID: contact, lastOrderAt: order.createdAt, orderCount: 0, monetaryMinor: 0)
            entry.lastOrderAt = max(entry.lastOrderAt, order.createdAt)
            entry.orderCount += 1
            entry.monetaryMinor += order.totals.total.minorUnits
            totals[contact] = entry
        }
        return Array(totals.values.sorted { $0.contactID < $1.contactID }.prefix(limit))
    }
    func scheduledJob(account: String, job: String) -> ScheduledJob? { state.jobs[account + "\u{0}" + job] }
    func accountsDue(job: String, now: Date, limit: Int) -> [String] {
        Array(state.accounts.keys.sorted().filter { (state.jobs[$0 + "\u{0}" + job]?.dueAt ?? .distantPast) <= now }.prefix(limit))
    }
    func saveScheduledJob(_ job: ScheduledJob) { state.jobs[job.accountID + "\u{0}" + job.job] = job }
    func list(account: String, id: String) -> ContactList? { state.lists[id].flatMap { $0.accountID == account ? $0 : nil } }
    func lists(account: String, page: PageRequest) -> [ContactList] {
        Self.page(state.lists.values.filter { $0.accountID == account }, page, id: \.id)
    }
    func lists(account: String) -> [ContactList] {
        state.lists.values.filter { $0.accountID == account }.sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }
    func listIDs(account: String, contactID: String) -> [String] {
        state.listMembers.filter { state.lists[$0.key]?.accountID == account && $0.value.contains(contactID) }.keys.sorted()
    }
    func insertList(_ list: ContactList) { state.lists[list.id] = list }
    func updateList(_ list: ContactList) { state.lists[list.id] = list }
    func deleteList(account: String, id: String) -> Bool {
        guard state.lists[id]?.accountID == account else { return false }
        state.lists[id] = nil
        state.listMembers[id] = nil
        return true
    }
    func addToList(account: String, listID: String, contactIDs: [String]) {
        guard state.lists[listID]?.accountID == account else { return }
        state.listMembers[listID, default: []].formUnion(contactIDs.filter { state.contacts[$0]?.accountID == account })
    }
    func removeFromList(account: String, listID: String, contactIDs: [String]) -> Int {
        guard state.lists[listID]?.accountID == account else { return 0 }
        let before = state.listMembers[listID]?.count ?? 0
        state.listMembers[listID]?.subtract(contactIDs)
        return before - (state.listMembers[listID]?.count ?? 0)
    }
    func automation(account: String, id: String) -> Automation? { state.automations[id].flatMap { $0.accountID == account ? $0 : nil } }
    func automations(account: String, page: PageRequest) -> [Automation] {
        Self.page(state.automations.values.filter { $0.accountID == account }, page, id: \.id)
    }
    func activeAutomations(account: String) -> [Automation] {
        state.automations.values.filter { $0.accountID == account && $0.active }.sorted { $0.id < $1.id }
    }
    func automationRun(account: String, id: String) -> AutomationRun? { state.runs[id].flatMap { $0.accountID == account ? $0 : nil } }
    func automationRuns(account: String, automationID: String, status: AutomationRun.Status?, page: PageRequest) -> [AutomationRun] {
        Self.page(state.runs.values.filter { $0.accountID == account && $0.automationID == automationID && (status == nil || $0.status == status) },
                  page, id: \.id)
    }
    func waitingRuns(account: String, contactID: String) -> [AutomationRun] {
        state.runs.values.filter { $0.accountID == account && $0.contactID == contactID && $0.status == .waiting }.sorted { $0.id < $1.id }
    }
    func dueRuns(now: Date, limit: Int) -> [AutomationRun] {
        Array(state.runs.values.filter { $0.status == .waiting && ($0.dueAt ?? now) <= now }
            .sorted { ($0.dueAt ?? now, $0.id) < ($1.dueAt ?? now, $1.id) }.prefix(limit))
    }
    func isSuppressed(account: String, hash: String) -> Bool { state.suppressions.contains(account + "\u{0}" + hash) }
    func contactID(account: String, memberNumber: String) -> String? {
        state.contacts.values.first { $0.accountID == account && $0.memberNumber == memberNumber }?.id
    }
    func voucher(account: String, code: String) -> Voucher? {
        state.vouchers.values.first { $0.accountID == account && $0.code == code }
    }
    func vouchers(account: String, codes: [String]) -> [Voucher] {
        let wanted = Set(codes)
        return state.vouchers.values.filter { $0.accountID == account && wanted.contains($0.code) }
    }
    func vouchers(account: String, contactID: String) -> [Voucher] {
        state.vouchers.values.filter { $0.accountID == account && $0.contactID == contactID }.sorted { $0.code < $1.code }
    }
    func redemption(account: String, idempotencyKey: String) -> JSONValue? { state.redemptions[account + "\u{0}" + idempotencyKey]?.answer }
    func lookups(account: String, contactID: String) -> [LookupRecord] {
        state.lookups.filter { $0.accountID == account && $0.contactID == contactID }.sorted { $0.id > $1.id }
    }
    func lookups(account: String, page: PageRequest) -> [LookupRecord] {
        Self.page(state.lookups.filter { $0.accountID == account }, page, id: \.id)
    }
    func queueDepth() -> (pending: Int, oldestDue: Date?) {
        let pending = state.deliveries.values.filter { $0.status == .pending }
        return (pending.count, pending.compactMap(\.nextAttemptAt).min())
    }

    static func page<T>(_ items: some Sequence<T>, _ page: PageRequest, id: KeyPath<T, String>) -> [T] {
        Array(items.filter { page.cursor == nil || $0[keyPath: id] < page.cursor! }
            .sorted { $0[keyPath: id] > $1[keyPath: id] }.prefix(page.limit))
    }

    // MARK: writes

    func insertAccount(_ account: Account) { state.accounts[account.id] = account; state.eventSequences[account.id] = 0 }
    func updateAccount(_ account: Account) { if state.accounts[account.id] != nil { state.accounts[account.id] = account } }
    func saveSettings(_ settings: AccountSettings, account: String) { state.settings[account] = settings }
    func insertAPIKey(_ key: APIKey) { state.apiKeys[key.id] = key }
    func revokeAPIKey(account: String?, id: String, at: Date) -> Bool {
        guard var key = state.apiKeys[id], account == nil || key.accountID == account, key.revokedAt == nil else { return false }
        key.revokedAt = at
        state.apiKeys[id] = key
        return true
    }
    func touchAPIKey(id: String, at: Date) { state.apiKeys[id]?.lastUsedAt = at }
    func insertConnection(_ connection: Connection) { state.connections[connection.id] = connection }
    func updateConnection(_ connection: Connection) {
        if state.connections[connection.id]?.accountID == connection.accountID { state.connections[connection.id] = connection }
    }
    func deleteConnection(account: String, id: String) -> Bool {
        guard state.connections[id]?.accountID == account else { return false }
        state.connections[id] = nil
        return true
    }
    func insertContact(_ contact: Contact, document: JSONValue) throws {
        if let key = contact.emailKey, contactID(account: contact.accountID, emailKey: key) != nil { throw StoreError.duplicate("contact e-mail") }
        if let phone = contact.phone, contactID(account: contact.accountID, phone: phone) != nil { throw StoreError.duplicate("contact phone") }
        try checkMemberNumber(of: contact)
        state.contacts[contact.id] = contact
    }
    func updateContact(_ contact: Contact, document: JSONValue) throws {
        try checkMemberNumber(of: contact)
        state.contacts[contact.id] = contact
    }
    /// As the SQL backends' unique index on the member number.
    private func checkMemberNumber(of contact: Contact) throws {
        if let number = contact.memberNumber, let owner = contactID(account: contact.accountID, memberNumber: number), owner != contact.id {
            throw StoreError.duplicate("contact member number")
        }
    }
    func insertOrder(_ order: Order, document: JSONValue) throws {
        let key = order.connectionID + "\u{0}" + order.externalID
        guard state.orderIDsBySource[key] == nil else { throw StoreError.duplicate("order") }
        state.orders[order.id] = order
        state.orderIDsBySource[key] = order.id
    }
    func updateOrder(_ order: Order, document: JSONValue) { state.orders[order.id] = order }
    func insertProduct(_ product: Product) { state.products[product.id] = product }
    func updateProduct(_ product: Product) { state.products[product.id] = product }
    func lockProductKey(account: String, key: ProductKey, value: String) {}
    func insertCategory(_ category: Category) { state.categories[category.id] = category }
    func insertFieldDefinition(_ definition: FieldDefinition, account: String) {
        state.fieldDefinitions[account + "\u{0}" + definition.group + "\u{0}" + definition.name] = definition
    }
    func appendEvent(_ event: Event) -> Int64? {
        let next = (state.eventSequences[event.accountID] ?? 0) + 1
        state.eventSequences[event.accountID] = next
        var numbered = event
        numbered.sequence = next
        state.events[event.accountID, default: []].append(numbered)
        return next
    }
    func insertTimeline(_ entry: TimelineEntry) { state.timeline[entry.accountID, default: []].append(entry) }
    func insertRejection(_ rejection: Rejection) { state.rejections[rejection.accountID, default: []].append(rejection) }

    func deleteContact(account: String, id: String) {
        guard state.contacts[id]?.accountID == account else { return }
        state.contacts[id] = nil
        state.timeline[account]?.removeAll { $0.subjectID == id }
        for list in state.listMembers.keys { state.listMembers[list]?.remove(id) }
    }

    func insertTemplate(_ template: Template) { state.templates[template.id] = template }
    func updateTemplate(_ template: Template) { state.templates[template.id] = template }
    func deleteTemplate(account: String, id: String) -> Bool {
        guard state.templates[id]?.accountID == account else { return false }
        state.templates[id] = nil
        return true
    }
    func insertTrigger(_ trigger: Trigger) { state.triggers[trigger.id] = trigger }
    func updateTrigger(_ trigger: Trigger) { state.triggers[trigger.id] = trigger }
    func deleteTrigger(account: String, id: String) -> Bool {
        guard state.triggers[id]?.accountID == account else { return false }
        state.triggers[id] = nil
        return true
    }
    func insertDelivery(_ delivery: Delivery) {
        state.deliveries[delivery.id] = delivery
        deliveriesDue = true
    }
    func insertAutomation(_ automation: Automation) { state.automations[automation.id] = automation }
    func updateAutomation(_ automation: Automation) { state.automations[automation.id] = automation }
    func deleteAutomation(account: String, id: String) -> Bool {
        guard state.automations[id]?.accountID == account else { return false }
        state.automations[id] = nil
        return true
    }
    func insertRun(_ run: AutomationRun) -> Bool {
        guard !state.runs.values.contains(where: { $0.automationID == run.automationID && $0.eventID == run.eventID }) else { return false }
        state.runs[run.id] = run
        return true
    }
    func updateRun(_ run: AutomationRun, expectedStep: Int) -> Bool {
        guard let stored = state.runs[run.id], stored.status == .waiting, stored.nextStep == expectedStep else { return false }
        state.runs[run.id] = run
        return true
    }
    func insertSuppression(account: String, hash: String, reason: String, at: Date) { state.suppressions.insert(account + "\u{0}" + hash) }
    func insertLookups(_ records: [LookupRecord]) { state.lookups.append(contentsOf: records) }
    func deleteLookups(account: String, contactID: String, keyHashes: [String]) {
        state.lookups.removeAll { $0.accountID == account && ($0.contactID == contactID || keyHashes.contains($0.keyHash)) }
    }
    func insertVouchers(_ vouchers: [Voucher]) throws {
        var taken = Set(state.vouchers.values.map { $0.accountID + "\u{0}" + $0.code })
        for voucher in vouchers {
            guard taken.insert(voucher.accountID + "\u{0}" + voucher.code).inserted else { throw StoreError.duplicate("bonus check code") }
        }
        for voucher in vouchers { state.vouchers[voucher.id] = voucher }
    }
    func updateVoucher(_ voucher: Voucher, expectedRemaining: Money) -> Bool {
        guard let stored = state.vouchers[voucher.id], stored.accountID == voucher.accountID, stored.remaining == expectedRemaining else { return false }
        state.vouchers[voucher.id] = voucher
        return true
    }
    func insertRedemption(account: String, idempotencyKey: String, voucherID: String, answer: JSONValue, at: Date) -> Bool {
        let key = account + "\u{0}" + idempotencyKey
        guard state.redemptions[key] == nil else { return false }
        state.redemptions[key] = (voucherID, answer)
        return true
    }
    func deleteVouchers(account: String, contactID: String) {
        let ids = Set(vouchers(account: account, contactID: contactID).map(\.id))
        for id in ids { state.vouchers[id] = nil }
        state.redemptions = state.redemptions.filter { !ids.contains($0.value.voucherID) }
    }
    func nextMemberNumber(account: String, first: Int64) -> Int64 {
        let next = max((state.memberNumbers[account] ?? 0) + 1, first)
        state.memberNumbers[account] = next
        return next
    }
    func completeDelivery(_ delivery: Delivery, token: String) -> Bool {
        guard state.leases[delivery.id]?.token == token else { return false }
        state.leases[delivery.id] = nil
        state.deliveries[delivery.id] = delivery
        return true
    }
    func requeueDelivery(_ delivery: Delivery) {
        state.leases[delivery.id] = nil
        state.deliveries[delivery.id] = delivery
        deliveriesDue = true
    }
    func insertAttempt(_ attempt: DeliveryAttempt) { state.attempts[attempt.deliveryID, default: []].append(attempt) }
    func claimDeliveries(now: Date, limit: Int, leaseUntil: Date, token: String) -> [DeliveryClaim] {
        let due = state.deliveries.values
            .filter { $0.status == .pending && ($0.nextAttemptAt ?? now) <= now && (state.leases[$0.id].map { $0.until < now } ?? true) }
            .sorted { ($0.nextAttemptAt ?? now, $0.id) < ($1.nextAttemptAt ?? now, $1.id) }
            .prefix(limit)
        return due.map { delivery in
            state.leases[delivery.id] = (token, leaseUntil)
            return DeliveryClaim(deliveryID: delivery.id, accountID: delivery.accountID, token: token)
        }
    }
    func releaseDelivery(id: String, token: String) {
        if state.leases[id]?.token == token { state.leases[id] = nil }
        deliveriesDue = true
    }
    func extendLeases(token: String, ids: [String], until: Date) {
        for id in ids where state.leases[id]?.token == token { state.leases[id] = (token, until) }
    }
    func lockTriggerIfFree(account: String, id: String) -> Bool { true }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        let saved = state
        do { return try body() } catch { state = saved; throw error }
    }
}

/// Storage-level failures the use cases do not expect in normal operation.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    case duplicate(String)
    case backend(String)
    /// The database aborted the transaction to resolve a deadlock or a serialization conflict; running
    /// it again is safe because nothing of it was committed.
    case retryable(String)
    public var description: String {
        switch self {
        case .duplicate(let what): return "duplicate \(what)"
        case .backend(let message): return message
        case .retryable(let message): return "transaction aborted, retry: \(message)"
        }
    }
}
