import Foundation
import KvittoCore

/// One event of a Sitoo Events SPI delivery. Sitoo sends ids, not orders: the receiver fetches the order.
public struct SitooOrderEvent: Sendable, Equatable {
    /// Sitoo's id of this event, the same in every delivery that repeats it.
    public var eventID: String
    public var occurredAt: Date
    public var accountID: String?
    public var eshopID: String?
    public var orderID: String
    /// `add` or `update`.
    public var orderEventType: String?
    /// The order's new state when the event is a state change (`closed`).
    public var orderStateChanged: String?

    public init(eventID: String, occurredAt: Date, accountID: String?, eshopID: String?, orderID: String,
                orderEventType: String?, orderStateChanged: String?) {
        self.eventID = eventID; self.occurredAt = occurredAt; self.accountID = accountID; self.eshopID = eshopID
        self.orderID = orderID; self.orderEventType = orderEventType; self.orderStateChanged = orderStateChanged
    }
}

/// Sitoo bodies → the canonical model: the Events SPI delivery (`POST /events`) and the CRM SPI customer
/// object, which the POS sends when it registers or updates a customer and expects back from a search.
public enum SitooMapper {
    /// Sitoo's limit on one Events SPI delivery.
    public static let maximumEventsPerDelivery = 10

    /// The order events of one delivery; events of other types (a customer or product changed) are skipped.
    /// - Throws: `KvittoError.invalid` when the body is not an array of at most ten events, or an order event
    ///   lacks its id, date or order id.
    public static func events(_ json: JSONValue) throws(KvittoError) -> [SitooOrderEvent] {
        let log = FieldErrorLog()
        let r = PayloadReader(json, log: log)
        let entries = r.elements()
        if entries.count > maximumEventsPerDelivery {
            log.add("", "holds \(entries.count) events; Sitoo sends at most \(maximumEventsPerDelivery)")
        }
        let events = entries.compactMap { e -> SitooOrderEvent? in
            guard e.text("event_type") == "order" else { return nil }
            let data = e.object("data")
            if data == nil { log.add(e.path("data"), "is required") }
            let eventID = e.identifier("event_id", required: true)
            let seconds = e.member("event_date")?.numberValue?.int64
            if seconds == nil { log.add(e.path("event_date"), "must be Unix seconds") }
            let orderID = data?.identifier("order_id", required: true)
            guard let eventID, let seconds, let orderID else { return nil }
            return SitooOrderEvent(eventID: eventID, occurredAt: Date(timeIntervalSince1970: Double(seconds)),
                                   accountID: e.identifier("account_id"), eshopID: data?.identifier("eshop_id"),
                                   orderID: orderID, orderEventType: data?.text("order_event_type"),
                                   orderStateChanged: data?.text("order_state_changed"))
        }
        try r.finish()
        return events
    }

    /// A CRM SPI customer → a contact: e-mail, mobile, names and invoice address.
    public static func contact(_ json: JSONValue) throws(KvittoError) -> ContactInput {
        let log = FieldErrorLog()
        let r = PayloadReader(json, log: log)
        var contact = ContactInput(email: r.text("email"), phone: r.text("mobile"),
                                   firstName: r.text("name_first"), lastName: r.text("name_last"))
        contact.address = r.object("invoice_address").flatMap { a in
            Address(line1: a.text("address"), line2: a.text("address2"), postalCode: a.text("zip"), city: a.text("city"),
                    region: a.text("state"), country: a.text("country_id")?.uppercased()).nonEmpty
        }
        try r.finish()
        return contact
    }
}
