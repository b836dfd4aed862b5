import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// The till's API (SPEC §8), compatible with Sitoo's CRM SPI v2: point Sitoo's Custom CRM at
/// `https://HOST/pos/v2` with a `pos` key as the password. Paths below that base are Sitoo's
/// (`/customers?key_type=…&key=…` answers a bare array, one customer or none).
struct POSController {
    let services: KvittoServices

    func register(pos group: RouterGroup<KvittoRequestContext>, v1: RouterGroup<KvittoRequestContext>) {
        group.get("customers", use: find)
        group.post("customers", use: create)
        group.get("customers/{id}", use: show)
        group.put("customers/{id}", use: update)
        group.get("customers/{id}/purchases", use: purchases)
        group.post("purchases", use: recordPurchase)
        v1.get("audit/lookups", use: lookups)
    }

    /// Sitoo sends `Store-ID`, `Staff-ID` and `Register-ID` URL-encoded (UTF-8).
    static func origin(_ request: Request) -> POSOrigin {
        func header(_ name: String) -> String? {
            guard let field = HTTPField.Name(name), let raw = request.headers[field], !raw.isEmpty else { return nil }
            return String((raw.removingPercentEncoding ?? raw).prefix(100))
        }
        return POSOrigin(storeID: header("Store-ID"), staffID: header("Staff-ID"), registerID: header("Register-ID"))
    }

    /// `GET /pos/v2/customers?key_type=phone|mobile|email|member_number|customer_id&key=…`: `[customer]` or `[]`.
    func find(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.pos)
        let query = request.uri.queryParameters
        let log = FieldErrorLog()
        let typeName = query.get("key_type").map { String($0) }
        let type = typeName.flatMap(LookupKeyType.init(parameter:))
        if typeName == nil { log.add("/key_type", "is required: phone (or mobile), email, member_number or customer_id") } else if type == nil {
            log.add("/key_type", "must be phone (or mobile), email, member_number or customer_id")
        }
        let key = query.get("key").map { String($0) }
        if key == nil || key?.isEmpty == true { log.add("/key", "is required") }
        guard log.isEmpty, let type, let key else { throw KvittoError.invalid(log.errors) }
        let found = try await lookUp(type, key, account: account, origin: Self.origin(request))
        return JSONResponse.make(.array(found.map { [$0] } ?? []))
    }

    /// The card of the customer `key` names, answered once the look-up is in the audit log: where reads run
    /// beside the writer (PostgreSQL) as a read whose audit record shares a batched insert with the look-ups
    /// of other registers; elsewhere (SQLite) in one write, which group commit already shares.
    private func lookUp(_ type: LookupKeyType, _ key: String, account: Account, origin: POSOrigin) async throws -> JSONValue? {
        let secrets = services.secrets
        let now = services.clock.now()
        @Sendable func find(in r: any StoreReader) throws -> (card: JSONValue?, audit: LookupRecord) {
            let (contact, audit) = try POSCustomers.lookUp(type, key: key, account: account, origin: origin,
                                                           keyHash: { secrets.lookupHash(account: account.id, key: $0) }, in: r, now: now)
            return (try contact.map { try POSCustomerView.json($0, in: r) }, audit)
        }
        guard services.store.readsRunBesideTheWriter else {
            return try await services.store.write { w in
                let found = try find(in: w)
                try w.insertLookups([found.audit])
                return found.card
            }
        }
        let found = try await services.store.read { r in try find(in: r) }
        try await services.lookupAudit.record(found.audit)
        return found.card
    }

    /// One customer by id: a look-up too (`customer_id`), logged like the others.
    func show(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.pos)
        let id = try context.parameters.require("id")
        guard let found = try await lookUp(.customerID, id, account: account, origin: Self.origin(request)) else {
            throw KvittoError.notFound("customer \(id)")
        }
        return JSONResponse.make(found)
    }

    func create(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.pos)
        var request = request
        let input = try POSCustomerView.input(try await request.jsonBody())
        let origin = Self.origin(request)
        let now = services.clock.now()
        let created = try await services.store.write { w -> JSONValue in
            let loyalty = try w.settings(account: account.id)?.loyalty ?? AccountSettings.Loyalty()
            let contact = try POSCustomers.create(input, account: account, loyalty: loyalty, origin: origin, in: w, now: now)
            return try POSCustomerView.json(contact, in: w)
        }
        services.deliveriesQueued()
        return JSONResponse.make(created, status: .created)
    }

    func update(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.pos)
        let id = try context.parameters.require("id")
        var request = request
        let input = try POSCustomerView.input(try await request.jsonBody())
        let origin = Self.origin(request)
        let now = services.clock.now()
        let updated = try await services.store.write { w -> JSONValue in
            let contact = try POSCustomers.update(id: id, with: input, account: account, origin: origin, in: w, now: now)
            return try POSCustomerView.json(contact, in: w)
        }
        services.deliveriesQueued()
        return JSONResponse.make(updated)
    }

    /// What the customer bought, in shops and online, from every connection, newest first.
    func purchases(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.pos)
        let id = try context.parameters.require("id")
        let query = request.pageRequest
        let page = PageRequest(limit: query.limit, cursor: query.cursor)
        let found = try await services.store.read { r -> [Order]? in
            guard try r.contact(account: account.id, id: id) != nil else { return nil }
            guard try r.settings(account: account.id)?.pos.ownPurchasesOnly == true else {
                return try r.orders(account: account.id, contactID: id, page: page)
            }
            // Till purchases only: read the customer's orders until a page is full (a customer has few).
            var kept: [Order] = [], cursor = page.cursor
            while kept.count < page.limit {
                let batch = try r.orders(account: account.id, contactID: id, page: PageRequest(limit: 500, cursor: cursor))
                kept += batch.filter(\.isTillPurchase)
                guard batch.count == 500, let last = batch.last else { break }
                cursor = last.id
            }
            return Array(kept.prefix(page.limit))
        }
        guard let orders = found else { throw KvittoError.notFound("customer \(id)") }
        return JSONResponse.page(orders.map(POSCustomerView.purchase), cursor: orders.count == page.limit ? orders.last?.id : nil)
    }

    /// `POST /pos/v2/purchases`: a completed purchase becomes an order with origin `pos` (201; a purchase id
    /// sent again updates it, 200, like an order).
    func recordPurchase(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.pos)
        var request = request
        let input = try POSCustomerView.purchaseInput(try await request.jsonBody())
        let origin = Self.origin(request)
        let now = services.clock.now()
        let recorded = try await services.store.write { w in
            try POSPurchases.record(input, account: account, origin: origin, in: w, now: now)
        }
        services.deliveriesQueued()
        return JSONResponse.make(POSCustomerView.purchase(recorded.order), status: recorded.outcome == .created ? .created : .ok)
    }

    /// `GET /v1/audit/lookups`: every till look-up, newest first, with a keyed hash of its key.
    func lookups(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let query = request.pageRequest
        let page = PageRequest(limit: query.limit, cursor: query.cursor)
        let records = try await services.store.read { r in try r.lookups(account: account.id, page: page) }
        return JSONResponse.page(records.map(\.json), cursor: records.count == page.limit ? records.last?.id : nil)
    }
}

