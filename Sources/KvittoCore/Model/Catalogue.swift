import Foundation

/// A product in the merchant's catalogue; order lines create and match them.
public struct Product: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var name: String
    public var description: String?
    public var sku: String?
    /// The platform's product id.
    public var code: String?
    public var categoryID: String?
    /// Always `piece` for imported products (seed 004).
    public var unit: String
    public var price: Money?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, accountID: String, name: String, createdAt: Date) {
        self.id = id; self.accountID = accountID; self.name = name; self.unit = "piece"
        self.createdAt = createdAt; self.updatedAt = createdAt
    }

    public var json: JSONValue {
        [
            "id": .string(id), "name": .string(name), "description": .string(description), "sku": .string(sku),
            "code": .string(code), "category_id": .string(categoryID), "unit": .string(unit),
            "price": price?.json ?? .null, "created_at": .string(Timestamp.format(createdAt)),
            "updated_at": .string(Timestamp.format(updatedAt)),
        ]
    }

    /// As stored (`json`; the account is a column beside it). Strict: see `StoredDocument`.
    public init(stored json: JSONValue, accountID: String) throws {
        let doc = try StoredDocument(json, what: "product")
        self.init(id: try doc.string("id"), accountID: accountID, name: try doc.string("name"), createdAt: try doc.timestamp("created_at"))
        description = try doc.optionalString("description"); sku = try doc.optionalString("sku"); code = try doc.optionalString("code")
        categoryID = try doc.optionalString("category_id"); unit = try doc.optionalString("unit") ?? "piece"
        price = try doc.optionalMoney("price")
        updatedAt = try doc.timestamp("updated_at")
    }

    /// The value this product is matched by under a product key.
    public func key(_ productKey: ProductKey) -> String? {
        switch productKey {
        case .sku: return sku
        case .name: return name
        case .externalID: return code
        }
    }
}

/// What `POST /v1/products` takes.
public struct ProductInput: Sendable {
    public var name: String
    public var description: String?
    public var sku: String?
    public var code: String?
    public var categories: [[String]]
    public var price: Money?

    public static func read(_ json: JSONValue) throws(KvittoError) -> ProductInput {
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(json, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        let name = r.string("name", required: true, maxLength: 500)
        var input = ProductInput(name: name ?? "", categories: [])
        input.description = r.string("description", maxLength: 5000)
        input.sku = r.string("sku", maxLength: 255)
        input.code = r.identifier("code")
        if let category = r.stringArray("category") { if !category.isEmpty { input.categories = [category] } }
        input.price = r.money("price")
        r.finish()
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        return input
    }
}

public struct Category: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var name: String
    public var parentID: String?
    public var createdAt: Date

    public init(id: String, accountID: String, name: String, parentID: String?, createdAt: Date) {
        self.id = id; self.accountID = accountID; self.name = name; self.parentID = parentID; self.createdAt = createdAt
    }

    public var json: JSONValue {
        ["id": .string(id), "name": .string(name), "parent_id": .string(parentID), "created_at": .string(Timestamp.format(createdAt))]
    }
}
