import Foundation
import KvittoCore

/// What makes two versions of a line the same line: compared to decide whether an update changed lines.
struct LineSignature: Equatable {
    var productID: String?
    var name: String
    var quantity: Money
    var unitPrice: Money

    init(_ line: OrderLine) { productID = line.productID; name = line.name; quantity = line.quantity; unitPrice = line.unitPrice }
    init(productID: String?, name: String, quantity: Money, unitPrice: Money) {
        self.productID = productID; self.name = name; self.quantity = quantity; self.unitPrice = unitPrice
    }
}

extension Orders {
    /// The value a line is matched to a product by: the chosen key, else the name.
    static func matchKey(_ line: LineInput, _ productKey: ProductKey) -> (ProductKey, String)? {
        switch productKey {
        case .sku: if let sku = line.sku, !sku.isEmpty { return (.sku, sku) }
        case .externalID: if let id = line.externalID { return (.externalID, id) }
        case .name: break
        }
        if let name = line.name ?? line.sku ?? line.externalID { return (.name, name) }
        return nil
    }

    static func lineName(_ line: LineInput) -> String { line.name ?? line.sku ?? line.externalID ?? "" }

    /// Lines as they would be stored, without creating anything: used to tell whether an update changes lines.
    static func previewLines(_ lines: [LineInput], productKey: ProductKey, account: String, in reader: any StoreReader) throws -> [LineSignature] {
        try lines.map { line in
            let productID = try matchKey(line, productKey).flatMap { try reader.productID(account: account, key: $0.0, value: $0.1) }
            return LineSignature(productID: productID, name: lineName(line), quantity: line.quantity, unitPrice: line.unitPrice)
        }
    }

    /// Matches each line to a product, creating products (unit `piece`) and categories that are missing.
    static func resolveLines(_ lines: [LineInput], productKey: ProductKey, account: String, in writer: any StoreWriter, now: Date) throws -> [OrderLine] {
        try lines.map { line in
            let match = matchKey(line, productKey)
            let productID = try match.flatMap { try writer.productID(account: account, key: $0.0, value: $0.1) }
                ?? Catalogue.findOrCreateProduct(
                    name: lineName(line), description: line.description, sku: line.sku, code: line.externalID,
                    categoryPath: Catalogue.choosePath(line.categories), price: line.unitPrice,
                    match: match, account: account, in: writer, now: now).id
            return OrderLine(productID: productID, externalID: line.externalID, sku: line.sku, name: lineName(line),
                             description: line.description, quantity: line.quantity, unitPrice: line.unitPrice,
                             lineTotal: line.lineTotal ?? line.unitPrice * line.quantity)
        }
    }
}

public enum Catalogue {
    /// Of several category paths the longest (most specific) one, ties broken alphabetically.
    /// Platform connectors apply their own choice before this (seed 004's WooCommerce rule).
    public static func choosePath(_ paths: [[String]]) -> [String] {
        paths.max { a, b in a.count != b.count ? a.count < b.count : a.joined(separator: "/") > b.joined(separator: "/") } ?? []
    }

    public static func findOrCreateProduct(name: String, description: String?, sku: String?, code: String?, categoryPath: [String],
                                           price: Money?, match: (ProductKey, String)?, account: String,
                                           in writer: any StoreWriter, now: Date) throws -> Product {
        if let (key, value) = match {
            // Callers come here after their own look-up missed; another writer may have created it since.
            try writer.lockProductKey(account: account, key: key, value: value)
            if let existing = try writer.product(account: account, key: key, value: value) { return existing }
        }
        var product = Product(id: KvittoID.make(.product, at: now), accountID: account, name: name, createdAt: now)
        product.description = description
        product.sku = sku
        product.code = code
        product.price = price
        product.categoryID = try categoryID(for: categoryPath, account: account, in: writer, now: now)
        try writer.insertProduct(product)
        return product
    }

    /// The deepest category of `path`, creating each missing level.
    public static func categoryID(for path: [String], account: String, in writer: any StoreWriter, now: Date) throws -> String? {
        var parentID: String?
        for name in path where !name.isEmpty {
            if let existing = try writer.category(account: account, parentID: parentID, name: name) {
                parentID = existing.id
            } else {
                let category = Category(id: KvittoID.make(.category, at: now), accountID: account, name: name, parentID: parentID, createdAt: now)
                try writer.insertCategory(category)
                parentID = category.id
            }
        }
        return parentID
    }

    public static func upsertProduct(_ input: ProductInput, account: Account, in writer: any StoreWriter, now: Date) throws -> (Product, created: Bool) {
        let match: (ProductKey, String)? = {
            switch account.productKey {
            case .sku: return input.sku.map { (.sku, $0) }
            case .externalID: return input.code.map { (.externalID, $0) }
            case .name: return (.name, input.name)
            }
        }()
        if let (key, value) = match, var existing = try writer.product(account: account.id, key: key, value: value) {
            let before = existing
            existing.name = input.name
            if let d = input.description { existing.description = d }
            if let s = input.sku { existing.sku = s }
            if let c = input.code { existing.code = c }
            if let p = input.price { existing.price = p }
            if !input.categories.isEmpty { existing.categoryID = try categoryID(for: choosePath(input.categories), account: account.id, in: writer, now: now) }
            if existing != before {
                existing.updatedAt = now
                try writer.updateProduct(existing)
            }
            return (existing, false)
        }
        let product = try findOrCreateProduct(name: input.name, description: input.description, sku: input.sku, code: input.code,
                                              categoryPath: choosePath(input.categories), price: input.price, match: match,
                                              account: account.id, in: writer, now: now)
        return (product, true)
    }
}
