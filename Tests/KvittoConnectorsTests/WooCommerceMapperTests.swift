import Foundation
import KvittoConnectors
import KvittoCore
import KvittoTestSupport
import Testing

@Suite("WooCommerce mapper", SharedFixtures.required)
struct WooCommerceMapperTests {
    static let order727 = "fixtures/woocommerce/rest_v3_order_retrieve_727.json"

    static func expectOrder727(_ mapped: PlatformOrder) throws {
        let input = mapped.input
        #expect(input.source == "woocommerce")
        #expect(input.externalID == "727")
        #expect(input.number == "727")
        #expect(utc(input.createdAt) == "2017-03-22T19:28:02.000Z", "date_created_gmt, not the shop's local time")
        #expect(input.currency == "USD")

        let customer = try #require(input.customer)
        #expect(customer.firstName == "John")
        #expect(customer.lastName == "Doe")
        #expect(customer.email == "john.doe@example.com")
        #expect(customer.phone == "(555) 555-5555")
        #expect(customer.address == Address(line1: "969 Market", postalCode: "94103", city: "San Francisco", region: "CA", country: "US"))

        #expect(input.lines == [
            LineInput(externalID: "93", sku: nil, name: "Woo Single #1",
                      quantity: money("2"), unitPrice: money("3"), lineTotal: money("6.00")),
            LineInput(externalID: "22", sku: "Bar3", name: "Ship Your Idea – Color: Black, Size: M Test",
                      quantity: money("1"), unitPrice: money("12"), lineTotal: money("12.00")),
        ])

        let shipping = try #require(input.shipping)
        #expect(shipping.carrier == "Flat Rate")
        #expect(shipping.method == "flat_rate")
        #expect(shipping.cost == money("10.00"))
        #expect(shipping.address == Address(name: "John Doe", line1: "969 Market", postalCode: "94103", city: "San Francisco",
                                            region: "CA", country: "US"))
        #expect(mapped.deliveryDetails == "Delivery details — Carrier: Flat Rate; Cost: 10.00; Address: John Doe, 969 Market, 94103 San Francisco, US")

        #expect(input.totals == Totals(subtotal: money("18.00"), shipping: money("10.00"), tax: money("1.35"),
                                       discount: money("0.00"), total: money("29.35")))
        #expect(mapped.platformStatus == "processing")
        #expect(input.status == .received)
        #expect(!mapped.customerHidden)
    }

    @Test func restOrder727MapsEveryField() throws {
        let mapped = try WooCommerceMapper.order(try SharedFixtures.json(Self.order727))
        try Self.expectOrder727(mapped)
        try WooCommerceImportRules.check(mapped.input, defaultCountry: "US")
    }

    /// The webhook's wire body (PHP's compact JSON with `\/`) is the same order as the REST copy.
    @Test func webhookWireBodyMapsToTheSameOrderAsTheRestCopy() throws {
        let wire = try WooCommerceMapper.order(try SharedFixtures.json("fixtures/woocommerce/webhook_order_created.wire_body.json"))
        try Self.expectOrder727(wire)
        #expect(wire == (try WooCommerceMapper.order(try SharedFixtures.json(Self.order727))))
    }

    @Test func ordersListMapsBothOrders() throws {
        let list = try #require(try SharedFixtures.json("fixtures/woocommerce/rest_v3_orders_list.json").arrayValue)
        try #require(list.count == 2)
        try Self.expectOrder727(try WooCommerceMapper.order(list[0]))

        let completed = try WooCommerceMapper.order(list[1])
        let input = completed.input
        #expect(input.externalID == "723")
        #expect(input.number == "723")
        #expect(utc(input.createdAt) == "2017-03-21T19:16:00.000Z")
        #expect(input.customer?.firstName == "João")
        #expect(input.customer?.lastName == "Silva")
        #expect(input.customer?.email == "joao.silva@example.com")
        #expect(input.customer?.phone == "(11) 1111-1111")
        #expect(input.customer?.address == Address(line1: "Av. Brasil, 432", postalCode: "12345-000", city: "Rio de Janeiro",
                                                   region: "RJ", country: "BR"))
        #expect(input.lines == [
            LineInput(externalID: "87", name: "Woo Album #2", quantity: money("1"), unitPrice: money("9"), lineTotal: money("9.00")),
            LineInput(externalID: "34", name: "Woo Ninja", quantity: money("1"), unitPrice: money("20"), lineTotal: money("20.00")),
        ])
        #expect(input.shipping?.carrier == "Flat rate")
        #expect(input.shipping?.method == "flat_rate:25")
        #expect(input.shipping?.cost == money("10.00"))
        #expect(input.totals == Totals(subtotal: money("29.00"), shipping: money("10.00"), tax: money("0.00"),
                                       discount: money("0.00"), total: money("39.00")))
        #expect(completed.platformStatus == "completed")
        #expect(input.status == .shipped)
        #expect(StatusMapping.wooCommerce.isFinished(completed.platformStatus), "the initial import skips completed orders")
    }

    @Test(arguments: [
        ("pending", OrderStatus.received), ("processing", .received), ("on-hold", .received), ("completed", .shipped),
        ("cancelled", .cancelled), ("refunded", .returned), ("failed", .failed), ("trash", .cancelled),
        ("awaiting-shipment", .received), ("checkout-draft", .received),
    ])
    func statusesMapAndUnknownExtensionStatusesAreReceivedButKept(raw: String, expected: OrderStatus) throws {
        let mapped = try WooCommerceMapper.order(try SharedFixtures.json(Self.order727).editing(["status": .string(raw)]))
        #expect(mapped.input.status == expected)
        #expect(mapped.platformStatus == raw)
    }

    @Test func orderWithoutItemsIsNotImported() throws {
        let mapped = try WooCommerceMapper.order(try SharedFixtures.json(Self.order727).editing(["line_items": []]))
        #expect(reason { try WooCommerceImportRules.check(mapped.input, defaultCountry: "US") } == "no-lines")
    }

    @Test func orderWithoutCustomerIsNotImported() throws {
        let empty: JSONValue = ["first_name": "", "last_name": "", "company": "", "address_1": "", "address_2": "", "city": "",
                                "state": "", "postcode": "", "country": "", "email": "", "phone": ""]
        let mapped = try WooCommerceMapper.order(try SharedFixtures.json(Self.order727).editing(["billing": empty, "shipping": empty]))
        #expect(mapped.input.customer == nil)
        #expect(reason { try WooCommerceImportRules.check(mapped.input, defaultCountry: "US") } == "no-customer")
    }

    @Test func customerWithNeitherEmailNorPhoneIsNotImported() throws {
        let json = try SharedFixtures.json(Self.order727)
        let billing = try #require(json["billing"]).editing(["email": "", "phone": ""])
        let mapped = try WooCommerceMapper.order(json.editing(["billing": billing]))
        #expect(mapped.input.customer?.firstName == "John")
        #expect(reason { try WooCommerceImportRules.check(mapped.input, defaultCountry: "US") } == "no-contact-channel")

        let junk = try WooCommerceMapper.order(json.editing(["billing": billing.editing(["email": "test@test", "phone": "0000000"])]))
        #expect(reason { try WooCommerceImportRules.check(junk.input, defaultCountry: "US") } == "no-contact-channel",
                "values that identify nobody are no channel")
    }

    /// The phone comes from billing, else from shipping (WooCommerce 5.6+ has a shipping phone).
    @Test func phoneFallsBackToTheShippingPhone() throws {
        let json = try SharedFixtures.json(Self.order727)
        let billing = try #require(json["billing"]).editing(["email": "", "phone": ""])
        let shipping = try #require(json["shipping"]).editing(["phone": "070-123 45 67"])
        let mapped = try WooCommerceMapper.order(json.editing(["billing": billing, "shipping": shipping]))
        #expect(mapped.input.customer?.phone == "070-123 45 67")
        try WooCommerceImportRules.check(mapped.input, defaultCountry: "SE")
    }

    @Test func restCustomerMapsToContactWithBillingAddress() throws {
        let contact = try WooCommerceMapper.contact(try SharedFixtures.json("fixtures/woocommerce/rest_v3_customer_retrieve.json"))
        #expect(contact.email == "john.doe@example.com")
        #expect(contact.phone == "(555) 555-5555")
        #expect(contact.firstName == "John")
        #expect(contact.lastName == "Doe")
        #expect(contact.address == Address(line1: "969 Market", postalCode: "94103", city: "San Francisco", region: "CA", country: "US"))
    }

    /// The product's two categories (Clothing and its child T-shirts) are one chain: the deepest is chosen.
    @Test func restProductMapsWithItsChosenCategoryPath() throws {
        let tree = try WooCommerceCategoryTree(json: try SharedFixtures.json("fixtures/woocommerce/rest_v3_product_categories_list.json"))
        let product = try WooCommerceMapper.product(try SharedFixtures.json("fixtures/woocommerce/rest_v3_product_retrieve.json"),
                                                    categories: tree)
        #expect(product.name == "Premium Quality")
        #expect(product.code == "794")
        #expect(product.sku == nil)
        #expect(product.price == money("21.99"))
        #expect(product.categories == [["Clothing", "T-shirts"]])
        #expect(product.description?.hasPrefix("<p>Pellentesque habitant morbi tristique") == true)
    }

    @Test func categoriesListReadsIntoATree() throws {
        let tree = try WooCommerceCategoryTree(json: try SharedFixtures.json("fixtures/woocommerce/rest_v3_product_categories_list.json"))
        #expect(tree.categories.count == 7)
        #expect(tree.categories["9"] == .init(id: "9", name: "Clothing", parentID: nil))
        #expect(tree.path(to: "10") == ["Clothing", "Hoodies"])
        #expect(tree.path(to: "15") == ["Music", "Albums"])
        #expect(tree.path(to: "12") == ["Posters"])
    }
}

/// The rejection reason a rule throws, or `nil` when it passes or fails otherwise.
func reason(_ body: () throws -> Void) -> String? {
    do { try body(); return nil } catch let error as KvittoError { return error.reason } catch { return nil }
}