/// Sitoo's customer object, and the input a till sends.
enum POSCustomerView {
    /// Members of the customer object a till may send back unchanged; Kvitto computes them, so they are ignored.
    static let computed = ["customer_id", "status", "promotions", "bonus_checks", "voucher_passwords", "sections",
                           "additional_options", "consents"]

    static func input(_ json: JSONValue) throws -> POSCustomerInput {
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(json, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        var input = POSCustomerInput()
        let raw = r.object
        for member in ["email", "mobile", "name_first", "name_last", "invoice_address", "gender", "store_id_home"] where raw[member] == .some(.null) {
            input.clear.insert(member)
        }
        input.email = r.string("email", maxLength: 320)
        input.mobile = r.string("mobile", maxLength: 40)
        input.firstName = r.string("name_first", maxLength: 200)
        input.lastName = r.string("name_last", maxLength: 200)
        input.memberNumber = r.identifier("member_number")
        input.gender = r.string("gender", maxLength: 40)
        input.storeIDHome = r.identifier("store_id_home")
        if var address = r.object("invoice_address") {
            var value = Address()
            value.line1 = address.string("address", maxLength: 500)
            value.city = address.string("city", maxLength: 200)
            value.postalCode = address.string("zip", maxLength: 20)
            value.country = address.string("country_id", maxLength: 2)?.uppercased()
            address.finish()
            input.address = value
        }
        if let consent = r.value("accepts_communication") {
            switch consent {
            case .bool(let yes): input.acceptsCommunication = yes ? ["email", "sms"] : []
            case .array(let items) where items.allSatisfy({ ["email", "sms", "mail"].contains($0.stringValue ?? "") }):
                input.acceptsCommunication = items.compactMap(\.stringValue)
            default: log.add("/accepts_communication", "a list of channels (email, sms, mail), or true or false")
            }
        }
        for member in computed { _ = r.value(member) }
        r.finish()
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        return input
    }

    /// The customer as the till shows it. `sections` are the contact's custom field groups, titled, each
    /// value as text; `status` is red for a blacklisted customer, otherwise green with the engagement segment.
    static func json(_ contact: Contact, in reader: any StoreReader) throws -> JSONValue {
        let club = contact.fields[POSGroups.contact] ?? [:]
        let address: JSONValue = contact.address.map { a in
            ["address": .string(a.line1), "city": .string(a.city), "zip": .string(a.postalCode), "country_id": .string(a.country)]
        } ?? .null
        let channels: JSONValue = club["accepts_communication"] ?? .array(contact.consent == true ? ["email", "sms"] : [])
        let segment = contact.fields[Engagement.group]?["segment"]?.stringValue
        let status: JSONValue = contact.blacklisted ? ["color": "red", "text": "Blacklisted"] : ["color": "green", "text": .string(segment ?? "")]
        let sections: [JSONValue] = contact.fields.keys.sorted().map { group in
            let values: [JSONValue] = (contact.fields[group] ?? [:]).sorted { $0.key < $1.key }.filter { !$0.value.isNull }.map { name, value in
                ["title": .string(name), "text": .string(text(value)), "type": "text"]
            }
            return ["title": .string(group), "values": .array(values)]
        }
        return [
            "customer_id": .string(contact.id), "member_number": .string(contact.memberNumber), "email": .string(contact.email),
            "name_first": .string(contact.firstName), "name_last": .string(contact.lastName), "mobile": .string(contact.phone),
            "invoice_address": address, "gender": club["gender"] ?? .null, "accepts_communication": channels, "consents": [],
            "status": status, "promotions": [], "bonus_checks": .array(try reader.vouchers(account: contact.accountID, contactID: contact.id).map(\.tillJSON)),
            "voucher_passwords": [],
            "store_id_home": club["store_id_home"] ?? .null, "additional_options": [], "sections": .array(sections),
        ]
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .number(let n): return n.text
        case .bool(let b): return b ? "yes" : "no"
        case .array(let items) where items.allSatisfy({ $0.stringValue != nil }): return items.compactMap(\.stringValue).joined(separator: ", ")
        default: return JSONWriter.string(value)
        }
    }

