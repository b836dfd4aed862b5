import Foundation
import KvittoCore

/// Sample event envelopes for every event type (SPEC §4, §5), for previewing and testing templates.
///
/// They are built from the real model types (`Order`, `Contact`, `Event`) and their `json`, the same code
/// the API and the event log use, so a sample cannot drift from what a real event looks like. The data is
/// a Swedish web-shop order: SEK, a Stockholm address, a Swedish mobile number, PostNord.
public enum EventSamples {
    /// The sample envelope of `type`: `{"id", "type", "sequence", "occurred_at", "origin", "account_id",
    /// "data"}` with `data` as a real event of that type carries it.
    public static func sample(for type: EventType) -> JSONValue {
        event(type).json
    }

    /// Every event type's sample, in `EventType.allCases` order.
    public static var all: [(type: EventType, sample: JSONValue)] {
        EventType.allCases.map { ($0, sample(for: $0)) }
    }

    /// The sample event of `type` as a model value.
    public static func event(_ type: EventType) -> Event {
        Event(
            id: "evt_01JDQ8ZK4W3M7T2XC9B5N6RVHA", accountID: accountID, sequence: 42, type: type,
            occurredAt: occurredAt, origin: origin(of: type), data: data(for: type)
        )
    }

    /// The order of the order events, in the state the event of `status` reports.
    public static func order(status: OrderStatus = .shipped) -> Order {
        var order = Order(
            id: "ord_01JDQ8YH2N5C8V3KX7M4T9B6QE", accountID: accountID, connectionID: "cnx_01JD0M3R8K2W5Y7C4N6B9T1XHV",
            source: "shopify", externalID: "820982911946154508", createdAt: placedAt, status: status, currency: "SEK",
            receivedAt: placedAt.addingTimeInterval(2)
        )
        order.number = "#1001"
        order.contactID = contactID
        order.lines = [
            line(product: "prd_01JD0P4M8W2K5N7C3T9B6QMZRA", sku: "MUG-HOST-03", name: "Kaffemugg Höstlöv",
                 externalID: "43851337220183", quantity: 2, unitPrice: 14900),
            line(product: "prd_01JD0P4M9X3B6R8D4V1C7NPASB", sku: "FILT-ULL-GRA", name: "Ullfilt, grå 130×170",
                 externalID: "43851337252951", quantity: 1, unitPrice: 49900),
            line(product: "prd_01JD0P4MAY4C7S9E5W2D8PQBTC", sku: "SERV-LIN-4", name: "Linneservetter 4-pack",
                 externalID: "43851337285719", quantity: 1, unitPrice: 29900),
        ]
        var shipping = Shipping()
        shipping.carrier = "PostNord"
        shipping.method = "MyPack Collect"
        shipping.cost = Money(units: 4900, scale: 2)
        shipping.address = Address(
            name: "Anna Lindqvist", line1: "Götgatan 14", line2: "lgh 1102", postalCode: "118 46", city: "Stockholm",
            country: "SE"
        )
        if [.shipped, .inTransit, .delivered, .returned].contains(status) {
            shipping.trackingNumber = "00370733741234567893"
            shipping.trackingURL = "https://tracking.postnord.com/se/?id=00370733741234567893"
        }
        order.shipping = shipping
        // Swedish prices include 25 % VAT: the tax is a fifth of the total.
        order.totals = Totals(
            subtotal: Money(units: 109_600, scale: 2), shipping: Money(units: 4900, scale: 2),
            tax: Money(units: 22_900, scale: 2), discount: Money(units: 0, scale: 2), total: Money(units: 114_500, scale: 2)
        )
        order.fields = ["Shopify-Order": ["gateway": .string("klarna"), "note": .string("Lämna vid dörren")]]
        order.updatedAt = occurredAt
        return order
    }

