import Foundation
import KvittoCore

/// Sitoo REST orders (`GET /v2/accounts/{account}/sites/{site}/orders`) → the canonical model: what a POS
/// purchase event's order id is fetched as, and what the historical import pages through.
///
/// No real Sitoo order payload is among the shared fixtures; the fields are Sitoo's documented order
/// fields (`orderid`, `orderdate` in Unix seconds, `orderstateid`, `orderitems[]` with `sku`, `productid`,
/// `quantity`, `moneynetpriceperunit`, …). A credit order (a refund) carries negative quantities and the
/// id of the order it credits; it becomes its own order in status `returned` with positive quantities.
public enum SitooOrderMapper {
    /// Sitoo order states: 0 open, 10 closed (the customer has the goods), 20 cancelled.
    public static let statuses = StatusMapping(statuses: ["0": .received, "10": .delivered, "20": .cancelled, "credit": .returned])

    public static func order(_ json: JSONValue, statuses: StatusMapping = statuses, source: String = "sitoo") throws(KvittoError) -> PlatformOrder {
        let log = FieldErrorLog()
        let r = PayloadReader(json, log: log)
        let externalID = r.identifier("orderid", required: true)
        var input = OrderInput(source: source, externalID: externalID ?? "", currency: r.text("currencycode", required: true)?.uppercased() ?? "")
        input.number = externalID
        if let seconds = r.member("orderdate")?.numberValue?.int64 { input.createdAt = Date(timeIntervalSince1970: TimeInterval(seconds)) }
        var customer = ContactInput(email: r.text("email"), phone: r.text("phone"), firstName: r.text("namefirst"), lastName: r.text("namelast"))
        if let line1 = r.text("invoice_address") {
            customer.address = Address(line1: line1, line2: r.text("invoice_address2"), postalCode: r.text("invoice_zip"),
                                       city: r.text("invoice_city"), country: r.text("invoice_countryid"))
        }
        input.customer = customer.email == nil && customer.phone == nil ? nil : customer
        let isCredit = r.identifier("creditorderid") != nil
            || r.array("orderitems").contains { ($0.money("quantity")?.isPositive ?? true) == false }
        input.lines = r.array("orderitems").compactMap { item -> LineInput? in
            guard let quantity = item.money("quantity", required: true), let price = item.money("moneynetpriceperunit", required: true) else { return nil }
            return LineInput(externalID: item.identifier("productid"), sku: item.text("sku"), name: item.text("productname"),
                             quantity: quantity.magnitude, unitPrice: price,
                             lineTotal: item.money("moneyitemtotal_net")?.magnitude)
        }
        if let line1 = r.text("delivery_address") {
            var shipping = Shipping()
            shipping.carrier = r.text("deliverytypename")
            shipping.address = Address(line1: line1, line2: r.text("delivery_address2"), postalCode: r.text("delivery_zip"),
                                       city: r.text("delivery_city"), country: r.text("delivery_countryid"))
            input.shipping = shipping
        }
        if let gross = r.money("moneytotal_gross_all") {
            input.totals = Totals(subtotal: r.money("moneyfinal_net")?.magnitude, shipping: nil, tax: r.money("moneyfinal_vat")?.magnitude,
                                  discount: nil, total: gross.magnitude)
        }
        let platformStatus = isCredit ? "credit" : r.text("orderstateid")
        input.status = statuses.status(for: platformStatus)
        try r.finish()
        return PlatformOrder(input: input, platformStatus: platformStatus, customerHidden: input.customer == nil)
    }
}

extension Money {
    /// The amount without its sign (a credit order's lines are negative).
    var magnitude: Money { units < 0 ? Money(units: -units, scale: scale) : self }
}
