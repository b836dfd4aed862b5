import Foundation
import KvittoCore
import Testing

@testable import KvittoTemplates

let swedishAccount = MessageFormatting(currency: "SEK", localeIdentifier: "sv-SE", timeZoneIdentifier: "Europe/Stockholm")
let englishAccount = MessageFormatting(currency: "SEK", localeIdentifier: "en-GB", timeZoneIdentifier: "Europe/Stockholm")
let nbsp = "\u{00A0}"

/// A purchase at a till, as the POS endpoints will record it: the sample order with origin `pos`, the
/// Sitoo order group, no shipping.
func posPurchaseEvent() -> Event {
    var order = EventSamples.order(status: .received)
    order.shipping = nil
    order.totals.shipping = nil
    order.fields["Sitoo-Order"] = ["store_name": .string("Butiken Götgatan"), "register_id": .string("3"), "payment_method": .string("Kort")]
    return Event(id: "evt_pos", accountID: "acc_1", sequence: 7, type: .orderReceived, occurredAt: order.createdAt, origin: .pos,
                 data: ["order": order.json, "contact": EventSamples.contact().json])
}

@Suite struct MessageContextTests {
    @Test func orderMoneyAndTimestampsAreReadableWithRawValuesBeside() {
        let context = MessageContext.make(event: EventSamples.sample(for: .orderShipped), formatting: swedishAccount, accountName: "Butiken")
        let order = context["order"]
        #expect(order?["totals"]?["total"] == .string("1\(nbsp)145,00\(nbsp)kr"))
        #expect(order?["totals"]?["total_amount"] == "1145.00")
        #expect(order?["totals"]?["discount"] == .string("0,00\(nbsp)kr"))
        #expect(order?["lines"]?["0"] == nil)
        #expect(order?["lines"]?.arrayValue?.first?["unit_price"] == .string("149,00\(nbsp)kr"))
        #expect(order?["lines"]?.arrayValue?.first?["line_total_amount"] == "298.00")
        // 2026-11-20T09:41:00Z is 10:41 in Stockholm.
        #expect(order?["created_at"] == "20 november 2026 10:41")
        #expect(order?["created_at_iso"] == "2026-11-20T09:41:00.000Z")
        #expect(order?["created_at_date"] == "20 november 2026")
        #expect(context["shipping"]?["cost"] == .string("49,00\(nbsp)kr"))
        #expect(context["shipping"]?["cost_amount"] == "49.00")
        #expect(context["shipping"]?["tracking_url"] == "https://tracking.postnord.com/se/?id=00370733741234567893")
        #expect(context["event"]?["type"] == "order.shipped")
        #expect(context["event"]?["occurred_at_iso"] == "2026-11-22T09:41:00.000Z")
        #expect(context["account"]?["name"] == "Butiken")
        #expect(context["account"]?["locale"] == "sv-SE")
        #expect(context["contact"]?["full_name"] == "Anna Lindqvist")
        #expect(context["receipt"] == nil)
    }

    @Test func trackingURLIsBuiltWhenTheOrderHasNone() throws {
        var order = EventSamples.order(status: .shipped)
        order.shipping?.carrier = "Budbee"
        order.shipping?.trackingURL = nil
        let event = Event(id: "evt_1", accountID: "acc_1", sequence: 1, type: .orderShipped, occurredAt: order.createdAt, origin: .live,
                          data: ["order": order.json])
        let context = MessageContext.make(event: event, formatting: englishAccount)
        #expect(context["shipping"]?["tracking_url"] == "https://tracking.budbee.com/00370733741234567893")
        #expect(context["order"]?["totals"]?["total"] == .string("1,145.00\(nbsp)SEK"))

        order.shipping?.carrier = "Bud & Co"
        let unknown = MessageContext.make(event: Event(id: "evt_2", accountID: "acc_1", sequence: 2, type: .orderShipped,
                                                       occurredAt: order.createdAt, origin: .live, data: ["order": order.json]),
                                          formatting: englishAccount)
        #expect(unknown["shipping"]?["tracking_url"] == .null)
    }

    @Test func mergeFieldsFromTheSpecRender() throws {
        let context = MessageContext.make(event: EventSamples.sample(for: .orderReceived), formatting: swedishAccount)
        let template = try MessageTemplate(.sms(text:
            "{{contact.first_name}} {{order.number}} {{order.totals.total}} {{contact.fields.Sitoo-Contact.member_number}} "
            + "{{#order.lines}}{{name}} × {{quantity}} {{line_total}}; {{/order.lines}}{{shipping.tracking_url}}"))
        let message = try template.render(context)
        #expect(message.text == "Anna #1001 1\(nbsp)145,00\(nbsp)kr 100234 Kaffemugg Höstlöv × 2 298,00\(nbsp)kr; "
            + "Ullfilt, grå 130×170 × 1 499,00\(nbsp)kr; Linneservetter 4-pack × 1 299,00\(nbsp)kr; ")
        // No tracking yet on a received order: present but null, so no warning.
        #expect(message.warnings.isEmpty)
    }

    @Test func posPurchasesHaveAReceipt() {
        let context = MessageContext.make(event: posPurchaseEvent(), formatting: swedishAccount)
        #expect(context["receipt"]?["store"] == "Butiken Götgatan")
        #expect(context["receipt"]?["register"] == "3")
        #expect(context["receipt"]?["staff"] == .null)
        #expect(context["receipt"]?["payment"] == "Kort")
        #expect(context["shipping"] == .null)
    }

    @Test func voucherAndContactEvents() {
        let voucher = MessageContext.make(event: EventSamples.sample(for: .voucherRedeemed), formatting: swedishAccount)
        #expect(voucher["voucher"]?["remaining"] == .string("150,00\(nbsp)kr"))
        #expect(voucher["voucher"]?["remaining_amount"] == "150.00")
        #expect(voucher["order"] == nil)
        let tag = MessageContext.make(event: EventSamples.sample(for: .contactTagAdded), formatting: swedishAccount)
        #expect(tag["tag"] == "OrderCompleted")
        let erased = MessageContext.make(event: EventSamples.sample(for: .contactErased), formatting: swedishAccount)
        #expect(erased["contact"] == .null)
        #expect(erased["contact_id"] != nil)
    }
}

