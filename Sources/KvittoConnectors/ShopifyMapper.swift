import Foundation
import KvittoCore

/// Shopify webhook bodies → the canonical model. An order webhook (orders/create, /updated, /cancelled,
/// /fulfilled) carries the REST order JSON, the same as the historical import's `orders.json` pages.
public enum ShopifyMapper {
    /// Maps one order.
    ///
    /// Amounts are the shop-currency ones (`total_price`, `shop_money`), matching `currency`. The number is
    /// the order's `name` (`#1001`), what the merchant and the customer see. The contact is the order's
    /// customer with their default address; when the shop's plan hides customer data — no customer, or no
    /// e-mail and no phone anywhere on the order — the order keeps an unspecified customer and
    /// ``PlatformOrder/customerHidden`` is set, while the shipping address is still mapped.
    /// - Parameters:
    ///   - json: the order JSON.
    ///   - statuses: the connection's status mapping.
    ///   - source: the `source` label of the resulting input.
    /// - Throws: `KvittoError.invalid` with a pointer per missing or malformed field.
    public static func order(_ json: JSONValue, statuses: StatusMapping = .shopify,
                             source: String = "shopify") throws(KvittoError) -> PlatformOrder {
        let log = FieldErrorLog()
        let r = PayloadReader(json, log: log)
        let externalID = r.identifier("id", required: true)
        let currency = r.text("currency", required: true)?.uppercased()
        var input = OrderInput(source: source, externalID: externalID ?? "", currency: currency ?? "")
        input.number = r.text("name") ?? r.text("order_number")
        input.createdAt = r.timestamp("created_at")

        let customerObject = r.object("customer")
        let email = customerObject?.text("email") ?? r.text("email") ?? r.text("contact_email")
        let phone = customerObject?.text("phone") ?? r.text("phone")
        let customerHidden = customerObject == nil || (email == nil && phone == nil)
        if !customerHidden, let customerObject {
            let billing = r.object("billing_address")
            var customer = ContactInput(email: email, phone: phone,
                                        firstName: customerObject.text("first_name") ?? billing?.text("first_name"),
                                        lastName: customerObject.text("last_name") ?? billing?.text("last_name"))
            customer.address = (customerObject.object("default_address") ?? billing).flatMap { address($0, withName: false) }
            input.customer = customer
        }

        input.lines = r.array("line_items").compactMap(line)
        input.shipping = shipping(r)
        let shippingCost = input.shipping?.cost
        input.totals = r.money("total_price", required: true).map { total in
            Totals(subtotal: r.money("subtotal_price"), shipping: shippingCost, tax: r.money("total_tax"),
                   discount: r.money("total_discounts"), total: total)
        }
        let platformStatus = platformStatus(of: json)
        input.status = statuses.status(for: platformStatus)
        try r.finish()
        return PlatformOrder(input: input, platformStatus: platformStatus, customerHidden: customerHidden)
    }

    /// Shopify's order has no one status but three fields; Kvitto derives one raw status from them, first
    /// match wins:
    ///
    /// | condition | raw status |
    /// |---|---|
    /// | `cancelled_at` is set | `cancelled` |
    /// | `financial_status` is `refunded` | `refunded` |
    /// | `fulfillment_status` is `fulfilled` | `fulfilled` |
    /// | `fulfillment_status` is `partial` | `partially_fulfilled` |
    /// | otherwise (unfulfilled, paid or not) | `open` |
    ///
    /// Cancellation wins because a cancelled order keeps its old payment and fulfilment values; a refund
    /// outranks fulfilment because money given back is the later fact.
    public static func platformStatus(of json: JSONValue) -> String {
        if let cancelledAt = json["cancelled_at"], !cancelledAt.isNull { return "cancelled" }
        if json["financial_status"]?.stringValue == "refunded" { return "refunded" }
        switch json["fulfillment_status"]?.stringValue {
        case "fulfilled": return "fulfilled"
        case "partial": return "partially_fulfilled"
        default: return "open"
        }
    }

    /// A customers/create (or /update) body → the contact it describes, with its default address.
    public static func contact(_ json: JSONValue) throws(KvittoError) -> ContactInput {
        let log = FieldErrorLog()
        let r = PayloadReader(json, log: log)
        var contact = ContactInput(email: r.text("email"), phone: r.text("phone"),
                                   firstName: r.text("first_name"), lastName: r.text("last_name"))
        contact.address = r.object("default_address").flatMap { address($0, withName: false) }
        try r.finish()
        return contact
    }

    /// A products/create (or /update) body → a catalogue product. The code is the product id (seed 004);
    /// the SKU is the variants' SKU when they all share one (order lines carry their own variant's SKU);
    /// the price is the first variant's; the category is the product type.
    public static func product(_ json: JSONValue) throws(KvittoError) -> ProductInput {
        let log = FieldErrorLog()
        let r = PayloadReader(json, log: log)
        let variants = r.array("variants")
        let skus = Set(variants.compactMap { $0.text("sku") })
        let product = CatalogueProduct(name: r.text("title", required: true), description: r.text("body_html"),
                                       sku: skus.count == 1 ? skus.first : nil, code: r.identifier("id", required: true),
                                       category: r.text("product_type").map { [$0] } ?? [],
                                       price: variants.first?.money("price"))
        try r.finish()
        return try product.input()
    }

    static func line(_ r: PayloadReader) -> LineInput? {
        let quantity = r.quantity("quantity")
        let price = r.money("price", required: true)
        guard let quantity, let price else { return nil }
        // Shopify gives no line total; the line's own discount is taken off, order-level discounts are not.
        let lineTotal = (price * quantity).subtracting(r.money("total_discount") ?? .zero)
        return LineInput(externalID: r.identifier("product_id"), sku: r.text("sku"), name: r.text("title") ?? r.text("name"),
                         quantity: quantity, unitPrice: price, lineTotal: lineTotal)
    }

    /// The shipping option the customer chose, its cost, the recipient's address, and the tracking of the
    /// latest fulfilment (orders/fulfilled carries it); the carrier is the fulfilment's company once known.
    static func shipping(_ r: PayloadReader) -> Shipping? {
        let lines = r.array("shipping_lines")
        let fulfillment = r.array("fulfillments").last
        var shipping = Shipping()
        let titles = lines.compactMap { $0.text("title") }
        shipping.method = titles.isEmpty ? nil : titles.joined(separator: ", ")
        shipping.carrier = fulfillment?.text("tracking_company") ?? shipping.method
        shipping.cost = r.object("total_shipping_price_set")?.object("shop_money")?.money("amount")
            ?? lines.compactMap { $0.money("price") }.reduce(Money?.none) { ($0 ?? .zero) + $1 }
        shipping.trackingNumber = fulfillment?.text("tracking_number")
        shipping.trackingURL = fulfillment?.text("tracking_url")
        shipping.address = r.object("shipping_address").flatMap { address($0, withName: true) }
        return shipping == Shipping() ? nil : shipping
    }

    static func address(_ r: PayloadReader, withName: Bool) -> Address? {
        let name = withName ? (r.text("name") ?? [r.text("first_name"), r.text("last_name")].compactMap { $0 }.joined(separator: " ")) : ""
        return Address(name: name.isEmpty ? nil : name, line1: r.text("address1"), line2: r.text("address2"),
                       postalCode: r.text("zip"), city: r.text("city"), region: r.text("province"),
                       country: r.text("country_code")?.uppercased()).nonEmpty
    }
}
