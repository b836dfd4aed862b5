import Foundation
import KvittoConnectors
import KvittoCore

/// The time range and position of a historical import.
public struct ImportWindow: Sendable {
    public var since: Date
    public var until: Date
}

/// One page of a platform's order history.
public struct ImportPage: Sendable {
    /// The payloads as `PlatformImport.change` takes them (FAPI: `{"invoice": …, "order": …}` in `fetched`).
    public var items: [(payload: JSONValue, fetched: JSONValue)]
    /// Where the next page starts; `nil` after the last page.
    public var next: JSONValue?
    /// How many orders the whole range holds, where the platform says (for the ETA).
    public var total: Int?
}

/// Reads a platform's order history page by page. `checkpoint` is `.null` for the first page, else a
/// `next` an earlier page returned: resuming after a crash is asking for the page after the last one
/// committed.
public protocol PlatformImportClient: Sendable {
    /// The webhook topic whose mapping an imported order gets.
    var topic: String { get }
    func page(after checkpoint: JSONValue, window: ImportWindow) async throws -> ImportPage
    /// The shop's currency, where the platform's API tells it (Shopify, WooCommerce); nil elsewhere.
    func shopCurrency() async throws -> String?
}

extension PlatformImportClient {
    func shopCurrency() async throws -> String? { nil }
}

/// Builds the client for a connection from its credentials, or says which credential is missing.
public enum PlatformClients {
    public static func client(for connection: Connection, credentials: [String: String], http: PlatformHTTP) throws(KvittoError) -> any PlatformImportClient {
        try client(kind: connection.kind, credentials: credentials, http: http)
    }

    static func client(kind: Connection.Kind, credentials: [String: String], http: PlatformHTTP) throws(KvittoError) -> any PlatformImportClient {
        func need(_ names: String...) throws(KvittoError) -> [String] {
            let missing = names.filter { credentials[$0]?.isEmpty ?? true }
            if !missing.isEmpty {
                throw KvittoError.invalid(missing.map { FieldError("/credentials/\($0)", "is required to import from \(kind.rawValue)") })
            }
            return names.map { credentials[$0]! }
        }
        switch kind {
        case .shopify:
            let token = try need("access_token")[0]
            let root = credentials["base_url"] ?? credentials["shop_domain"].map { "https://" + $0 }
            guard let root else { throw KvittoError.invalid([FieldError("/credentials/shop_domain", "is required to import from shopify")]) }
            return ShopifyImportClient(http: http, base: base(root), version: credentials["api_version"] ?? "2026-07", token: token)
        case .woocommerce:
            let values = try need("site_url", "consumer_key", "consumer_secret")
            return WooCommerceImportClient(http: http, base: base(values[0]), key: values[1], secret: values[2])
        case .cartum:
            let values = try need("site_url", "login", "password")
            return CartumImportClient(http: http, base: base(values[0]), login: values[1], password: values[2])
        case .fapi:
            let values = try need("user", "api_key")
            return FAPIClient(http: http, base: base(credentials["base_url"] ?? "https://api.fapi.cz"), user: values[0], key: values[1])
        case .sitoo:
            let values = try need("base_url", "account_id", "site_id", "api_id", "password")
            return SitooClient(http: http, base: base(values[0]), account: values[1], site: values[2], user: values[3], password: values[4])
        case .api:
            throw KvittoError.invalid([FieldError("/kind", "api connections have nothing to import")])
        }
    }

    /// A platform's address as credentials give it, without a trailing slash, for paths to follow.
    static func base(_ url: String) -> String { url.hasSuffix("/") ? String(url.dropLast()) : url }

    static func basic(_ user: String, _ password: String) -> (String, String) {
        ("authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
    }

    static func expectOK(_ response: PlatformHTTP.Response, _ what: String) throws {
        guard (200..<300).contains(response.status) else {
            throw PlatformAPIError(status: response.status, message: "\(what): " + String(decoding: response.body.prefix(300), as: UTF8.self))
        }
    }

    /// The checkpoint after a page of offset paging (`{"offset": n}`), or `nil` when a short page was the last.
    static func nextPosition(_ name: String, _ position: Int, got count: Int, pageSize: Int) -> JSONValue? {
        guard count >= pageSize else { return nil }
        return .object([name: .number(JSONNumber(position + count))])
    }

    /// `YYYY-MM-DD HH:MM:SS` in a shop's time zone (Cartum, FAPI filter in their local time).
    static func localTime(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(c.year ?? 1970)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }
}

/// Shopify REST `orders.json`: 250 a page, `Link` `page_info` cursors (which carry the filters), and the
/// `X-Shopify-Shop-Api-Call-Limit` bucket: near full, it waits a second so that it is not answered 429.
struct ShopifyImportClient: PlatformImportClient {
    let http: PlatformHTTP
    let base: String
    let version: String
    let token: String
    var topic: String { "orders/create" }

