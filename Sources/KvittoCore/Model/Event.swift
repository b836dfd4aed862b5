import Foundation

public enum EventType: String, Sendable, CaseIterable {
    case orderReceived = "order.received", orderInProduction = "order.in_production", orderShipped = "order.shipped"
    case orderInTransit = "order.in_transit", orderDelivered = "order.delivered", orderCancelled = "order.cancelled"
    case orderReturned = "order.returned", orderFailed = "order.failed", orderUpdated = "order.updated"
    case contactCreated = "contact.created", contactUpdated = "contact.updated", contactTagAdded = "contact.tag_added"
    case contactTagRemoved = "contact.tag_removed", contactSegmentChanged = "contact.segment_changed"
    case contactErased = "contact.erased", contactMerged = "contact.merged", voucherRedeemed = "voucher.redeemed"
}

/// Where a change came from; backfilled events fire nothing unless their backfill asked for it.
public enum EventOrigin: String, Sendable, CaseIterable { case live, api, pos, backfill }

/// An immutable fact with a gap-free per-account sequence number.
public struct Event: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var sequence: Int64
    public var type: EventType
    public var occurredAt: Date
    public var origin: EventOrigin
    /// `{"order": …, "contact": …}` exactly as the API shows them at the time of the event.
    public var data: JSONValue

    public init(id: String, accountID: String, sequence: Int64, type: EventType, occurredAt: Date, origin: EventOrigin, data: JSONValue) {
        self.id = id; self.accountID = accountID; self.sequence = sequence; self.type = type
        self.occurredAt = occurredAt; self.origin = origin; self.data = data
    }

    /// The person the event is about: its contact's id, or its order's. Stored beside the event so that an
    /// erasure finds the person's events without reading the feed.
    public var contactID: String? {
        data["contact"]?["id"]?.stringValue ?? data["order"]?["contact_id"]?.stringValue
    }

    public var json: JSONValue {
        [
            "id": .string(id), "type": .string(type.rawValue), "sequence": .number(JSONNumber(sequence)),
            "occurred_at": .string(Timestamp.format(occurredAt)), "origin": .string(origin.rawValue),
            "account_id": .string(accountID), "data": data,
        ]
    }
}

/// One entry of an order's or contact's feed.
public struct TimelineEntry: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case comment, statusChange = "status_change", ignoredUpdate = "ignored_update", mergeCandidate = "merge_candidate"
        case imported, created, updated, locked, notice
        /// Consent to marketing given or withdrawn, with where (store, register, staff) and how.
        case consent
    }

    public var id: String
    public var accountID: String
    /// The order or contact the entry belongs to.
    public var subjectID: String
    public var kind: Kind
    public var at: Date
    public var text: String
    public var data: JSONValue

    public init(id: String, accountID: String, subjectID: String, kind: Kind, at: Date, text: String, data: JSONValue = .null) {
        self.id = id; self.accountID = accountID; self.subjectID = subjectID; self.kind = kind; self.at = at
        self.text = text; self.data = data
    }

    public var json: JSONValue {
        ["id": .string(id), "subject_id": .string(subjectID), "kind": .string(kind.rawValue), "at": .string(Timestamp.format(at)),
         "text": .string(text), "data": data]
    }
}

/// Input that a rule refused, kept so nothing sent to Kvitto disappears unseen.
public struct Rejection: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var at: Date
    public var reason: String
    public var detail: String
    public var source: String?
    public var externalID: String?
    public var payload: JSONValue

    public init(id: String, accountID: String, at: Date, reason: String, detail: String, source: String?, externalID: String?, payload: JSONValue) {
        self.id = id; self.accountID = accountID; self.at = at; self.reason = reason; self.detail = detail
        self.source = source; self.externalID = externalID; self.payload = payload
    }

    public var json: JSONValue {
        ["id": .string(id), "at": .string(Timestamp.format(at)), "reason": .string(reason), "detail": .string(detail),
         "source": .string(source), "external_id": .string(externalID), "payload": payload]
    }
}
