import Foundation
import KvittoCore

/// FAPI bodies → the canonical model. A FAPI notification names an invoice; the invoice is the order Kvitto
/// keeps (its id is the external id), and the FAPI order behind it (`GET /orders?invoice=…`), when fetched,
/// adds what the invoice lacks: the buyer's name split in two, phone, billing and shipping address.
public enum FAPIMapper {
    /// FAPI is a Czech service and writes `created_on` in Prague time without an offset.
    public static let defaultTimeZone = TimeZone(identifier: "Europe/Prague") ?? .gmt

    /// Maps an invoice, with its order when the caller has it.
    /// - Parameters:
    ///   - invoice: `GET /invoices/{id}` or one entry of the invoices list.
    ///   - order: the FAPI order whose `invoice` is this invoice; its field errors are reported under `/order`.
    ///   - statuses: the connection's status mapping.
    ///   - timeZone: the zone of `created_on`.
    ///   - source: the `source` label of the resulting input.
    /// - Throws: `KvittoError.invalid` with a pointer per missing or malformed field, including an order
    ///   that belongs to another invoice.
    public static func order(invoice: JSONValue, order: JSONValue? = nil, statuses: StatusMapping = .fapi,
                             timeZone: TimeZone = defaultTimeZone, source: String = "fapi") throws(KvittoError) -> PlatformOrder {
        let log = FieldErrorLog()
        let r = PayloadReader(invoice, log: log)
        let o = order.map { PayloadReader($0, at: "/order", log: log) }
        let externalID = r.identifier("id", required: true)
        if let o, let externalID, o.identifier("invoice") != externalID {
            log.add(o.path("invoice"), "must be the invoice's id \(externalID)")
        }
        let currency = r.text("currency", required: true)?.uppercased()
        var input = OrderInput(source: source, externalID: externalID ?? "", currency: currency ?? "")
        input.number = r.text("number")
        input.createdAt = r.timestamp("created_on", localTimeZone: timeZone)

        let invoiceCustomer = r.object("customer").map(invoiceContact)
        let orderCustomer = o.map(contact)
        let customer = orderCustomer.map { $0.filling(from: invoiceCustomer) } ?? invoiceCustomer
        input.customer = customer?.isEmpty == false ? customer : nil

        // Rounding items square the invoice total; they are not goods and must not enter the catalogue.
        input.lines = r.array("items").filter { $0.bool("round_item") != true }.compactMap(line)
        if let recipient = o?.object("shipping_address").flatMap(shippingAddress) {
            var shipping = Shipping()
            shipping.address = recipient
            input.shipping = shipping
        }
        input.totals = r.money("total", required: true).map { Totals(tax: r.money("total_vat"), total: $0) }
        let platformStatus = platformStatus(of: invoice)
        input.status = statuses.status(for: platformStatus)
        try r.finish()
        return PlatformOrder(input: input, platformStatus: platformStatus)
    }

    /// FAPI invoices have payment flags, not a status; first match wins: `cancelled` (the invoice was
    /// cancelled), `credited` (a credit note refunds it), `paid`, otherwise `unpaid`.
    public static func platformStatus(of invoice: JSONValue) -> String {
        if invoice["cancelled"]?.boolValue == true { return "cancelled" }
        if invoice["has_credit_note"]?.boolValue == true { return "credited" }
        return invoice["paid"]?.boolValue == true ? "paid" : "unpaid"
    }

    /// A client (`GET /clients/{id}`) → a contact.
    public static func contact(client: JSONValue) throws(KvittoError) -> ContactInput {
        let log = FieldErrorLog()
        let r = PayloadReader(client, log: log)
        let contact = contact(r)
        try r.finish()
        return contact
    }

    /// FAPI clients and orders share these fields.
    static func contact(_ r: PayloadReader) -> ContactInput {
        var contact = ContactInput(email: r.text("email"), phone: r.text("phone"),
                                   firstName: r.text("first_name"), lastName: r.text("last_name"))
        contact.address = r.object("address").flatMap { address($0, name: nil) }
        return contact
    }

    /// An invoice's `customer` has one `name`, which FAPI fills with the e-mail address when the buyer gave
    /// no name; that is not a name and is dropped.
    static func invoiceContact(_ r: PayloadReader) -> ContactInput {
        var contact = contact(r)
        let email = contact.email
        if contact.firstName == nil, contact.lastName == nil, let name = r.text("name"), name != email, !name.contains("@") {
            (contact.firstName, contact.lastName) = splitFullName(name)
        }
        return contact
    }

    static func shippingAddress(_ r: PayloadReader) -> Address? {
        let name = [r.text("name"), r.text("surname")].compactMap { $0 }.joined(separator: " ")
        return address(r, name: name.isEmpty ? nil : name)
    }

    static func address(_ r: PayloadReader, name: String?) -> Address? {
        Address(name: name, line1: r.text("street"), postalCode: r.text("zip"), city: r.text("city"),
                country: r.text("country")?.uppercased()).nonEmpty
    }

    static func line(_ r: PayloadReader) -> LineInput? {
        let quantity = r.quantity("count")
        let price = r.money("price", required: true)
        guard let quantity, let price else { return nil }
        return LineInput(sku: r.text("code"), name: r.text("name"), quantity: quantity, unitPrice: price,
                         lineTotal: price * quantity)
    }
}
