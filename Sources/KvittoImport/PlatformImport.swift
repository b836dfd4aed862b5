import Foundation
import KvittoConnectors
import KvittoCore
import KvittoStorage

/// What one platform payload asks of Kvitto.
public enum PlatformChange: Sendable {
    case order(PlatformOrder)
    case contact(ContactInput)
    case product(ProductInput)
    /// A topic Kvitto does not act on, with why.
    case ignored(String)
}

/// What applying a change did.
public enum ImportOutcome: Sendable, Equatable {
    case order(id: String, outcome: OrderUpsert.Outcome)
    case contact(id: String)
    case product(id: String)
    case rejected(reason: String, detail: String)
    case ignored(String)

    /// A short text for the inbox and the import log.
    public var summary: String {
        switch self {
        case .order(let id, let outcome): "order \(id) \(outcome.rawValue)"
        case .contact(let id): "contact \(id)"
        case .product(let id): "product \(id)"
        case .rejected(let reason, let detail): "rejected (\(reason)): \(detail)"
        case .ignored(let why): "ignored: \(why)"
        }
    }
}

/// Platform payloads → changes → the store, the same for webhooks and historical imports.
public enum PlatformImport {
    /// Maps a payload. `topic` is the platform's (`orders/create`, `order.updated`, …); `fetched` is what a
    /// receiver fetched for platforms whose webhooks carry ids only (FAPI: `{"invoice": …, "order": …}`).
    public static func change(for connection: Connection, topic: String, payload: JSONValue, fetched: JSONValue = .null)
        throws(KvittoError) -> PlatformChange {
        let statuses = Connections.statusMapping(of: connection)
        switch connection.kind {
        case .shopify:
            if topic.hasPrefix("orders/") {
                if topic == "orders/delete" { return .ignored("deleted orders are kept") }
                return .order(try ShopifyMapper.order(payload, statuses: statuses, source: connection.name))
            }
            if topic.hasPrefix("customers/") {
                if topic == "customers/delete" { return .ignored("erasure goes through DELETE /v1/contacts/{id}") }
                return .contact(try ShopifyMapper.contact(payload))
            }
            if topic.hasPrefix("products/") {
                if topic == "products/delete" { return .ignored("products are kept for past orders") }
                return .product(try ShopifyMapper.product(payload))
            }
            return .ignored("topic \(topic) is not one Kvitto subscribes to")
        case .woocommerce:
            guard topic.isEmpty || topic.hasPrefix("order.") else { return .ignored("topic \(topic) is not one Kvitto subscribes to") }
            if topic == "order.deleted" { return .ignored("deleted orders are kept") }
            return .order(try WooCommerceMapper.order(payload, statuses: statuses, source: connection.name))
        case .cartum:
            return .order(try CartumMapper.order(payload, statuses: statuses, source: connection.name))
        case .fapi:
            guard let invoice = fetched["invoice"], !invoice.isNull else { return .ignored("no invoice was fetched") }
            // Spelled out: JSONValue is ExpressibleByNilLiteral, so a bare `nil` here would be JSON null.
            let order: JSONValue? = fetched["order"].flatMap { value -> JSONValue? in value.isNull ? Optional.none : value }
            return .order(try FAPIMapper.order(invoice: invoice, order: order, statuses: statuses, source: connection.name))
        case .sitoo:
            guard let order = fetched["order"], !order.isNull else { return .ignored("no order was fetched") }
            return .order(try SitooOrderMapper.order(order, statuses: statuses, source: connection.name))
        case .api:
            return .ignored("api connections take orders through POST /v1/orders")
        }
    }

    /// A payload that does not map, as the rejection the log keeps: reason `unmappable`, every field at fault.
    public static func unmappable(_ error: KvittoError) -> KvittoError {
        let detail = error.fieldErrors.isEmpty ? error.detail : error.fieldErrors.map { "\($0.pointer): \($0.detail)" }.joined(separator: "; ")
        return KvittoError.rejected("unmappable", detail)
    }

    /// Applies a change in `writer` under the order rules of SPEC §2 and the platform's rules of seed 004.
    /// A rule violation is kept in the rejection log (with `payload`) and returned, never thrown: the
    /// platform is not asked to send it again.
    /// - Parameter isolatingOrders: an order runs in a savepoint of its own, so that a refused one is undone
    ///   and recorded as a rejection; without, the refusal is thrown, for a caller whose own savepoint undoes
    ///   it and that then applies again, isolating (on PostgreSQL a savepoint costs two round trips).
    public static func apply(_ change: PlatformChange, connection: Connection, account: Account, origin: EventOrigin,
                             payload: JSONValue, isolatingOrders: Bool = true, in writer: any StoreWriter, now: Date) throws -> ImportOutcome {
        switch change {
        case .ignored(let why):
            return .ignored(why)
        case .contact(let input):
            guard !Contacts.Identity(input, country: account.defaultCountry).isEmpty else { return .ignored("the customer has no e-mail or phone") }
            let upserted = try Contacts.upsert(input, account: account, origin: origin, pointer: "", in: writer, now: now)
            return .contact(id: upserted.contact.id)
        case .product(let input):
            let (product, _) = try Catalogue.upsertProduct(input, account: account, in: writer, now: now)
            return .product(id: product.id)
        case .order(let platformOrder):
            var input = platformOrder.input
            input.platformStatus = platformOrder.platformStatus
            do {
                return try writer.savepoint(if: isolatingOrders) {
                    if connection.kind == .woocommerce { try WooCommerceImportRules.check(input, defaultCountry: account.defaultCountry) }
                    guard connection.settings.sendOrderData else {
                        // "Send order data" off: the order only brings its customer into the contacts.
                        guard let customer = input.customer, !Contacts.Identity(customer, country: account.defaultCountry).isEmpty else {
                            return .ignored("order data is switched off and the order has no customer")
                        }
                        return .contact(id: try Contacts.upsert(customer, account: account, origin: origin, pointer: "/customer",
                                                                in: writer, now: now).contact.id)
                    }
                    if connection.kind == .sitoo {
                        // A purchase at a Sitoo till: the till's groups exist from the first one, and the order's
                        // row of the historical `Sitoo-Order` group names it.
                        try POSPurchases.ensureGroups(account: account.id, in: writer)
                        var record = input.fields?[POSGroups.order] ?? [:]
                        record["purchase_id"] = .string(input.externalID)
                        input.fields = (input.fields ?? [:]).merging([POSGroups.order: record]) { $1 }
                    }
                    let upserted = try Orders.upsert(input, connection: connection, account: account, origin: origin, in: writer, now: now)
                    return .order(id: upserted.order.id, outcome: upserted.outcome)
                }
            } catch let error as KvittoError where error.code == .rejected && isolatingOrders {
                try Orders.recordRejection(error, payload: payload, source: connection.name, externalID: input.externalID,
                                           account: account.id, in: writer, now: now)
                return .rejected(reason: error.reason ?? error.code.rawValue, detail: error.detail)
            }
        }
    }
}
