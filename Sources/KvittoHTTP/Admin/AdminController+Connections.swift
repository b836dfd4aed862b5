import Foundation
import HTTPTypes
import Hummingbird
import KvittoConnectors
import KvittoCore
import KvittoImport
import KvittoStorage

/// Platform connections: per connection what to paste where in the platform (the webhook URL and the steps),
/// its settings, the inbox of raw webhook deliveries, and a historical import started here and watched live.
extension AdminController {
    func connections(_ call: AdminCall) async throws -> Response {
        let account = call.user.accountID
        let found = try await services.store.read { r in try r.connections(account: account, page: PageRequest(limit: 500)) }
        var values: [String: Any] = [
            "title": "Connections",
            "connections": found.filter { $0.kind != .api }.map { ["id": $0.id, "name": $0.name, "kind": $0.kind.rawValue, "created": Self.when($0.createdAt)] },
            "sources": found.filter { $0.kind == .api }.map { ["name": $0.name] },
        ]
        // Always there (empty for those who may not connect): an absent list would open `^empty(…)`.
        values["platforms"] = call.user.mayAdminister ? Self.platforms.map { ["kind": $0.kind.rawValue, "label": $0.label] } : []
        return AdminPages.render("connections", call.layout.merging(values) { _, new in new })
    }

    /// What the form asks of each platform: the credentials its webhooks and its import need (the API's names).
    static let platforms: [(kind: Connection.Kind, label: String, credentials: [(name: String, label: String, secret: Bool, required: Bool)])] = [
        (.shopify, "Shopify", [("shop_domain", "Shop domain (butiken.myshopify.com)", false, false), ("access_token", "Admin API access token", true, false),
                               ("webhook_secret", "Webhook signing secret (Settings → Notifications → Webhooks)", true, true)]),
        (.woocommerce, "WooCommerce", [("site_url", "Site URL (https://butiken.se)", false, false), ("consumer_key", "REST API consumer key", false, false),
                                       ("consumer_secret", "REST API consumer secret", true, false),
                                       ("webhook_secret", "Webhook secret (empty: Kvitto makes one and shows it once)", true, false)]),
        (.cartum, "Cartum", [("site_url", "Shop URL", false, false), ("login", "API login", false, false), ("password", "API password", true, false)]),
        (.fapi, "FAPI", [("user", "FAPI user (e-mail)", false, true), ("api_key", "API key", true, true)]),
        (.sitoo, "Sitoo", [("base_url", "API base URL", false, false), ("account_id", "Account id", false, false), ("site_id", "Site id", false, false),
                           ("api_id", "API id", false, false), ("password", "API password", true, false)]),
    ]

