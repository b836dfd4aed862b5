import KvittoCore

/// A platform product on its way into the catalogue. It goes through `ProductInput.read`, the native API's
/// own reader, so a platform product meets exactly the checks and limits a posted one does.
struct CatalogueProduct {
    var name: String?
    var description: String?
    var sku: String?
    var code: String?
    /// One category path, most general first.
    var category: [String]
    var price: Money?

    /// The catalogue's limit on a description; platform descriptions are HTML and can run longer, and a
    /// product is not worth refusing over the tail of its description.
    static let descriptionLimit = 5000

    func input() throws(KvittoError) -> ProductInput {
        var document = JSONObject()
        document["name"] = .string(name ?? "")
        document["description"] = .string(description.map { String($0.prefix(Self.descriptionLimit)) })
        document["sku"] = .string(sku)
        document["code"] = .string(code)
        if !category.isEmpty { document["category"] = .array(category.map { .string($0) }) }
        document["price"] = price?.json ?? .null
        return try ProductInput.read(.object(document))
    }
}
