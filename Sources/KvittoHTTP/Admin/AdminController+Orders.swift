import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// Orders, an order's lines and timeline, and the lock.
extension AdminController {
    /// The orders, newest first, narrowed by source (connection), status and the days they were placed
    /// (`from` and `to` inclusive, UTC days as the list shows times), and paged.
    func orders(_ call: AdminCall) async throws -> Response {
        let page = PageRequest(limit: 50, cursor: call.query("cursor"))
        let account = call.user.accountID
        var filter = OrderFilter()
        var errors: [String: String] = [:]
        if let source = call.query("source"), !source.isEmpty { filter.connectionID = source }
        if let text = call.query("status"), !text.isEmpty {
            if let status = OrderStatus(rawValue: text) { filter.status = status } else { errors["statusError"] = "not a status" }
        }
        if let text = call.query("from"), !text.isEmpty {
            if let day = Self.day(text) { filter.placedFrom = day } else { errors["fromError"] = "a date such as 2026-11-30" }
        }
        if let text = call.query("to"), !text.isEmpty {
            if let day = Self.day(text) { filter.placedBefore = day.addingTimeInterval(24 * 3600) } else { errors["toError"] = "a date such as 2026-11-30" }
        }
        let (chosen, valid) = (filter, errors.isEmpty)
        let (found, connections) = try await services.store.read { r in
            (valid ? try r.orders(account: account, filter: chosen, page: page) : [],
             try r.connections(account: account, page: PageRequest(limit: 500)))
        }
        let query = ["source": call.query("source"), "status": call.query("status"), "from": call.query("from"), "to": call.query("to")]
            .compactMapValues { $0?.isEmpty == false ? $0 : nil }
        var values: [String: Any] = [
            "title": "Orders", "from": query["from"] ?? "", "to": query["to"] ?? "",
            "sources": [["value": "", "label": "every source", "selected": filter.connectionID == nil]]
                + connections.map { ["value": $0.id, "label": $0.name, "selected": $0.id == filter.connectionID] },
            "statuses": [["value": "", "label": "every status", "selected": filter.status == nil]]
                + OrderStatus.allCases.map { ["value": $0.rawValue, "label": $0.rawValue, "selected": $0 == filter.status] },
            "orders": found.map { order -> [String: Any] in
                ["id": order.id, "number": order.number ?? order.externalID, "source": order.source, "status": order.status.rawValue,
                 "total": order.totals.total.description, "currency": order.currency, "created": Self.when(order.createdAt),
                 "locked": order.locked]
            },
        ]
        values.merge(errors) { _, new in new }
        if found.count == page.limit, let last = found.last {
            values["next"] = AdminForm.encode(query.merging(["cursor": last.id]) { _, new in new })
        }
        return AdminPages.render("orders", call.layout.merging(values) { _, new in new }, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    /// `2026-11-30` as the start of that day in UTC.
    static func day(_ text: String) -> Date? {
        guard text.count == 10 else { return nil }
        return Timestamp.parse(text + "T00:00:00Z")
    }

    /// The order with its lines, totals and timeline (status changes, delivery comments, ignored updates),
    /// and the lock for those who may.
    func order(_ call: AdminCall, notice: String? = nil) async throws -> Response {
        let (id, account) = (try call.context.parameters.require("id"), call.user.accountID)
        let found = try await services.store.read { r -> (Order, [TimelineEntry], Connection?)? in
            guard let order = try r.order(account: account, id: id) else { return nil }
            return (order, try r.timeline(account: account, subjectID: id, limit: 100), try r.connection(account: account, id: order.connectionID))
        }
        guard let (order, timeline, connection) = found else {
            return AdminPages.render("orders", call.layout.merging(["title": "Orders", "notice": "No such order."]) { _, new in new }, status: .notFound)
        }
        var values: [String: Any] = [
            "title": "Order \(order.number ?? order.externalID)", "id": order.id, "source": order.source, "status": order.status.rawValue,
            "total": order.totals.total.description, "currency": order.currency, "created": Self.when(order.createdAt),
            "lines": order.lines.map { ["name": $0.name, "sku": $0.sku ?? "", "quantity": $0.quantity.description,
                                        "price": $0.unitPrice.description, "total": $0.lineTotal.description] },
            "timeline": timeline.map { ["at": Self.when($0.at), "kind": $0.kind.rawValue, "text": $0.text] },
        ]
        if order.locked { values["locked"] = true } else if Self.mayChange(order, from: connection, user: call.user) { values["lockable"] = true }
        if let contactID = order.contactID { values["contactID"] = contactID }
        if let notice { values["notice"] = notice }
        return AdminPages.render("order", call.layout.merging(values) { _, new in new })
    }

    /// Whether `user` may change or lock `order`: one that came from a platform needs the synced-orders grant
    /// (owners and admins have it); one sent through the API needs a user who may change things.
    static func mayChange(_ order: Order, from connection: Connection?, user: AdminUser) -> Bool {
        let synced = connection.map { $0.kind != .api } ?? false
        return synced ? user.mayWorkWithSyncedOrders : user.mayChange
    }

    func lockOrder(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (id, user, now) = (try call.context.parameters.require("id"), call.user, services.clock.now())
        let outcome = try await services.store.write { w -> String? in
            guard let order = try w.order(account: user.accountID, id: id), let account = try w.account(user.accountID) else { return "No such order." }
            let connection = try w.connection(account: account.id, id: order.connectionID)
            guard Self.mayChange(order, from: connection, user: user) else { return nil }
            guard !order.locked else { return "The order is locked already." }
            _ = try Orders.lock(orderID: id, account: account, in: w, now: now)
            try AdminUsers.audit("order.lock", subject: id, detail: "locked order \(order.number ?? order.externalID)", by: user, in: w, now: now)
            return "Locked: later changes from the shop are ignored."
        }
        guard let outcome else {
            return Self.forbidden("This order came from a platform; changing it needs the synced_orders grant.")
        }
        return try await order(call, notice: outcome)
    }
}
