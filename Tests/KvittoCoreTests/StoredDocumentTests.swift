import Foundation
import KvittoCore
import Testing

/// Models read back what they stored, and refuse a damaged document by naming the member at fault.
@Suite("Stored documents")
struct StoredDocumentTests {
    static let now = Date(timeIntervalSince1970: 1_780_000_000)

    static var contact: Contact {
        var contact = Contact(id: "con_1", accountID: "acc_1", createdAt: now)
        contact.email = "maja@example.se"; contact.emailKey = "maja@example.se"; contact.phone = "+46701234567"
        contact.tags = ["vip"]; contact.fields = ["Club": ["level": "gold"]]; contact.consent = true
        return contact
    }

    static var order: Order {
        var order = Order(id: "ord_1", accountID: "acc_1", connectionID: "cnx_1", source: "shopify", externalID: "820982911946154508",
                          createdAt: now, status: .shipped, currency: "SEK", receivedAt: now)
        order.lines = [OrderLine(productID: "prd_1", externalID: nil, sku: "TEE-M", name: "Tee", description: nil,
                                 quantity: Money(2), unitPrice: Money(units: 19_900, scale: 2), lineTotal: Money(units: 39_800, scale: 2))]
        order.totals = Totals(subtotal: Money(units: 39_800, scale: 2), total: Money(units: 39_800, scale: 2))
        return order
    }

    @Test func modelsReadBackWhatTheyStored() throws {
        #expect(try Contact(stored: Self.contact.json, accountID: "acc_1") == Self.contact)
        #expect(try Order(stored: Self.order.json, accountID: "acc_1") == Self.order)
        let product = Product(id: "prd_1", accountID: "acc_1", name: "Tee", createdAt: Self.now)
        #expect(try Product(stored: product.json, accountID: "acc_1") == product)
        let list = ContactList(id: "lst_1", accountID: "acc_1", name: "VIP", createdAt: Self.now)
        #expect(try ContactList(stored: list.json, accountID: "acc_1") == list)
    }

    /// Each damage: the document, and the member the error must name.
    static let damaged: [(what: String, document: JSONValue, member: String)] = {
        func changing(_ json: JSONValue, _ change: (inout JSONObject) -> Void) -> JSONValue {
            var object = json.objectValue!
            change(&object)
            return .object(object)
        }
        let contact = Self.contact.json, order = Self.order.json
        return [
            ("contact", changing(contact) { $0["created_at"] = nil }, "created_at"),
            ("contact", changing(contact) { $0["created_at"] = "yesterday" }, "created_at"),
            ("contact", changing(contact) { $0["id"] = 42 }, "id"),
            ("contact", changing(contact) { $0["blacklisted"] = "no" }, "blacklisted"),
            ("contact", changing(contact) { $0["fields"] = ["Club": "gold"] }, "fields.Club"),
            ("order", changing(order) { $0["status"] = "teleported" }, "status"),
            ("order", changing(order) { $0["received_at"] = .null }, "received_at"),
            ("order", changing(order) { $0["totals"] = ["total": "a lot"] }, "total"),
            ("order", changing(order) { $0["lines"] = [["name": "Tee", "quantity": 1, "unit_price": 1]] }, "line_total"),
        ]
    }()

    @Test(arguments: damaged.indices)
    func aDamagedDocumentIsAnErrorNamingTheMember(_ index: Int) {
        let (what, document, member) = Self.damaged[index]
        do {
            if what == "contact" { _ = try Contact(stored: document, accountID: "acc_1") } else { _ = try Order(stored: document, accountID: "acc_1") }
            Issue.record("a \(what) damaged at '\(member)' was read")
        } catch let error as MalformedRecord {
            #expect(error.member == member, "\(error)")
            #expect(!error.description.contains("maja@example.se"), "the message does not quote the document: \(error)")
        } catch {
            Issue.record("not a MalformedRecord: \(error)")
        }
    }

    @Test func aDocumentThatIsNotAnObjectIsAnError() {
        #expect(throws: MalformedRecord.self) { try Contact(stored: .null, accountID: "acc_1") }
        #expect(throws: MalformedRecord.self) { try Order(stored: ["not", "an", "order"], accountID: "acc_1") }
    }
}
