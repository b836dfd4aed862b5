import Foundation

/// A source system of an account (SPEC §2, §7): the native API under a `source` label, or a platform
/// that sends webhooks and can be imported from.
public struct Connection: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case api, shopify, woocommerce, cartum, fapi, sitoo }

    public var id: String
    public var accountID: String
    public var kind: Kind
    public var name: String
    /// `nil` means the account's product key.
    public var productKey: ProductKey?
    public var requireContactChannel: Bool
    public var settings: ConnectionSettings
    /// The platform credentials (webhook secret, API token, …) as a JSON object sealed with the server's
    /// secret key (`SecretBox`); never returned by the API and never logged.
    public var sealedCredentials: String?
    /// A random token the connection's webhook URL carries (Cartum signs nothing; Sitoo sends it as a
    /// bearer token). `nil` for platforms that sign their bodies.
    public var webhookToken: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, accountID: String, kind: Kind, name: String, productKey: ProductKey? = nil,
                requireContactChannel: Bool = true, settings: ConnectionSettings = ConnectionSettings(),
                sealedCredentials: String? = nil, webhookToken: String? = nil, createdAt: Date) {
        self.id = id; self.accountID = accountID; self.kind = kind; self.name = name; self.productKey = productKey
        self.requireContactChannel = requireContactChannel; self.settings = settings
        self.sealedCredentials = sealedCredentials; self.webhookToken = webhookToken
        self.createdAt = createdAt; self.updatedAt = createdAt
    }

    /// What is stored beside the indexed columns.
    public var document: JSONValue {
        .object([
            "settings": settings.json, "sealed_credentials": .string(sealedCredentials),
            "webhook_token": .string(webhookToken), "updated_at": .string(Timestamp.format(updatedAt)),
        ])
    }

    /// Restores what `document` stored; a connection stored before settings existed gets the defaults.
    public mutating func restore(from document: JSONValue?) {
        guard let document, case .object = document else { return }
        if let settings = document["settings"] { self.settings = ConnectionSettings(stored: settings) }
        sealedCredentials = document["sealed_credentials"]?.stringValue
        webhookToken = document["webhook_token"]?.stringValue
        updatedAt = document["updated_at"]?.stringValue.flatMap(Timestamp.parse) ?? createdAt
    }
}

/// A connection's settings (seed 004's per-platform behaviour, each a switch the merchant can change).
public struct ConnectionSettings: Sendable, Equatable {
    /// Platform status → Kvitto status, on top of the platform's defaults.
    public var statusMapping: [String: OrderStatus] = [:]
    /// Whether later status changes from the platform are applied (Shopify: off, as in seed 004).
    public var statusSync = true
    /// How far back the initial import reaches.
    public var importWindowDays = 60
    /// Platform states the initial import leaves out (finished orders).
    public var excludedStates: [String] = []
    /// Off: orders only bring their customer into the contacts; no order is stored (FAPI's "send order data").
    public var sendOrderData = true
    /// Whether Kvitto's own status changes are written to the platform (see `Connection.writesStatusBack`);
    /// nil in a connection stored before write-back existed.
    public var statusWriteBack: Bool?
    /// Kvitto status → platform status to write, on top of the platform's defaults (`StatusWriteBack`).
    public var statusWriteMapping: [OrderStatus: String] = [:]

    public init() {}

    public var json: JSONValue {
        .object([
            "status_mapping": .object(JSONObject(statusMapping.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value.rawValue)) })),
            "status_sync": .bool(statusSync), "import_window_days": .number(JSONNumber(Int64(importWindowDays))),
            "excluded_states": .array(excludedStates.map { .string($0) }), "send_order_data": .bool(sendOrderData),
            "status_write_back": statusWriteBack.map(JSONValue.bool) ?? .null,
            "status_write_mapping": .object(JSONObject(statusWriteMapping.sorted { $0.key.rawValue < $1.key.rawValue }
                .map { ($0.key.rawValue, .string($0.value)) })),
        ])
    }

    public init(stored json: JSONValue) {
        if let mapping = json["status_mapping"]?.objectValue {
            for (raw, value) in mapping { if let status = value.stringValue.flatMap(OrderStatus.init(rawValue:)) { statusMapping[raw] = status } }
        }
        statusSync = json["status_sync"]?.boolValue ?? true
        importWindowDays = json["import_window_days"]?.numberValue?.int64.map { Int($0) } ?? 60
        excludedStates = json["excluded_states"]?.arrayValue?.compactMap(\.stringValue) ?? []
        sendOrderData = json["send_order_data"]?.boolValue ?? true
        statusWriteBack = json["status_write_back"]?.boolValue
        if let mapping = json["status_write_mapping"]?.objectValue {
            for (status, raw) in mapping {
                if let status = OrderStatus(rawValue: status), let raw = raw.stringValue { statusWriteMapping[status] = raw }
            }
        }
    }
}

extension Connection.Kind {
    /// What to do in the platform so that its webhooks reach `url` (the answer's `webhook.setup`), in the
    /// platform's own words. `connectionName` is the `source` label of an `api` connection's orders.
    public func webhookSetup(url: String, connectionName: String) -> String {
        switch self {
        case .shopify:
            "Shopify admin → Settings → Notifications → Webhooks → Create webhook: event Order creation (and Order update, "
                + "Order cancellation, Order fulfillment, Customer creation, Product creation), format JSON, URL \(url). "
                + "Put the signing key Shopify shows under the webhooks list into credentials.webhook_secret."
        case .woocommerce:
            "WordPress → WooCommerce → Settings → Advanced → Webhooks → Add webhook: Status Active, Topic Order created "
                + "(and Order updated), Delivery URL \(url), Secret: the webhook_secret shown when this connection was made, "
                + "API version WP REST API Integration v3."
        case .cartum:
            "Cartum admin → Settings → Webhooks → add a webhook for the event order_created, method PUT, URL \(url) "
                + "(the token in the URL is the secret; it is shown once, when the connection is made)."
        case .fapi:
            "FAPI → Settings → Connections → Notifications (notification URL): \(url). FAPI sends id, time and "
                + "security; Kvitto fetches the invoice with credentials.user and credentials.api_key and checks security against it."
        case .sitoo:
            "Sitoo Back Office → Settings → Events SPI: URL \(url), authorization Bearer with the webhook_token "
                + "shown once, when the connection was made."
        case .api:
            "Orders arrive through POST /v1/orders with source \"\(connectionName)\"."
        }
    }
}
