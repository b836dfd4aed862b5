import Foundation
import KvittoCore

public struct OrderUpsert: Sendable {
    public enum Outcome: String, Sendable {
        case created, updated, unchanged
        /// The order is locked: the change was not applied and the timeline says so.
        case ignoredLocked = "ignored_locked"
    }
    public var order: Order
    public var outcome: Outcome
}

/// The order rules of SPEC §2.
public enum Orders {
    /// Upserts by (connection, external id). A rule violation throws `KvittoError.rejected`; the caller
    /// logs it with `recordRejection` so the input is kept.
    public static func upsert(_ input: OrderInput, account: Account, origin: EventOrigin, in writer: any StoreWriter,
                              now: Date) throws -> OrderUpsert {
        let connection = try apiConnection(named: input.source, account: account, in: writer, now: now)
        return try upsert(input, connection: connection, account: account, origin: origin, in: writer, now: now)
    }

    /// As `upsert(_:account:origin:in:now:)`, for an order of a known connection (a platform's webhook or import).
    public static func upsert(_ input: OrderInput, connection: Connection, account: Account, origin: EventOrigin,
                              in writer: any StoreWriter, now: Date) throws -> OrderUpsert {
        guard input.currency == account.currency else {
            throw KvittoError.rejected("currency-mismatch", "order currency \(input.currency) differs from the account currency \(account.currency)", pointer: "/currency")
        }
        guard !input.lines.isEmpty else { throw KvittoError.rejected("no-lines", "an order needs at least one line", pointer: "/lines") }
        if connection.requireContactChannel {
            guard let customer = input.customer else {
                throw KvittoError.rejected("no-customer", "the order has no customer", pointer: "/customer")
            }
            guard !Contacts.Identity(customer, country: account.defaultCountry).isEmpty else {
                throw KvittoError.rejected("no-contact-channel", "the customer has neither a valid e-mail nor a valid phone", pointer: "/customer")
            }
        }
        if let fields = input.fields { try FieldRegistry.register(fields, account: account.id, pointer: "/fields", in: writer) }

        if let existingID = try writer.orderID(connection: connection.id, externalID: input.externalID),
           let existing = try writer.order(account: account.id, id: existingID) {
            return try update(existing, with: input, account: account, connection: connection, origin: origin, in: writer, now: now)
        }

        var contact: ContactUpsert?
        if let customer = input.customer, !Contacts.Identity(customer, country: account.defaultCountry).isEmpty {
            contact = try Contacts.upsert(customer, account: account, origin: origin, pointer: "/customer", in: writer, now: now,
                                          deferTagEvents: true)
        }
        var order = Order(id: KvittoID.make(.order, at: now), accountID: account.id, connectionID: connection.id,
                          source: connection.name, externalID: input.externalID, createdAt: input.createdAt ?? now,
                          status: input.status ?? .received, currency: input.currency, receivedAt: now)
        order.platformStatus = input.platformStatus
        order.contactID = contact?.contact.id
        order.number = input.number
        order.lines = try resolveLines(input.lines, productKey: connection.productKey ?? account.productKey, account: account.id, in: writer, now: now)
        order.shipping = input.shipping
        order.totals = input.totals ?? Totals(total: order.lines.reduce(Money.zero) { $0 + $1.lineTotal } + (input.shipping?.cost ?? .zero))
        order.fields = input.fields ?? [:]
        let document = order.json
        try writer.insertOrder(order, document: document)
        try EventLog.note(.imported, on: order.id, account: account.id, text: "Order received from \(connection.name) (\(origin.rawValue))", in: writer, now: now)
        if let details = order.shipping?.deliveryDetails, !details.isEmpty {
            try EventLog.note(.comment, on: order.id, account: account.id, text: details.comment, in: writer, now: now)
        }
        try EventLog.emit(order.status.eventType, account: account.id, origin: origin, orderDocument: document,
                          contactDocument: contact?.document, startsOrder: true, in: writer, now: now)
        if let contact {
            try Contacts.emitTagsAdded(contact.newTags, to: contact.document, orderDocument: document, account: account, origin: origin,
                                       in: writer, now: now)
        }
        return OrderUpsert(order: order, outcome: .created)
    }

