import Foundation
import HTTPTypes
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
        group.post("connections", .admin, create)
        group.get("connections", .read, list)
        group.get("connections/{id}", .read, show)
        group.patch("connections/{id}", .admin, update)
        group.delete("connections/{id}", .admin) { call in try await services.delete(call, "connection") { try $0.deleteConnection(account: $1, id: $2) } }
        group.get("connections/{id}/inbox", .read, inbox)
        group.post("connections/{id}/backfills", .admin, startBackfill)
        group.get("connections/{id}/backfills", .read, backfills)
        group.get("backfills/{id}", .read) { call in try await services.one(call, "backfill") { try $0.backfill(account: $1, id: $2) }.json }
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
    /// `lastImport` (the connection on its own, and the create answer) is its newest historical import, or null.
    func json(_ connection: Connection, credentialNames: [String], shownOnce: [String: String] = [:],
              lastImport: Backfill?? = nil) throws -> JSONValue {
        let webhookURL = Self.webhookURL(of: connection, base: try imports.publicURL, showingToken: !shownOnce.isEmpty)
        let setup = connection.kind.webhookSetup(url: webhookURL, connectionName: connection.name)
        var settings = connection.settings.json
        if case .object(var object) = settings {
            object["product_key"] = .string(connection.productKey?.rawValue)
            object["require_contact_channel"] = .bool(connection.requireContactChannel)
            object["status_mapping"] = .object(JSONObject(Connections.statusMapping(of: connection).statuses
                .sorted { $0.key < $1.key }.map { ($0.key, .string($0.value.rawValue)) }))
            // What is in effect: the platform's defaults where the connection sets nothing.
            object["status_write_back"] = .bool(connection.writesStatusBack)
            object["status_write_mapping"] = .object(JSONObject(StatusWriteBack.mapping(of: connection)
                .sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key.rawValue, .string($0.value)) }))
            settings = .object(object)
        }
        var result: JSONObject = [
            "id": .string(connection.id), "kind": .string(connection.kind.rawValue), "name": .string(connection.name),
            "settings": settings, "credentials_set": .array(credentialNames.sorted().map { .string($0) }),
            "webhook": .object(["url": .string(webhookURL), "setup": .string(setup)]),
            "created_at": .string(Timestamp.format(connection.createdAt)), "updated_at": .string(Timestamp.format(connection.updatedAt)),
        ]
        if let lastImport { result["last_import"] = lastImport?.json ?? .null }
        if !shownOnce.isEmpty { result["secrets"] = .object(JSONObject(shownOnce.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })) }
        return .object(result)
    }

    /// Where the platform sends its webhooks; Cartum's token is part of the path, shown only when it is new.
    static func webhookURL(of connection: Connection, base: String, showingToken: Bool) -> String {
        let url = "\(base)/hooks/\(connection.kind.rawValue)/\(connection.id)"
        switch connection.kind {
        case .cartum: return url + "/" + (showingToken ? connection.webhookToken ?? "" : "{token}")
        case .sitoo: return url + "/events"
        case .shopify, .woocommerce, .fapi, .api: return url
        }
    }

    /// Creates a connection and, unless `initial_import` is false, starts importing its recent orders at once
    /// when its credentials allow an import (a connection with webhook credentials only imports nothing).
    func create(_ call: APICall) async throws -> JSONAnswer {
        var body = try await call.body()
        var initialImport = true
        if case .object(var object) = body, let value = object["initial_import"] {
            switch value {
            case .bool(let wanted): initialImport = wanted
            case .null: break
            default: throw KvittoError.invalid([FieldError("/initial_import", "must be true or false")])
            }
            object["initial_import"] = nil
            body = .object(object)
        }
        let input = try ConnectionInput.read(body)
        if let kind = input.kind { try await imports.requireShopCurrency(kind: kind, credentials: input.credentials, account: call.account) }
        let (secrets, now) = (services.secrets, services.clock.now())
        let (connection, credentials) = try await services.store.write { w in
            try Connections.create(input, account: call.account, secrets: secrets, addresses: services.outboundPolicy, in: w, now: now)
        }
        var shownOnce: [String: String] = [:]
        if connection.kind == .woocommerce, input.credentials?["webhook_secret"] == nil { shownOnce["webhook_secret"] = credentials["webhook_secret"] }
        if let token = connection.webhookToken { shownOnce["webhook_token"] = token }
        let started = initialImport ? try await imports.startInitialImport(connection) : nil
        return .created(try json(connection, credentialNames: Array(credentials.keys), shownOnce: shownOnce, lastImport: .some(started)))
    }

    func list(_ call: APICall) async throws -> Page {
        let page = try call.page
        let connections = try await services.store.read { r in try r.connections(account: call.account.id, page: page) }
        return try Page(connections, of: page) { try json($0, credentialNames: try credentialNames($0)) }
    }

    func credentialNames(_ connection: Connection) throws -> [String] {
        Array(try Connections.credentials(of: connection, secrets: services.secrets).keys)
    }

    /// The connection the path names, in the caller's account.
    func connection(_ call: APICall) async throws -> Connection {
        try await services.one(call, "connection") { try $0.connection(account: $1, id: $2) }
    }

    func show(_ call: APICall) async throws -> JSONValue {
        let connection = try await connection(call)
        let last = try await services.store.read { r in
            try r.backfills(account: connection.accountID, connectionID: connection.id, page: PageRequest(limit: 1)).first
        }
        return try json(connection, credentialNames: try credentialNames(connection), lastImport: .some(last))
    }

    /// The connection's historical imports, newest first.
    func backfills(_ call: APICall) async throws -> Page {
        let connection = try await connection(call)
        return try await services.page(call) { try $0.backfills(account: $1, connectionID: connection.id, page: $2) }
    }

    func update(_ call: APICall) async throws -> JSONValue {
        let id = try call.parameter()
        let input = try ConnectionInput.read(try await call.body())
        let (secrets, now) = (services.secrets, services.clock.now())
        let connection = try await services.store.write { w in
            try Connections.update(id: id, with: input, account: call.account, secrets: secrets, addresses: services.outboundPolicy, in: w, now: now)
        }
        return try json(connection, credentialNames: try credentialNames(connection))
    }

    func inbox(_ call: APICall) async throws -> Page {
        let connection = try await connection(call)
        return try await services.page(call) { try $0.inbox(account: $1, connectionID: connection.id, page: $2) }
    }

    /// Starts a historical import (the body is optional: none means the defaults); it runs in the background.
    func startBackfill(_ call: APICall) async throws -> JSONAnswer {
        let connection = try await connection(call)
        let request = try BackfillRequest.read(try await call.optionalBody() ?? [:])
        let imports = try imports
        let backfill = try await imports.backfills.create(connectionID: connection.id, account: call.account.id, request: request,
                                                          queueBehindRunning: true)
        imports.startBackfill(backfill)
        return .accepted(backfill.json)
    }
}
