import Foundation
import Hummingbird
import KvittoCore
import KvittoStorage
import NIOCore

/// What the HTTP edge needs from the rest of the process.
public struct KvittoServices: Sendable {
    public var store: any KvittoStore
    public var clock: any KvittoClock
    public var authenticator: Authenticator
    /// Renders `/metrics` in the Prometheus text format.
    public var renderMetrics: @Sendable () -> String

    public init(store: any KvittoStore, clock: any KvittoClock = SystemClock(), keyCacheTTL: TimeInterval = 1,
                renderMetrics: @escaping @Sendable () -> String) {
        self.store = store
        self.clock = clock
        self.authenticator = Authenticator(store: store, clock: clock, ttl: keyCacheTTL)
        self.renderMetrics = renderMetrics
    }
}

public enum KvittoAPI {
    /// Every route of the API. Metrics see every answer, including errors turned into problem+json.
    public static func router(_ services: KvittoServices) -> Router<KvittoRequestContext> {
        let router = Router(context: KvittoRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: ProblemMiddleware())

        router.get("health") { _, _ in JSONResponse.make(["status": "ok"]) }
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

        let v1 = router.group("v1").add(middleware: AuthMiddleware(authenticator: services.authenticator))
        APIKeysController(services: services).register(on: v1)
        ContactsController(services: services).register(on: v1)
        OrdersController(services: services).register(on: v1)
        CatalogueController(services: services).register(on: v1)
        FeedController(services: services).register(on: v1)
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
