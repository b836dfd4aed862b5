import KvittoConnectors
import Testing

@Suite("WooCommerce category choice")
struct WooCommerceCategoryChoiceTests {
    /// The fixture shop's tree (Clothing › Hoodies, T-shirts; Music › Albums, Singles; Posters) with one more
    /// level under Hoodies, so chains of three exist.
    static let tree = WooCommerceCategoryTree([
        .init(id: "9", name: "Clothing", parentID: nil),
        .init(id: "10", name: "Hoodies", parentID: "9"),
        .init(id: "14", name: "T-shirts", parentID: "9"),
        .init(id: "20", name: "Zip hoodies", parentID: "10"),
        .init(id: "11", name: "Music", parentID: nil),
        .init(id: "15", name: "Albums", parentID: "11"),
        .init(id: "13", name: "Singles", parentID: "11"),
        .init(id: "12", name: "Posters", parentID: nil),
    ])

    @Test(arguments: [
        // One category.
        (["14"], ["Clothing", "T-shirts"]),
        // One chain → the deepest.
        (["9", "10"], ["Clothing", "Hoodies"]),
        (["20", "9", "10"], ["Clothing", "Hoodies", "Zip hoodies"]),
        (["9", "20"], ["Clothing", "Hoodies", "Zip hoodies"]),
        // Several of one level → alphabetically first.
        (["14", "10"], ["Clothing", "Hoodies"]),
        (["13", "15"], ["Music", "Albums"]),
        (["12", "9", "11"], ["Clothing"]),
        (["14", "15"], ["Music", "Albums"]),
        // Several levels, not one chain → the most general.
        (["14", "11"], ["Music"]),
        (["20", "15", "12"], ["Posters"]),
        (["9", "14", "15"], ["Clothing"]),
        (["20", "13"], ["Music", "Singles"]),
        // Ids the tree does not know are ignored.
        (["99", "10"], ["Clothing", "Hoodies"]),
        (["99"], []),
        ([], []),
    ] as [([String], [String])])
    func chosenPathFollowsSeedRules(ids: [String], expected: [String]) {
        #expect(Self.tree.chosenPath(for: ids) == expected)
    }

    @Test func alphabeticalOrderIgnoresCase() {
        let tree = WooCommerceCategoryTree([.init(id: "1", name: "banana", parentID: nil), .init(id: "2", name: "Apple", parentID: nil)])
        #expect(tree.chosenPath(for: ["1", "2"]) == ["Apple"])
    }

    @Test func parentLoopEndsThePathInsteadOfHanging() {
        let tree = WooCommerceCategoryTree([.init(id: "1", name: "A", parentID: "2"), .init(id: "2", name: "B", parentID: "1")])
        #expect(tree.path(to: "1") == ["B", "A"])
        #expect(tree.chosenPath(for: ["1", "2"]).count == 2)
    }
}
