import Hummingbird
import KvittoCore
import KvittoStorage

/// Products and the category tree.
struct CatalogueController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("products", .ingest, upsertProduct)
        group.get("products", .read) { call in try await services.page(call) { try $0.products(account: $1, page: $2) } }
        group.get("categories", .read, categories)
    }

    func upsertProduct(_ call: APICall) async throws -> JSONAnswer {
        let input = try ProductInput.read(try await call.body())
        let now = services.clock.now()
        let (product, created) = try await services.store.write { w in
            try Catalogue.upsertProduct(input, account: call.account, in: w, now: now)
        }
        return JSONAnswer(product.json, status: created ? .created : .ok)
    }

    func categories(_ call: APICall) async throws -> Page {
        try await services.page(call) { try $0.categories(account: $1, page: $2) }
    }
}
