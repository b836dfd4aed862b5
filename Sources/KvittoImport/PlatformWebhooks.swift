import Foundation
import KvittoConnectors
import KvittoCore
import KvittoStorage
import Synchronization

/// A webhook request as it arrived at `/hooks/{kind}/{connection}…`.
public struct HookRequest: Sendable {
    public var kind: Connection.Kind
    public var connectionID: String
    /// The token in the URL (Cartum) or the bearer token (Sitoo).
    public var token: String?
    /// Header names lower-cased.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(kind: Connection.Kind, connectionID: String, token: String?, headers: [String: String], body: [UInt8]) {
        self.kind = kind; self.connectionID = connectionID; self.token = token; self.headers = headers; self.body = body
    }
}

/// What the receiver did with a request.
public enum HookResult: Sendable {
    /// Stored (or recognised as a repeat of a stored delivery) and queued for mapping.
    case stored([InboxItem], duplicates: Int)
    /// WooCommerce's unsigned ping when a webhook is created: answered, nothing stored.
    case ping(webhookID: String)
}

/// Receives platform webhooks (SPEC §7): checks the signature on the raw bytes before anything is parsed,
/// stores the raw delivery before answering, and leaves the mapping to `InboxProcessor`, so a platform is
/// answered within its time limit and a mapping failure never turns into a 5xx the platform retries forever.
public struct PlatformWebhooks: Sendable {
    let store: any KvittoStore
    let secrets: SecretBox
    let http: PlatformHTTP
    let clock: any KvittoClock
    let recent = RecentConnections()

    public init(store: any KvittoStore, secrets: SecretBox, http: PlatformHTTP, clock: any KvittoClock = SystemClock()) {
        self.store = store; self.secrets = secrets; self.http = http; self.clock = clock
    }

    /// Connections and their opened credentials, kept for a second: a shop sending hundreds of webhooks a
    /// second would otherwise cost a read transaction (three round trips on PostgreSQL) and an unsealing
    /// each. A request its cached secret does not verify is checked again against the stored connection, so
    /// a new secret works at once; a deleted connection or a replaced secret may still be accepted for that
    /// second (the delivery of a deleted connection is then stored and ignored).
    final class RecentConnections: Sendable {
        static let lifetime: TimeInterval = 1
        struct Entry: Sendable {
            let connection: Connection
            let credentials: [String: String]
            let readAt: Date
        }
        private let entries = Mutex<[String: Entry]>([:])

        func entry(_ id: String, now: Date) -> Entry? {
            entries.withLock { entries in
                guard let entry = entries[id] else { return nil }
                if now.timeIntervalSince(entry.readAt) < Self.lifetime { return entry }
                entries[id] = nil
                return nil
            }
        }

        func remember(_ entry: Entry) { entries.withLock { $0[entry.connection.id] = entry } }
    }

    public func receive(_ request: HookRequest) async throws -> HookResult {
        if let cached = recent.entry(request.connectionID, now: clock.now()), cached.connection.kind == request.kind {
            do {
                return try await receive(request, connection: cached.connection, credentials: cached.credentials)
            } catch let error as KvittoError where error.code == .unauthorized {
                // Perhaps the secret changed within the second: check against the stored connection.
            }
        }
        let id = request.connectionID
        guard let connection = try await store.read({ r in try r.connection(id: id) }), connection.kind == request.kind else {
            throw KvittoError.notFound("connection \(id)")
        }
        let credentials = try Connections.credentials(of: connection, secrets: secrets)
        recent.remember(RecentConnections.Entry(connection: connection, credentials: credentials, readAt: clock.now()))
        return try await receive(request, connection: connection, credentials: credentials)
    }

    static let keptHeaders = ["x-shopify-topic", "x-shopify-webhook-id", "x-shopify-shop-domain", "x-shopify-order-id",
                              "x-wc-webhook-topic", "x-wc-webhook-delivery-id", "x-wc-webhook-resource", "x-wc-webhook-event",
                              "x-wc-webhook-source", "content-type"]

