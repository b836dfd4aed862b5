import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// The dashboard, contact search, the customer card and the audit log.
extension AdminController {
    /// The last 24 hours: orders and events an hour, the share of deliveries that succeeded, the queue, the
    /// postbacks whose endpoint is failing or was switched off, and the latest rejections.
    func dashboard(_ call: AdminCall) async throws -> Response {
        let account = call.user.accountID
        let now = services.clock.now()
        let currentHour = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 3600).rounded(.down) * 3600)
        let hours = (0..<24).reversed().map { currentHour.addingTimeInterval(-3600 * Double($0)) }
        let since = now.addingTimeInterval(-24 * 3600)
        let (queue, rejections, activity, tally, triggers) = try await services.store.read { r in
            (try r.queueDepth(), try r.rejections(account: account, page: PageRequest(limit: 10)),
             try r.hourlyActivity(account: account, hourStarts: hours), try r.deliveryTally(account: account, since: since),
             try r.triggers(account: account, page: PageRequest(limit: 500)))
        }
        let busiest = max(1, activity.map { max($0.orders, $0.events) }.max() ?? 1)
        var values: [String: Any] = [
            "title": "Dashboard", "pending": queue.pending, "oldest": queue.oldestDue.map(Self.when) ?? "–",
            "orders24h": activity.map(\.orders).reduce(0, +), "events24h": activity.map(\.events).reduce(0, +),
            "succeeded": tally.succeeded, "failed": tally.failed,
            "successRate": tally.successRate.map { String(format: "%.1f %%", $0 * 100) } ?? "–",
            "hours": activity.reversed().map { hour -> [String: Any] in
                ["hour": String(Self.when(hour.start).dropFirst(11).prefix(5)), "day": String(Self.when(hour.start).prefix(10)),
                 "orders": hour.orders, "events": hour.events,
                 "ordersWidth": hour.orders * 100 / busiest, "eventsWidth": hour.events * 100 / busiest]
            },
            "failing": triggers.filter { $0.disabledAt != nil || $0.failingSince != nil }.map { trigger -> [String: Any] in
                ["id": trigger.id, "name": trigger.name, "to": trigger.email ?? trigger.url,
                 "state": trigger.disabledAt.map { "switched off \(Self.when($0))" + (trigger.disabledReason.map { ": \($0)" } ?? "") }
                    ?? trigger.failingSince.map { "failing since \(Self.when($0))" } ?? ""]
            },
            "rejections": rejections.map { ["at": Self.when($0.at), "reason": $0.reason, "detail": $0.detail] },
        ]
        if tally.successRate.map({ $0 < 0.95 }) == true { values["rateLow"] = true }
        return AdminPages.render("dashboard", call.layout.merging(values) { _, new in new })
    }

    /// `/admin/contacts?q=`: exact search by phone number or e-mail, as the API's look-up.
    func contacts(_ call: AdminCall) async throws -> Response {
        let q = (call.query("q") ?? "").trimmingCharacters(in: .whitespaces)
        var values: [String: Any] = ["title": "Contacts", "q": q, "searched": !q.isEmpty]
        if !q.isEmpty {
            // One read: the account (its country normalises the phone number) and the look-up.
            let found = try await services.store.read { r -> Contact? in
                guard let account = try r.account(call.user.accountID) else { return nil }
                return try Contacts.find(email: q.contains("@") ? q : nil, phone: q.contains("@") ? nil : q, account: account, in: r)
            }
            if let found {
                values["found"] = ["id": found.id, "name": Self.name(of: found), "email": found.email ?? "", "phone": found.phone ?? ""]
            }
        }
        return AdminPages.render("contacts", call.layout.merging(values) { _, new in new })
    }

    /// The customer card: who, their fields by group, tags (added and removed here), lists, bonus checks,
    /// engagement segment, orders from every source with their delivery details, and the timeline.
    func contact(_ call: AdminCall, notice: String? = nil, error: String? = nil) async throws -> Response {
        let (id, account) = (try call.context.parameters.require("id"), call.user.accountID)
        let found = try await services.store.read { r -> (Contacts.Card, [ContactList])? in
            guard let card = try Contacts.card(id: id, account: account, in: r) else { return nil }
            return (card, card.lists.isEmpty ? [] : try r.lists(account: account))
        }
        guard let (card, lists) = found else {
            return AdminPages.render("contacts", call.layout.merging(["title": "Contacts", "notice": "No such contact."]) { _, new in new },
                                     status: .notFound)
        }
        let groups: [[String: Any]] = (card.contact.fields.json.objectValue ?? [:]).sorted { $0.key < $1.key }.map { group, values in
            ["title": group, "values": (values.objectValue ?? [:]).sorted { $0.key < $1.key }.map { ["name": $0.key, "value": Self.text($0.value)] }]
        }
        var values: [String: Any] = [
            "title": Self.name(of: card.contact), "email": card.contact.email ?? "", "phone": card.contact.phone ?? "",
            "tags": card.contact.tags.map { ["tag": $0] }, "groups": groups,
            "lists": lists.filter { card.lists.contains($0.id) }.map(\.name),
            "orders": card.latestOrders.map { order -> [String: Any] in
                var row: [String: Any] = ["id": order.id, "number": order.number ?? order.externalID, "source": order.source,
                                          "status": order.status.rawValue, "total": order.totals.total.description, "currency": order.currency,
                                          "created": Self.when(order.createdAt)]
                if let details = order.shipping?.deliveryDetails, !details.isEmpty { row["delivery"] = details.comment }
                return row
            },
            "vouchers": card.vouchers.map { voucher -> [String: Any] in
                ["code": voucher.code, "remaining": voucher.remaining.description, "amount": voucher.amount.description, "currency": voucher.currency,
                 "valid": voucher.validTo.map { "until " + Self.when($0) } ?? "", "used": voucher.usedAt.map { "used " + Self.when($0) } ?? ""]
            },
            "timeline": card.timeline.map { ["at": Self.when($0.at), "text": $0.text] },
        ]
        // Left out when there is none: an empty text still counts as "there is one" to a Mustache section.
        if let number = card.contact.memberNumber { values["memberNumber"] = number }
        if let segment = card.contact.fields[Engagement.group]?["segment"]?.stringValue { values["segment"] = segment }
        values["id"] = card.contact.id
        if call.user.mayChange { values["mayTag"] = true }
        if call.user.mayAdminister { values["mayErase"] = true }
        if let notice { values["notice"] = notice }
        if let error { values["tagError"] = error }
        return AdminPages.render("contact", call.layout.merging(values) { _, new in new }, status: error == nil ? .ok : .unprocessableContent)
    }

    /// Adds a tag to the contact, or removes one (`remove` names it): `contact.tag_added` starts the automations
    /// that wait for that tag, as the API's `POST /v1/contacts/{id}/tags` does. Audited.
    func tagContact(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (id, user, now) = (try call.context.parameters.require("id"), call.user, services.clock.now())
        let removing = form?["remove"].map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        let adding = (form?["tag"] ?? "").trimmingCharacters(in: .whitespaces)
        if removing.isEmpty, adding.isEmpty { return try await contact(call, error: "Write the tag to add.") }
        if adding.count > 100 { return try await contact(call, error: "A tag is at most 100 characters.") }
        try await services.store.write { w in
            guard let account = try w.account(user.accountID) else { throw KvittoError.notFound("account \(user.accountID)") }
            if removing.isEmpty {
                _ = try Contacts.addTags([adding], to: id, account: account, origin: .api, in: w, now: now)
                try AdminUsers.audit("contact.tag", subject: id, detail: "added the tag \(adding)", by: user, in: w, now: now)
            } else {
                _ = try Contacts.removeTags([removing], from: id, account: account, origin: .api, in: w, now: now)
                try AdminUsers.audit("contact.untag", subject: id, detail: "removed the tag \(removing)", by: user, in: w, now: now)
            }
        }
        services.deliveriesQueued()
        return try await contact(call, notice: removing.isEmpty ? "Tagged \(adding)." : "Removed the tag \(removing).")
    }

    /// Everything Kvitto holds on the person (a GDPR access request), as a file to save: the same document as
    /// `GET /v1/contacts/{id}/export`.
    func exportContact(_ call: AdminCall) async throws -> Response {
        let (id, account) = (try call.context.parameters.require("id"), call.user.accountID)
        guard let export = try await services.store.read({ r in try Contacts.export(id: id, account: account, in: r) }) else {
            return Self.forbidden("No such contact.")
        }
        let document: JSONValue = ["contact": export.contact.json, "orders": .array(export.orders.map(\.json)), "timeline": .array(export.timeline.map(\.json)),
                                   "vouchers": .array(export.vouchers.map(\.json)), "lookups": .array(export.lookups.map(\.json))]
        return JSONAnswer(document, headers: [.contentDisposition: "attachment; filename=\"\(id).json\""]).response()
    }

    /// GDPR erasure, as `DELETE /v1/contacts/{id}`: the person goes, their orders stay anonymised, and their
    /// addresses stay on the suppression list if they had opted out. Owners and admins; audited.
    func eraseContact(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (id, user, now, secrets) = (try call.context.parameters.require("id"), call.user, services.clock.now(), services.secrets)
        try await services.store.write { w in
            guard let account = try w.account(user.accountID) else { throw KvittoError.notFound("account \(user.accountID)") }
            try Contacts.erase(id: id, account: account, origin: .api,
                               suppressionHash: { secrets.suppressionHash(account: account.id, recipient: $0) },
                               lookupHash: { secrets.lookupHash(account: account.id, key: $0) }, in: w, now: now)
            // The audit entry names only the id: the person is gone, and the log must not keep them.
            try AdminUsers.audit("contact.erase", subject: id, detail: "erased contact \(id)", by: user, in: w, now: now)
        }
        await services.reclaimErasedSpace()
        services.deliveriesQueued()
        return AdminPages.render("contacts", call.layout.merging(["title": "Contacts", "notice": "Erased: the contact is gone; their orders stay, anonymised."]) { _, new in new })
    }

    func audit(_ call: AdminCall) async throws -> Response {
        let page = PageRequest(limit: 50, cursor: call.query("cursor"))
        let entries = try await services.store.read { r in try r.adminAudit(account: call.user.accountID, page: page) }
        return AdminPages.render("audit", call.layout.merging([
            "title": "Audit log",
            "entries": entries.map { ["at": Self.when($0.at), "user": $0.userEmail, "action": $0.action, "detail": $0.detail] },
        ].merging(entries.count == page.limit ? ["next": entries.last?.id ?? ""] : [:]) { _, new in new }) { _, new in new })
    }
}
