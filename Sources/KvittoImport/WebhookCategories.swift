import Foundation
import KvittoConnectors
import KvittoCore
import Logging
import Synchronization

/// The category rule for WooCommerce webhook orders. A webhook names each line's product but not its
/// categories, so the path the historical import chooses (`WooCommerceCategoryTree.chosenPath`, seed 004)
/// needs the shop's REST API: with the connection's `site_url`, `consumer_key` and `consumer_secret`, each
/// line gets the path the import would give it. Without them, or when the shop does not answer, the order is
/// applied without categories (and the shop is left alone for a minute): its category is worth less than
/// the order arriving.
public final class WebhookCategories: Sendable {
    /// How long a connection's category tree and product paths are reused: a category moved in the shop
    /// reaches new orders within this.
    static let reuse: TimeInterval = 600
    /// How long a shop that did not answer is not asked again: orders keep flowing, uncategorised, instead
    /// of each waiting out the shop's timeout.
    static let pause: TimeInterval = 60

    let secrets: SecretBox
    let http: PlatformHTTP
    let logger: Logger
    private let clients = Mutex<[String: CachedClient]>([:])
    private let failedAt = Mutex<[String: Date]>([:])

    struct CachedClient {
        let client: WooCommerceImportClient
        /// The connection as it was when the client was made: new credentials make a new client.
        let connectionUpdatedAt: Date
        let madeAt: Date
    }

    public init(secrets: SecretBox, http: PlatformHTTP, logger: Logger) {
        self.secrets = secrets; self.http = http; self.logger = logger
    }

    /// `payload` with `kvitto_categories` on each line whose product has categories in the shop; `payload`
    /// itself when `connection` is not WooCommerce, lacks REST credentials, or the shop could not be asked.
    public func categorised(_ payload: JSONValue, connection: Connection, now: Date) async -> JSONValue {
        guard connection.kind == .woocommerce, payload["line_items"]?.arrayValue?.isEmpty == false,
              !failedAt.withLock({ $0[connection.id].map { now.timeIntervalSince($0) < Self.pause } ?? false }),
              let client = client(for: connection, now: now) else { return payload }
        do {
            return try await client.withCategories(payload)
        } catch {
            failedAt.withLock { $0[connection.id] = now }
            logger.warning("could not read the shop's categories; orders are applied without them for a minute",
                           metadata: ["connection": "\(connection.id)", "error": "\(error)"])
            return payload
        }
    }

    private func client(for connection: Connection, now: Date) -> WooCommerceImportClient? {
        if let cached = clients.withLock({ $0[connection.id] }), cached.connectionUpdatedAt == connection.updatedAt,
           now.timeIntervalSince(cached.madeAt) < Self.reuse {
            return cached.client
        }
        guard let credentials = try? Connections.credentials(of: connection, secrets: secrets),
              let client = try? PlatformClients.client(for: connection, credentials: credentials, http: http) as? WooCommerceImportClient
        else { return nil }
        clients.withLock { $0[connection.id] = CachedClient(client: client, connectionUpdatedAt: connection.updatedAt, madeAt: now) }
        return client
    }
}
