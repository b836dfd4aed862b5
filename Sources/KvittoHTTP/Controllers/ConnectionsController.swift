import Foundation
import Hummingbird
import KvittoConnectors
import KvittoCore
import KvittoImport
import KvittoStorage
import NIOCore

/// `/v1/connections`: platform connections, their webhook inbox and their historical imports.
struct ConnectionsController {
    let services: KvittoServices

    func register(on group: RouterGroup<KvittoRequestContext>) {
        group.post("connections", use: create)
        group.get("connections", use: list)
        group.get("connections/{id}", use: show)
        group.patch("connections/{id}", use: update)
        group.delete("connections/{id}", use: delete)
        group.get("connections/{id}/inbox", use: inbox)
        group.post("connections/{id}/backfills", use: startBackfill)
        group.get("backfills/{id}", use: backfill)
    }

    var imports: ImportServices {
        get throws {
            guard let imports = services.imports else {
                throw KvittoError(code: .notFound, detail: "this process does not run platform connections")
            }
            return imports
        }
    }

    /// The connection as the API shows it: never its credentials, only which are set; the webhook URL and
    /// what to paste where. `credentials` (the create answer) adds the secrets Kvitto generated, once.
    func json(_ connection: Connection, credentialNames: [String], shownOnce: [String: String] = [:]) throws -> JSONValue {
        let base = try imports.publicURL
        var webhookURL = "\(base)/hooks/\(connection.kind.rawValue)/\(connection.id)"
        switch connection.kind {
        case .cartum: webhookURL += "/" + (shownOnce.isEmpty ? "{token}" : connection.webhookToken ?? "")
        case .sitoo: webhookURL += "/events"
        case .shopify, .woocommerce, .fapi, .api: break
        }
        let setup = connection.kind.webhookSetup(url: webhookURL, connectionName: connection.name)
        var settings = connection.settings.json
        if case .object(var object) = settings {
            object["product_key"] = .string(connection.productKey?.rawValue)
            object["require_contact_channel"] = .bool(connection.requireContactChannel)
            object["status_mapping"] = .object(JSONObject(Connections.statusMapping(of: connection).statuses
                .sorted { $0.key < $1.key }.map { ($0.key, .string($0.value.rawValue)) }))
            settings = .object(object)
        }
        var result: JSONObject = [
            "id": .string(connection.id), "kind": .string(connection.kind.rawValue), "name": .string(connection.name),
            "settings": settings, "credentials_set": .array(credentialNames.sorted().map { .string($0) }),
            "webhook": .object(["url": .string(webhookURL), "setup": .string(setup)]),
            "created_at": .string(Timestamp.format(connection.createdAt)), "updated_at": .string(Timestamp.format(connection.updatedAt)),
        ]
        if !shownOnce.isEmpty { result["secrets"] = .object(JSONObject(shownOnce.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })) }
        return .object(result)
    }

    func create(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        var request = request
        let input = try ConnectionInput.read(try await request.jsonBody())
        let secrets = services.secrets, now = services.clock.now()
        let (connection, credentials) = try await services.store.write { w in
            try Connections.create(input, account: account, secrets: secrets, in: w, now: now)
        }
        var shownOnce: [String: String] = [:]
        if connection.kind == .woocommerce, input.credentials?["webhook_secret"] == nil { shownOnce["webhook_secret"] = credentials["webhook_secret"] }
        if let token = connection.webhookToken { shownOnce["webhook_token"] = token }
        return JSONResponse.make(try json(connection, credentialNames: Array(credentials.keys), shownOnce: shownOnce), status: .created)
    }

    func list(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let query = request.pageRequest
        let page = PageRequest(limit: query.limit, cursor: query.cursor)
        let connections = try await services.store.read { r in try r.connections(account: account.id, page: page) }
        return JSONResponse.page(try connections.map { try json($0, credentialNames: try credentialNames($0)) },
                                 cursor: connections.count == page.limit ? connections.last?.id : nil)
    }

    func credentialNames(_ connection: Connection) throws -> [String] {
        Array(try Connections.credentials(of: connection, secrets: services.secrets).keys)
    }

    func find(_ id: String, account: Account) async throws -> Connection {
        guard let connection = try await services.store.read({ r in try r.connection(account: account.id, id: id) }) else {
            throw KvittoError.notFound("connection \(id)")
        }
        return connection
    }

    func show(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let connection = try await find(try context.parameters.require("id"), account: account)
        return JSONResponse.make(try json(connection, credentialNames: try credentialNames(connection)))
    }

    func update(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        var request = request
        let input = try ConnectionInput.read(try await request.jsonBody())
        let secrets = services.secrets, now = services.clock.now()
        let connection = try await services.store.write { w in
            try Connections.update(id: id, with: input, account: account, secrets: secrets, in: w, now: now)
        }
        return JSONResponse.make(try json(connection, credentialNames: try credentialNames(connection)))
    }

    func delete(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let id = try context.parameters.require("id")
        guard try await services.store.write({ w in try w.deleteConnection(account: account.id, id: id) }) else {
            throw KvittoError.notFound("connection \(id)")
        }
        return Response(status: .noContent)
    }

    func inbox(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let connection = try await find(try context.parameters.require("id"), account: account)
        let query = request.pageRequest
        let page = PageRequest(limit: query.limit, cursor: query.cursor)
        let items = try await services.store.read { r in try r.inbox(account: account.id, connectionID: connection.id, page: page) }
        return JSONResponse.page(items.map(\.json), cursor: items.count == page.limit ? items.last?.id : nil)
    }

    func startBackfill(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.admin)
        let connection = try await find(try context.parameters.require("id"), account: account)
        var request = request
        // The body is optional: none means the defaults.
        let buffer = try await request.collectBody(upTo: Request.maximumBody)
        let body: JSONValue
        do { body = buffer.readableBytes == 0 ? [:] : try JSONParser.parse(buffer.readableBytesView) } catch {
            throw KvittoError(code: .malformed, detail: "the body is not valid JSON: \(error)")
        }
        let imports = try imports
        let backfill = try await imports.backfills.create(connectionID: connection.id, account: account.id,
                                                         request: try BackfillRequest.read(body))
        imports.startBackfill(backfill)
        return JSONResponse.make(backfill.json, status: .accepted)
    }

    func backfill(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let account = try context.require(.read)
        let id = try context.parameters.require("id")
        guard let backfill = try await services.store.read({ r in try r.backfill(account: account.id, id: id) }) else {
            throw KvittoError.notFound("backfill \(id)")
        }
        return JSONResponse.make(backfill.json)
    }
}
