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
        return AdminPages.render("connections", call.layout.merging([
            "title": "Connections",
            "connections": found.filter { $0.kind != .api }.map { ["id": $0.id, "name": $0.name, "kind": $0.kind.rawValue, "created": Self.when($0.createdAt)] },
            "sources": found.filter { $0.kind == .api }.map { ["name": $0.name] },
        ]) { _, new in new })
    }

    func connection(_ call: AdminCall) async throws -> Response {
        let (id, account) = (try call.context.parameters.require("id"), call.user.accountID)
        let found = try await services.store.read { r -> (Connection, [InboxItem])? in
            guard let connection = try r.connection(account: account, id: id) else { return nil }
            return (connection, try r.inbox(account: account, connectionID: id, page: PageRequest(limit: 20)))
        }
        guard let (connection, inbox) = found, connection.kind != .api else {
            return AdminPages.render("connections", call.layout.merging(["title": "Connections", "notice": "No such connection."]) { _, new in new },
                                     status: .notFound)
        }
        let base = services.imports?.publicURL ?? ""
        let url = ConnectionsController.webhookURL(of: connection, base: base, showingToken: false)
        var values: [String: Any] = [
            "title": connection.name, "id": connection.id, "kind": connection.kind.rawValue, "webhookURL": url,
            "setup": connection.kind.webhookSetup(url: url, connectionName: connection.name),
            "productKey": connection.productKey?.rawValue ?? "the account's default",
            "statuses": Connections.statusMapping(of: connection).statuses.sorted { $0.key < $1.key }
                .map { ["platform": $0.key, "kvitto": $0.value.rawValue] },
            "inbox": inbox.map { ["id": $0.id, "topic": $0.topic, "status": $0.status.rawValue, "received": Self.when($0.receivedAt),
                                  "outcome": $0.outcome ?? ""] },
        ]
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
            backfill = try await imports.backfills.create(connectionID: id, account: user.accountID, request: request)
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
        if backfill.status == .running { values["refresh"] = 2 }
        if let error = backfill.error { values["error"] = error }
        return AdminPages.render("backfill", call.layout.merging(values) { _, new in new })
    }
}
