import Foundation
import Hummingbird
import KvittoCore
import KvittoStorage
import KvittoTemplates
import Logging
import NIOCore

/// What the HTTP edge needs from the rest of the process.
public struct KvittoServices: Sendable {
    public var store: any KvittoStore
    public var clock: any KvittoClock
    public var authenticator: Authenticator
    /// Renders `/metrics` in the Prometheus text format.
    public var renderMetrics: @Sendable () -> String
    /// Seals and opens signing secrets.
    public var secrets: SecretBox
    /// Sends `POST /v1/triggers/{id}/test`; `nil` in a process without a delivery worker.
    public var postbackTester: (any PostbackTesting)?
    /// Test sends of e-mail templates; nil in a process that sends no e-mail.
    public var mailTester: (any MailTesting)?
    /// Called after writes that may have queued work (deliveries, automation runs), so that this process's
    /// background services look at once instead of at their next poll. (The delivery worker also hears of
    /// due deliveries from the store.)
    public var deliveriesQueued: @Sendable () -> Void
    /// Platform connections' webhooks and imports; `nil` where this process does not run them.
    public var imports: ImportServices?
    /// The till's look-up log, written in batches where reads run beside the writer (PostgreSQL).
    public var lookupAudit: LookupAuditLog
    /// Whether the admin's cookies are marked Secure although a request does not say it came over TLS
    /// (the public address is https).
    public var adminCookiesSecure = false
    /// What this process may reach on a merchant's behalf: a destination entered as a refused literal address
    /// is turned away when it is entered.
    public var outboundPolicy = OutboundAddressPolicy()
    /// Per-key rate limits; nil: none.
    public var rateLimiter: RateLimiter?
    /// `kvitto demo` only: where its mail catcher and postback sink keep what they caught, shown in the admin.
    public var demoInbox: DemoInbox?
    /// What `GET /ready` checks besides the database: the background services this process must be running.
    public var readiness = Readiness()

    public init(store: any KvittoStore, clock: any KvittoClock = SystemClock(), keyCacheTTL: TimeInterval = 1, secrets: SecretBox,
                postbackTester: (any PostbackTesting)? = nil, deliveriesQueued: @escaping @Sendable () -> Void = {},
                renderMetrics: @escaping @Sendable () -> String) {
        self.store = store
        self.clock = clock
        self.authenticator = Authenticator(store: store, clock: clock, ttl: keyCacheTTL)
        self.renderMetrics = renderMetrics
        self.secrets = secrets
        self.postbackTester = postbackTester
        self.deliveriesQueued = deliveriesQueued
        self.lookupAudit = LookupAuditLog(store: store)
    }
}

/// What `POST /v1/triggers/{id}/test` needs from the delivery side: send one request, report it exactly.
public protocol PostbackTesting: Sendable {
    /// - Returns: `{"request": {method, url, headers, body}, "response": {status, headers, body_excerpt, latency_ms} | null, "error": …}`.
    func test(triggerID: String, account: Account, eventID: String?, eventType: EventType?) async throws -> JSONValue
}

/// Sends one e-mail or SMS now, outside the queue: `POST /v1/templates/{id}/test`.
public protocol MailTesting: Sendable {
    func send(_ message: RenderedMessage, to: String, smtp: AccountSettings.SMTP) async -> MailTestOutcome
    /// `to` is an E.164 number; the outcome's reply is the gateway's status and body.
    func sendSMS(_ text: String, to: String, gateway: AccountSettings.SMSGateway) async -> MailTestOutcome
}

/// What the SMTP server said to a test send: its reply when it took the message, else why not.
public struct MailTestOutcome: Sendable {
    public var serverReply: String?
    public var error: (detail: String, retryable: Bool)?
    public init(serverReply: String? = nil, error: (detail: String, retryable: Bool)? = nil) {
        self.serverReply = serverReply; self.error = error
    }
}

public enum KvittoAPI {
    /// Every route of the API. Metrics see every answer, including errors turned into problem+json.
    public static func router(_ services: KvittoServices) -> Router<KvittoRequestContext> {
        let router = Router(context: KvittoRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())

        router.get("health") { _, _ -> JSONValue in ["status": "ok"] }
        router.get("ready") { _, _ -> JSONAnswer in
            let (ready, body) = await services.readiness.check(services.store)
            return JSONAnswer(body, status: ready ? .ok : .serviceUnavailable)
        }
        router.get("metrics") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: services.renderMetrics())))
        }
        router.get("openapi.json") { _, _ in
            var headers = HTTPFields()
            headers[.contentType] = "application/json"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: OpenAPIDocument.bytes)))
        }

        let v1 = router.group("v1").add(middleware: AuthMiddleware(authenticator: services.authenticator, rateLimiter: services.rateLimiter))
        APIKeysController(services: services).register(on: v1)
        ContactsController(services: services).register(on: v1)
        OrdersController(services: services).register(on: v1)
        CatalogueController(services: services).register(on: v1)
        FeedController(services: services).register(on: v1)
        TriggersController(services: services).register(on: v1)
        DeliveriesController(services: services).register(on: v1)
        TemplatesController(services: services).register(on: v1)
        AutomationsController(services: services).register(on: v1)
        ListsController(services: services).register(on: v1)
        MergeCandidatesController(services: services).register(on: v1)
        EngagementController(services: services).register(on: v1)
        SettingsController(services: services).register(on: v1)
        ConnectionsController(services: services).register(on: v1)
        let pos = router.group("pos/v2").add(middleware: AuthMiddleware(authenticator: services.authenticator, rateLimiter: services.rateLimiter))
        POSController(services: services).register(pos: pos, v1: v1)
        VouchersController(services: services).register(v1: v1, pos: pos)
        HooksController(services: services).register(on: router)
        UnsubscribeController(services: services).register(on: router)
        AdminController(services: services).register(on: router)
        if let inbox = services.demoInbox { registerDemoSink(on: router, inbox: inbox) }
        return router
    }
}

/// The OpenAPI 3.1 document, kept in the repository and bundled with the binary.
enum OpenAPIDocument {
    static let bytes: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
              let data = try? Data(contentsOf: url) else { return Array(#"{"openapi":"3.1.0"}"#.utf8) }
        return Array(data)
    }()
}

extension KvittoAPI {
    /// `kvitto demo`'s postback sink: takes any request, answers 204, and keeps it for the admin's demo inbox.
    static func registerDemoSink(on router: Router<KvittoRequestContext>, inbox: DemoInbox) {
        router.post("demo/postbacks") { request, _ -> HTTPResponse.Status in
            let body = try await request.readBody(limit: 1 << 20, describedAs: "the postback")
            inbox.add(DemoInbox.Postback(receivedAt: Date(), method: request.method.rawValue, path: request.uri.description,
                                         headers: request.headers.map { (name: $0.name.canonicalName, value: $0.value) },
                                         body: String(buffer: body)))
            return .noContent
        }
    }
}

extension KvittoServices {
    /// After an erasure has committed (see `KvittoStore.reclaimErasedSpace`). A failure does not undo the
    /// erasure, which stands; it is logged, and the next erasure or the backend's own housekeeping
    /// (SQLite's checkpoints, PostgreSQL's autovacuum) does the same later.
    func reclaimErasedSpace() async {
        do {
            try await store.reclaimErasedSpace()
        } catch {
            Logger(label: "kvitto.erasure").warning("the space an erasure freed was not reclaimed yet", metadata: ["error": "\(error)"])
        }
    }
}