    /// `{"purchase_id", "customer_id"?, "created_at"?, "currency", "lines": [order lines], "payments": [{"method",
    /// "amount"}]?, "total"?, "receipt_number"?}`. Lines are read as an order's are (same pointers).
    static func purchaseInput(_ json: JSONValue) throws -> POSPurchaseInput {
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(json, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        let id = r.identifier("purchase_id", required: true)
        let customerID = r.string("customer_id", maxLength: 100)
        var order: JSONObject = ["source": .string(POSPurchases.source), "external_id": .string(id ?? "")]
        order["number"] = .string(r.identifier("receipt_number") ?? id ?? "")
        for member in ["created_at", "currency", "lines"] { if let value = r.value(member) { order[member] = value } }
        if let total = r.value("total") { order["totals"] = ["total": total] }
        var payments: [(method: String, amount: Money)] = []
        if let list = r.value("payments") {
            for (index, item) in (list.arrayValue ?? []).enumerated() {
                guard var p = ObjectReader.make(item, at: "/payments/\(index)", log: log) else { continue }
                let method = p.string("method", required: true, maxLength: 100)
                let amount = p.string("amount", required: true, maxLength: 30)
                p.finish()
                if let method, let amount {
                    if let money = Money(parsing: amount) { payments.append((method, money)) } else { log.add("/payments/\(index)/amount", "a decimal amount such as \"647.00\"") }
                }
            }
            if list.arrayValue == nil { log.add("/payments", "must be a list") }
        }
        r.finish()
        if !log.isEmpty || id == nil { throw KvittoError.invalid(log.errors) }
        let input = try OrderInput.read(.object(order))
        return POSPurchaseInput(order: input, customerID: customerID, payments: payments)
    }

    /// One purchase of the history: a shop purchase or a web order, with its lines.
    static func purchase(_ order: Order) -> JSONValue {
        [
            "purchase_id": .string(order.id), "number": .string(order.number), "source": .string(order.source),
            "connection_id": .string(order.connectionID), "created_at": .string(Timestamp.format(order.createdAt)),
            "status": .string(order.status.rawValue), "currency": .string(order.currency), "total": order.totals.total.json,
            "lines": .array(order.lines.map { line in
                ["sku": .string(line.sku), "name": .string(line.name), "quantity": line.quantity.json,
                 "unit_price": line.unitPrice.json, "total": line.lineTotal.json]
            }),
        ]
    }
}