    func page(after checkpoint: JSONValue, window: ImportWindow) async throws -> ImportPage {
        let url = checkpoint["url"]?.stringValue ?? "\(base)/admin/api/\(version)/orders.json?status=any&limit=250"
            + "&created_at_min=\(Timestamp.format(window.since).queryEncoded)&created_at_max=\(Timestamp.format(window.until).queryEncoded)"
        let response = try await http.get(url, headers: [("x-shopify-access-token", token)])
        try PlatformClients.expectOK(response, "Shopify orders")
        if let limit = response.header("x-shopify-shop-api-call-limit"), let used = Self.bucketUse(limit), used >= 0.8 {
            try await Task.sleep(for: .seconds(1))
        }
        let orders = try response.json()["orders"]?.arrayValue ?? []
        let next = response.header("link").flatMap(Self.nextLink)
        return ImportPage(items: orders.map { ($0, .null) }, next: next.map { .object(["url": .string($0)]) }, total: nil)
    }

    func shopCurrency() async throws -> String? {
        let response = try await http.get("\(base)/admin/api/\(version)/shop.json", headers: [("x-shopify-access-token", token)])
        try PlatformClients.expectOK(response, "Shopify shop")
        return try response.json()["shop"]?["currency"]?.stringValue
    }

    /// `32/40` → 0.8.
    static func bucketUse(_ header: String) -> Double? {
        let parts = header.split(separator: "/").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, parts[1] > 0 else { return nil }
        return parts[0] / parts[1]
    }

    /// The `rel="next"` URL of a `Link` header.
    static func nextLink(_ header: String) -> String? {
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pieces.count >= 2, pieces.dropFirst().contains(where: { $0.replacingOccurrences(of: " ", with: "") == "rel=\"next\"" }),
                  pieces[0].hasPrefix("<"), pieces[0].hasSuffix(">") else { continue }
            return String(pieces[0].dropFirst().dropLast())
        }
        return nil
    }
}

/// WooCommerce REST v3 `orders`, oldest first so that orders placed during the import do not shift the
/// pages still to come; `X-WP-TotalPages` says when it is done. Line categories are chosen from the
/// product's categories and the shop's category tree (seed 004's rule), both fetched once.
final class WooCommerceImportClient: PlatformImportClient {
    let http: PlatformHTTP
    let base: String
    let auth: (String, String)
    private let cache = CategoryCache()
    var topic: String { "order.created" }

    init(http: PlatformHTTP, base: String, key: String, secret: String) {
        self.http = http; self.base = base; self.auth = PlatformClients.basic(key, secret)
    }

    func page(after checkpoint: JSONValue, window: ImportWindow) async throws -> ImportPage {
        let page = checkpoint["page"]?.numberValue?.int64.map { Int($0) } ?? 1
        let url = "\(base)/wp-json/wc/v3/orders?per_page=100&page=\(page)&order=asc&orderby=date&dates_are_gmt=true"
            + "&after=\(Timestamp.format(window.since).queryEncoded)&before=\(Timestamp.format(window.until).queryEncoded)"
        let response = try await http.get(url, headers: [auth])
        try PlatformClients.expectOK(response, "WooCommerce orders")
        var orders = try response.json().arrayValue ?? []
        for (i, order) in orders.enumerated() { orders[i] = try await withCategories(order) }
        let totalPages = response.header("x-wp-totalpages").flatMap(Int.init) ?? page
        let next: JSONValue? = page < totalPages && !orders.isEmpty ? .object(["page": .number(JSONNumber(page + 1))]) : Optional.none
        return ImportPage(items: orders.map { ($0, .null) }, next: next, total: response.header("x-wp-total").flatMap(Int.init))
    }

    func shopCurrency() async throws -> String? {
        let response = try await http.get("\(base)/wp-json/wc/v3/settings/general/woocommerce_currency", headers: [auth])
        try PlatformClients.expectOK(response, "WooCommerce currency")
        return try response.json()["value"]?.stringValue
    }

    /// The order with `kvitto_categories` (the chosen path) on each line whose product has categories.
    func withCategories(_ order: JSONValue) async throws -> JSONValue {
        guard case .object(var object) = order, case .array(var lines)? = object["line_items"] else { return order }
        for (i, line) in lines.enumerated() {
            guard case .object(var item) = line, let productID = item["product_id"]?.numberValue?.text, productID != "0" else { continue }
            let path = try await categoryPath(product: productID)
            if !path.isEmpty { item["kvitto_categories"] = .array(path.map { .string($0) }) }
            lines[i] = .object(item)
        }
        object["line_items"] = .array(lines)
        return .object(object)
    }