    /// The customer of the sample order.
    public static func contact(tags: [String] = ["Customer", "Newsletter"]) -> Contact {
        var contact = Contact(id: contactID, accountID: accountID, createdAt: placedAt.addingTimeInterval(-86_400 * 400))
        contact.email = "anna.lindqvist@example.se"
        contact.emailKey = EmailKey.make("anna.lindqvist@example.se")
        contact.phone = "+46701234567"
        contact.phoneRaw = "070-123 45 67"
        contact.firstName = "Anna"
        contact.lastName = "Lindqvist"
        contact.address = Address(line1: "Götgatan 14", line2: "lgh 1102", postalCode: "118 46", city: "Stockholm", country: "SE")
        contact.tags = tags
        contact.fields = [
            "Sitoo-Contact": [
                "member_number": .string("100234"),
                "bonuschecks": .array([
                    ["code": "BONUS-7F3K", "amount": "250.00", "valid_until": "2026-12-31"],
                ]),
            ],
        ]
        contact.consent = true
        contact.updatedAt = occurredAt
        return contact
    }

    static let accountID = "acc_01JD0K9F3T6W8B2N5C7M4X1RZQ"
    static let contactID = "con_01J5R2D8W6K3N9T4C7B1X5M8QV"
    /// 2026-11-20T09:41:00Z, when the customer placed the order.
    static let placedAt = Date(timeIntervalSince1970: 1_795_167_660)
    /// Two days later, when the event happened.
    static let occurredAt = Date(timeIntervalSince1970: 1_795_167_660 + 2 * 86_400)

    static func line(product: String, sku: String, name: String, externalID: String, quantity: Int64, unitPrice: Int64) -> OrderLine {
        OrderLine(
            productID: product, externalID: externalID, sku: sku, name: name, description: nil, quantity: Money(units: quantity, scale: 0),
            unitPrice: Money(units: unitPrice, scale: 2), lineTotal: Money(units: unitPrice * quantity, scale: 2)
        )
    }

    static func origin(of type: EventType) -> EventOrigin {
        switch type {
        case .voucherRedeemed: return .pos
        case .contactCreated, .contactUpdated, .contactTagAdded, .contactTagRemoved, .contactSegmentChanged, .contactErased,
             .contactMerged: return .api
        default: return .live
        }
    }

    static func data(for type: EventType) -> JSONValue {
        switch type {
        case .orderReceived: return orderData(.received)
        case .orderInProduction: return orderData(.inProduction)
        case .orderShipped: return orderData(.shipped)
        case .orderInTransit: return orderData(.inTransit)
        case .orderDelivered: return orderData(.delivered)
        case .orderCancelled: return orderData(.cancelled)
        case .orderReturned: return orderData(.returned)
        case .orderFailed: return orderData(.failed)
        case .orderUpdated: return orderData(.received)
        case .contactCreated, .contactUpdated:
            return ["contact": contact().json]
        case .contactTagAdded:
            return ["contact": contact(tags: ["Customer", "Newsletter", "OrderCompleted"]).json, "tag": "OrderCompleted"]
        case .contactTagRemoved:
            return ["contact": contact(tags: ["Customer", "OrderCompleted"]).json, "tag": "Newsletter"]
        case .contactSegmentChanged:
            return ["contact": contact().json, "segment": "At risk", "previous_segment": "Loyal"]
        case .contactErased:
            return ["contact_id": .string(contactID), "contact": .null]
        case .contactMerged:
            return ["contact": contact().json, "merged_contact_id": "con_01JDQ8ZK3M5N7P9Q1R3S5T7V9X",
                    "merge_candidate_id": "mrg_01JDQ8ZM4N6P8Q0R2S4T6V8W0Y"]
        case .voucherRedeemed:
            return [
                "voucher": [
                    "id": "vch_01JDQ9A2B7C4D8E3F6G5H1J9KM", "code": "BONUS-7F3K", "redeemed": "100.00", "remaining": "150.00",
                    "currency": "SEK", "used_at": .string(Timestamp.format(occurredAt)),
                ],
                "contact": contact().json,
            ]
        }
    }

    static func orderData(_ status: OrderStatus) -> JSONValue {
        ["order": order(status: status).json, "contact": contact().json]
    }
}
