import Foundation
import KvittoConnectors
import KvittoCore
import KvittoTestSupport
import Testing

@Suite("FAPI mapper", SharedFixtures.required)
struct FAPIMapperTests {
    static let invoice = "fixtures/fapi/api_invoice_get_185993812.json"
    static let order = "fixtures/fapi/api_order_get_12440538.json"

    /// The invoice alone: its customer's `name` is only the e-mail again, so the contact has no name.
    @Test func invoiceMapsToAnOrder() throws {
        let mapped = try FAPIMapper.order(invoice: try SharedFixtures.json(Self.invoice))
        let input = mapped.input
        #expect(input.source == "fapi")
        #expect(input.externalID == "185993812")
        #expect(input.number == "202010004")
        #expect(utc(input.createdAt) == "2020-09-08T13:50:34.000Z", "15:50:34 in Prague, summer time (UTC+2)")
        #expect(input.currency == "CZK")
        #expect(input.customer == ContactInput(email: "test@gmail.com"))
        #expect(input.lines == [
            LineInput(name: "Sample Item", quantity: money("1"), unitPrice: money("10"), lineTotal: money("10")),
        ])
        #expect(input.shipping == nil)
        #expect(mapped.deliveryDetails == nil)
        #expect(input.totals == Totals(tax: money("0"), total: money("10")))
        #expect(mapped.platformStatus == "unpaid")
        #expect(input.status == .received)
    }

    @Test func invoicesListEntryMapsToAnOrder() throws {
        let list = try #require(try SharedFixtures.json("fixtures/fapi/api_invoices_list_limit1.json")["invoices"]?.arrayValue)
        let mapped = try FAPIMapper.order(invoice: try #require(list.first))
        #expect(mapped.input.externalID == "185993795")
        #expect(mapped.input.number == "202010001")
        #expect(utc(mapped.input.createdAt) == "2020-09-08T13:47:20.000Z")
        #expect(mapped.input.customer?.email == "test@gmail.com")
        #expect(mapped.input.lines.map(\.name) == ["Sample Item"])
        #expect(mapped.input.totals?.total == money("10"))
    }

    /// The order behind an invoice adds the buyer's names, phone, billing and shipping address. The fixtures'
    /// order belongs to invoice 209820339, so the invoice is given that id here.
    @Test func orderEnrichesItsInvoice() throws {
        let invoice = try SharedFixtures.json(Self.invoice).editing(["id": .number(JSONNumber(209820339))])
        let mapped = try FAPIMapper.order(invoice: invoice, order: try SharedFixtures.json(Self.order))
        let customer = try #require(mapped.input.customer)
        #expect(customer.firstName == "John")
        #expect(customer.lastName == "Smith")
        #expect(customer.email == "john.smith@example.com", "the order's buyer, not the invoice's placeholder")
        #expect(customer.phone == "+420123456789")
        #expect(customer.address == Address(line1: "Street", postalCode: "123 45", city: "City", country: "CZ"))
        #expect(mapped.input.shipping?.address == Address(name: "Sherlock Holmes", line1: "221b Baker Street", postalCode: "NW1 6XE",
                                                          city: "London", country: "GB"))
        #expect(mapped.deliveryDetails == "Delivery details — Address: Sherlock Holmes, 221b Baker Street, NW1 6XE London, GB")
        #expect(mapped.input.externalID == "209820339")
        #expect(mapped.input.lines.count == 1)
    }

    @Test func ordersListByInvoiceEntryEnrichesItsInvoice() throws {
        let orders = try #require(try SharedFixtures.json("fixtures/fapi/api_orders_list_by_invoice.json")["orders"]?.arrayValue)
        let invoice = try SharedFixtures.json(Self.invoice).editing(["id": .number(JSONNumber(209820339))])
        let order = try #require(orders.first)
        let mapped = try FAPIMapper.order(invoice: invoice, order: order)
        #expect(mapped.input.customer?.phone == "+420123456789")
        #expect(mapped.input.shipping?.address?.city == "London")
    }

    @Test func orderOfAnotherInvoiceIsRefused() throws {
        #expect(throws: KvittoError.invalid([FieldError("/order/invoice", "must be the invoice's id 185993812")])) {
            try FAPIMapper.order(invoice: try SharedFixtures.json(Self.invoice), order: try SharedFixtures.json(Self.order))
        }
    }

    @Test(arguments: [
        (["paid": true], "paid", OrderStatus.received),
        (["cancelled": true, "paid": true], "cancelled", .cancelled),
        (["has_credit_note": true, "paid": true], "credited", .returned),
        ([:], "unpaid", .received),
    ] as [([String: JSONValue?], String, OrderStatus)])
    func invoiceFlagsGiveTheStatus(flags: [String: JSONValue?], raw: String, expected: OrderStatus) throws {
        let mapped = try FAPIMapper.order(invoice: try SharedFixtures.json(Self.invoice).editing(flags))
        #expect(mapped.platformStatus == raw)
        #expect(mapped.input.status == expected)
        #expect(!StatusMapping.fapi.isFinished(raw), "FAPI syncs orders in all states")
    }

    @Test func clientMapsToContact() throws {
        let contact = try FAPIMapper.contact(client: try SharedFixtures.json("fixtures/fapi/api_client_get_1808080.json"))
        #expect(contact == ContactInput(email: "test-Fapi@fabik.org"))
    }
}
