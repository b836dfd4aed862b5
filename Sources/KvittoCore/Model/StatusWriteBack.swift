/// What an order's Kvitto status is written back to its platform as (seed 004: Cartum statuses sync both
/// ways; WooCommerce is told, but Completed only once the order's goods are written off; Shopify, FAPI and
/// Sitoo are not written to).
public enum StatusWriteBack {
    /// The platform status to write, and whether it waits for the order to be locked first.
    public struct Target: Sendable, Equatable {
        public var platformStatus: String
        /// WooCommerce's Completed: not set before the order's goods are written off (the order is locked).
        public var awaitsLock: Bool

        public init(platformStatus: String, awaitsLock: Bool) {
            self.platformStatus = platformStatus; self.awaitsLock = awaitsLock
        }
    }

    /// Whether a platform can be written to at all.
    public static func isSupported(_ kind: Connection.Kind) -> Bool { kind == .woocommerce || kind == .cartum }

    /// Kvitto status → the platform's status, before a connection's own entries.
    ///
    /// WooCommerce has no shipping state of its own: shipped and in transit are not written unless the
    /// merchant maps them (to a status a shipping extension adds, say). Cartum (Horoshop) has New 1,
    /// Processing 2, Delivered 3, Canceled 4 and Shipping 6 and nothing for returned or failed orders.
    public static func defaults(for kind: Connection.Kind) -> [OrderStatus: String] {
        switch kind {
        case .woocommerce:
            [.received: "processing", .inProduction: "processing", .delivered: "completed", .cancelled: "cancelled",
             .returned: "refunded", .failed: "failed"]
        case .cartum:
            [.received: "1", .inProduction: "2", .shipped: "6", .inTransit: "6", .delivered: "3", .cancelled: "4"]
        case .api, .shopify, .fapi, .sitoo:
            [:]
        }
    }

    /// Everything a connection writes: the platform's defaults with the connection's own entries; empty
    /// where the platform is not written to.
    public static func mapping(of connection: Connection) -> [OrderStatus: String] {
        guard isSupported(connection.kind) else { return [:] }
        return defaults(for: connection.kind).merging(connection.settings.statusWriteMapping) { _, own in own }
    }

    /// The status a connection writes for `status`, or nil where it writes nothing (write-back off, a
    /// platform that is not written to, a status without a counterpart).
    public static func target(for status: OrderStatus, on connection: Connection) -> Target? {
        guard connection.writesStatusBack else { return nil }
        guard let raw = mapping(of: connection)[status] else { return nil }
        return Target(platformStatus: raw, awaitsLock: connection.kind == .woocommerce && raw.lowercased() == "completed")
    }
}

extension Connection {
    /// Whether Kvitto's status changes are written to the platform. New connections of the platforms that
    /// can be written to have it on (`Connections.defaults`); one made before write-back existed has no
    /// setting and stays off until the merchant switches it on: an upgrade does not start writing to a shop.
    public var writesStatusBack: Bool {
        StatusWriteBack.isSupported(kind) && (settings.statusWriteBack ?? false)
    }
}
