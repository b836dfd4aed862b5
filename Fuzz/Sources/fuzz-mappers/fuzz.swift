import KvittoConnectors
import FuzzDriver
import KvittoCore

/// Every platform's payload mapper on any JSON: each maps or refuses with a `KvittoError`, never traps.
@_cdecl("fuzz_mappers_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzMappers(fuzzBytes(data, size))
}

func fuzzMappers(_ bytes: [UInt8]) -> CInt {
    guard let json = try? JSONParser.parse(bytes) else { return 0 }
    _ = try? ShopifyMapper.order(json)
    _ = try? ShopifyMapper.contact(json)
    _ = try? ShopifyMapper.product(json)
    _ = try? WooCommerceMapper.order(json)
    _ = try? WooCommerceMapper.contact(json)
    _ = try? WooCommerceMapper.product(json, categories: categories)
    _ = try? CartumMapper.order(json)
    _ = try? FAPIMapper.order(invoice: json, order: json["order"])
    _ = try? SitooOrderMapper.order(json)
    _ = try? SitooMapper.events(json)
    _ = try? SitooMapper.contact(json)
    _ = try? WooCommerceCategoryTree(json: json)
    return 0
}

let categories = (try? WooCommerceCategoryTree(json: .array([]))) ?? WooCommerceCategoryTree([])
