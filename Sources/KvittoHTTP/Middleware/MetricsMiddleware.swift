import Foundation
import Hummingbird
import Metrics

/// Request counts and latency by route pattern, method and status (`kvitto_http_requests_total`,
/// `kvitto_http_request_duration_seconds`). Route patterns, not paths, keep the label set small.
struct MetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        var status = 500
        defer {
            let route = context.endpointPath ?? "unmatched"
            let dimensions = [("route", route), ("method", request.method.rawValue), ("status", String(status))]
            Counter(label: "kvitto_http_requests_total", dimensions: dimensions).increment()
            Timer(label: "kvitto_http_request_duration_seconds", dimensions: dimensions, preferredDisplayUnit: .seconds)
                .recordNanoseconds(Int64(DispatchTime.now().uptimeNanoseconds - start))
        }
        let response = try await next(request, context)
        status = Int(response.status.code)
        return response
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
