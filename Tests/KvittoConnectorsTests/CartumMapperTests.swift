import Foundation
import KvittoConnectors
import KvittoCore
import KvittoTestSupport
import Testing

@Suite("Cartum mapper", SharedFixtures.required)
struct CartumMapperTests {
    static let orderCreated = "fixtures/cartum/webhook_order_created.SYNTHETIC.json"

    @Test func orderCreatedWebhookMapsEveryField() throws {
        let mapped = try CartumMapper.order(try SharedFixtures.json(Self.orderCreated))
        let input = mapped.input
        #expect(input.source == "cartum")
        #expect(input.externalID == "1001")
        #expect(input.number == "1001")
        #expect(utc(input.createdAt) == "2024-05-01T07:15:00.000Z", "10:15 in Kyiv, summer time (UTC+3)")
        #expect(input.currency == "UAH")

        let customer = try #require(input.customer)
        #expect(customer.firstName == "Olena")
        #expect(customer.lastName == "Kovalenko")
        #expect(customer.email == "olena@example.com.ua")
        #expect(customer.phone == "+38 (067) 123-45-67")
        #expect(customer.address == Address(city: "Kyiv"))

        #expect(input.lines == [
            LineInput(sku: "SKU-001", name: "Example product", quantity: money("1"), unitPrice: money("1599"), lineTotal: money("1599")),
        ])
        let shipping = try #require(input.shipping)
        #expect(shipping.carrier == "Local pickup")
        #expect(shipping.method == "42")
        #expect(shipping.cost == money("0"))
        #expect(shipping.address == Address(name: "Olena Kovalenko", city: "Kyiv"))
        #expect(mapped.deliveryDetails == "Delivery details — Carrier: Local pickup; Cost: 0.00; Address: Olena Kovalenko, Kyiv")
        #expect(input.totals == Totals(subtotal: money("1599"), shipping: money("0"), discount: money("0"), total: money("1599")))
        #expect(mapped.platformStatus == "1")
        #expect(input.status == .received)
    }

    @Test(arguments: [
        (1, OrderStatus.received, false), (2, .inProduction, false), (6, .shipped, false), (3, .delivered, true),
        (4, .cancelled, false), (77, .received, false),
    ])
    func statusIdsMapAndOnlyDeliveredIsFinished(id: Int, expected: OrderStatus, finished: Bool) throws {
        let mapped = try CartumMapper.order(try SharedFixtures.json(Self.orderCreated).editing(["stat_status": .number(JSONNumber(id))]))
        #expect(mapped.platformStatus == String(id))
        #expect(mapped.input.status == expected)
        #expect(StatusMapping.cartum.isFinished(mapped.platformStatus) == finished)
    }

    @Test func shopTimeZoneIsAConnectionChoice() throws {
        let mapped = try CartumMapper.order(try SharedFixtures.json(Self.orderCreated), timeZone: .gmt)
        #expect(utc(mapped.input.createdAt) == "2024-05-01T10:15:00.000Z")
    }

    @Test func ukrPoshtaAddressPartsAreJoined() throws {
        let json = try SharedFixtures.json(Self.orderCreated).editing(["delivery_address": "Khreshchatyk 1@apt. 5@01001"])
        #expect(try CartumMapper.order(json).input.customer?.address?.line1 == "Khreshchatyk 1, apt. 5, 01001")
    }

    @Test func orderWithoutIdIsInvalid() throws {
        #expect(throws: KvittoError.invalid([FieldError("/order_id", "is required")])) {
            try CartumMapper.order(try SharedFixtures.json(Self.orderCreated).editing(["order_id": nil]))
        }
    }
}
