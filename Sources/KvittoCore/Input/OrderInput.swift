import Foundation

/// An order line as a request describes it.
public struct LineInput: Sendable, Equatable {
    public var externalID: String?
    public var sku: String?
    public var name: String?
    public var description: String?
    /// Category paths, most general first (`[["Clothing", "Hoodies"]]`).
    public var categories: [[String]]
    public var quantity: Money
    public var unitPrice: Money
    public var lineTotal: Money?

    public init(externalID: String? = nil, sku: String? = nil, name: String? = nil, description: String? = nil,
                categories: [[String]] = [], quantity: Money, unitPrice: Money, lineTotal: Money? = nil) {
        self.externalID = externalID; self.sku = sku; self.name = name; self.description = description
        self.categories = categories; self.quantity = quantity; self.unitPrice = unitPrice; self.lineTotal = lineTotal
    }
}

/// An order as the native API takes it (SPEC §3). Reading checks shape and types only; the order rules
/// (currency, lines, customer) are applied by the ingestion use case so that rejections are logged.
public struct OrderInput: Sendable, Equatable {
    public var source: String
    public var externalID: String
    public var number: String?
    public var createdAt: Date?
    public var status: OrderStatus?
    /// Set by platform connectors only (see `Order.platformStatus`).
    public var platformStatus: String?
    public var currency: String
    public var customer: ContactInput?
    public var lines: [LineInput]
    public var shipping: Shipping?
    public var totals: Totals?
    public var fields: FieldGroups?

    public init(source: String, externalID: String, currency: String, lines: [LineInput] = []) {
        self.source = source; self.externalID = externalID; self.currency = currency; self.lines = lines
    }

    /// Reads a request body; all field errors come back at once with a JSON pointer each.
    public static func read(_ json: JSONValue, at pointer: String = "") throws(KvittoError) -> OrderInput {
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(json, at: pointer, log: log) else { throw KvittoError.invalid(log.errors) }
        let source = r.string("source", maxLength: 100) ?? "api"
        if source.isEmpty { log.add(r.path("source"), "must not be empty") }
        let externalID = r.identifier("external_id", required: true)
        var input = OrderInput(source: source, externalID: externalID ?? "", currency: "")
        if let n = r.value("number") {
            switch n {
            case .string(let s): input.number = s
            case .number(let n): input.number = n.text
            default: log.add(r.path("number"), "must be a string or a number")
            }
        }
        input.createdAt = r.timestamp("created_at")
        input.status = r.enumeration("status", OrderStatus.self)
        input.currency = r.string("currency", required: true, maxLength: 3)?.uppercased() ?? ""
        if var c = r.object("customer") { input.customer = ContactInput.read(&c) }
        if let items = r.array("lines") {
            for (i, item) in items.enumerated() {
                guard var l = ObjectReader.make(item, at: r.path("lines") + "/\(i)", log: log) else { continue }
                if let line = readLine(&l) { input.lines.append(line) }
            }
        }
        if var s = r.object("shipping") { input.shipping = readShipping(&s) }
        if var t = r.object("totals") { input.totals = readTotals(&t) }
        if let f = r.value("fields") { input.fields = FieldGroups.read(f, at: r.path("fields"), log: log) }
        r.finish()
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        return input
    }

    static func readLine(_ r: inout ObjectReader) -> LineInput? {
        let externalID = r.identifier("external_id")
        let sku = r.string("sku", maxLength: 255)
        let name = r.string("name", maxLength: 500)
        let description = r.string("description", maxLength: 5000)
        var paths: [[String]] = []
        if let items = r.array("categories", maxCount: 50) {
            for (i, item) in items.enumerated() {
                switch item {
                case .string(let s): paths.append([s])  // a single category name is a path of one
                case .array(let parts) where parts.allSatisfy({ $0.stringValue?.isEmpty == false }) && !parts.isEmpty:
                    paths.append(parts.compactMap(\.stringValue))
                default: r.log.add(r.path("categories") + "/\(i)", "must be a category name or a path of names")
                }
            }
        }
        let quantity = r.quantity("quantity")
        let unitPrice = r.money("unit_price", required: true)
        let lineTotal = r.money("line_total")
        if name == nil, sku == nil, externalID == nil { r.log.add(r.pointer, "a line needs a name, sku or external_id") }
        r.finish()
        guard let quantity, let unitPrice else { return nil }
        return LineInput(externalID: externalID, sku: sku, name: name, description: description, categories: paths,
                         quantity: quantity, unitPrice: unitPrice, lineTotal: lineTotal)
    }

    static func readShipping(_ r: inout ObjectReader) -> Shipping {
        var s = Shipping()
        s.carrier = r.string("carrier"); s.method = r.string("method"); s.cost = r.money("cost")
        s.trackingNumber = r.string("tracking_number"); s.trackingURL = r.string("tracking_url", maxLength: 2000)
        if var a = r.object("address") { s.address = Address.read(&a, allowName: true) }
        r.finish()
        return s
    }

    static func readTotals(_ r: inout ObjectReader) -> Totals {
        var t = Totals(total: .zero)
        t.subtotal = r.money("subtotal"); t.shipping = r.money("shipping"); t.tax = r.money("tax")
        t.discount = r.money("discount")
        let total = r.money("total")
        r.finish()
        t.total = total ?? .zero
        return t
    }
}
