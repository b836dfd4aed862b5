import Foundation
import KvittoCore

/// The data a message template renders against, built from an event envelope (SPEC §4) and the account's
/// formatting.
///
/// Its top level holds `contact`, `order`, `event`, `account`, and shortcuts where the event has them:
/// `shipping` (the order's), `receipt` (a POS purchase's store, register, staff and payment), `voucher`,
/// `tag`. The rule for every merge field is that it renders what a customer should read, and the raw
/// value sits beside it under a suffix:
///
/// - Money (order totals, line `unit_price` and `line_total`, shipping `cost`, voucher amounts) is text in
///   the account's locale (`647,00 kr`); `<name>_amount` keeps the plain decimal (`647.00`).
/// - Timestamps are local date and time (`22 november 2026 10:41`); `<name>_iso` keeps the RFC 3339 text
///   and `<name>_date` the local date alone.
///
/// Where the event carries a value as `null` the context keeps `null` (and the suffixed siblings are
/// `null` too), so a template that names it renders nothing without a missing-field warning. Everything
/// else of the order and contact is passed through unchanged: custom fields stay reachable as
/// `{{contact.fields.Sitoo-Contact.member_number}}`, lines stay an array for `{{#order.lines}}…`.
public enum MessageContext {
    /// The context of `event`, an envelope as `Event.json` and `EventSamples` produce it. `accountName`,
    /// the merchant's name as customers know it, signs the standard templates (`account.name`).
    public static func make(event: JSONValue, formatting: MessageFormatting, accountName: String? = nil) -> JSONValue {
        let builder = Builder(formatting: formatting)
        let data = event["data"]?.objectValue ?? JSONObject()
        var context = JSONObject()
        var account = formatting.json.objectValue ?? JSONObject()
        account["name"] = .string(accountName)
        context["account"] = .object(account)
        context["event"] = builder.event(event)
        if let contact = data["contact"] { context["contact"] = builder.contact(contact) }
        if let order = data["order"]?.objectValue {
            let transformed = builder.order(order)
            context["order"] = .object(transformed)
            context["shipping"] = transformed["shipping"] ?? .null
            if event["origin"]?.stringValue == EventOrigin.pos.rawValue { context["receipt"] = builder.receipt(transformed) }
        }
        if let voucher = data["voucher"]?.objectValue { context["voucher"] = builder.voucher(voucher) }
        for (key, value) in data where context[key] == nil { context[key] = value }
        return .object(context)
    }

    /// The context of a model event.
    public static func make(event: Event, formatting: MessageFormatting, accountName: String? = nil) -> JSONValue {
        make(event: event.json, formatting: formatting, accountName: accountName)
    }

    /// Where POS purchases keep what a receipt shows, in the order-level custom field group the Sitoo
    /// connection creates (SPEC §8). Each receipt field takes the first of its candidate field names that
    /// the purchase has.
    static let receiptGroup = "Sitoo-Order"
    static let receiptFields: [(name: String, candidates: [String])] = [
        ("store", ["store_name", "store", "store_id"]),
        ("register", ["register_name", "register", "register_id"]),
        ("staff", ["staff_name", "staff", "staff_id"]),
        ("payment", ["payment_method", "payment", "payment_methods"]),
    ]

    struct Builder {
        let formatting: MessageFormatting

        func event(_ envelope: JSONValue) -> JSONValue {
            var event = JSONObject()
            for key in ["id", "type", "sequence", "origin"] { event[key] = envelope[key] ?? .null }
            event["occurred_at"] = envelope["occurred_at"] ?? .null
            localise(timestamps: ["occurred_at"], in: &event)
            return .object(event)
        }

        func contact(_ value: JSONValue) -> JSONValue {
            guard var contact = value.objectValue else { return value }
            localise(timestamps: ["created_at", "updated_at"], in: &contact)
            let name = [contact["first_name"]?.stringValue, contact["last_name"]?.stringValue]
                .compactMap { $0?.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
            contact["full_name"] = name.isEmpty ? .null : .string(name)
            return .object(contact)
        }

        func order(_ source: JSONObject) -> JSONObject {
            var order = source
            let currency = order["currency"]?.stringValue ?? formatting.currency
            localise(timestamps: ["created_at", "received_at", "updated_at"], in: &order)
            if var totals = order["totals"]?.objectValue {
                localise(money: totals.keys, in: &totals, currency: currency)
                order["totals"] = .object(totals)
            }
            if let lines = order["lines"]?.arrayValue {
                order["lines"] = .array(lines.map { line in
                    guard var object = line.objectValue else { return line }
                    localise(money: ["unit_price", "line_total"], in: &object, currency: currency)
                    return .object(object)
                })
            }
            if var shipping = order["shipping"]?.objectValue {
                localise(money: ["cost"], in: &shipping, currency: currency)
                if shipping["tracking_url"]?.stringValue == nil,
                   let carrier = shipping["carrier"]?.stringValue, let number = shipping["tracking_number"]?.stringValue {
                    shipping["tracking_url"] = .string(TrackingLink.url(carrier: carrier, trackingNumber: number, region: formatting.region))
                }
                order["shipping"] = .object(shipping)
            }
            return order
        }

        /// What a digital receipt of a POS purchase shows besides the order: `null` for what the till did
        /// not report.
        func receipt(_ order: JSONObject) -> JSONValue {
            let group = order["fields"]?[MessageContext.receiptGroup]?.objectValue ?? JSONObject()
            var receipt = JSONObject()
            for (name, candidates) in MessageContext.receiptFields {
                receipt[name] = candidates.lazy.compactMap { group[$0] }.first { !$0.isNull } ?? .null
            }
            return .object(receipt)
        }

        func voucher(_ source: JSONObject) -> JSONValue {
            var voucher = source
            localise(money: ["amount", "redeemed", "remaining"], in: &voucher, currency: voucher["currency"]?.stringValue ?? formatting.currency)
            localise(timestamps: ["used_at", "valid_from", "valid_to"], in: &voucher)
            return .object(voucher)
        }

        /// Each of `keys` that `object` has becomes customer-readable money, with `<key>_amount` beside it.
        func localise(money keys: [String], in object: inout JSONObject, currency: String) {
            for key in keys {
                guard let value = object[key] else { continue }
                if let amount = Money(json: value) {
                    object[key] = .string(MoneyText.format(amount, currency: currency, formatting))
                    object[key + "_amount"] = .string(amount.description)
                } else if value.isNull {
                    object[key + "_amount"] = .null
                }
            }
        }

        /// Each of `keys` that `object` has becomes a local date and time, with `<key>_iso` and
        /// `<key>_date` beside it. Values that are not timestamps are left as they are.
        func localise(timestamps keys: [String], in object: inout JSONObject) {
            for key in keys {
                guard let value = object[key] else { continue }
                if let text = value.stringValue, let date = Timestamp.parse(text) {
                    object[key] = .string(LocalDateText.dateTime(date, formatting))
                    object[key + "_iso"] = value
                    object[key + "_date"] = .string(LocalDateText.date(date, formatting))
                } else if value.isNull {
                    object[key + "_iso"] = .null
                    object[key + "_date"] = .null
                }
            }
        }
    }
}
