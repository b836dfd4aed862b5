import KvittoCore
import KvittoTemplates
import Testing

@Suite("Event samples")
struct EventSamplesTests {
    static let specTemplate = """
        {"orderRef": {"$expr": "data.order.number"},
         "items": {"$expr": "data.order.lines[].{sku: sku, qty: quantity}"},
         "note": {"$template": "Shipped with {{data.order.shipping.carrier}}"}}
        """

    @Test(arguments: EventType.allCases)
    func everyEventTypeHasAnEnvelopeOfItsType(type: EventType) throws {
        let sample = EventSamples.sample(for: type)
        #expect(sample["type"]?.stringValue == type.rawValue)
        #expect(sample["sequence"]?.numberValue?.int64 == 42)
        #expect(sample["id"]?.stringValue.map { KvittoID.isWellFormed($0, .event) } == true)
        #expect(sample["account_id"]?.stringValue.map { KvittoID.isWellFormed($0, .account) } == true)
        #expect(sample["occurred_at"]?.stringValue.flatMap(Timestamp.parse) != nil)
        #expect(EventOrigin(rawValue: sample["origin"]?.stringValue ?? "") != nil)
        #expect(sample["data"]?.objectValue != nil)
    }

    @Test(arguments: EventType.allCases)
    func specTemplateRendersAgainstEverySample(type: EventType) throws {
        let template = try PostbackTemplate(json(Self.specTemplate))
        let output = try template.render(EventSamples.sample(for: type))
        if type.rawValue.hasPrefix("order.") {
            #expect(output["orderRef"] == "#1001")
            #expect(output["items"]?.arrayValue?.count == 3)
        } else {
            #expect(output == (try json(#"{"orderRef": null, "items": null, "note": "Shipped with "}"#)))
        }
    }

    @Test(arguments: OrderStatus.allCases)
    func orderSamplesCarryTheStatusOfTheirEvent(status: OrderStatus) throws {
        let sample = EventSamples.sample(for: status.eventType)
        #expect(sample["data"]?["order"]?["status"]?.stringValue == status.rawValue)
        #expect(sample["data"]?["contact"]?["email"] == "anna.lindqvist@example.se")
    }

    @Test func orderSampleIsTheAPIShapeOfARealOrder() throws {
        let order = EventSamples.sample(for: .orderShipped)["data"]?["order"]
        // Exactly the model's own JSON, so it cannot drift from `GET /v1/orders/{id}`.
        #expect(order == EventSamples.order(status: .shipped).json)
        #expect(Set(order?.objectValue?.keys ?? []) == Set(EventSamples.order().json.objectValue?.keys ?? []))
        #expect(order?["currency"] == "SEK")
        #expect(order?["external_id"] == "820982911946154508")
        #expect(order?["lines"]?.arrayValue?.first?["unit_price"] == "149.00")
        #expect(order?["lines"]?.arrayValue?.first?["quantity"]?.numberValue?.text == "2")
        #expect(order?["shipping"]?["address"]?["city"] == "Stockholm")
        #expect(order?["shipping"]?["tracking_number"]?.stringValue != nil)
        #expect(order?["totals"]?["total"] == "1145.00")
        // Lines add up to the subtotal, and subtotal plus shipping to the total.
        let lineSum = (order?["lines"]?.arrayValue ?? []).compactMap { $0["line_total"].flatMap(Money.init(json:)) }.reduce(Money.zero, +)
        #expect(lineSum == Money(parsing: "1096.00"))
        // Round-trips through the stored form.
        #expect(try Order(stored: order ?? .null, accountID: "acc_x").json == order)
    }

    @Test func orderNotYetShippedHasNoTracking() throws {
        let order = EventSamples.sample(for: .orderReceived)["data"]?["order"]
        #expect(order?["shipping"]?["tracking_number"] == .null)
        #expect(order?["shipping"]?["carrier"] == "PostNord")
    }

    @Test func contactSampleIsTheAPIShapeOfARealContact() throws {
        let contact = EventSamples.sample(for: .contactCreated)["data"]?["contact"]
        #expect(contact == EventSamples.contact().json)
        #expect(contact?["phone"] == "+46701234567")
        #expect(PhoneNumber.normalize(contact?["phone_raw"]?.stringValue ?? "", defaultCountry: "SE") == "+46701234567")
        #expect(contact?["address"]?["city"] == "Stockholm")
        #expect(try Contact(stored: contact ?? .null, accountID: "acc_x").json == contact)
    }

    @Test func tagAddedCarriesTheTagAndAContactThatHasIt() throws {
        let data = EventSamples.sample(for: .contactTagAdded)["data"]
        #expect(data?["tag"] == "OrderCompleted")
        #expect(data?["contact"]?["tags"]?.arrayValue?.contains("OrderCompleted") == true)
    }

    @Test func erasedContactCarriesOnlyItsID() throws {
        let data = EventSamples.sample(for: .contactErased)["data"]
        #expect(data?["contact"] == .null)
        #expect(data?["contact_id"]?.stringValue.map { KvittoID.isWellFormed($0, .contact) } == true)
    }

    @Test func voucherRedemptionCarriesVoucherAndContact() throws {
        let sample = EventSamples.sample(for: .voucherRedeemed)
        let voucher = sample["data"]?["voucher"]
        #expect(sample["origin"] == "pos")
        #expect(voucher?["code"] == "BONUS-7F3K")
        #expect(voucher?["redeemed"] == "100.00")
        #expect(voucher?["remaining"] == "150.00")
        #expect(voucher?["currency"] == "SEK")
        #expect(voucher?["used_at"]?.stringValue.flatMap(Timestamp.parse) != nil)
        #expect(sample["data"]?["contact"]?["first_name"] == "Anna")
    }

    @Test func samplesAreListedForEveryEventTypeInOrder() {
        #expect(EventSamples.all.map(\.type) == EventType.allCases)
    }

    @Test func modelIDsAreWellFormed() {
        let order = EventSamples.order()
        #expect(KvittoID.isWellFormed(order.id, .order))
        #expect(KvittoID.isWellFormed(order.connectionID, .connection))
        #expect(order.lines.allSatisfy { KvittoID.isWellFormed($0.productID ?? "", .product) })
        #expect(KvittoID.isWellFormed(EventSamples.contact().id, .contact))
    }
}
