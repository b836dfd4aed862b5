import Foundation
import KvittoCore
import KvittoStorage
import Logging
import ServiceLifecycle

/// The shop of `kvitto demo`: a Swedish web shop that sends an order every few seconds, through the same
/// rules as `POST /v1/orders`, and moves earlier orders on (shipped, then delivered), so that a newcomer sees
/// orders, customers, events and postbacks appear in the admin without writing a request.
struct DemoShop: Service {
    let store: any KvittoStore
    let accountID: String
    let interval: Duration
    let logger: Logger

    /// Who buys; all but Oskar agreed to marketing at the checkout, so a marketing automation skips only him.
    static let customers: [(first: String, last: String, email: String, phone: String, city: String, consent: Bool)] = [
        ("Anna", "Berg", "anna.berg@example.se", "070-123 45 67", "Stockholm", true),
        ("Erik", "Lind", "erik.lind@example.se", "073-555 12 34", "Göteborg", true),
        ("Maja", "Holm", "maja.holm@example.se", "076-222 33 44", "Malmö", true),
        ("Oskar", "Nyström", "oskar.nystrom@example.se", "072-987 65 43", "Uppsala", false),
        ("Elsa", "Sjöberg", "elsa.sjoberg@example.se", "070-444 55 66", "Umeå", true),
    ]
    static let products: [(sku: String, name: String, price: Int)] = [
        ("HOOD-M", "Huvtröja grå, M", 399), ("MUG-01", "Kaffemugg i stengods", 129), ("SOCK-3", "Ullsockor, 3-pack", 199),
        ("TOTE-1", "Tygkasse", 89), ("CAP-K", "Keps, svart", 249),
    ]

    /// The `n`th order: a customer and one or two products in turn, with totals that add up.
    static func order(_ n: Int, at now: Date) -> String {
        let customer = customers[n % customers.count]
        let lines = [products[n % products.count], products[(n * 3 + 1) % products.count]].prefix(n % 2 == 0 ? 1 : 2)
        let quantities = lines.indices.map { $0 == 0 ? 1 + n % 2 : 1 }
        let subtotal = zip(lines, quantities).reduce(0) { $0 + $1.0.price * $1.1 }
        let lineJSON = zip(lines, quantities).map { line, quantity in
            #"{"sku": "\#(line.sku)", "name": "\#(line.name)", "quantity": \#(quantity), "unit_price": "\#(line.price).00"}"#
        }.joined(separator: ", ")
        return """
            {"source": "demobutiken", "external_id": "D\(1000 + n)", "number": "#\(1000 + n)", "created_at": "\(Timestamp.format(now))",
             "status": "received", "currency": "SEK",
             "customer": {"email": "\(customer.email)", "phone": "\(customer.phone)", "first_name": "\(customer.first)", "last_name": "\(customer.last)", "consent": \(customer.consent),
                          "address": {"line1": "Storgatan \(n % 40 + 1)", "postal_code": "111 22", "city": "\(customer.city)", "country": "SE"}},
             "lines": [\(lineJSON)],
             "shipping": {"carrier": "PostNord", "cost": "49.00"},
             "totals": {"subtotal": "\(subtotal).00", "shipping": "49.00", "total": "\(subtotal + 49).00"}}
            """
    }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            var placed: [String] = []
            var n = 0
            while !Task.isCancelled {
                n += 1
                do {
                    placed.append(try await self.step(n, placed: placed))
                } catch {
                    self.logger.warning("the demo shop could not send its order", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: self.interval)
            }
        }
    }

    /// Sends order `n`, ships the one two before it and delivers the one four before it.
    private func step(_ n: Int, placed: [String]) async throws -> String {
        let now = SystemClock().now()
        guard let account = try await store.read({ r in try r.account(self.accountID) }) else { throw KvittoError.notFound("account \(accountID)") }
        let body = try JSONParser.parse(Array(Self.order(n, at: now).utf8))
        let input = try OrderInput.read(body)
        let order = try await Orders.ingest(input, payload: body, account: account, store: store, now: now).order
        let moves: [(Int, OrderStatus)] = [(2, .shipped), (4, .delivered)]
        for (back, status) in moves where placed.count >= back {
            let id = placed[placed.count - back]
            _ = try await store.write { w in try Orders.setStatus(status, orderID: id, account: account, origin: .live, in: w, now: now) }
        }
        return order.id
    }
}