    /// `/admin/connections/new?kind=shopify`: the form for one platform (chosen on the list, so no script is needed).
    func newConnection(_ call: AdminCall, entered: AdminForm? = nil, errors: [FieldError] = []) async throws -> Response {
        let kind = (entered?["kind"] ?? call.query("kind")).flatMap(Connection.Kind.init(rawValue:))
        guard let platform = Self.platforms.first(where: { $0.kind == kind }) else { return Self.redirect(to: "/admin/connections") }
        let chosenKey = entered?["product_key"] ?? ""
        var values: [String: Any] = [
            "title": "Connect \(platform.label)", "kind": platform.kind.rawValue, "name": entered?["name"] ?? platform.label,
            "credentials": platform.credentials.map { credential -> [String: Any] in
                var field: [String: Any] = ["name": credential.name, "label": credential.label + (credential.required ? "" : " (optional)"),
                                            "type": credential.secret ? "password" : "text",
                                            "value": credential.secret ? "" : entered?["credential_" + credential.name] ?? ""]
                if let error = errors.first(where: { $0.pointer == "/credentials/" + credential.name }) { field["error"] = error.detail }
                return field
            },
            "productKeys": [["value": "", "label": "the account's default", "selected": chosenKey.isEmpty]]
                + ProductKey.allCases.map { ["value": $0.rawValue, "label": $0.rawValue, "selected": $0.rawValue == chosenKey] },
            "statusSync": entered.map { $0["status_sync"] != nil } ?? Connections.defaults(for: platform.kind).settings.statusSync,
            "errors": errors.filter { !$0.pointer.hasPrefix("/credentials/") }.map { ["field": $0.pointer, "detail": $0.detail] },
        ]
        if let error = errors.first(where: { $0.pointer == "/name" }) { values["nameError"] = error.detail }
        return AdminPages.render("connection-new", call.layout.merging(values) { _, new in new },
                                 status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// Makes the connection by the API's rules and shows it with what to paste into the platform, and once the
    /// secrets Kvitto made. Owners and admins; audited.
    func createConnection(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        guard let form else { return try await connections(call) }
        guard let kind = form["kind"].flatMap(Connection.Kind.init(rawValue:)), let platform = Self.platforms.first(where: { $0.kind == kind }) else {
            return Self.redirect(to: "/admin/connections")
        }
        var credentials: JSONObject = [:]
        for credential in platform.credentials {
            let value = (form["credential_" + credential.name] ?? "").trimmingCharacters(in: .whitespaces)
            if !value.isEmpty { credentials[credential.name] = .string(value) }
        }
        var settings: JSONObject = ["status_sync": .bool(form["status_sync"] != nil)]
        if let key = form["product_key"], !key.isEmpty { settings["product_key"] = .string(key) }
        let body: JSONValue = ["kind": .string(kind.rawValue), "name": .string((form["name"] ?? "").trimmingCharacters(in: .whitespaces)),
                               "credentials": .object(credentials), "settings": .object(settings)]
        let (user, now, secrets) = (call.user, services.clock.now(), services.secrets)
        let made: (Connection, [String: String])
        do {
            let input = try ConnectionInput.read(body)
            if let imports = services.imports, let account = try await services.store.read({ r in try r.account(user.accountID) }) {
                try await imports.requireShopCurrency(kind: kind, credentials: input.credentials, account: account)
            }
            made = try await services.store.write { w in
                guard let account = try w.account(user.accountID) else { throw KvittoError.notFound("account \(user.accountID)") }
                let made = try Connections.create(input, account: account, secrets: secrets, addresses: services.outboundPolicy, in: w, now: now)
                try AdminUsers.audit("connection.create", subject: made.0.id, detail: "connected \(kind.rawValue) as \(made.0.name)", by: user, in: w, now: now)
                return made
            }
        } catch let error as KvittoError {
            let errors = error.fieldErrors.isEmpty ? [FieldError("/name", error.detail)] : error.fieldErrors
            return try await newConnection(call, entered: form, errors: errors)
        }
        let (created, generated) = made
        var shownOnce: [[String: String]] = []
        if kind == .woocommerce, credentials["webhook_secret"] == nil, let secret = generated["webhook_secret"] {
            shownOnce.append(["name": "Webhook secret (paste it as the webhook's secret in WooCommerce)", "value": secret])
        }
        if kind == .sitoo, let token = created.webhookToken {
            shownOnce.append(["name": "Webhook token (the Bearer token of Sitoo's Events SPI)", "value": token])
        }
        // As the API does: an import of the recent orders starts at once where the credentials allow one.
        let imported = try await services.imports?.startInitialImport(created)
        let importing = imported == nil ? "" : " The orders of the last \(created.settings.importWindowDays) days are being imported."
        return try await connection(call, id: created.id, notice: "Connected.\(importing) Now set the webhook up in \(platform.label) as below.",
                                    shownOnce: shownOnce, showingToken: kind == .cartum)
    }

    /// The settings a merchant changes on the page: how products are identified, and status sync.
    func saveConnection(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (id, user, now, secrets) = (try call.context.parameters.require("id"), call.user, services.clock.now(), services.secrets)
        var settings: JSONObject = ["status_sync": .bool(form?["status_sync"] != nil)]
        settings["product_key"] = form?["product_key"].flatMap { $0.isEmpty ? nil : JSONValue.string($0) } ?? .null
        // The write-back box is on the page only for platforms that can be written to.
        if form?["write_back_shown"] != nil { settings["status_write_back"] = .bool(form?["status_write_back"] != nil) }
        let input = try ConnectionInput.read(["settings": .object(settings)])
        let connection = try await services.store.write { w in
            guard let account = try w.account(user.accountID) else { throw KvittoError.notFound("account \(user.accountID)") }
            let connection = try Connections.update(id: id, with: input, account: account, secrets: secrets, addresses: services.outboundPolicy, in: w, now: now)
            try AdminUsers.audit("connection.update", subject: id, detail: "set \(connection.name) to identify products by "
                                 + (connection.productKey?.rawValue ?? "the account's default") + ", status sync " + (connection.settings.statusSync ? "on" : "off")
                                 + ", status write-back " + (connection.writesStatusBack ? "on" : "off"),
                                 by: user, in: w, now: now)
            return connection
        }
        return try await self.connection(call, id: connection.id, notice: "Saved.")
    }

    func connection(_ call: AdminCall) async throws -> Response {
        try await connection(call, id: try call.context.parameters.require("id"))
    }

    /// - Parameter showingToken: right after creation, the URL with its token in it (shown this once).
    func connection(_ call: AdminCall, id: String, notice: String? = nil, shownOnce: [[String: String]] = [],
                    showingToken: Bool = false) async throws -> Response {
        let account = call.user.accountID
        let found = try await services.store.read { r -> (Connection, [InboxItem])? in
            guard let connection = try r.connection(account: account, id: id) else { return nil }
            return (connection, try r.inbox(account: account, connectionID: id, page: PageRequest(limit: 20)))
        }
        guard let (connection, inbox) = found, connection.kind != .api else {
            return AdminPages.render("connections", call.layout.merging(["title": "Connections", "notice": "No such connection."]) { _, new in new },
                                     status: .notFound)
        }
        let base = services.imports?.publicURL ?? ""
        let url = ConnectionsController.webhookURL(of: connection, base: base, showingToken: showingToken)
        var values: [String: Any] = [
            "title": connection.name, "id": connection.id, "kind": connection.kind.rawValue, "webhookURL": url,
            "setup": connection.kind.webhookSetup(url: url, connectionName: connection.name),
            "productKey": connection.productKey?.rawValue ?? "the account's default",
            "productKeys": [["value": "", "label": "the account's default", "selected": connection.productKey == nil]]
                + ProductKey.allCases.map { ["value": $0.rawValue, "label": $0.rawValue, "selected": $0 == connection.productKey] },
            "statusSync": connection.settings.statusSync,
            "writable": StatusWriteBack.isSupported(connection.kind), "statusWriteBack": connection.writesStatusBack,
            "statuses": Connections.statusMapping(of: connection).statuses.sorted { $0.key < $1.key }
                .map { ["platform": $0.key, "kvitto": $0.value.rawValue] },
            "inbox": inbox.map { ["itemID": $0.id, "topic": $0.topic, "status": $0.status.rawValue, "received": Self.when($0.receivedAt),
                                  "outcome": $0.outcome ?? ""] },
            "shownOnce": shownOnce,
        ]
        if showingToken { values["tokenShown"] = true }
        if let notice { values["notice"] = notice }
        if call.user.mayAdminister { values["mayChange"] = true }
        if call.user.mayAdminister, services.imports != nil { values["importable"] = true }
        return AdminPages.render("connection", call.layout.merging(values) { _, new in new })
    }

    /// Starts a historical import of the connection's import window (all states with the box ticked) and
    /// shows its progress.
    func startBackfill(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (id, user) = (try call.context.parameters.require("id"), call.user)
        guard let imports = services.imports else { return Self.forbidden("This process runs no imports.") }
        var request = BackfillRequest()
        request.allStates = form?["all_states"] != nil
        let backfill: Backfill
        do {
            backfill = try await imports.backfills.create(connectionID: id, account: user.accountID, request: request, queueBehindRunning: true)
        } catch let error as KvittoError {
            return Self.forbidden(error.detail)
        }
        let now = services.clock.now()
        try await services.store.write { w in
            try AdminUsers.audit("backfill.start", subject: backfill.id, detail: "started a historical import of \(id)", by: user, in: w, now: now)
        }
        imports.startBackfill(backfill)
        return Self.redirect(to: "/admin/backfills/\(backfill.id)")
    }

    /// A historical import's progress; while it runs the page reloads itself every two seconds (no script).
    func backfill(_ call: AdminCall) async throws -> Response {
        let (id, account) = (try call.context.parameters.require("id"), call.user.accountID)
        guard let backfill = try await services.store.read({ r in try r.backfill(account: account, id: id) }) else {
            return AdminPages.render("connections", call.layout.merging(["title": "Connections", "notice": "No such import."]) { _, new in new },
                                     status: .notFound)
        }
        var values: [String: Any] = [
            "title": "Historical import", "connectionID": backfill.connectionID, "status": backfill.status.rawValue,
            "pages": backfill.pages, "imported": backfill.imported, "rejected": backfill.rejected, "skipped": backfill.skipped,
            "since": Self.when(backfill.since), "until": Self.when(backfill.until),
        ]
        if backfill.status == .running || backfill.status == .queued { values["refresh"] = 2 }
        if let error = backfill.error { values["error"] = error }
        return AdminPages.render("backfill", call.layout.merging(values) { _, new in new })
    }

    /// One raw webhook as the platform sent it: headers (signatures included; secrets are never in them), the
    /// body byte for byte, what was fetched for it, and what mapping it did.
    func inboxItem(_ call: AdminCall) async throws -> Response {
        let (id, itemID, account) = (try call.context.parameters.require("id"), try call.context.parameters.require("item"), call.user.accountID)
        guard let item = try await services.store.read({ r in try r.inboxItem(account: account, id: itemID) }), item.connectionID == id else {
            return AdminPages.render("connections", call.layout.merging(["title": "Connections", "notice": "No such webhook."]) { _, new in new },
                                     status: .notFound)
        }
        let body = (try? JSONParser.parse(Array(item.body.utf8))).map { Self.pretty($0) } ?? item.body
        var values: [String: Any] = [
            "title": "Webhook \(item.topic)", "connectionID": id, "topic": item.topic, "status": item.status.rawValue,
            "received": Self.when(item.receivedAt), "outcome": item.outcome ?? "",
            "headers": item.headers.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] }, "body": body,
        ]
        if !item.fetched.isNull { values["fetched"] = Self.pretty(item.fetched) }
        return AdminPages.render("inbox-item", call.layout.merging(values) { _, new in new })
    }
}