@Suite struct StandardTemplatesTests {
    @Test func keysAreStableAndComplete() {
        let keys = Set(StandardTemplates.all.map(\.key))
        for kind in ["order_confirmation", "shipping_confirmation", "delivery_confirmation", "thank_you", "receipt"] {
            for language in ["sv", "en"] { #expect(keys.contains("\(kind).\(language)")) }
        }
        #expect(keys.count == StandardTemplates.all.count)
        #expect(StandardTemplates.template(key: "thank_you.sv")?.purpose == .marketing)
        #expect(StandardTemplates.all.filter { $0.purpose == .marketing }.map(\.key).sorted() == ["thank_you.en", "thank_you.sv"])
    }

    @Test(arguments: StandardTemplates.all.map(\.key))
    func rendersAgainstEverySampleEvent(key: String) throws {
        let standard = try #require(StandardTemplates.template(key: key))
        let template = try MessageTemplate(standard.source)
        for (_, sample) in EventSamples.all {
            let message = try template.render(MessageContext.make(event: sample, formatting: swedishAccount))
            #expect(message.subject?.isEmpty == false)
        }
        _ = try template.render(MessageContext.make(event: posPurchaseEvent(), formatting: swedishAccount))
    }

    @Test(arguments: StandardTemplates.all.map(\.key))
    func hasNoWarningsForTheEventsItIsMeantFor(key: String) throws {
        let standard = try #require(StandardTemplates.template(key: key))
        let template = try MessageTemplate(standard.source)
        let events = standard.forPOS ? [posPurchaseEvent()] : standard.eventTypes.map(EventSamples.event)
        #expect(!events.isEmpty)
        for event in events {
            let formatting = standard.language == "sv" ? swedishAccount : englishAccount
            let message = try template.render(MessageContext.make(event: event, formatting: formatting, accountName: "Butiken"))
            #expect(message.warnings.isEmpty, "\(key) on \(event.type.rawValue): \(message.warnings)")
            #expect(message.html?.contains("#1001") == true)
            #expect(message.text.contains("#1001"))
            #expect(message.text.contains("Butiken"))
            #expect(!message.text.contains("{{") && message.html?.contains("{{") == false)
        }
    }

    @Test func confirmationsShowWhatTheCustomerNeeds() throws {
        let sv = try MessageTemplate(#require(StandardTemplates.template(key: "shipping_confirmation.sv")).source)
            .render(MessageContext.make(event: EventSamples.sample(for: .orderShipped), formatting: swedishAccount))
        #expect(sv.subject == "Din order #1001 är på väg")
        #expect(sv.html?.contains("href=\"https://tracking.postnord.com/se/?id=00370733741234567893\"") == true)
        #expect(sv.text.contains("Spåra paketet: https://tracking.postnord.com/se/?id=00370733741234567893"))
        #expect(sv.text.contains("1 × Ullfilt, grå 130×170 (FILT-ULL-GRA): 499,00\(nbsp)kr"))
        // Blocks are separated by one blank line in the text part.
        #expect(sv.text.contains("(SERV-LIN-4): 299,00\(nbsp)kr\n\nLeveransadress:\n"))
        #expect(!sv.text.contains("\n\n\n"))

        let order = try MessageTemplate(#require(StandardTemplates.template(key: "order_confirmation.en")).source)
            .render(MessageContext.make(event: EventSamples.sample(for: .orderReceived), formatting: englishAccount))
        #expect(order.text.contains("Total: 1,145.00\(nbsp)SEK"))
        #expect(order.text.contains("Order date: 20 November 2026, 10:41"))
        #expect(order.text.contains("Götgatan 14\nlgh 1102\n118 46 Stockholm"))

        let receipt = try MessageTemplate(#require(StandardTemplates.template(key: "receipt.sv")).source)
            .render(MessageContext.make(event: posPurchaseEvent(), formatting: swedishAccount))
        #expect(receipt.text.contains("Butik: Butiken Götgatan\nKassa: 3\n"))
        #expect(!receipt.text.contains("Expedit"))
        #expect(receipt.text.contains("Betalning: Kort"))
        #expect(receipt.text.contains("2 × Kaffemugg Höstlöv (MUG-HOST-03) à 149,00\(nbsp)kr: 298,00\(nbsp)kr"))
    }

    @Test func htmlEscapesCustomerData() throws {
        var contact = EventSamples.contact()
        contact.firstName = "<b>Tom & \"Jerry\"</b>"
        let event = Event(id: "evt_x", accountID: "acc_1", sequence: 1, type: .orderReceived, occurredAt: Date(timeIntervalSince1970: 0),
                          origin: .live, data: ["order": EventSamples.order(status: .received).json, "contact": contact.json])
        for standard in StandardTemplates.all {
            let message = try MessageTemplate(standard.source).render(MessageContext.make(event: event, formatting: swedishAccount))
            #expect(message.html?.contains("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;") == true, "\(standard.key)")
            #expect(message.html?.contains("<b>Tom") == false)
            #expect(message.text.contains("<b>Tom & \"Jerry\"</b>"))
        }
    }
}
