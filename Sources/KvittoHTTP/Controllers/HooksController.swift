import Foundation
import Hummingbird
import KvittoCore
import KvittoImport
import NIOCore

/// `/hooks/{kind}/{connection}…`: platform webhooks, authorised by their signature, not an API key.
struct HooksController {
    let services: KvittoServices

    func register(on router: Router<KvittoRequestContext>) {
        let hooks = router.group("hooks")
        hooks.post("shopify/{connection}") { try await receive(.shopify, $0, $1) }
        hooks.post("woocommerce/{connection}") { try await receive(.woocommerce, $0, $1) }
        hooks.put("cartum/{connection}/{token}") { try await receive(.cartum, $0, $1) }
        hooks.post("cartum/{connection}/{token}") { try await receive(.cartum, $0, $1) }
        hooks.post("fapi/{connection}") { try await receive(.fapi, $0, $1) }
        hooks.post("sitoo/{connection}/events") { try await receive(.sitoo, $0, $1) }
    }

    func receive(_ kind: Connection.Kind, _ request: Request, _ context: KvittoRequestContext) async throws -> JSONValue {
        guard let imports = services.imports else { throw KvittoError.notFound("webhooks") }
        let body = try await request.readBody()
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        var token = context.parameters.get("token")
        if kind == .sitoo, let authorization = headers["authorization"], authorization.lowercased().hasPrefix("bearer ") {
            token = String(authorization.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        let hook = HookRequest(kind: kind, connectionID: try context.parameters.require("connection"), token: token,
                               headers: headers, body: Array(body.readableBytesView))
        switch try await imports.webhooks.receive(hook) {
        case .ping(let webhookID):
            return ["received": true, "ping": .string(webhookID)]
        case .stored(let items, let duplicates):
            if !items.isEmpty { imports.deliveriesStored() }
            return ["received": true, "stored": .array(items.map { .string($0.id) }), "duplicates": .number(JSONNumber(duplicates))]
        }
    }
}
