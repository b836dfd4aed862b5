import KvittoCore

/// A shop's WooCommerce product categories (`GET /wp-json/wc/v3/products/categories`: id, name, parent), and
/// the one category Kvitto files a product under when WooCommerce gives it several.
public struct WooCommerceCategoryTree: Sendable, Equatable {
    public struct Category: Sendable, Equatable {
        public var id: String
        public var name: String
        /// `nil` for a top-level category (WooCommerce writes parent `0`).
        public var parentID: String?

        public init(id: String, name: String, parentID: String?) {
            self.id = id; self.name = name; self.parentID = parentID
        }
    }

    public private(set) var categories: [String: Category]

    public init(_ categories: [Category]) {
        self.categories = Dictionary(categories.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Reads the categories endpoint's JSON array (all pages concatenated).
    /// - Throws: `KvittoError.invalid` with a pointer per entry lacking an id or a name.
    public init(json: JSONValue) throws(KvittoError) {
        let log = FieldErrorLog()
        let categories = PayloadReader(json, log: log).elements().compactMap { entry -> Category? in
            guard let id = entry.identifier("id", required: true), let name = entry.text("name", required: true) else { return nil }
            let parent = entry.identifier("parent")
            return Category(id: id, name: name.decodingHTMLEntities, parentID: parent == "0" ? nil : parent)
        }
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        self.init(categories)
    }

    /// The names from the top-level category down to `id`, or `nil` for an id the tree does not hold. A
    /// parent loop (a corrupt shop database) ends the path where it would repeat.
    public func path(to id: String) -> [String]? {
        guard categories[id] != nil else { return nil }
        var names: [String] = []
        var seen: Set<String> = []
        var current: String? = id
        while let currentID = current, let category = categories[currentID], seen.insert(currentID).inserted {
            names.append(category.name)
            current = category.parentID
        }
        return names.reversed()
    }

    /// The category path a product is filed under (seed 004), most general first:
    /// - categories on one chain (each an ancestor of the deepest) → the deepest;
    /// - several categories of one level → the alphabetically first;
    /// - several of different levels, not one chain → the most general, alphabetically first among equals.
    ///
    /// Ids the tree does not hold are ignored; with none left the product has no category (`[]`).
    public func chosenPath(for categoryIDs: [String]) -> [String] {
        let candidates = Set(categoryIDs).compactMap { id in path(to: id).map { (id: id, path: $0) } }
        guard let deepest = candidates.max(by: { $0.path.count < $1.path.count }) else { return [] }
        let deepestAncestors = Set(ancestorIDs(of: deepest.id))
        if candidates.allSatisfy({ $0.id == deepest.id || deepestAncestors.contains($0.id) }) { return deepest.path }
        let topLevel = candidates.map(\.path.count).min() ?? 0
        let mostGeneral = candidates.filter { $0.path.count == topLevel }.map(\.path)
        return mostGeneral.min(by: { Self.alphabeticallyBefore($0.last ?? "", $1.last ?? "") }) ?? []
    }

    func ancestorIDs(of id: String) -> [String] {
        var ids: [String] = []
        var seen: Set<String> = [id]
        var current = categories[id]?.parentID
        while let parentID = current, seen.insert(parentID).inserted {
            ids.append(parentID)
            current = categories[parentID]?.parentID
        }
        return ids
    }

    /// Case-insensitive, as a person reads an alphabetical list; exact text breaks ties so the choice is
    /// the same on every run.
    static func alphabeticallyBefore(_ a: String, _ b: String) -> Bool {
        let (la, lb) = (a.lowercased(), b.lowercased())
        return la != lb ? la < lb : a < b
    }
}
