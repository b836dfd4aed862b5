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
        group.get("customers", .pos, find)
        group.post("customers", .pos, create)
        group.get("customers/{id}", .pos, show)
        group.put("customers/{id}", .pos, update)
        group.get("customers/{id}/purchases", .pos, purchases)
        group.post("purchases", .pos, recordPurchase)
        v1.get("audit/lookups", .admin) { call in try await services.page(call) { try $0.lookups(account: $1, page: $2) } }
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
    func find(_ call: APICall) async throws -> JSONValue {
        var errors: [FieldError] = []
        let typeName = call.query("key_type")
        let type = typeName.flatMap(LookupKeyType.init(parameter:))
        if typeName == nil {
            errors.append(FieldError("/key_type", "is required: phone (or mobile), email, member_number or customer_id"))
        } else if type == nil {
            errors.append(FieldError("/key_type", "must be phone (or mobile), email, member_number or customer_id"))
        }
        let key = call.query("key")
        if key == nil || key?.isEmpty == true { errors.append(FieldError("/key", "is required")) }
        guard errors.isEmpty, let type, let key else { throw KvittoError.invalid(errors) }
        let found = try await lookUp(type, key, account: call.account, origin: Self.origin(call.request))
        return .array(found.map { [$0] } ?? [])
    }

    /// The card of the customer `key` names, answered once the look-up is in the audit log: where reads run
    /// beside the writer (PostgreSQL) as the store's one-statement look-up whose audit record shares a batched
    /// insert with the look-ups of other registers; elsewhere (SQLite) in one write, which group commit
    /// already shares.
    private func lookUp(_ type: LookupKeyType, _ key: String, account: Account, origin: POSOrigin) async throws -> JSONValue? {
        let secrets = services.secrets
        let now = services.clock.now()
        let keyHash: @Sendable (String) -> String = { secrets.lookupHash(account: account.id, key: $0) }
        guard services.store.readsRunBesideTheWriter else {
            return try await services.store.write { w in
                let (card, audit) = try POSCustomers.lookUp(type, key: key, account: account, origin: origin, keyHash: keyHash, in: w, now: now)
                try w.insertLookups([audit])
                return card.map(POSCustomerView.json)
            }
        }
        let (card, audit) = try await POSCustomers.lookUp(type, key: key, account: account, origin: origin, keyHash: keyHash,
                                                          in: services.store, now: now)
        try await services.lookupAudit.record(audit)
        return card.map(POSCustomerView.json)
    }

    /// One customer by id: a look-up too (`customer_id`), logged like the others.
    func show(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        guard let found = try await lookUp(.customerID, id, account: call.account, origin: Self.origin(call.request)) else {
            throw KvittoError.notFound("customer \(id)")
        }
        return found
    }

    func create(_ call: APICall) async throws -> JSONAnswer {
        let account = call.account
        let input = try await call.decode(POSCustomerView.input)
        let origin = Self.origin(call.request)
        let now = services.clock.now()
        let created = try await services.store.write { w -> JSONValue in
            let loyalty = try w.settings(account: account.id)?.loyalty ?? AccountSettings.Loyalty()
            let contact = try POSCustomers.create(input, account: account, loyalty: loyalty, origin: origin, in: w, now: now)
            return try POSCustomerView.json(contact, in: w)
        }
        services.deliveriesQueued()
        return .created(created)
    }

    func update(_ call: APICall) async throws -> JSONValue {
        let (id, account) = (try call.parameter(), call.account)
        let input = try await call.decode(POSCustomerView.input)
        let origin = Self.origin(call.request)
        let now = services.clock.now()
        let updated = try await services.store.write { w -> JSONValue in
            let contact = try POSCustomers.update(id: id, with: input, account: account, origin: origin, in: w, now: now)
            return try POSCustomerView.json(contact, in: w)
        }
        services.deliveriesQueued()
        return updated
    }

    /// What the customer bought, in shops and online, from every connection, newest first.
    func purchases(_ call: APICall) async throws -> Page {
        let (id, account, page) = (try call.parameter(), call.account.id, try call.page)
        guard let orders = try await services.store.read({ r in try POSPurchases.history(contactID: id, account: account, page: page, in: r) }) else {
            throw KvittoError.notFound("customer \(id)")
        }
        return Page(orders, of: page, json: POSCustomerView.purchase)
    }

    /// `POST /pos/v2/purchases`: a completed purchase becomes an order with origin `pos` (201; a purchase id
    /// sent again updates it, 200, like an order).
    func recordPurchase(_ call: APICall) async throws -> JSONAnswer {
        let account = call.account
        let input = try POSCustomerView.purchaseInput(try await call.body())
        let origin = Self.origin(call.request)
        let now = services.clock.now()
        let recorded = try await services.store.write { w in
            try POSPurchases.record(input, account: account, origin: origin, in: w, now: now)
        }
        services.deliveriesQueued()
        return JSONAnswer(POSCustomerView.purchase(recorded.order), status: recorded.outcome == .created ? .created : .ok)
    }
}