    static func update(_ existing: Order, with input: OrderInput, account: Account, connection: Connection,
                       origin: EventOrigin, in writer: any StoreWriter, now: Date) throws -> OrderUpsert {
        let productKey = connection.productKey ?? account.productKey
        if existing.locked {
            let lines = try previewLines(input.lines, productKey: productKey, account: account.id, in: writer)
            let statusDiffers = connection.settings.statusSync && !reportsWrittenStatus(input, existing, connection)
                && (input.status.map { $0 != existing.status } ?? false)
            let differs = lines != existing.lines.map(LineSignature.init) || statusDiffers
                || input.shipping?.deliveryDetails != existing.shipping?.deliveryDetails
            if differs {
                try EventLog.note(.ignoredUpdate, on: existing.id, account: account.id,
                                  text: "Update from \(connection.name) ignored: the order is locked", in: writer, now: now)
            }
            return OrderUpsert(order: existing, outcome: differs ? .ignoredLocked : .unchanged)
        }

        var order = existing
        var contactDocument: JSONValue?
        var newTags: [String] = []
        if let customer = input.customer, !Contacts.Identity(customer, country: account.defaultCountry).isEmpty {
            let upserted = try Contacts.upsert(customer, account: account, origin: origin, pointer: "/customer", in: writer, now: now,
                                               deferTagEvents: true)
            order.contactID = upserted.contact.id
            contactDocument = upserted.document
            newTags = upserted.newTags
        } else if let id = order.contactID {
            contactDocument = try writer.contact(account: account.id, id: id)?.json
        }
        let linesChanged = try previewLines(input.lines, productKey: productKey, account: account.id, in: writer)
            != existing.lines.map(LineSignature.init)
        if linesChanged {
            order.lines = try resolveLines(input.lines, productKey: productKey, account: account.id, in: writer, now: now)
        }
        if let number = input.number { order.number = number }
        if let createdAt = input.createdAt { order.createdAt = createdAt }
        if let totals = input.totals { order.totals = totals }
        if let fields = input.fields { order.fields.merge(fields) }
        let oldDetails = existing.shipping?.deliveryDetails
        if let shipping = input.shipping { order.shipping = shipping }
        // With status sync off (Shopify's default, seed 004) the platform's later statuses are not applied;
        // nor is the platform reporting the status Kvitto wrote to it, which maps back to another
        // (WooCommerce's processing stands for both received and in production): that is no change.
        let newStatus = connection.settings.statusSync && !reportsWrittenStatus(input, existing, connection)
            ? (input.status ?? existing.status) : existing.status
        order.status = newStatus
        if connection.settings.statusSync, let raw = input.platformStatus { order.platformStatus = raw }

        // The customer's new tags follow the order's own events, with the order in them.
        func emitNewTags(_ orderDocument: JSONValue) throws {
            guard let contactDocument, !newTags.isEmpty else { return }
            try Contacts.emitTagsAdded(newTags, to: contactDocument, orderDocument: orderDocument, account: account, origin: origin,
                                       in: writer, now: now)
        }
        guard order != existing else {
            try emitNewTags(existing.json)
            return OrderUpsert(order: existing, outcome: .unchanged)
        }
        order.updatedAt = now
        let document = order.json
        try writer.updateOrder(order, document: document)
        if let details = order.shipping?.deliveryDetails, !details.isEmpty, details != oldDetails {
            try EventLog.note(.comment, on: order.id, account: account.id, text: details.comment, in: writer, now: now)
        }
        if newStatus != existing.status {
            try EventLog.note(.statusChange, on: order.id, account: account.id,
                              text: "Status \(existing.status.rawValue) → \(newStatus.rawValue)", in: writer, now: now)
            try EventLog.emit(newStatus.eventType, account: account.id, origin: origin, orderDocument: document,
                              contactDocument: contactDocument, in: writer, now: now)
        }
        if linesChanged || newStatus == existing.status {
            try EventLog.emit(.orderUpdated, account: account.id, origin: origin, orderDocument: document,
                              contactDocument: contactDocument, in: writer, now: now)
        }
        try emitNewTags(document)
        return OrderUpsert(order: order, outcome: .updated)
    }

    /// Whether the platform reports the status Kvitto writes for the order's status (see `writeStatusBack`).
    static func reportsWrittenStatus(_ input: OrderInput, _ existing: Order, _ connection: Connection) -> Bool {
        guard let raw = input.platformStatus, let target = StatusWriteBack.target(for: existing.status, on: connection) else { return false }
        return target.platformStatus.lowercased() == raw.lowercased()
    }

