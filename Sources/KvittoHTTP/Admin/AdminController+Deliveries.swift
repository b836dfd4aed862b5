import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// The delivery log, a delivery's attempts, and replays.
extension AdminController {
    /// The delivery log, newest first, filtered by status, postback (or automation) and event type, and paged.
    func deliveries(_ call: AdminCall) async throws -> Response {
        var filter = DeliveryFilter()
        let status = call.query("status").flatMap(Delivery.Status.init(rawValue:))
        filter.status = status
        filter.eventType = call.query("event_type").flatMap(EventType.init(rawValue:))
        if let source = call.query("source"), !source.isEmpty { filter.triggerID = source }
        let page = PageRequest(limit: 50, cursor: call.query("cursor"))
        let (account, chosen) = (call.user.accountID, filter)
        let (found, triggers, automations) = try await services.store.read { r in
            (try r.deliveries(account: account, filter: chosen, page: page), try r.triggers(account: account, page: PageRequest(limit: 500)),
             try r.automations(account: account, page: PageRequest(limit: 500)))
        }
        let sources = triggers.map { ($0.id, "postback: " + $0.name) } + automations.map { ($0.id, "automation: " + $0.name) }
        var values: [String: Any] = [
            "title": "Deliveries",
            "statuses": ([nil] + Delivery.Status.allCases).map { option -> [String: Any] in
                ["value": option?.rawValue ?? "", "label": option?.rawValue ?? "all", "selected": option == status]
            },
            "eventTypes": ([nil] + EventType.allCases).map { option -> [String: Any] in
                ["value": option?.rawValue ?? "", "label": option?.rawValue ?? "every event", "selected": option == filter.eventType]
            },
            "sources": [["value": "", "label": "every postback and automation", "selected": filter.triggerID == nil]]
                + sources.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == filter.triggerID] },
            "deliveries": found.map { delivery -> [String: Any] in
                ["id": delivery.id, "what": delivery.channel == .postback ? "postback" : delivery.channel.rawValue, "event": delivery.eventType.rawValue,
                 "status": delivery.status.rawValue, "attempts": delivery.attempts, "error": delivery.lastError ?? "",
                 "created": Self.when(delivery.createdAt)]
            },
        ]
        if found.count == page.limit, let last = found.last {
            let query = ["status": status?.rawValue, "event_type": filter.eventType?.rawValue, "source": filter.triggerID, "cursor": last.id]
            values["next"] = AdminForm.encode(query.compactMapValues { $0 })
        }
        if call.user.mayChange, status == .failed, !found.isEmpty {
            values["replayAll"] = ["source": filter.triggerID ?? "", "eventType": filter.eventType?.rawValue ?? ""]
        }
        return AdminPages.render("deliveries", call.layout.merging(values) { _, new in new })
    }

    /// One delivery with every attempt: status, latency, the error and the start of the response.
    func delivery(_ call: AdminCall, notice: String? = nil) async throws -> Response {
        let (id, account) = (try call.context.parameters.require("id"), call.user.accountID)
        let found = try await services.store.read { r -> (Delivery, [DeliveryAttempt])? in
            guard let delivery = try r.delivery(account: account, id: id) else { return nil }
            return (delivery, try r.attempts(deliveryID: id))
        }
        guard let (delivery, attempts) = found else {
            return AdminPages.render("deliveries", call.layout.merging(["title": "Deliveries", "notice": "No such delivery."]) { _, new in new },
                                     status: .notFound)
        }
        var values: [String: Any] = [
            "title": "Delivery \(delivery.id)", "status": delivery.status.rawValue, "event": delivery.eventType.rawValue,
            "source": delivery.sourceID,
            "attempts": attempts.map { attempt -> [String: Any] in
                ["number": attempt.number, "at": Self.when(attempt.at), "code": attempt.statusCode.map(String.init) ?? "–",
                 "latency": attempt.latencyMilliseconds, "error": attempt.error ?? "", "excerpt": attempt.responseExcerpt ?? ""]
            },
        ]
        if let error = delivery.lastError { values["error"] = error }
        if let notice { values["notice"] = notice }
        if call.user.mayChange, delivery.status != .pending { values["replayable"] = ["id": delivery.id] }
        return AdminPages.render("delivery", call.layout.merging(values) { _, new in new })
    }

    /// Sends a finished delivery again: the same delivery, the same webhook-id.
    func replay(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (id, user, now) = (try call.context.parameters.require("id"), call.user, services.clock.now())
        let replayed = try await services.store.write { w -> Bool in
            guard let delivery = try w.delivery(account: user.accountID, id: id), delivery.status != .pending else { return false }
            _ = try Postbacks.replay(delivery, in: w, now: now)
            try AdminUsers.audit("delivery.replay", subject: id, detail: "replayed delivery \(id)", by: user, in: w, now: now)
            return true
        }
        if replayed { services.deliveriesQueued() }
        return try await delivery(call, notice: replayed ? "Replayed: it is sent again now." : "Nothing to replay: the delivery is waiting already.")
    }

    /// Replays every failed delivery.
    /// Replays the failed deliveries the log shows: every one, or those of the postback or event type chosen.
    func replayFailed(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        let (user, now) = (call.user, services.clock.now())
        var filter = DeliveryFilter(status: .failed)
        filter.eventType = form?["event_type"].flatMap(EventType.init(rawValue:))
        if let source = form?["source"], !source.isEmpty { filter.triggerID = source }
        let count = try await Postbacks.replayAll(matching: filter, account: user.accountID, store: services.store, now: now)
        try await services.store.write { w in
            try AdminUsers.audit("delivery.replay", subject: nil, detail: "replayed \(count) failed deliveries", by: user, in: w, now: now)
        }
        services.deliveriesQueued()
        return Self.redirect(to: "/admin/deliveries")
    }
}