    func categoryPath(product: String) async throws -> [String] {
        if let known = await cache.path(product: product) { return known }
        let tree = try await categoryTree()
        let response = try await http.get("\(base)/wp-json/wc/v3/products/\(product)", headers: [auth])
        // A deleted product keeps its order lines; it just has no category.
        let ids = response.status == 200 ? (try response.json()["categories"]?.arrayValue ?? []).compactMap { $0["id"]?.numberValue?.text } : []
        let path = tree.chosenPath(for: ids)
        await cache.remember(product: product, path: path)
        return path
    }

    func categoryTree() async throws -> WooCommerceCategoryTree {
        if let tree = await cache.tree { return tree }
        var all: [JSONValue] = []
        var page = 1
        while true {
            let response = try await http.get("\(base)/wp-json/wc/v3/products/categories?per_page=100&page=\(page)", headers: [auth])
            try PlatformClients.expectOK(response, "WooCommerce categories")
            let items = try response.json().arrayValue ?? []
            all += items
            let totalPages = response.header("x-wp-totalpages").flatMap(Int.init) ?? page
            if items.isEmpty || page >= totalPages { break }
            page += 1
        }
        let tree = try WooCommerceCategoryTree(json: .array(all))
        await cache.remember(tree: tree)
        return tree
    }

    actor CategoryCache {
        var tree: WooCommerceCategoryTree?
        var paths: [String: [String]] = [:]
        func path(product: String) -> [String]? { paths[product] }
        func remember(product: String, path: [String]) { paths[product] = path }
        func remember(tree: WooCommerceCategoryTree) { self.tree = tree }
    }
}

/// Cartum (Horoshop) `/api/auth/` then `/api/orders/get/` with from/to in the shop's time and
/// offset/limit; a token that expired is renewed once.
final class CartumImportClient: PlatformImportClient {
    let http: PlatformHTTP
    let base: String
    let login: String
    let password: String
    private let token = TokenBox()
    var topic: String { "order_created" }

    init(http: PlatformHTTP, base: String, login: String, password: String) {
        self.http = http; self.base = base; self.login = login; self.password = password
    }

    func page(after checkpoint: JSONValue, window: ImportWindow) async throws -> ImportPage {
        let offset = checkpoint["offset"]?.numberValue?.int64.map { Int($0) } ?? 0
        let limit = 100
        for attempt in 0..<2 {
            let body: JSONValue = .object([
                "token": .string(try await currentToken(renew: attempt > 0)),
                "from": .string(PlatformClients.localTime(window.since - 86400, CartumMapper.defaultTimeZone)),
                "to": .string(PlatformClients.localTime(window.until + 86400, CartumMapper.defaultTimeZone)),
                "offset": .number(JSONNumber(offset)), "limit": .number(JSONNumber(limit)),
            ])
            let response = try await http.post("\(base)/api/orders/get/", json: body)
            try PlatformClients.expectOK(response, "Cartum orders")
            let json = try response.json()
            switch json["status"]?.stringValue {
            case "OK":
                let orders = json["response"]?["orders"]?.arrayValue ?? []
                return ImportPage(items: orders.map { ($0, .null) }, next: PlatformClients.nextPosition("offset", offset, got: orders.count, pageSize: limit),
                                  total: nil)
            case "EMPTY":
                return ImportPage(items: [], next: nil, total: nil)
            case "AUTHORIZATION_ERROR" where attempt == 0, "UNAUTHORIZED" where attempt == 0:
                continue
            default:
                throw PlatformAPIError(status: response.status, message: "Cartum orders: \(JSONWriter.string(json))")
            }
        }
        throw PlatformAPIError(status: nil, message: "Cartum refused a fresh token")
    }

    func currentToken(renew: Bool) async throws -> String {
        if !renew, let token = await token.value { return token }
        let response = try await http.post("\(base)/api/auth/", json: .object(["login": .string(login), "password": .string(password)]))
        try PlatformClients.expectOK(response, "Cartum auth")
        let json = try response.json()
        guard json["status"]?.stringValue == "OK", let fresh = json["response"]?["token"]?.stringValue else {
            throw PlatformAPIError(status: response.status, message: "Cartum auth: \(JSONWriter.string(json))")
        }
        await token.set(fresh)
        return fresh
    }

