// Micro-benchmark of postback template rendering (SPEC §5): renders per second of a typical template on
// one core. Build and run in release: `swift run -c release bench-mapping [seconds]` (a target of this package).
//
// A render is `PostbackTemplate.render` (evaluate every directive and produce the output `JSONValue`);
// "+ write" also serialises the output with `JSONWriter.bytes`, which is what a delivery sends.
//
// Last, the JSON a webhook costs (the Shopify `orders/create` fixture, about 15 KB, from `$KVITTO_SHARED` or
// ../shared; skipped where it is absent): its body parsed, the inbox document that holds the body as one
// escaped string written and parsed again.
import Foundation
import KvittoCore
import KvittoTemplates

/// A typical partner mapping: 20 output fields, one projection of the order lines, three Mustache
/// texts, literals and constants.
let typicalTemplate = """
    {"event": {"$expr": "type"},
     "event_id": {"$expr": "id"},
     "occurred_at": {"$expr": "occurred_at"},
     "source": "kvitto",
     "version": 2,
     "order_id": {"$expr": "data.order.id"},
     "order_ref": {"$expr": "data.order.number"},
     "contact_id": {"$expr": "data.order.contact_id"},
     "status": {"$expr": "data.order.status"},
     "currency": {"$expr": "data.order.currency"},
     "total": {"$expr": "data.order.totals.total"},
     "shipping_cost": {"$expr": "data.order.shipping.cost"},
     "items": {"$expr": "data.order.lines[].{sku: sku, qty: quantity, price: unit_price}"},
     "customer": {"email": {"$expr": "data.contact.email"},
                  "phone": {"$expr": "data.contact.phone"},
                  "name": {"$template": "{{data.contact.first_name}} {{data.contact.last_name}}"}},
     "carrier": {"$expr": "data.order.shipping.carrier"},
     "tracking": {"$expr": "data.order.shipping.tracking_url"},
     "note": {"$template": "Order {{data.order.number}} shipped with {{data.order.shipping.carrier}}"},
     "subject": {"$template": "Din order {{data.order.number}} är på väg till {{data.order.shipping.address.city}}"},
     "meta": {"$literal": {"$schema": "https://partner.example/schemas/order-v1.json", "flags": ["a", "b"]}},
     "test": false}
    """

/// Runs `body` repeatedly for about `seconds` and returns the rate per second.
func measure(_ name: String, seconds: Double, unit: String = "renders", _ body: () throws -> Int) rethrows -> Double {
    // `bench-mapping SECONDS NAME` measures only the parts whose name starts with NAME (for profiling).
    if let only = CommandLine.arguments.dropFirst(2).first, !name.hasPrefix(only) { return 0 }
    let clock = ContinuousClock()
    var sink = 0
    // Warm up caches and the allocator.
    for _ in 0..<2_000 { sink &+= try body() }
    var iterations = 0
    let start = clock.now
    let budget = Duration.milliseconds(Int64(seconds * 1000))
    var elapsed = Duration.zero
    while elapsed < budget {
        for _ in 0..<1_000 { sink &+= try body() }
        iterations += 1_000
        elapsed = clock.now - start
    }
    let (secondsPart, attoseconds) = elapsed.components
    let total = Double(secondsPart) + Double(attoseconds) / 1e18
    let rate = Double(iterations) / total
    let micros = total / Double(iterations) * 1e6
    print("\(name.padding(to: 34)) \(Int(rate).grouped.padding(to: 10, left: true)) \(unit)/s  \(micros.fixed(2)) µs each  (sink \(sink % 10))")
    return rate
}

extension String {
    func padding(to width: Int, left: Bool = false) -> String {
        count >= width ? self : (left ? String(repeating: " ", count: width - count) + self : self + String(repeating: " ", count: width - count))
    }
}

extension Int {
    var grouped: String {
        var digits = Array(String(self))
        var i = digits.count - 3
        while i > 0 { digits.insert(",", at: i); i -= 3 }
        return String(digits)
    }
}

extension Double {
    func fixed(_ places: Int) -> String {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let value = (self * scale).rounded() / scale
        let text = String(value)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        return String(parts[0]) + "." + fraction.padding(to: places).replacingSpaces()
    }
}

