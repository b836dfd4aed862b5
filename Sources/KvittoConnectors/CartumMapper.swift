import Foundation
import KvittoCore

/// Cartum (Horoshop) `order_created` webhook bodies, and `orders/get` entries, which have the same fields.
public enum CartumMapper {
    /// The zone Cartum's `stat_created` is written in when a connection does not say otherwise: Cartum is a
    /// Ukrainian platform and writes shop-local time without an offset.
    public static let defaultTimeZone = TimeZone(identifier: "Europe/Kyiv") ?? .gmt

    /// Maps one order. `order_id` is both the external id and the number the shop shows. Cartum keeps one
    /// recipient (`delivery_name`, `delivery_email`, `delivery_phone`), which is also the customer; the full
    /// name is split at its first space. `stat_status` is a status id, kept as text (`"1"`). Cartum sends no
    /// product id, so a line's code stays empty and its `article` is the SKU.
    /// - Parameters:
    ///   - json: the order JSON.
    ///   - statuses: the connection's status mapping.
    ///   - timeZone: the shop's zone, for `stat_created`.
    ///   - source: the `source` label of the resulting input.
    /// - Throws: `KvittoError.invalid` with a pointer per missing or malformed field.
    public static func order(_ json: JSONValue, statuses: StatusMapping = .cartum, timeZone: TimeZone = defaultTimeZone,
                             source: String = "cartum") throws(KvittoError) -> PlatformOrder {
        let log = FieldErrorLog()
        let r = PayloadReader(json, log: log)
        let externalID = r.identifier("order_id", required: true)
        let currency = r.text("currency", required: true)?.uppercased()
        var input = OrderInput(source: source, externalID: externalID ?? "", currency: currency ?? "")
        input.number = externalID
        input.createdAt = r.timestamp("stat_created", localTimeZone: timeZone)

        let name = splitFullName(r.text("delivery_name"))
        // UkrPoshta addresses come as `@`-separated parts.
        let street = r.text("delivery_address")?.split(separator: "@").map { String($0).trimmedWhitespace }.filter { !$0.isEmpty }
            .joined(separator: ", ")
        let recipient = Address(line1: street?.isEmpty == false ? street : nil, city: r.text("delivery_city")).nonEmpty
        var customer = ContactInput(email: r.text("delivery_email"), phone: r.text("delivery_phone"),
                                    firstName: name.first, lastName: name.last)
        customer.address = recipient
        input.customer = customer.isEmpty ? nil : customer

        input.lines = r.array("products").compactMap(line)
        var shipping = Shipping()
        let deliveryType = r.object("delivery_type")
        shipping.carrier = deliveryType?.text("title")
        shipping.method = deliveryType?.identifier("id")
        shipping.cost = r.money("delivery_price")
        shipping.address = recipient.map { address in
            var named = address
            named.name = r.text("delivery_name")
            return named
        }
        input.shipping = shipping == Shipping() ? nil : shipping

        let discounts = [r.money("discount_value"), r.money("coupon_discount_value")].compactMap { $0 }
        input.totals = r.money("total_sum", required: true).map { total in
            Totals(subtotal: r.money("total_default"), shipping: shipping.cost,
                   discount: discounts.isEmpty ? nil : discounts.reduce(.zero, +), total: total)
        }
        let platformStatus = r.text("stat_status")
        input.status = statuses.status(for: platformStatus)
        try r.finish()
        return PlatformOrder(input: input, platformStatus: platformStatus)
    }

    static func line(_ r: PayloadReader) -> LineInput? {
        let quantity = r.quantity("quantity")
        let price = r.money("price", required: true)
        guard let quantity, let price else { return nil }
        return LineInput(sku: r.text("article"), name: r.text("title"), quantity: quantity, unitPrice: price,
                         lineTotal: r.money("total_price"))
    }
}