    actor TokenBox {
        var value: String?
        func set(_ token: String) { value = token }
    }
}

/// FAPI: invoices (every state, as the FAPI/SmartEmailing sync does) with the order made from each, Basic
/// auth with the user name and API key. Also what a FAPI notification is checked against.
struct FAPIClient: PlatformImportClient {
    let http: PlatformHTTP
    let base: String
    let user: String
    let key: String
    var topic: String { "invoice" }
    var auth: (String, String) { PlatformClients.basic(user, key) }

    func page(after checkpoint: JSONValue, window: ImportWindow) async throws -> ImportPage {
        let offset = checkpoint["offset"]?.numberValue?.int64.map { Int($0) } ?? 0
        let limit = 100
        let url = "\(base)/invoices?limit=\(limit)&offset=\(offset)"
            + "&created_on_from=\(PlatformClients.localTime(window.since - 86400, FAPIMapper.defaultTimeZone).queryEncoded)"
            + "&created_on_to=\(PlatformClients.localTime(window.until + 86400, FAPIMapper.defaultTimeZone).queryEncoded)"
        let response = try await http.get(url, headers: [auth])
        try PlatformClients.expectOK(response, "FAPI invoices")
        let invoices = try response.json()["invoices"]?.arrayValue ?? []
        var items: [(JSONValue, JSONValue)] = []
        for invoice in invoices {
            let order = try await order(ofInvoice: invoice["id"]?.numberValue?.text ?? invoice["id"]?.stringValue ?? "")
            items.append((invoice, .object(["invoice": invoice, "order": order])))
        }
        return ImportPage(items: items, next: PlatformClients.nextPosition("offset", offset, got: invoices.count, pageSize: limit), total: nil)
    }

    func invoice(id: String) async throws -> JSONValue {
        let response = try await http.get("\(base)/invoices/\(id.queryEncoded)", headers: [auth])
        try PlatformClients.expectOK(response, "FAPI invoice \(id)")
        return try response.json()
    }

    func order(ofInvoice id: String) async throws -> JSONValue {
        let response = try await http.get("\(base)/orders?invoice=\(id.queryEncoded)", headers: [auth])
        try PlatformClients.expectOK(response, "FAPI orders of invoice \(id)")
        return try response.json()["orders"]?.arrayValue?.first ?? .null
    }
}

/// Sitoo REST orders by date range (`orderdatefrom`/`orderdateto`, Unix seconds), `start`/`num` paging,
/// Basic auth with the API id and password. Also what a POS purchase event's order id is fetched with.
struct SitooClient: PlatformImportClient {
    let http: PlatformHTTP
    let base: String
    let account: String
    let site: String
    let user: String
    let password: String
    var topic: String { "order" }
    var auth: (String, String) { PlatformClients.basic(user, password) }
    /// Sitoo returns only the fields asked for; the phone is not among its defaults.
    static let fields = "orderid,email,namefirst,namelast,phone,invoice_address,invoice_address2,invoice_zip,invoice_city,"
        + "invoice_countryid,delivery_address,delivery_address2,delivery_zip,delivery_city,delivery_countryid,deliverytypename,"
        + "moneyfinal_net,moneyfinal_vat,moneytotal_gross_all,orderdate,orderstateid,creditorderid,currencycode,orderitems"

    func page(after checkpoint: JSONValue, window: ImportWindow) async throws -> ImportPage {
        let start = checkpoint["start"]?.numberValue?.int64.map { Int($0) } ?? 0
        let num = 100
        let url = "\(base)/v2/accounts/\(account)/sites/\(site)/orders.json?orderdatefrom=\(Int64(window.since.timeIntervalSince1970))"
            + "&orderdateto=\(Int64(window.until.timeIntervalSince1970))&start=\(start)&num=\(num)&sort=orderid&fields=\(Self.fields)"
        let response = try await http.get(url, headers: [auth])
        try PlatformClients.expectOK(response, "Sitoo orders")
        let json = try response.json()
        let orders = json["items"]?.arrayValue ?? []
        let total = json["totalcount"]?.numberValue?.int64.map { Int($0) }
        return ImportPage(items: orders.map { ($0, .object(["order": $0])) }, next: PlatformClients.nextPosition("start", start, got: orders.count, pageSize: num),
                          total: total)
    }

    func order(id: String) async throws -> JSONValue {
        let response = try await http.get("\(base)/v2/accounts/\(account)/sites/\(site)/orders/\(id.queryEncoded).json?fields=\(Self.fields)",
                                          headers: [auth])
        try PlatformClients.expectOK(response, "Sitoo order \(id)")
        return try response.json()
    }
}