    /// Before a batch of native-API orders: reads in a few statements the existing orders, contacts and
    /// products their upserts will look up (orders of connections that do not exist yet cannot exist either).
    public static func preload(_ inputs: [OrderInput], account: Account, in writer: any StoreWriter) throws {
        var connections: [String: Connection?] = [:]
        var keys = PreloadKeys()
        for input in inputs {
            if connections[input.source] == nil {
                connections[input.source] = .some(try writer.connection(account: account.id, kind: .api, name: input.source))
            }
            keys.add(input, connection: connections[input.source] ?? nil, account: account)
        }
        try writer.preload(account: account.id, keys)
    }

    /// `POST /v1/orders/{id}/status`: a status change with its event, unless the order is locked.
    public static func setStatus(_ status: OrderStatus, orderID: String, account: Account, origin: EventOrigin,
                                 in writer: any StoreWriter, now: Date) throws -> OrderUpsert {
        guard var order = try writer.order(account: account.id, id: orderID) else { throw KvittoError.notFound("order \(orderID)") }
        guard order.status != status else { return OrderUpsert(order: order, outcome: .unchanged) }
        if order.locked {
            try EventLog.note(.ignoredUpdate, on: order.id, account: account.id,
                              text: "Status change to \(status.rawValue) ignored: the order is locked", in: writer, now: now)
            return OrderUpsert(order: order, outcome: .ignoredLocked)
        }
        let previous = order.status
        order.status = status
        order.updatedAt = now
        try writer.updateOrder(order)
        try EventLog.note(.statusChange, on: order.id, account: account.id, text: "Status \(previous.rawValue) → \(status.rawValue)", in: writer, now: now)
        let contact = try order.contactID.flatMap { try writer.contact(account: account.id, id: $0) }
        let event = try EventLog.emit(status.eventType, account: account.id, origin: origin, order: order, contact: contact, in: writer, now: now)
        try writeStatusBack(order, event: event, account: account.id, in: writer, now: now)
        return OrderUpsert(order: order, outcome: .updated)
    }

    /// Locks an order (its goods are written off): later changes from any source are ignored.
    public static func lock(orderID: String, account: Account, in writer: any StoreWriter, now: Date) throws -> Order {
        guard var order = try writer.order(account: account.id, id: orderID) else { throw KvittoError.notFound("order \(orderID)") }
        guard !order.locked else { return order }
        order.locked = true
        order.updatedAt = now
        try writer.updateOrder(order)
        try EventLog.note(.locked, on: order.id, account: account.id, text: "Order locked: later changes are ignored", in: writer, now: now)
        // A status that waited for the lock (WooCommerce's Completed) is written now.
        try writeStatusBack(order, event: nil, account: account.id, in: writer, now: now)
        return order
    }

    /// Keeps a refused input in the account's rejection log.
    public static func recordRejection(_ error: KvittoError, payload: JSONValue, source: String?, externalID: String?,
                                       account: String, in writer: any StoreWriter, now: Date) throws {
        try writer.insertRejection(Rejection(id: KvittoID.make(.rejection, at: now), accountID: account, at: now,
                                             reason: error.reason ?? error.code.rawValue, detail: error.detail,
                                             source: source, externalID: externalID, payload: payload))
    }

    /// The connection behind a native-API `source` label; a new label is a new `api` connection.
    static func apiConnection(named name: String, account: Account, in writer: any StoreWriter, now: Date) throws -> Connection {
        if let existing = try writer.connection(account: account.id, kind: .api, name: name) { return existing }
        let connection = Connection(id: KvittoID.make(.connection, at: now), accountID: account.id, kind: .api, name: name, createdAt: now)
        try writer.insertConnection(connection)
        return connection
    }
}

extension PreloadKeys {
    /// Adds what upserting `input` through `connection` (nil: not created yet) looks up: the order, its
    /// customer's e-mail and phone, and its lines' products.
    public mutating func add(_ input: OrderInput, connection: Connection?, account: Account) {
        if let connection { orderKeys.append(OrderKey(connectionID: connection.id, externalID: input.externalID)) }
        if let customer = input.customer {
            let identity = Contacts.Identity(customer, country: account.defaultCountry)
            if let emailKey = identity.emailKey { emailKeys.append(emailKey) }
            if let phone = identity.phone { phones.append(phone) }
        }
        let productKey = connection?.productKey ?? account.productKey
        for line in input.lines {
            if let (key, value) = Orders.matchKey(line, productKey) { products.append(ProductMatch(key: key, value: value)) }
        }
    }
}
