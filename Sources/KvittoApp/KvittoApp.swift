import Foundation
import AsyncHTTPClient
import Hummingbird
import KvittoCore
import KvittoDelivery
import KvittoHTTP
import KvittoImport
import KvittoStorage
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import Synchronization

/// The composition root: `kvitto serve` and the end-to-end tests build the same application here.
public enum KvittoApp {
    /// Builds the HTTP application over an opened store. The store is closed when the application stops.
    /// - Throws: when the configuration is invalid (an unparseable `--allow-outbound`).
    /// - Parameter clock: what "now" is for every part (tests move it on to see waits and time rules end).
    /// - Parameter running: told which background services are running, for a shutdown that hangs to name them.
    public static func buildApplication(configuration: KvittoConfiguration, store: any KvittoStore, logger: Logger,
                                        clock: any KvittoClock = SystemClock(),
                                        running: RunningServices = RunningServices(),
                                        demoInbox: DemoInbox? = nil,
                                        extraServices: [any Service] = []) throws -> some ApplicationProtocol {
        KvittoMetrics.bootstrap()
        let secrets = SecretBox(keyMaterial: configuration.secretKey)
        var background: [any Service] = [StoreService(store: store)]
        var tester: (any PostbackTesting)?
        var nudge: @Sendable () -> Void = {}
        // One outbound policy for everything sent on a merchant's behalf: postbacks and platform API calls.
        let policy = OutboundAddressPolicy(allowList: try OutboundAddressPolicy.parseAllowList(configuration.allowOutbound))
        let publicURL = configuration.publicURL ?? "http://\(configuration.host):\(configuration.port)"
        // Platform API calls (imports, webhook look-ups, status write-backs) go through the same guard.
        let importClient = PinnedHTTPClients(configuration: PlatformHTTP.clientConfiguration)
        let outbound = OutboundGuard(policy: policy)
        let platformHTTP = PlatformHTTP(client: { host in try await outbound.client(for: host, from: importClient) })
        // Stopped after everything that calls platforms (services stop in reverse order).
        background.append(HTTPClientService(client: importClient))
        if configuration.role != .api {
            let client = WebhookSender.makeClients()
            let sender = WebhookSender(clients: client, outbound: OutboundGuard(policy: policy))
            let messages = MessageDispatcher(store: store, secrets: secrets, http: sender, outbound: OutboundGuard(policy: policy),
                                             publicURL: publicURL, smtpTrustRoots: configuration.smtpCAFile, clock: clock)
            var settings = DeliveryWorker.Settings()
            settings.concurrency = configuration.deliveryConcurrency
            settings.lease = configuration.deliveryLease
            if let schedule = configuration.retrySchedule {
                settings.retryPolicy = RetryPolicy(schedule: schedule, jitter: RetryPolicy.standard.jitter,
                                                   disableAfter: RetryPolicy.standard.disableAfter)
            }
            let statusWriter = PlatformStatusWriter(store: store, secrets: secrets, http: platformHTTP)
            let worker = DeliveryWorker(store: store, sender: sender, messages: messages, statusWriter: statusWriter, secrets: secrets,
                                        clock: clock, settings: settings, logger: logger)
            let scheduler = AutomationScheduler(store: store, clock: clock, logger: logger, deliveriesQueued: { worker.nudge() })
            // Services stop in reverse order: the scheduler stops queueing, the worker drains, then the HTTP
            // client and the store close.
            background += [HTTPClientService(client: client), worker, scheduler]
            tester = PostbackTest(store: store, sender: sender, secrets: secrets, clock: clock, messages: messages)
            // The worker hears of due deliveries from the store, which knows whether a write queued any.
            nudge = { scheduler.nudge() }
        }
        var services = KvittoServices(store: store, clock: clock, keyCacheTTL: configuration.keyCacheTTL, secrets: secrets,
                                      postbackTester: tester, deliveriesQueued: nudge, renderMetrics: KvittoMetrics.render)
        // Platform connections: every role receives webhooks; workers (and `all`) map them and resume imports.
        services.demoInbox = demoInbox
        services.outboundPolicy = policy
        if configuration.rateLimit > 0 { services.rateLimiter = RateLimiter(rate: configuration.rateLimit, burst: configuration.rateBurst) }
        services.adminCookiesSecure = publicURL.lowercased().hasPrefix("https://")
        services.mailTester = SMTPTestSend(secrets: secrets, outbound: outbound, extraTrustRoots: configuration.smtpCAFile,
                                           http: WebhookSender(clients: importClient, outbound: outbound))
        let backfills = BackfillRunner(store: store, secrets: secrets, http: platformHTTP, logger: logger)
        var stored: @Sendable () -> Void = {}
        let backfillService = BackfillService(backfills: backfills, resumesInterrupted: configuration.role != .api, logger: logger)
        background.append(backfillService)
        if configuration.role != .api {
            let categories = WebhookCategories(secrets: secrets, http: platformHTTP, logger: logger)
            let inbox = InboxProcessor(store: store, clock: clock, categories: categories, logger: logger)
            background.append(inbox)
            stored = { inbox.nudge() }
        }
        services.imports = ImportServices(
            publicURL: publicURL,
            webhooks: PlatformWebhooks(store: store, secrets: secrets, http: platformHTTP), deliveriesStored: stored,
            backfills: backfills, startBackfill: { backfill in backfillService.start(backfill) })
        // Last, so they stop first (services stop in reverse order): the demo shop, in `kvitto demo`.
        background += extraServices
        let named = background.map { NamedService(base: $0, running: running) }
        services.readiness = Readiness(expectedServices: named.map(\.description), runningServices: { running.current })
        let router = KvittoAPI.router(services)
        return Application(
            router: router,
            server: .http1(configuration: .init(idleTimeout: .nanoseconds(Int64(configuration.idleTimeout * 1_000_000_000)))),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "kvitto"),
            services: named,
            logger: logger
        )
    }

    public static func makeLogger(_ level: Logger.Level) -> Logger {
        var logger = Logger(label: "kvitto")
        logger.logLevel = level
        return logger
    }
}

/// Shuts the outbound HTTP clients down after the worker that uses them has stopped.
struct HTTPClientService: Service {
    let client: PinnedHTTPClients

    func run() async throws {
        try? await gracefulShutdown()
        try await client.shutdown()
    }
}

extension PostbackTest: PostbackTesting {
    public func test(triggerID: String, account: Account, eventID: String?, eventType: EventType?) async throws -> JSONValue {
        try await run(triggerID: triggerID, account: account, eventID: eventID, eventType: eventType)
    }
}

/// Keeps the store open for the life of the process and closes it last, after the server has drained.
struct StoreService: Service {
    let store: any KvittoStore

    func run() async throws {
        try? await gracefulShutdown()
        try await store.close()
    }
}

/// Prometheus behind swift-metrics. The metrics system is process-wide and can be bootstrapped once,
/// so every application in a process (tests build several) shares one registry.
public enum KvittoMetrics {
    public static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped = Mutex(false)

    public static func bootstrap() {
        bootstrapped.withLock { done in
            guard !done else { return }
            var factory = PrometheusMetricsFactory(registry: registry)
            factory.defaultDurationHistogramBuckets = [
                .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(20),
                .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
            ]
            MetricsSystem.bootstrap(factory)
            done = true
        }
    }

    @Sendable public static func render() -> String { registry.emitToString() }
}
