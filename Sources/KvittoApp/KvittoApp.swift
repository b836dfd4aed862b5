import Foundation
import Hummingbird
import KvittoCore
import KvittoHTTP
import KvittoStorage
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import Synchronization

/// The composition root: `kvitto serve` and the end-to-end tests build the same application here.
public enum KvittoApp {
    /// Builds the HTTP application over an opened store. The store is closed when the application stops.
    public static func buildApplication(configuration: KvittoConfiguration, store: any KvittoStore,
                                        logger: Logger) -> some ApplicationProtocol {
        KvittoMetrics.bootstrap()
        let services = KvittoServices(store: store, keyCacheTTL: configuration.keyCacheTTL, renderMetrics: KvittoMetrics.render)
        let router = KvittoAPI.router(services)
        return Application(
            router: router,
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "kvitto"),
            services: [StoreService(store: store)],
            logger: logger
        )
    }

    public static func makeLogger(_ level: Logger.Level) -> Logger {
        var logger = Logger(label: "kvitto")
        logger.logLevel = level
        return logger
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
