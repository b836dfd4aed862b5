import Foundation
import KvittoCore

/// A completed purchase at a till, already read: the order it becomes, and who bought (a known customer,
/// or nobody: an anonymous purchase).
public struct POSPurchaseInput: Sendable {
    public var order: OrderInput
    public var customerID: String?
    public var payments: [(method: String, amount: Money)]
    public init(order: OrderInput, customerID: String? = nil, payments: [(method: String, amount: Money)] = []) {
        self.order = order; self.customerID = customerID; self.payments = payments
    }
}

/// Till purchases (SPEC §8): orders with origin `pos`, so triggers and automations (the digital receipt
/// copy) see them as shop purchases, with the store, register, staff and payment kept in the order's
/// `Sitoo-Order` group. The first one creates the groups a till works with.
public enum POSPurchases {
    /// The API connection till purchases are stored under; it takes purchases without a customer.
    public static let source = "pos"

    /// The fields of the groups a till works with, created on the account's first POS purchase so that a
    /// back office sees them (and their types) before any value arrives.
    public static let groups: [(group: String, fields: [(String, FieldType)])] = [
        (POSGroups.address, [("address", .text), ("city", .text), ("zip", .text), ("country_id", .text)]),
        (POSGroups.contact, [(POSGroups.memberNumber, .text), ("gender", .text), ("store_id_home", .text),
                             ("accepts_communication", .multiple), ("bonuschecks", .json)]),
        (POSGroups.order, [("purchase_id", .text), ("store_id", .text), ("register_id", .text), ("staff_id", .text),
                           ("payment", .text), ("total", .number)]),
    ]

    public static func record(_ input: POSPurchaseInput, account: Account, origin: POSOrigin, in writer: any StoreWriter,
                              now: Date) throws -> OrderUpsert {
        try ensureGroups(account: account.id, in: writer)
        var order = input.order
        order.source = source
        order.customer = nil
        if let id = input.customerID {
            guard let contact = try writer.contact(account: account.id, id: id) else {
                throw KvittoError.invalid([FieldError("/customer_id", "no customer \(id) in this account")])
            }
            // The identity rules find the same contact by its own address or number.
            order.customer = ContactInput(email: contact.email, phone: contact.phone)
            if order.customer?.email == nil && order.customer?.phone == nil { order.customer = nil }
        }
        var record: [String: JSONValue] = ["purchase_id": .string(order.externalID)]
        if let store = origin.storeID { record["store_id"] = .string(store) }
        if let register = origin.registerID { record["register_id"] = .string(register) }
        if let staff = origin.staffID { record["staff_id"] = .string(staff) }
        if !input.payments.isEmpty {
            record["payment"] = .string(input.payments.map { "\($0.method) \($0.amount.description)" }.joined(separator: ", "))
        }
        if let total = order.totals?.total { record["total"] = .number(JSONNumber(validatedText: total.description)) }
        order.fields = (order.fields ?? [:]).merging([POSGroups.order: record]) { $1 }
        let connection = try tillConnection(account: account, in: writer, now: now)
        return try Orders.upsert(order, connection: connection, account: account, origin: .pos, in: writer, now: now)
    }

    static func tillConnection(account: Account, in writer: any StoreWriter, now: Date) throws -> Connection {
        if let existing = try writer.connection(account: account.id, kind: .api, name: source) { return existing }
        let connection = Connection(id: KvittoID.make(.connection, at: now), accountID: account.id, kind: .api, name: source,
                                    requireContactChannel: false, createdAt: now)
        try writer.insertConnection(connection)
        return connection
    }

    /// Creates the till's groups and fields that do not exist yet (a field already there keeps its type).
    /// Every till purchase asks, so it costs one look at the three groups, not one per field.
    public static func ensureGroups(account: String, in writer: any StoreWriter) throws {
        let existing = Set(try writer.fieldDefinitions(account: account, groups: groups.map(\.group)).map { $0.group + "\u{0}" + $0.name })
        for (group, fields) in groups {
            for (name, type) in fields where !existing.contains(group + "\u{0}" + name) {
                try writer.insertFieldDefinition(FieldDefinition(group: group, name: name, type: type), account: account)
            }
        }
    }

    /// What a customer bought, in shops and online, from every connection, newest first; `nil` when there is
    /// no such customer. An account whose tills see only their own purchases (`pos.own_purchases_only`) gets
    /// till purchases only.
    public static func history(contactID id: String, account: String, page: PageRequest, in r: any StoreReader) throws -> [Order]? {
        guard try r.contact(account: account, id: id) != nil else { return nil }
        guard try r.settings(account: account)?.pos.ownPurchasesOnly == true else {
            return try r.orders(account: account, contactID: id, page: page)
        }
        // Till purchases only: read the customer's orders until a page is full (a customer has few).
        var kept: [Order] = [], cursor = page.cursor
        while kept.count < page.limit {
            let batch = try r.orders(account: account, contactID: id, page: PageRequest(limit: 500, cursor: cursor))
            kept += batch.filter(\.isTillPurchase)
            guard batch.count == 500, let last = batch.last else { break }
            cursor = last.id
        }
        return Array(kept.prefix(page.limit))
    }
}
