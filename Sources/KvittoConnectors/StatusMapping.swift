import KvittoCore

/// How one connection turns a platform's raw order status into one of Kvitto's eight (SPEC §4).
///
/// The defaults are seed 004's platforms as their users know them; a connection's settings override single
/// entries (``overriding(with:at:)``). A status nobody mapped — a WooCommerce extension's
/// `awaiting-shipment`, a Cartum shop's own status id — becomes `received`, and the mapper keeps the raw text
/// in ``PlatformOrder/platformStatus``, so nothing is lost and the merchant can map it later.
public struct StatusMapping: Sendable, Equatable {
    /// Raw status (lower-cased) → Kvitto status.
    public var statuses: [String: OrderStatus]
    /// Raw statuses of finished orders, which the initial import skips (seed 004: Cartum Delivered; Shopify
    /// fulfilled, cancelled, refunded; WooCommerce Completed, Cancelled, Refunded, Failed, Trash). A
    /// historical sync "in all states" ignores this set.
    public var finished: Set<String>

    public init(statuses: [String: OrderStatus], finished: Set<String> = []) {
        self.statuses = Dictionary(uniqueKeysWithValues: statuses.map { ($0.key.lowercased(), $0.value) })
        self.finished = Set(finished.map { $0.lowercased() })
    }

    /// The Kvitto status for a raw platform status; unknown or missing → `received`.
    public func status(for platformStatus: String?) -> OrderStatus {
        platformStatus.flatMap { statuses[$0.lowercased()] } ?? .received
    }

    /// Whether the initial import leaves an order in this state out.
    public func isFinished(_ platformStatus: String?) -> Bool {
        platformStatus.map { finished.contains($0.lowercased()) } ?? false
    }

    /// The mapping with a connection's overrides applied.
    /// - Parameters:
    ///   - overrides: the settings object, raw status → Kvitto status name
    ///     (`{"on-hold": "in_production", "7": "in_transit"}`).
    ///   - pointer: where the object sits in the request, for error pointers (`/settings/status_mapping`).
    /// - Throws: `KvittoError.invalid` listing every entry that is not one of the eight statuses.
    public func overriding(with overrides: JSONValue, at pointer: String) throws(KvittoError) -> StatusMapping {
        guard case .object(let entries) = overrides else {
            throw KvittoError.invalid([FieldError(pointer, "must be an object of platform status → Kvitto status")])
        }
        var mapping = self
        var errors: [FieldError] = []
        for (raw, value) in entries {
            let entryPointer = jsonPointer(pointer, appending: raw)
            guard let name = value.stringValue, let status = OrderStatus(rawValue: name) else {
                errors.append(FieldError(entryPointer, "must be one of \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            mapping.statuses[raw.lowercased()] = status
        }
        if !errors.isEmpty { throw KvittoError.invalid(errors) }
        return mapping
    }

    /// A connection kind's defaults.
    public static func defaults(for kind: Connection.Kind) -> StatusMapping {
        switch kind {
        case .shopify: shopify
        case .woocommerce: wooCommerce
        case .cartum: cartum
        case .fapi: fapi
        case .sitoo: SitooOrderMapper.statuses
        // The native API sends Kvitto's own statuses.
        case .api: StatusMapping(statuses: [:])
        }
    }

    /// Shopify has no single order status; ``ShopifyMapper/platformStatus(of:)`` derives one of these five.
    /// A partial fulfilment already counts as shipped, as Shopify's own shipping confirmation does; refunded
    /// is the nearest of Kvitto's statuses to money given back.
    public static let shopify = StatusMapping(
        statuses: ["open": .received, "partially_fulfilled": .shipped, "fulfilled": .shipped,
                   "cancelled": .cancelled, "refunded": .returned],
        finished: ["fulfilled", "cancelled", "refunded"])

    /// WooCommerce's core statuses. Pending, processing and on-hold are all "the shop has the order";
    /// completed is what a shop sets when the parcel leaves (WooCommerce knows nothing of delivery).
    public static let wooCommerce = StatusMapping(
        statuses: ["pending": .received, "processing": .received, "on-hold": .received, "completed": .shipped,
                   "cancelled": .cancelled, "refunded": .returned, "failed": .failed, "trash": .cancelled],
        finished: ["completed", "cancelled", "refunded", "failed", "trash"])

    /// Cartum (Horoshop) status ids of `orders/get_available_statuses`: 1 New, 2 Processing, 3 Delivered,
    /// 4 Canceled, 6 Shipping. A shop's own statuses have other ids and fall back to `received`.
    public static let cartum = StatusMapping(
        statuses: ["1": .received, "2": .inProduction, "6": .shipped, "3": .delivered, "4": .cancelled],
        finished: ["3"])

    /// FAPI invoices carry payment flags, not a fulfilment state (``FAPIMapper/platformStatus(of:)``). FAPI
    /// orders are synced in all states, so none is finished.
    public static let fapi = StatusMapping(
        statuses: ["unpaid": .received, "paid": .received, "cancelled": .cancelled, "credited": .returned])
}
