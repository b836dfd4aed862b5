import Foundation
import KvittoConnectors
import KvittoCore
import KvittoTestSupport
import Testing

@Suite("Shopify mapper", SharedFixtures.required)
struct ShopifyMapperTests {
    static let sampleOrder = "fixtures/shopify/webhooks/orders_create.2026-07.json"

    /// The published sample order (the same body for every order topic), every mapped field.
    @Test func publishedSampleOrderMapsEveryField() throws {
        let mapped = try ShopifyMapper.order(try SharedFixtures.json(Self.sampleOrder))
        let input = mapped.input
        #expect(input.source == "shopify")
        #expect(input.externalID == "820982911946154508")
        #expect(input.number == "#9999")
        #expect(utc(input.createdAt) == "2022-01-01T00:00:00.000Z")
        #expect(input.currency == "USD")

        #expect(!mapped.customerHidden)
        let customer = try #require(input.customer)
        #expect(customer.firstName == "John")
        #expect(customer.lastName == "Smith")
        #expect(customer.email == "john@example.com")
        #expect(customer.phone == nil)
        #expect(customer.address == Address(line1: "123 Elm St.", postalCode: "K2H7A8", city: "Ottawa", region: "Ontario", country: "CA"))

        #expect(input.lines == [
            LineInput(externalID: "788032119674292922", sku: "SKU2006-001", name: "Aviator sunglasses",
                      quantity: money("1"), unitPrice: money("89.99"), lineTotal: money("89.99")),
            LineInput(sku: "LENS-PROTECT-2YR", name: "Lens Protection Plan (2 Year)",
                      quantity: money("1"), unitPrice: money("19.99"), lineTotal: money("19.99")),
            LineInput(sku: "CASE-LEATHER-PREM", name: "Premium Leather Case",
                      quantity: money("1"), unitPrice: money("24.99"), lineTotal: money("24.99")),
            LineInput(externalID: "788032119674292922", sku: "SKU2006-020", name: "Mid-century lounger",
                      quantity: money("1"), unitPrice: money("159.99"), lineTotal: money("159.99")),
            LineInput(externalID: "788032119674292922", sku: "SKU2006-035", name: "Coffee table",
                      quantity: money("1"), unitPrice: money("119.99"), lineTotal: money("119.99")),
        ])

        let shipping = try #require(input.shipping)
        #expect(shipping.carrier == "Generic Shipping")
        #expect(shipping.method == "Generic Shipping")
        #expect(shipping.cost == money("10.00"))
        #expect(shipping.trackingNumber == nil)
        #expect(shipping.address == Address(name: "Steve Shipper", line1: "123 Shipping Street", postalCode: "40003",
                                            city: "Shippington", region: "Kentucky", country: "US"))
        #expect(mapped.deliveryDetails == "Delivery details — Carrier: Generic Shipping; Cost: 10.00; Address: Steve Shipper, 123 Shipping Street, 40003 Shippington, US")

        #expect(input.totals == Totals(subtotal: money("404.95"), shipping: money("10.00"), tax: money("0.00"),
                                       discount: money("20.00"), total: money("404.95")))
        // The sample is a cancelled order (`cancelled_at` set, payment voided).
        #expect(mapped.platformStatus == "cancelled")
        #expect(input.status == .cancelled)
    }

    /// trigger.dev's copy went through a JavaScript number: its ids end in rounded digits. They are kept as
    /// given, text for text, not "repaired" from the GraphQL id and not re-rounded.
    @Test func roundedTriggerDevOrderKeepsItsIdsExactlyAsGiven() throws {
        let mapped = try ShopifyMapper.order(try SharedFixtures.json("fixtures/shopify/webhooks/triggerdev_Order.json"))
        let input = mapped.input
        #expect(input.externalID == "820982911946154500")
        #expect(input.number == "#9999")
        #expect(utc(input.createdAt) == "2022-01-01T00:00:00.000Z")
        #expect(input.customer?.email == "john@example.com")
        #expect(input.customer?.firstName == "John")
        #expect(input.customer?.address?.line1 == "123 Elm St.")
        #expect(input.lines == [
            LineInput(externalID: "632910392", sku: "IPOD2008PINK", name: "IPod Nano - 8GB",
                      quantity: money("1"), unitPrice: money("199.00"), lineTotal: money("199.00")),
            LineInput(externalID: "632910392", sku: "IPOD2008PINK", name: "IPod Nano - 8GB",
                      quantity: money("1"), unitPrice: money("199.00"), lineTotal: money("199.00")),
        ])
        #expect(input.shipping?.cost == money("10.00"))
        #expect(input.shipping?.address?.name == "Steve Shipper")
        #expect(input.totals == Totals(subtotal: money("388.00"), shipping: money("10.00"), tax: money("0.00"),
                                       discount: money("20.00"), total: money("388.00")))
        #expect(mapped.platformStatus == "cancelled")
        #expect(input.status == .cancelled)
    }

    /// Status variants of the sample, made by editing its parsed JSON.
    @Test(arguments: [
        (cancelledAt: false, financial: "paid", fulfillment: nil, raw: "open", status: OrderStatus.received),
        (cancelledAt: false, financial: "pending", fulfillment: nil, raw: "open", status: .received),
        (cancelledAt: false, financial: "paid", fulfillment: "partial", raw: "partially_fulfilled", status: .shipped),
        (cancelledAt: false, financial: "paid", fulfillment: "fulfilled", raw: "fulfilled", status: .shipped),
        (cancelledAt: false, financial: "refunded", fulfillment: "fulfilled", raw: "refunded", status: .returned),
        (cancelledAt: true, financial: "refunded", fulfillment: nil, raw: "cancelled", status: .cancelled),
        (cancelledAt: true, financial: "paid", fulfillment: "fulfilled", raw: "cancelled", status: .cancelled),
    ] as [(cancelledAt: Bool, financial: String, fulfillment: String?, raw: String, status: OrderStatus)])
    func statusIsDerivedFromCancellationPaymentAndFulfilment(
        variant: (cancelledAt: Bool, financial: String, fulfillment: String?, raw: String, status: OrderStatus)
    ) throws {
        let json = try SharedFixtures.json(Self.sampleOrder).editing([
            "cancelled_at": variant.cancelledAt ? "2022-01-02T10:00:00Z" : .null,
            "financial_status": .string(variant.financial),
            "fulfillment_status": .string(variant.fulfillment),
        ])
        let mapped = try ShopifyMapper.order(json)
        #expect(mapped.platformStatus == variant.raw)
        #expect(mapped.input.status == variant.status)
        #expect(StatusMapping.shopify.isFinished(variant.raw) == ["fulfilled", "cancelled", "refunded"].contains(variant.raw))
    }

    /// orders/fulfilled: the fulfilment's carrier and tracking reach the shipping, and the comment names the carrier.
    @Test func fulfilledOrderCarriesTrackingOfItsLatestFulfilment() throws {
        let json = try SharedFixtures.json(Self.sampleOrder).editing([
            "cancelled_at": .null, "financial_status": "paid", "fulfillment_status": "fulfilled",
            "fulfillments": [
                ["id": 1, "status": "success", "tracking_company": "PostNord", "tracking_number": "RR123SE",
                 "tracking_url": "https://tracking.postnord.com/RR123SE"],
            ],
        ])
        let shipping = try #require(try ShopifyMapper.order(json).input.shipping)
        #expect(shipping.carrier == "PostNord")
        #expect(shipping.method == "Generic Shipping")
        #expect(shipping.trackingNumber == "RR123SE")
        #expect(shipping.trackingURL == "https://tracking.postnord.com/RR123SE")
    }

    @Test func connectionOverrideReplacesOneDefault() throws {
        let statuses = try StatusMapping.shopify.overriding(with: ["fulfilled": "delivered"], at: "/settings/status_mapping")
        let json = try SharedFixtures.json(Self.sampleOrder).editing(["cancelled_at": .null, "fulfillment_status": "fulfilled"])
        #expect(try ShopifyMapper.order(json, statuses: statuses).input.status == .delivered)
        #expect(try ShopifyMapper.order(try SharedFixtures.json(Self.sampleOrder), statuses: statuses).input.status == .cancelled)
    }

    /// A plan that hides customer data sends no customer and no e-mail: the order is kept with the
    /// unspecified customer, and the shipping address is still mapped.
    @Test func orderWithoutCustomerDataIsKeptWithHiddenCustomer() throws {
        let json = try SharedFixtures.json(Self.sampleOrder).editing(["customer": nil, "email": nil, "contact_email": nil])
        let mapped = try ShopifyMapper.order(json)
        #expect(mapped.customerHidden)
        #expect(mapped.input.customer == nil)
        #expect(mapped.input.shipping?.address?.line1 == "123 Shipping Street")
        #expect(mapped.input.lines.count == 5)
    }

    @Test func customerWithoutEmailOrPhoneCountsAsHidden() throws {
        let json = try SharedFixtures.json(Self.sampleOrder).editing([
            "customer": ["id": .number(JSONNumber(validatedText: "115310627314723954")), "email": nil, "phone": nil],
            "email": nil, "contact_email": nil,
        ])
        let mapped = try ShopifyMapper.order(json)
        #expect(mapped.customerHidden)
        #expect(mapped.input.customer == nil)
    }

    @Test func orderWithoutIdOrWithBadAmountsIsInvalidWithPointers() throws {
        let json = try SharedFixtures.json(Self.sampleOrder).editing(["id": nil, "total_price": "about 400"])
        #expect(throws: KvittoError.invalid([FieldError("/id", "is required"), FieldError("/total_price", "must be a decimal amount")])) {
            try ShopifyMapper.order(json)
        }
    }

    @Test func publishedCustomerMapsToContactWithDefaultAddress() throws {
        let contact = try ShopifyMapper.contact(try SharedFixtures.json("fixtures/shopify/webhooks/customers_create.2026-07.json"))
        #expect(contact.email == "bob@biller.com")
        #expect(contact.phone == nil)
        #expect(contact.firstName == "Bob")
        #expect(contact.lastName == "Biller")
        #expect(contact.address == Address(line1: "151 O'Connor Street", postalCode: "K2P 2L8", city: "Ottawa", region: "ON", country: "CA"))
    }

    @Test func triggerDevCustomerMapsToContactWithoutAddress() throws {
        let contact = try ShopifyMapper.contact(try SharedFixtures.json("fixtures/shopify/webhooks/triggerdev_CustomersCreate.json"))
        #expect(contact == ContactInput(email: "bob@biller.com", phone: nil, firstName: "Bob", lastName: "Biller"))
    }

    @Test func publishedProductMapsToCatalogueProduct() throws {
        let product = try ShopifyMapper.product(try SharedFixtures.json("fixtures/shopify/webhooks/products_create.2026-07.json"))
        #expect(product.name == "Example T-Shirt")
        #expect(product.description == "An example T-Shirt")
        #expect(product.code == "788032119674292922")
        #expect(product.sku == nil, "both variants have no SKU")
        #expect(product.categories == [["Shirts"]])
        #expect(product.price == money("19.99"))
    }

    @Test func triggerDevProductKeepsItsRoundedIdAndHasNoSingleSKU() throws {
        let product = try ShopifyMapper.product(try SharedFixtures.json("fixtures/shopify/webhooks/triggerdev_Product.json"))
        #expect(product.name == "Example T-Shirt")
        #expect(product.code == "788032119674292900")
        #expect(product.sku == nil, "two variants with two SKUs: each order line carries its own")
        #expect(product.categories == [["Shirts"]])
        #expect(product.price == money("19.99"))
    }

    @Test func productWhoseVariantsShareOneSKUTakesIt() throws {
        let json = try SharedFixtures.json("fixtures/shopify/webhooks/products_create.2026-07.json")
            .editing(["variants": [["sku": "TEE-1", "price": "19.99"], ["sku": "TEE-1", "price": "21.00"]]])
        let product = try ShopifyMapper.product(json)
        #expect(product.sku == "TEE-1")
        #expect(product.price == money("19.99"))
    }
}
