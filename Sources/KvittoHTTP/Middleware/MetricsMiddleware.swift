import Foundation
import Hummingbird
import Metrics
import Synchronization

/// Request counts and latency by route pattern, method and status (`kvitto_http_requests_total`,
/// `kvitto_http_request_duration_seconds`). Route patterns, not paths, keep the label set small.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let instruments = HTTPInstruments()

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        var status = 500
        defer {
            let (requests, duration) = instruments.for(route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: status)
            requests.increment()
            duration.recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        }
        let response = try await next(request, context)
        status = Int(response.status.code)
        return response
    }
}

/// The counter and timer of each route, method and status, made once: making them asks the metrics
/// factory, which takes its own lock and builds the label set, on every request otherwise.
final class HTTPInstruments: Sendable {
    private struct Key: Hashable {
        let route: String
        let method: String
        let status: Int
    }
    private let made = Mutex<[Key: (Counter, Timer)]>([:])

    func `for`(route: String, method: String, status: Int) -> (Counter, Timer) {
        let key = Key(route: route, method: method, status: status)
        if let known = made.withLock({ $0[key] }) { return known }
        let dimensions = [("route", route), ("method", method), ("status", String(status))]
        let instruments = (Counter(label: "kvitto_http_requests_total", dimensions: dimensions),
                           Timer(label: "kvitto_http_request_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds))
        return made.withLock { made in
            if let raced = made[key] { return raced }
            made[key] = instruments
            return instruments
        }
    }
}

/// Domain counters the API increments.
enum KvittoCounters {
    static func ordersIngested(_ outcome: String) {
        Counter(label: "kvitto_orders_ingested_total", dimensions: [("outcome", outcome)]).increment()
    }

    static func rejected(_ reason: String) {
        Counter(label: "kvitto_rejections_total", dimensions: [("reason", reason)]).increment()
    }
}
