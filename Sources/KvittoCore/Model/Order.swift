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

    init(stored doc: StoredDocument) throws {
        productID = try doc.optionalString("product_id"); externalID = try doc.optionalString("external_id")
        sku = try doc.optionalString("sku"); name = try doc.optionalString("name") ?? ""
        description = try doc.optionalString("description")
        quantity = try doc.money("quantity")
        unitPrice = try doc.money("unit_price")
        lineTotal = try doc.money("line_total")
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

    init(stored doc: StoredDocument) throws {
        subtotal = try doc.optionalMoney("subtotal"); shipping = try doc.optionalMoney("shipping")
        tax = try doc.optionalMoney("tax"); discount = try doc.optionalMoney("discount")
        total = try doc.money("total")
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

    /// As stored (`json`; the account is a column beside it). Strict: see `StoredDocument`.
    public init(stored json: JSONValue, accountID: String) throws {
        let doc = try StoredDocument(json, what: "order")
        id = try doc.string("id"); self.accountID = accountID
        connectionID = try doc.string("connection_id"); source = try doc.string("source")
        externalID = try doc.string("external_id"); number = try doc.optionalString("number")
        createdAt = try doc.timestamp("created_at")
        status = try doc.value("status", as: OrderStatus.self)
        platformStatus = try doc.optionalString("platform_status")
        currency = try doc.string("currency"); contactID = try doc.optionalString("contact_id")
        lines = try doc.array("lines").map { try OrderLine(stored: doc.nested("lines", $0)) }
        if let s = json["shipping"], !s.isNull { shipping = Shipping(stored: s) }
        guard let storedTotals = json["totals"] else { throw doc.problem("totals", "missing") }
        totals = try Totals(stored: doc.nested("totals", storedTotals))
        fields = try doc.fieldGroups("fields")
        locked = try doc.bool("locked", absent: false)
        receivedAt = try doc.timestamp("received_at")
        updatedAt = try doc.timestamp("updated_at")
    }

    public init(id: String, accountID: String, connectionID: String, source: String, externalID: String,
                createdAt: Date, status: OrderStatus, currency: String, receivedAt: Date) {
        self.id = id; self.accountID = accountID; self.connectionID = connectionID; self.source = source
        self.externalID = externalID; self.createdAt = createdAt; self.status = status; self.currency = currency
        self.lines = []; self.totals = Totals(total: .zero); self.fields = [:]; self.locked = false
        self.receivedAt = receivedAt; self.updatedAt = receivedAt
    }
}
