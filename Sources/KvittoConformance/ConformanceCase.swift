import Foundation
import KvittoCore
import KvittoStorage

/// One behaviour every storage backend must show. The test target runs each case against each backend.
public struct ConformanceCase: Sendable, CustomStringConvertible {
    public let name: String
    public let run: @Sendable (any KvittoStore) async throws -> Void
    public var description: String { name }

    init(_ name: String, _ run: @escaping @Sendable (any KvittoStore) async throws -> Void) {
        self.name = name
        self.run = run
    }
}

/// A failed expectation inside a case, with the place it was made.
public struct ConformanceFailure: Error, CustomStringConvertible {
    public let message: String
    public let line: Int
    public var description: String { "line \(line): \(message)" }
}

func expect(_ condition: @autoclosure () throws -> Bool, _ message: @autoclosure () -> String, line: Int = #line) throws {
    guard try condition() else { throw ConformanceFailure(message: message(), line: line) }
}

func expectEqual<T: Equatable>(_ actual: T, _ expected: T, _ what: String, line: Int = #line) throws {
    guard actual == expected else { throw ConformanceFailure(message: "\(what): expected \(expected), got \(actual)", line: line) }
}

/// The value, which must be there.
func expectSome<T>(_ value: T?, _ what: String, line: Int = #line) throws -> T {
    guard let value else { throw ConformanceFailure(message: "\(what): expected a value, got none", line: line) }
    return value
}

/// Expects `body` to throw a `KvittoError` and returns it.
func expectError<T>(_ what: String, line: Int = #line, _ body: () async throws -> T) async throws -> KvittoError {
    do {
        _ = try await body()
    } catch let error as KvittoError {
        return error
    }
    throw ConformanceFailure(message: "\(what): expected an error, got none", line: line)
}

/// Small builders shared by the cases.
enum Fixture {
    static func account(_ store: any KvittoStore, currency: String = "SEK", country: String = "SE") async throws -> Account {
        try await store.write { w in try Accounts.create(name: "Shop", currency: currency, country: country, in: w, now: Date()).account }
    }

    static func order(_ json: String) throws -> OrderInput { try OrderInput.read(try JSONParser.parse(json)) }

    /// The SPEC §3 order with the given external id and overrides spliced into its JSON.
    static func specOrder(externalID: String = "1001", quantity: Int = 2, extra: String = "", customer: String? = nil,
                          shipping: String? = nil) throws -> OrderInput {
        let customerJSON = customer ?? #"{"email": "Anna@Example.se", "phone": "070-123 45 67", "first_name": "Anna", "last_name": "Berg", "address": {"line1": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm", "country": "SE"}}"#
        let shippingJSON = shipping ?? #"{"carrier": "PostNord", "cost": "49.00", "tracking_number": "RR123", "address": {"name": "Anna Berg", "line1": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm", "country": "SE"}}"#
        return try order("""
        {"source": "webshop", "external_id": "\(externalID)", "number": "#\(externalID)", "created_at": "2026-11-01T10:00:00Z",
         "status": "received", "currency": "SEK", "customer": \(customerJSON),
         "lines": [{"external_id": "p-1", "sku": "HOOD-M", "name": "Hoodie", "description": "Grey, M",
                    "categories": [["Clothing", "Hoodies"]], "quantity": \(quantity), "unit_price": "299.00"}],
         "shipping": \(shippingJSON),
         "totals": {"subtotal": "598.00", "shipping": "49.00", "tax": "129.40", "total": "647.00"}\(extra)}
        """)
    }

    static func upsert(_ store: any KvittoStore, _ account: Account, _ input: OrderInput, origin: EventOrigin = .api) async throws -> OrderUpsert {
        try await store.write { w in
            return try Orders.upsert(input, account: account, origin: origin, in: w, now: Date())
        }
    }

    static func contact(_ store: any KvittoStore, _ account: Account, email: String? = nil, phone: String? = nil,
                        fields: String? = nil) async throws -> ContactUpsert {
        var input = ContactInput(email: email, phone: phone)
        if let fields {
            let log = FieldErrorLog()
            input.fields = FieldGroups.read(try JSONParser.parse(fields), at: "/fields", log: log)
        }
        let prepared = input
        return try await store.write { w in
            try Contacts.upsert(prepared, account: account, origin: .api, pointer: "", in: w, now: Date())
        }
    }
}
