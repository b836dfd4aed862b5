import Foundation
import KvittoCore

// The values the storage protocols take and answer: filters, counts, claims and what a worker sends.

/// One hour of an account's activity.
public struct HourlyCount: Sendable, Equatable {
    public var start: Date
    public var orders: Int
    public var events: Int
    public init(start: Date, orders: Int = 0, events: Int = 0) { self.start = start; self.orders = orders; self.events = events }
}

/// Deliveries by status.
public struct DeliveryTally: Sendable, Equatable {
    public var succeeded = 0
    public var failed = 0
    public var pending = 0
    public init(succeeded: Int = 0, failed: Int = 0, pending: Int = 0) { self.succeeded = succeeded; self.failed = failed; self.pending = pending }

    /// Succeeded of those finished, 0...1; nil when none finished.
    public var successRate: Double? { succeeded + failed == 0 ? nil : Double(succeeded) / Double(succeeded + failed) }
}

/// Which orders a list shows; nil members select everything.
public struct OrderFilter: Sendable, Equatable {
    public var contactID: String?
    /// The connection the order came through (its `source`).
    public var connectionID: String?
    public var status: OrderStatus?
    /// Placed (`created_at`) at or after.
    public var placedFrom: Date?
    /// Placed before.
    public var placedBefore: Date?

    public init(contactID: String? = nil, connectionID: String? = nil, status: OrderStatus? = nil, placedFrom: Date? = nil,
                placedBefore: Date? = nil) {
        self.contactID = contactID; self.connectionID = connectionID; self.status = status
        self.placedFrom = placedFrom; self.placedBefore = placedBefore
    }

    public func matches(_ order: Order) -> Bool {
        (contactID == nil || order.contactID == contactID) && (connectionID == nil || order.connectionID == connectionID)
            && (status == nil || order.status == status) && (placedFrom.map { order.createdAt >= $0 } ?? true)
            && (placedBefore.map { order.createdAt < $0 } ?? true)
    }
}

public struct DeliveryFilter: Sendable, Equatable {
    public var triggerID: String?
    public var status: Delivery.Status?
    public var eventType: EventType?
    public var since: Date?
    public init(triggerID: String? = nil, status: Delivery.Status? = nil, eventType: EventType? = nil, since: Date? = nil) {
        self.triggerID = triggerID; self.status = status; self.eventType = eventType; self.since = since
    }

    public func matches(_ delivery: Delivery) -> Bool {
        (triggerID == nil || delivery.sourceID == triggerID) && (status == nil || delivery.status == status)
            && (eventType == nil || delivery.eventType == eventType) && (since == nil || delivery.createdAt >= since!)
    }
}

/// A delivery a worker has claimed: the lease is its alone until `until`, proven by `token`.
public struct DeliveryClaim: Sendable, Equatable {
    public var deliveryID: String
    public var accountID: String
    public var token: String
    public init(deliveryID: String, accountID: String, token: String) {
        self.deliveryID = deliveryID; self.accountID = accountID; self.token = token
    }
}

/// An order's identity: its connection and the id it has there.
public struct OrderKey: Hashable, Sendable {
    public var connectionID: String
    public var externalID: String
    public init(connectionID: String, externalID: String) { self.connectionID = connectionID; self.externalID = externalID }
}

/// A product as an order line names it: by the key its connection matches products on, and that key's value.
public struct ProductMatch: Hashable, Sendable {
    public var key: ProductKey
    public var value: String
    public init(key: ProductKey, value: String) { self.key = key; self.value = value }
}

/// What a group of writes is about to look up one by one, for `StoreWriter.preload` to read at once.
public struct PreloadKeys: Sendable {
    public var orderKeys: [OrderKey] = []
    public var emailKeys: [String] = []
    public var phones: [String] = []
    public var products: [ProductMatch] = []
    public init() {}
}

/// A claimed delivery with what sending it needs, as read at claim time. `trigger`, `event` or
/// `template` is `nil` when it was deleted after the delivery was queued.
public struct DeliveryToSend: Sendable {
    public var claim: DeliveryClaim
    public var delivery: Delivery
    public var trigger: Trigger?
    public var event: Event?
    public var template: Template?
    public init(claim: DeliveryClaim, delivery: Delivery, trigger: Trigger?, event: Event?, template: Template?) {
        self.claim = claim; self.delivery = delivery; self.trigger = trigger; self.event = event; self.template = template
    }
}

/// A worker's result for one delivery: its next state, and the attempt that led there (none when it was
/// given up without sending, e.g. its trigger was deleted).
public struct DeliveryCompletion: Sendable {
    public var delivery: Delivery
    public var token: String
    public var attempt: DeliveryAttempt?
    public init(delivery: Delivery, token: String, attempt: DeliveryAttempt?) {
        self.delivery = delivery; self.token = token; self.attempt = attempt
    }
}

/// A contact as the till shows it, and what its card needs besides (see `StoreReader.tillCard`).
public struct TillCard: Sendable, Equatable {
    public var contact: Contact
    /// The account's settings (which field groups the till shows); nil when it never saved any.
    public var settings: AccountSettings?
    /// The contact's bonus checks, by code.
    public var vouchers: [Voucher]

    public init(contact: Contact, settings: AccountSettings?, vouchers: [Voucher]) {
        self.contact = contact; self.settings = settings; self.vouchers = vouchers
    }
}

/// What Kvitto keeps about a person outside their contact row (see `StoreReader.personalRecords`).
public struct PersonalRecords: Sendable, Equatable {
    public var events: [Event] = []
    public var rejections: [Rejection] = []
    public var inboxItems: [InboxItem] = []
    public var deliveries: [Delivery] = []
    public var attempts: [DeliveryAttempt] = []

    public init(events: [Event] = [], rejections: [Rejection] = [], inboxItems: [InboxItem] = [], deliveries: [Delivery] = [],
                attempts: [DeliveryAttempt] = []) {
        self.events = events; self.rejections = rejections; self.inboxItems = inboxItems; self.deliveries = deliveries
        self.attempts = attempts
    }

    public var isEmpty: Bool { events.isEmpty && rejections.isEmpty && inboxItems.isEmpty && deliveries.isEmpty && attempts.isEmpty }
}
