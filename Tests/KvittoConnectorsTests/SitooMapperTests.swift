import Foundation
import KvittoConnectors
import KvittoCore
import KvittoTestSupport
import Testing

@Suite("Sitoo mapper", SharedFixtures.required)
struct SitooMapperTests {
    @Test func eventsDeliveryMapsToOrderEvents() throws {
        let events = try SitooMapper.events(try SharedFixtures.json("fixtures/sitoo/events_spi_POST_events.SYNTHETIC.json"))
        #expect(events == [
            SitooOrderEvent(eventID: "5e9fd002119a4c5fb4de5ccb9d0b90ea", occurredAt: Date(timeIntervalSince1970: 1611138542),
                            accountID: "1500", eshopID: "1", orderID: "12345", orderEventType: "add", orderStateChanged: nil),
            SitooOrderEvent(eventID: "6f0ae113220b5d6fc5ef6ddcae1c01fb", occurredAt: Date(timeIntervalSince1970: 1611138600),
                            accountID: "1500", eshopID: "1", orderID: "12345", orderEventType: "update", orderStateChanged: "closed"),
        ])
    }

    @Test func deliveryOfMoreThanTenEventsIsInvalid() throws {
        let events = try #require(try SharedFixtures.json("fixtures/sitoo/events_spi_POST_events.SYNTHETIC.json").arrayValue)
        let eleven = JSONValue.array(Array(repeating: events[0], count: 11))
        #expect(throws: KvittoError.invalid([FieldError("", "holds 11 events; Sitoo sends at most 10")])) {
            try SitooMapper.events(eleven)
        }
    }

    @Test func eventsOfOtherTypesAreSkippedAndBrokenOrderEventsReported() throws {
        let body: JSONValue = [
            ["event_id": "a", "event_type": "customer", "event_date": 1611138542, "data": ["customer_id": "c"]],
            ["event_id": "b", "event_type": "order", "event_date": "yesterday", "data": ["order_id": 1]],
        ]
        #expect(throws: KvittoError.invalid([FieldError("/1/event_date", "must be Unix seconds")])) { try SitooMapper.events(body) }
        #expect(try SitooMapper.events([body.arrayValue?[0] ?? nil]) == [])
    }

    @Test func crmCustomerMapsToContact() throws {
        let customers = try #require(try SharedFixtures.json("fixtures/sitoo/crm_spi_v2_GET_customers_response.SYNTHETIC.json").arrayValue)
        let contact = try SitooMapper.contact(try #require(customers.first))
        #expect(contact.email == "anna.svensson@example.se")
        #expect(contact.phone == "+46701234567")
        #expect(contact.firstName == "Anna")
        #expect(contact.lastName == "Svensson")
        #expect(contact.address == Address(line1: "Storgatan 1", postalCode: "11122", city: "Stockholm", country: "SE"))
    }
}