extension String {
    func replacingSpaces() -> String { String(map { $0 == " " ? "0" : $0 }) }
}

let arguments = CommandLine.arguments.dropFirst()
let seconds = arguments.first.flatMap(Double.init) ?? 3

do {
    let event = EventSamples.sample(for: .orderShipped)
    let template = try PostbackTemplate(try JSONParser.parse(typicalTemplate))
    let output = try template.render(event)
    let written = JSONWriter.bytes(output)
    print("template: \(template.directiveCount) directives; output \(output.objectValue?.count ?? 0) fields, \(written.count) bytes")
    print(String(decoding: written, as: UTF8.self))
    print("")

    #if DEBUG
    print("build: debug")
    #else
    print("build: release")
    #endif
    _ = try measure("render (evaluate + JSONValue)", seconds: seconds) {
        try template.render(event).objectValue?.count ?? 0
    }
    _ = try measure("render + JSONWriter.bytes", seconds: seconds) {
        JSONWriter.bytes(try template.render(event)).count
    }

    // Parts, to see where the time goes.
    let expressionsOnly = try PostbackTemplate(try JSONParser.parse("""
        {"a": {"$expr": "data.order.number"}, "b": {"$expr": "data.order.totals.total"}, "c": {"$expr": "data.contact.email"}}
        """))
    _ = try measure("part: 3 simple $expr", seconds: seconds / 3) { try expressionsOnly.render(event).objectValue?.count ?? 0 }
    let projection = try PostbackTemplate(try JSONParser.parse("""
        {"items": {"$expr": "data.order.lines[].{sku: sku, qty: quantity, price: unit_price}"}}
        """))
    _ = try measure("part: lines projection", seconds: seconds / 3) { try projection.render(event).objectValue?.count ?? 0 }
    let texts = try PostbackTemplate(try JSONParser.parse("""
        {"note": {"$template": "Order {{data.order.number}} shipped with {{data.order.shipping.carrier}}"}}
        """))
    _ = try measure("part: 1 $template (2 variables)", seconds: seconds / 3) { try texts.render(event).objectValue?.count ?? 0 }
    let section = try PostbackTemplate(try JSONParser.parse("""
        {"summary": {"$template": "{{#data.order.lines}}{{quantity}}× {{name}}; {{/data.order.lines}}"}}
        """))
    _ = try measure("part: 1 $template with a section", seconds: seconds / 3) { try section.render(event).objectValue?.count ?? 0 }
    let constants = try PostbackTemplate(try JSONParser.parse("""
        {"a": 1, "b": "x", "c": {"$literal": {"$x": 1}}, "d": {"$expr": "type"}}
        """))
    _ = try measure("part: constants + 1 $expr", seconds: seconds / 3) { try constants.render(event).objectValue?.count ?? 0 }

    let shared = ProcessInfo.processInfo.environment["KVITTO_SHARED"].flatMap { $0.isEmpty ? nil : $0 } ?? "../shared"
    let fixture = shared + "/fixtures/shopify/webhooks/orders_create.2026-07.json"
    if let body = FileManager.default.contents(atPath: fixture).map(Array.init) {
        // As the inbox stores a delivery: the raw body as a string member of its document.
        let document = JSONWriter.bytes(.object(JSONObject([("body", .string(String(decoding: body, as: UTF8.self))),
                                                            ("topic", "orders/create"), ("fetched", .null)])))
        print("")
        print("webhook JSON: body \(body.count) bytes, inbox document \(document.count) bytes")
        _ = try measure("JSON: parse the webhook body", seconds: seconds / 3, unit: "parses") {
            try JSONParser.parse(body).objectValue?.count ?? 0
        }
        let parsedDocument = try JSONParser.parse(document)
        _ = try measure("JSON: write the inbox document", seconds: seconds / 3, unit: "writes") { JSONWriter.bytes(parsedDocument).count }
        _ = try measure("JSON: parse the inbox document", seconds: seconds / 3, unit: "parses") {
            try JSONParser.parse(document).objectValue?.count ?? 0
        }
    } else {
        print("\nwebhook JSON: skipped, no fixture at \(fixture) (set KVITTO_SHARED)")
    }
} catch {
    print("benchmark failed: \(error)")
    exit(1)
}
