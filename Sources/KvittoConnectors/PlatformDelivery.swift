import Crypto
import Foundation
import KvittoCore

/// Recognising the same webhook delivered twice, and WooCommerce's ping.
public enum PlatformDelivery {
    /// The header each platform puts its delivery id in; a retry of a delivery repeats it.
    static let idHeaders: [Connection.Kind: String] = [
        .shopify: "X-Shopify-Webhook-Id",
        .woocommerce: "X-WC-Webhook-Delivery-ID",
    ]

    /// The id a receiver stores to recognise a duplicate delivery.
    ///
    /// Shopify and WooCommerce name each delivery in a header. Cartum, FAPI and Sitoo send no delivery id,
    /// and neither does a Shopify or WooCommerce request that lost its header: their id is
    /// `sha256:<hex of the raw body>`. A retry re-sends the same bytes, so it gets the same id, while a real
    /// change (a new status, FAPI's new `time`) gives a new one. Sitoo's events also carry their own
    /// `event_id` (``SitooMapper/events(_:)``), which de-duplicates single events across deliveries.
    /// - Parameters:
    ///   - kind: the connection's platform.
    ///   - headers: the request headers; names compare case-insensitively.
    ///   - body: the raw request body.
    public static func id(for kind: Connection.Kind, headers: [String: String], body: some DataProtocol) -> String {
        if let name = idHeaders[kind],
           let value = headers.first(where: { $0.key.caseInsensitiveCompare(name) == .orderedSame })?.value.trimmedWhitespace,
           !value.isEmpty {
            return value
        }
        return "sha256:" + PlatformSignature.hex(SHA256.hash(data: body))
    }

    /// WooCommerce's ping, sent once when a webhook is created: the unsigned form body `webhook_id=<n>`.
    /// Answering it with 200 keeps WooCommerce from disabling the webhook; nothing is stored.
    /// - Returns: the webhook id when `body` is exactly such a ping, otherwise `nil`.
    public static func wooCommercePingWebhookID(body: some Collection<UInt8>) -> String? {
        let text = String(decoding: body, as: UTF8.self).trimmedWhitespace
        let prefix = "webhook_id="
        guard text.hasPrefix(prefix) else { return nil }
        let id = text.dropFirst(prefix.count)
        guard !id.isEmpty, id.utf8.allSatisfy({ (48...57).contains($0) }) else { return nil }
        return String(id)
    }
}
