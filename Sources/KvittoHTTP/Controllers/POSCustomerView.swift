import Foundation
import Hummingbird
import KvittoCore
import KvittoStorage

/// Sitoo's customer object, and the input a till sends.
enum POSCustomerView {
    /// Members of the customer object a till may send back unchanged; Kvitto computes them, so they are ignored.
    static let computed = ["customer_id", "status", "promotions", "bonus_checks", "voucher_passwords", "sections",
                           "additional_options", "consents"]

    static func input(_ r: inout ObjectReader) -> POSCustomerInput {
        var input = POSCustomerInput()
        let raw = r.object
        for member in ["email", "mobile", "name_first", "name_last", "invoice_address", "gender", "store_id_home"] where raw[member] == .some(.null) {
            input.clear.insert(member)
        }
        input.email = r.string("email", maxLength: 320)
        input.mobile = r.string("mobile", maxLength: 40)
        input.firstName = r.string("name_first", maxLength: 200)
        input.lastName = r.string("name_last", maxLength: 200)
        input.memberNumber = r.identifier("member_number")
        input.gender = r.string("gender", maxLength: 40)
        input.storeIDHome = r.identifier("store_id_home")
        if var address = r.object("invoice_address") {
            var value = Address()
            value.line1 = address.string("address", maxLength: 500)
            value.city = address.string("city", maxLength: 200)
            value.postalCode = address.string("zip", maxLength: 20)
            value.country = address.string("country_id", maxLength: 2)?.uppercased()
            address.finish()
            input.address = value
        }
        if let consent = r.value("accepts_communication") {
            switch consent {
            case .bool(let yes): input.acceptsCommunication = yes ? ["email", "sms"] : []
            case .array(let items) where items.allSatisfy({ ["email", "sms", "mail"].contains($0.stringValue ?? "") }):
                input.acceptsCommunication = items.compactMap(\.stringValue)
            default: r.fail("/accepts_communication", "a list of channels (email, sms, mail), or true or false")
            }
        }
        for member in computed { _ = r.value(member) }
        return input
    }

    /// The customer as the till shows it. `sections` are the contact's custom field groups, titled, each
    /// value as text; `status` is red for a blacklisted customer, otherwise green with the engagement segment.
    static func json(_ contact: Contact, in reader: any StoreReader) throws -> JSONValue {
        json(TillCard(contact: contact, settings: try reader.settings(account: contact.accountID),
                      vouchers: try reader.vouchers(account: contact.accountID, contactID: contact.id)))
    }

    static func json(_ card: TillCard) -> JSONValue {
        let contact = card.contact
        let club = contact.fields[POSGroups.contact] ?? [:]
        let address: JSONValue = contact.address.map { a in
            ["address": .string(a.line1), "city": .string(a.city), "zip": .string(a.postalCode), "country_id": .string(a.country)]
        } ?? .null
        let channels: JSONValue = club["accepts_communication"] ?? .array(contact.consent == true ? ["email", "sms"] : [])
        let segment = contact.fields[Engagement.group]?["segment"]?.stringValue
        let status: JSONValue = contact.blacklisted ? ["color": "red", "text": "Blacklisted"] : ["color": "green", "text": .string(segment ?? "")]
        // The groups the account chose for the till, in its order; every group when it chose none.
        let shown = card.settings?.pos.sectionGroups ?? contact.fields.keys.sorted()
        let sections: [JSONValue] = shown.filter { contact.fields[$0] != nil }.map { group in
            let values: [JSONValue] = (contact.fields[group] ?? [:]).sorted { $0.key < $1.key }.filter { !$0.value.isNull }.map { name, value in
                ["title": .string(name), "text": .string(text(value)), "type": "text"]
            }
            return ["title": .string(group), "values": .array(values)]
        }
        return [
            "customer_id": .string(contact.id), "member_number": .string(contact.memberNumber), "email": .string(contact.email),
            "name_first": .string(contact.firstName), "name_last": .string(contact.lastName), "mobile": .string(contact.phone),
            "invoice_address": address, "gender": club["gender"] ?? .null, "accepts_communication": channels, "consents": [],
            "status": status, "promotions": [], "bonus_checks": .array(card.vouchers.map(\.tillJSON)),
            "voucher_passwords": [],
            "store_id_home": club["store_id_home"] ?? .null, "additional_options": [], "sections": .array(sections),
        ]
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .number(let n): return n.text
        case .bool(let b): return b ? "yes" : "no"
        case .array(let items) where items.allSatisfy({ $0.stringValue != nil }): return items.compactMap(\.stringValue).joined(separator: ", ")
        default: return JSONWriter.string(value)
        }
    }

    /// `{"purchase_id", "customer_id"?, "created_at"?, "currency", "lines": [order lines], "payments": [{"method",
    /// "amount"}]?, "total"?, "receipt_number"?}`. Lines are read as an order's are (same pointers).
    static func purchaseInput(_ json: JSONValue) throws -> POSPurchaseInput {
        let (_, customerID, order, payments) = try ObjectReader.decode(json) { r in readPurchase(&r) }
        let input = try OrderInput.read(.object(order))
        return POSPurchaseInput(order: input, customerID: customerID, payments: payments)
    }

    static func readPurchase(_ r: inout ObjectReader) -> (String, String?, JSONObject, [(method: String, amount: Money)])? {
        let id = r.identifier("purchase_id", required: true)
        let customerID = r.string("customer_id", maxLength: 100)
        var order: JSONObject = ["source": .string(POSPurchases.source), "external_id": .string(id ?? "")]
        order["number"] = .string(r.identifier("receipt_number") ?? id ?? "")
        for member in ["created_at", "currency", "lines"] { if let value = r.value(member) { order[member] = value } }
        if let total = r.value("total") { order["totals"] = ["total": total] }
        var payments: [(method: String, amount: Money)] = []
        if let list = r.value("payments") {
            for (index, item) in (list.arrayValue ?? []).enumerated() {
                guard var p = r.nested(item, at: "/payments/\(index)") else { continue }
                let method = p.string("method", required: true, maxLength: 100)
                let amount = p.money("amount", required: true)
                p.finish()
                if let method, let amount { payments.append((method, amount)) }
            }
            if list.arrayValue == nil { r.fail("/payments", "must be a list") }
        }
        return id.map { ($0, customerID, order, payments) }
    }

    /// One purchase of the history: a shop purchase or a web order, with its lines.
    static func purchase(_ order: Order) -> JSONValue {
        [
            "purchase_id": .string(order.id), "number": .string(order.number), "source": .string(order.source),
            "connection_id": .string(order.connectionID), "created_at": .string(Timestamp.format(order.createdAt)),
            "status": .string(order.status.rawValue), "currency": .string(order.currency), "total": order.totals.total.json,
            "lines": .array(order.lines.map { line in
                ["sku": .string(line.sku), "name": .string(line.name), "quantity": line.quantity.json,
                 "unit_price": line.unitPrice.json, "total": line.lineTotal.json]
            }),
        ]
    }
}
