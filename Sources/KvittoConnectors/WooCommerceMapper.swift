import KvittoCore

/// WooCommerce REST v3 bodies → the canonical model. An order webhook's body is the REST order JSON, so one
/// mapper serves webhooks and the historical import.
public enum WooCommerceMapper {
    /// Maps one order. Whether it may be imported at all is ``WooCommerceImportRules``' decision.
    ///
    /// The customer is the billing person; the phone is the billing phone, else the shipping phone (seed 004).
    /// An order whose billing and shipping say nothing about a person has no customer. Names are
    /// HTML-decoded (WordPress stores `&ndash;`). `date_created_gmt` is UTC; `date_created` is the shop's
    /// local time and is only the fallback.
    /// - Parameters:
    ///   - json: the order JSON.
    ///   - statuses: the connection's status mapping.
    ///   - source: the `source` label of the resulting input.
    /// - Throws: `KvittoError.invalid` with a pointer per missing or malformed field.
    public static func order(_ json: JSONValue, statuses: StatusMapping = .wooCommerce,
                             source: String = "woocommerce") throws(KvittoError) -> PlatformOrder {
        let log = FieldErrorLog()
        let r = PayloadReader(json, log: log)
        let externalID = r.identifier("id", required: true)
        let currency = r.text("currency", required: true)?.uppercased()
        var input = OrderInput(source: source, externalID: externalID ?? "", currency: currency ?? "")
        input.number = r.text("number") ?? externalID
        input.createdAt = r.timestamp("date_created_gmt") ?? r.timestamp("date_created")

        let billing = r.object("billing"), shippingAddress = r.object("shipping")
        var customer = ContactInput(email: billing?.text("email"),
                                    phone: billing?.text("phone") ?? shippingAddress?.text("phone"),
                                    firstName: billing?.text("first_name") ?? shippingAddress?.text("first_name"),
                                    lastName: billing?.text("last_name") ?? shippingAddress?.text("last_name"))
        customer.address = billing.flatMap { address($0, withName: false) }
        input.customer = customer.isEmpty ? nil : customer

        let items = r.array("line_items")
        input.lines = items.compactMap(line)
        input.shipping = shipping(r, address: shippingAddress)
        let lineSubtotals = items.compactMap { $0.money("subtotal") }
        input.totals = r.money("total", required: true).map { total in
            Totals(subtotal: lineSubtotals.isEmpty ? nil : lineSubtotals.reduce(.zero, +), shipping: r.money("shipping_total"),
                   tax: r.money("total_tax"), discount: r.money("discount_total"), total: total)
        }
        let platformStatus = r.text("status")
        input.status = statuses.status(for: platformStatus)
        try r.finish()
        return PlatformOrder(input: input, platformStatus: platformStatus)
    }

    /// A customer (`GET /customers/{id}`, customer.created webhook) → a contact with the billing address.
    public static func contact(_ json: JSONValue) throws(KvittoError) -> ContactInput {
        let log = FieldErrorLog()
        let r = PayloadReader(json, log: log)
        let billing = r.object("billing"), shipping = r.object("shipping")
        var contact = ContactInput(email: r.text("email") ?? billing?.text("email"),
                                   phone: billing?.text("phone") ?? shipping?.text("phone"),
                                   firstName: r.text("first_name") ?? billing?.text("first_name"),
                                   lastName: r.text("last_name") ?? billing?.text("last_name"))
        contact.address = billing.flatMap { address($0, withName: false) }
        try r.finish()
        return contact
    }

    /// A product (`GET /products/{id}`) → a catalogue product: code = product id, SKU, price, and the one
    /// category path ``WooCommerceCategoryTree/chosenPath(for:)`` picks from its categories.
    public static func product(_ json: JSONValue, categories: WooCommerceCategoryTree) throws(KvittoError) -> ProductInput {
        let log = FieldErrorLog()
        let r = PayloadReader(json, log: log)
        let categoryIDs = r.array("categories").compactMap { $0.identifier("id") }
        let product = CatalogueProduct(name: r.text("name", required: true)?.decodingHTMLEntities,
                                       description: r.text("description"), sku: r.text("sku"),
                                       code: r.identifier("id", required: true),
                                       category: categories.chosenPath(for: categoryIDs), price: r.money("price"))
        try r.finish()
        return try product.input()
    }

    static func line(_ r: PayloadReader) -> LineInput? {
        let quantity = r.quantity("quantity")
        let price = r.money("price", required: true)
        guard let quantity, let price else { return nil }
        // Product id 0 is a line whose product was deleted from the shop: it has no code any more.
        let productID = r.identifier("product_id").flatMap { $0 == "0" ? nil : $0 }
        // `kvitto_categories` is not WooCommerce's: the historical import puts the category path it chose
        // from the product and the shop's category tree there (webhook lines carry no categories).
        let categories = r.member("kvitto_categories")?.arrayValue?.compactMap(\.stringValue) ?? []
        return LineInput(externalID: productID, sku: r.text("sku"), name: r.text("name")?.decodingHTMLEntities,
                         categories: categories.isEmpty ? [] : [categories], quantity: quantity, unitPrice: price,
                         lineTotal: r.money("total"))
    }

    static func shipping(_ r: PayloadReader, address shippingAddress: PayloadReader?) -> Shipping? {
        let lines = r.array("shipping_lines")
        var shipping = Shipping()
        let titles = lines.compactMap { $0.text("method_title")?.decodingHTMLEntities }
        let methods = lines.compactMap { $0.text("method_id") }
        shipping.carrier = titles.isEmpty ? nil : titles.joined(separator: ", ")
        shipping.method = methods.isEmpty ? nil : methods.joined(separator: ", ")
        shipping.cost = r.money("shipping_total")
        shipping.address = shippingAddress.flatMap { address($0, withName: true) }
        return shipping == Shipping() ? nil : shipping
    }

    static func address(_ r: PayloadReader, withName: Bool) -> Address? {
        let name = withName ? [r.text("first_name"), r.text("last_name")].compactMap { $0 }.joined(separator: " ") : ""
        return Address(name: name.isEmpty ? nil : name, line1: r.text("address_1"), line2: r.text("address_2"),
                       postalCode: r.text("postcode"), city: r.text("city"), region: r.text("state"),
                       country: r.text("country")?.uppercased()).nonEmpty
    }
}
