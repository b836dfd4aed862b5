import Foundation

public enum OrderStatus: String, Sendable, CaseIterable {
    case received, inProduction = "in_production", shipped, inTransit = "in_transit", delivered, cancelled, returned, failed

    public var eventType: EventType { EventType(rawValue: "order." + rawValue)! }

    /// Whether an order in this status is a purchase for engagement (RFM): cancelled, returned and failed
    /// orders are not.
    public var countsAsPurchase: Bool { self != .cancelled && self != .returned && self != .failed }
}

public struct OrderLine: Sendable, Equatable {
    public var productID: String?
    public var externalID: String?
    public var sku: String?
    public var name: String
    public var description: String?
    public var quantity: Money
    public var unitPrice: Money
    public var lineTotal: Money

    public var json: JSONValue {
        [
            "product_id": .string(productID), "external_id": .string(externalID), "sku": .string(sku),
            "name": .string(name), "description": .string(description),
            "quantity": .number(JSONNumber(validatedText: quantity.plainDescription)),
            "unit_price": unitPrice.json, "line_total": lineTotal.json,
        ]
    }

    init(stored json: JSONValue) {
        productID = json["product_id"]?.stringValue; externalID = json["external_id"]?.stringValue
        sku = json["sku"]?.stringValue; name = json["name"]?.stringValue ?? ""
        description = json["description"]?.stringValue
        quantity = json["quantity"].flatMap(Money.init(json:)) ?? .zero
        unitPrice = json["unit_price"].flatMap(Money.init(json:)) ?? .zero
        lineTotal = json["line_total"].flatMap(Money.init(json:)) ?? .zero
    }

    public init(productID: String?, externalID: String?, sku: String?, name: String, description: String?,
                quantity: Money, unitPrice: Money, lineTotal: Money) {
        self.productID = productID; self.externalID = externalID; self.sku = sku; self.name = name
        self.description = description; self.quantity = quantity; self.unitPrice = unitPrice; self.lineTotal = lineTotal
    }
}

public struct Shipping: Sendable, Equatable {
    public var carrier: String?
    public var method: String?
    public var cost: Money?
    public var trackingNumber: String?
    public var trackingURL: String?
    public var address: Address?

    public init() {}

    public var json: JSONValue {
        [
            "carrier": .string(carrier), "method": .string(method), "cost": cost?.json ?? .null,
            "tracking_number": .string(trackingNumber), "tracking_url": .string(trackingURL),
            "address": address?.json ?? .null,
        ]
    }

    init(stored json: JSONValue) {
        carrier = json["carrier"]?.stringValue; method = json["method"]?.stringValue
        cost = json["cost"].flatMap(Money.init(json:))
        trackingNumber = json["tracking_number"]?.stringValue; trackingURL = json["tracking_url"]?.stringValue
        if let a = json["address"], !a.isNull { address = Address(stored: a) }
    }

    /// The part of shipping the merchant's staff reads in the order feed; tracking is not part of it.
    public var deliveryDetails: DeliveryDetails { DeliveryDetails(carrier: carrier, cost: cost, address: address) }
}

/// What a delivery-details comment records: a new comment is written when any of these change.
public struct DeliveryDetails: Sendable, Equatable {
    public var carrier: String?
    public var cost: Money?
    public var address: Address?

    public var isEmpty: Bool { carrier == nil && cost == nil && address == nil }

    public var comment: String {
        var parts: [String] = []
        if let carrier { parts.append("Carrier: \(carrier)") }
        if let cost { parts.append("Cost: \(cost)") }
        if let a = address {
            let text = [a.name, a.line1, a.line2, [a.postalCode, a.city].compactMap { $0 }.joined(separator: " "), a.country]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            if !text.isEmpty { parts.append("Address: \(text)") }
        }
        return "Delivery details — " + parts.joined(separator: "; ")
    }
}

public struct Totals: Sendable, Equatable {
    public var subtotal: Money?
    public var shipping: Money?
    public var tax: Money?
    public var discount: Money?
    public var total: Money

