import Hummingbird
import KvittoCore
import KvittoStorage

/// Products and the category tree.
struct CatalogueController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("products", use: upsertProduct)
        group.get("products", use: products)
        group.get("categories", use: categories)
    }

    func upsertProduct(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.ingest)
        var request = request
        let input = try ProductInput.read(try await request.jsonBody())
        let now = services.clock.now()
        let (product, created) = try await services.store.write { w in
            return try Catalogue.upsertProduct(input, account: account, in: w, now: now)
        }
        return JSONResponse.make(product.json, status: created ? .created : .ok)
    }

    func products(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let query = request.pageRequest
        let page = PageRequest(limit: query.limit, cursor: query.cursor)
        let products = try await services.store.read { r in try r.products(account: account.id, page: page) }
        return JSONResponse.page(products.map(\.json), cursor: products.count == page.limit ? products.last?.id : nil)
    }

    func categories(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let categories = try await services.store.read { r in try r.categories(account: account.id) }
        return JSONResponse.page(categories.map(\.json), cursor: nil)
    }
}

/// The event feed and the rejection log.
struct FeedController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.get("events", use: events)
        group.get("rejections", use: rejections)
    }

    /// `?after=<sequence>&limit=`: oldest first, so a consumer keeps the last sequence it saw.
    func events(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let afterText = request.uri.queryParameters.get("after")
        guard let after = afterText.map({ Int64($0) }) ?? 0, after >= 0 else {
            throw KvittoError.invalid([FieldError("/after", "must be a non-negative sequence number")])
        }
        let limit = max(1, min(request.uri.queryParameters.get("limit").flatMap { Int($0) } ?? 100, 1000))
        let events = try await services.store.read { r in try r.events(account: account.id, after: after, limit: limit) }
        return JSONResponse.make([
            "items": .array(events.map(\.json)),
            "next_after": .number(JSONNumber(events.last?.sequence ?? after)),
        ])
    }

    func rejections(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let query = request.pageRequest
        let page = PageRequest(limit: query.limit, cursor: query.cursor)
        let rejections = try await services.store.read { r in try r.rejections(account: account.id, page: page) }
        return JSONResponse.page(rejections.map(\.json), cursor: rejections.count == page.limit ? rejections.last?.id : nil)
    }
}