    func receive(_ request: HookRequest, connection: Connection, credentials: [String: String]) async throws -> HookResult {
        let unauthorized = KvittoError(code: .unauthorized, detail: "the \(connection.kind.rawValue) signature does not match; nothing was stored")
        var fetched: [JSONValue] = [.null]
        var keys = [PlatformDelivery.id(for: connection.kind, headers: request.headers, body: request.body)]
        var topic = ""
        switch connection.kind {
        case .shopify:
            guard let secret = credentials["webhook_secret"],
                  PlatformSignature.isValidBase64HMAC(request.headers["x-shopify-hmac-sha256"], body: request.body, secret: secret)
            else { throw unauthorized }
            topic = request.headers["x-shopify-topic"] ?? "orders/create"
        case .woocommerce:
            if request.headers["x-wc-webhook-signature"] == nil, let ping = PlatformDelivery.wooCommercePingWebhookID(body: request.body) {
                return .ping(webhookID: ping)
            }
            guard let secret = credentials["webhook_secret"],
                  PlatformSignature.isValidBase64HMAC(request.headers["x-wc-webhook-signature"], body: request.body, secret: secret)
            else { throw unauthorized }
            topic = request.headers["x-wc-webhook-topic"] ?? "order.created"
        case .cartum:
            guard let expected = connection.webhookToken, let token = request.token,
                  PlatformSignature.isValidURLToken(token, expected: expected) else { throw unauthorized }
            topic = "order_created"
        case .fapi:
            // FAPI signs nothing it sends; its `security` is a hash over the invoice, so the invoice is fetched
            // from FAPI with the connection's own credentials first (the FAPI seed's check).
            let notification = try FAPINotification(formBody: request.body)
            guard let client = try PlatformClients.client(for: connection, credentials: credentials, http: http) as? FAPIClient else { throw unauthorized }
            let invoice = try await client.invoice(id: notification.invoiceID)
            guard PlatformSignature.isValidFAPINotification(notification, invoice: invoice) else { throw unauthorized }
            fetched = [.object(["invoice": invoice, "order": try await client.order(ofInvoice: notification.invoiceID)])]
            topic = "invoice"
        case .sitoo:
            guard let expected = connection.webhookToken, let token = request.token,
                  PlatformSignature.isValidURLToken(token, expected: expected) else { throw unauthorized }
            // Events carry ids only: each purchase's order is fetched, and each event is its own delivery.
            let body: JSONValue
            do { body = try JSONParser.parse(request.body) } catch {
                throw KvittoError(code: .malformed, detail: "the body is not valid JSON: \(error)")
            }
            let events = try SitooMapper.events(body)
            guard events.count <= 10 else {
                throw KvittoError.invalid([FieldError("", "at most 10 events per request")])
            }
            guard let client = try PlatformClients.client(for: connection, credentials: credentials, http: http) as? SitooClient else { throw unauthorized }
            fetched = []
            keys = []
            for event in events {
                fetched.append(.object(["order": try await client.order(id: event.orderID)]))
                keys.append("event:" + event.eventID)
            }
            topic = "order"
        case .api:
            throw KvittoError.notFound("connection \(connection.id)")
        }

        let now = clock.now()
        let body = String(decoding: request.body, as: UTF8.self)
        let headers = request.headers.filter { Self.keptHeaders.contains($0.key) }
        let items = zip(keys, fetched).map { key, fetched in
            InboxItem(id: KvittoID.make(.inbox, at: now), accountID: connection.accountID, connectionID: connection.id, deliveryKey: key,
                      topic: topic, receivedAt: now, headers: headers, body: body, fetched: fetched)
        }
        let stored = try await store.write { w in try items.filter { try w.insertInboxItem($0) } }
        return .stored(stored, duplicates: items.count - stored.count)
    }
}