    public var json: JSONValue {
        [
            "subtotal": subtotal?.json ?? .null, "shipping": shipping?.json ?? .null, "tax": tax?.json ?? .null,
            "discount": discount?.json ?? .null, "total": total.json,
        ]
    }

    init(stored json: JSONValue) {
        subtotal = json["subtotal"].flatMap(Money.init(json:)); shipping = json["shipping"].flatMap(Money.init(json:))
        tax = json["tax"].flatMap(Money.init(json:)); discount = json["discount"].flatMap(Money.init(json:))
        total = json["total"].flatMap(Money.init(json:)) ?? .zero
    }

    public init(subtotal: Money? = nil, shipping: Money? = nil, tax: Money? = nil, discount: Money? = nil, total: Money) {
        self.subtotal = subtotal; self.shipping = shipping; self.tax = tax; self.discount = discount; self.total = total
    }
}

public struct Order: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var connectionID: String
    public var source: String
    public var externalID: String
    public var number: String?
    public var createdAt: Date
    public var status: OrderStatus
    /// The platform's own status text when it differs in kind from Kvitto's (a WooCommerce extension's
    /// `awaiting-shipment` kept as `received`); `nil` for orders of the native API.
    public var platformStatus: String?
    public var currency: String
    /// `nil` is the *unspecified* customer of platforms that hide customer data.
    public var contactID: String?
    public var lines: [OrderLine]
    public var shipping: Shipping?
    public var totals: Totals
    public var fields: FieldGroups
    public var locked: Bool
    public var receivedAt: Date
    public var updatedAt: Date

    public var json: JSONValue {
        [
            "id": .string(id), "source": .string(source), "connection_id": .string(connectionID),
            "external_id": .string(externalID), "number": .string(number), "created_at": .string(Timestamp.format(createdAt)),
            "status": .string(status.rawValue), "platform_status": .string(platformStatus), "currency": .string(currency),
            "contact_id": .string(contactID),
            "customer": contactID == nil ? "unspecified" : "contact",
            "lines": .array(lines.map(\.json)), "shipping": shipping?.json ?? .null, "totals": totals.json,
            "fields": fields.json, "locked": .bool(locked), "received_at": .string(Timestamp.format(receivedAt)),
            "updated_at": .string(Timestamp.format(updatedAt)),
        ]
    }

    public init(stored json: JSONValue, accountID: String) {
        id = json["id"]?.stringValue ?? ""; self.accountID = accountID
        connectionID = json["connection_id"]?.stringValue ?? ""; source = json["source"]?.stringValue ?? ""
        externalID = json["external_id"]?.stringValue ?? ""; number = json["number"]?.stringValue
        createdAt = json["created_at"]?.stringValue.flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0)
        status = json["status"]?.stringValue.flatMap(OrderStatus.init(rawValue:)) ?? .received
        platformStatus = json["platform_status"]?.stringValue
        currency = json["currency"]?.stringValue ?? ""; contactID = json["contact_id"]?.stringValue
        lines = json["lines"]?.arrayValue?.map(OrderLine.init(stored:)) ?? []
        if let s = json["shipping"], !s.isNull { shipping = Shipping(stored: s) }
        totals = json["totals"].map(Totals.init(stored:)) ?? Totals(total: .zero)
        fields = [:]
        if let groups = json["fields"]?.objectValue {
            for (group, members) in groups { fields[group] = members.objectValue.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key, $0.value) }) } }
        }
        locked = json["locked"]?.boolValue ?? false
        receivedAt = json["received_at"]?.stringValue.flatMap(Timestamp.parse) ?? createdAt
        updatedAt = json["updated_at"]?.stringValue.flatMap(Timestamp.parse) ?? receivedAt
    }

    public init(id: String, accountID: String, connectionID: String, source: String, externalID: String,
                createdAt: Date, status: OrderStatus, currency: String, receivedAt: Date) {
        self.id = id; self.accountID = accountID; self.connectionID = connectionID; self.source = source
        self.externalID = externalID; self.createdAt = createdAt; self.status = status; self.currency = currency
        self.lines = []; self.totals = Totals(total: .zero); self.fields = [:]; self.locked = false
        self.receivedAt = receivedAt; self.updatedAt = receivedAt
    }
}
