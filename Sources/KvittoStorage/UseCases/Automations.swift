import Foundation
import KvittoCore

/// What `POST /v1/automations` and `PATCH /v1/automations/{id}` take, already shape-checked.
public struct AutomationInput: Sendable {
    public var name: String?
    public var active: Bool?
    public var entry: Automation.Entry?
    public var steps: [Automation.Step]?
    public init() {}
}

/// Automations (SPEC §6): contacts enter on an event, a tag or a time rule, and walk the steps. A run is
/// stored in the transaction of the event that started it, once per automation and event; the steps that
/// only queue something (messages, postbacks) run right there, so an order confirmation is queued with
/// its order. A wait, and any step that changes the contact, is left to the scheduler (`resume`).
public enum Automations {
    // MARK: managing

    public static func create(_ input: AutomationInput, account: String, in writer: any StoreWriter, now: Date) throws -> Automation {
        var errors: [FieldError] = []
        if input.name?.isEmpty ?? true { errors.append(FieldError("/name", "is required")) }
        if input.entry == nil { errors.append(FieldError("/trigger", "is required: an event_type, a tag, days_after_order or days_without_order")) }
        if input.steps?.isEmpty ?? true { errors.append(FieldError("/steps", "name at least one step")) }
        if !errors.isEmpty { throw KvittoError.invalid(errors) }
        let automation = Automation(id: KvittoID.make(.automation, at: now), accountID: account, name: input.name!,
                                    active: input.active ?? true, entry: input.entry!, steps: input.steps!, createdAt: now)
        try check(automation, in: writer)
        try writer.insertAutomation(automation)
        return automation
    }

    public static func update(id: String, with input: AutomationInput, account: String, in writer: any StoreWriter, now: Date) throws -> Automation {
        guard var automation = try writer.automation(account: account, id: id) else { throw KvittoError.notFound("automation \(id)") }
        if let name = input.name {
            guard !name.isEmpty else { throw KvittoError.invalid([FieldError("/name", "must not be empty")]) }
            automation.name = name
        }
        if let active = input.active { automation.active = active }
        if let entry = input.entry { automation.entry = entry }
        if let steps = input.steps {
            guard !steps.isEmpty else { throw KvittoError.invalid([FieldError("/steps", "name at least one step")]) }
            automation.steps = steps
        }
        try check(automation, in: writer)
        automation.updatedAt = now
        try writer.updateAutomation(automation)
        if !automation.active { try cancelWaiting(of: automation.id, account: account, because: "the automation was switched off", in: writer, now: now) }
        return automation
    }

    public static func delete(id: String, account: String, in writer: any StoreWriter, now: Date) throws {
        guard try writer.deleteAutomation(account: account, id: id) else { throw KvittoError.notFound("automation \(id)") }
        try cancelWaiting(of: id, account: account, because: "the automation was deleted", in: writer, now: now)
    }

    /// Every step must name what exists in this account, of the right kind.
    static func check(_ automation: Automation, in writer: any StoreWriter) throws {
        var errors: [FieldError] = []
        if case .event(_, let filter?) = automation.entry {
            do { _ = try FilterCache.compile(filter) } catch {
                errors.append(FieldError("/trigger/filter", "not a valid JMESPath expression: \(error)"))
            }
        }
        if case .tag(let tag) = automation.entry, tag.isEmpty { errors.append(FieldError("/trigger/tag", "must not be empty")) }
        switch automation.entry {
        case .daysAfterOrder(let days), .daysWithoutOrder(let days):
            if !(1...3650).contains(days) { errors.append(FieldError("/trigger", "the number of days must be 1 to 3650")) }
        default: break
        }
        for (index, step) in automation.steps.enumerated() {
            let pointer = "/steps/\(index)"
            switch step {
            case .email(let id, _), .sms(let id, _):
                let wanted: Template.Kind = step.type == "email" ? .email : .sms
                if let template = try writer.template(account: automation.accountID, id: id) {
                    if template.kind != wanted {
                        errors.append(FieldError(pointer + "/template_id", "template \(id) is a \(template.kind.rawValue) template; this step sends \(wanted.rawValue)"))
                    }
                } else {
                    errors.append(FieldError(pointer + "/template_id", "no template \(id) in this account"))
                }
            case .postback(let id):
                if try writer.trigger(account: automation.accountID, id: id) == nil {
                    errors.append(FieldError(pointer + "/trigger_id", "no trigger \(id) in this account"))
                }
            case .addTag(let tag), .removeTag(let tag):
                if tag.isEmpty { errors.append(FieldError(pointer + "/tag", "must not be empty")) }
            case .wait: break
            }
        }
        if !errors.isEmpty { throw KvittoError.invalid(errors) }
    }

    static func cancelWaiting(of automationID: String, account: String, because reason: String, in writer: any StoreWriter, now: Date) throws {
        while true {
            let waiting = try writer.automationRuns(account: account, automationID: automationID, status: .waiting, page: PageRequest(limit: 500))
            guard !waiting.isEmpty else { return }
            for run in waiting { _ = try writer.updateRun(cancelled(run, reason, now), expectedStep: run.nextStep) }
        }
    }

    static func cancelled(_ run: AutomationRun, _ reason: String, _ now: Date) -> AutomationRun {
        var run = run
        run.status = .cancelled
        run.dueAt = nil
        run.updatedAt = now
        run.log.append(.init(at: now, step: run.nextStep, outcome: "cancelled: " + reason))
        return run
    }

    // MARK: entering

    /// Starts the runs `event` starts, in its transaction. `startsOrder` says the event is a new order's
    /// first (what the time rules count from). Events of a backfill start nothing unless it asked to.
    public static func enter(_ event: Event, startsOrder: Bool, in writer: any StoreWriter, fireBackfill: Bool) throws {
        if event.origin == .backfill, !fireBackfill { return }
        let automations = try writer.activeAutomations(account: event.accountID)
        guard !automations.isEmpty else { return }
        let now = event.occurredAt
        let contactID = event.data["contact"]?["id"]?.stringValue
        let depth = chainDepth(of: event)
        if depth >= chainLimit {
            // Two automations that set each other's tags would otherwise run for ever, a message each turn.
            if let contactID {
                try EventLog.note(.notice, on: contactID, account: event.accountID,
                                  text: "Automations stopped: \(depth) tag steps in a row started each other (\(event.type.rawValue) not acted on)",
                                  data: event.data["automation"] ?? .null, in: writer, now: now)
            }
            return
        }
        if startsOrder, let contactID, automations.contains(where: { if case .daysWithoutOrder = $0.entry { true } else { false } }) {
            // Winback: ordering again ends the wait for "no order for N days" (and any steps still to come).
            for run in try writer.waitingRuns(account: event.accountID, contactID: contactID) {
                guard let automation = automations.first(where: { $0.id == run.automationID }),
                      case .daysWithoutOrder = automation.entry else { continue }
                _ = try writer.updateRun(cancelled(run, "the contact ordered again", now), expectedStep: run.nextStep)
            }
        }
        var envelope: JSONValue?
        var contact: Contact?? = nil
        for automation in automations {
            let due: Date
            switch automation.entry {
            case .event(let type, let filter):
                guard event.type == type else { continue }
                if let filter {
                    if envelope == nil { envelope = event.json }
                    guard try Postbacks.matches(filter, envelope!) else { continue }
                }
                due = now
            case .tag(let tag):
                guard event.type == .contactTagAdded, event.data["tag"]?.stringValue == tag else { continue }
                due = now
            case .daysAfterOrder(let days), .daysWithoutOrder(let days):
                guard startsOrder, contactID != nil else { continue }
                due = now.addingTimeInterval(TimeInterval(days) * 86_400)
            }
            var run = AutomationRun(id: KvittoID.make(.run, at: now), accountID: event.accountID, automationID: automation.id,
                                    contactID: contactID, eventID: event.id, dueAt: due, createdAt: now)
            var queued: [Delivery] = []
            if due <= now {
                // The contact as the event shows it is the contact now: the event was emitted by this very write.
                if contact == nil { contact = .some(try event.data["contact"].flatMap { $0.isNull ? nil : try Contact(stored: $0, accountID: event.accountID) }) }
                try advance(&run, automation, event: event, contact: contact!, inline: true, queued: &queued, in: writer, now: now)
            }
            guard try writer.insertRun(run) else { continue }
            for delivery in queued { try writer.insertDelivery(delivery) }
        }
    }

    /// How many automation tag steps in a row led to an event, as a tag step records it in the event.
    static func chainDepth(of event: Event) -> Int {
        event.data["automation"]?["depth"]?.numberValue?.int64.map { Int($0) } ?? 0
    }

    /// The longest chain of tag steps that start further runs; the event of the next one starts nothing.
    public static let chainLimit = 5

    // MARK: running

    /// Runs steps from `run.nextStep` until a wait, the end, or (`inline`, in the event's own transaction) a
    /// step that changes the contact. Messages and postbacks are appended to `queued` for the caller to
    /// insert once the run is saved; tag steps change the contact at once (never inline).
    static func advance(_ run: inout AutomationRun, _ automation: Automation, event: Event, contact: Contact?, inline: Bool,
                        queued: inout [Delivery], in writer: any StoreWriter, now: Date) throws {
        run.updatedAt = now
        while run.nextStep < automation.steps.count {
            let index = run.nextStep
            let step = automation.steps[index]
            func log(_ outcome: String, _ delivery: String? = nil) { run.log.append(.init(at: now, step: index, outcome: outcome, deliveryID: delivery)) }
            switch step {
            case .wait(let duration):
                run.nextStep += 1
                run.dueAt = now.addingTimeInterval(TimeInterval(duration.seconds))
                log("waiting until \(Timestamp.format(run.dueAt!))")
                return
            case .email(let templateID, let active), .sms(let templateID, let active):
                let channel: Delivery.Channel = step.type == "email" ? .email : .sms
                if !active {
                    log("skipped: the step is switched off")
                } else if let template = try writer.template(account: run.accountID, id: templateID) {
                    if let refusal = refusal(for: template, contact: contact, channel: channel) {
                        log("skipped: " + refusal)
                    } else {
                        let delivery = Delivery.message(id: KvittoID.make(.delivery, at: now), accountID: run.accountID, channel: channel,
                                                        automationID: automation.id, runID: run.id, templateID: templateID,
                                                        contactID: contact?.id,
                                                        recipient: (channel == .email ? contact?.email : contact?.phone) ?? "",
                                                        event: event, createdAt: now)
                        queued.append(delivery)
                        log("queued \(channel.rawValue) to \(delivery.recipient ?? "")", delivery.id)
                    }
                } else {
                    log("skipped: the template \(templateID) was deleted")
                }
            case .postback(let triggerID):
                if let trigger = try writer.trigger(account: run.accountID, id: triggerID), trigger.active, trigger.disabledAt == nil {
                    let delivery = Delivery(id: KvittoID.make(.delivery, at: now), accountID: run.accountID, triggerID: trigger.id,
                                            eventID: event.id, eventType: event.type, createdAt: now)
                    queued.append(delivery)
                    log("queued postback to \(trigger.name)", delivery.id)
                } else {
                    log("skipped: the trigger \(triggerID) is deleted or switched off")
                }
            case .addTag(let tag), .removeTag(let tag):
                if inline { return }  // due now: the scheduler goes on from here in a transaction of its own
                guard let contact, let account = try writer.account(run.accountID) else {
                    log("skipped: the run has no contact")
                    break
                }
                // The tag's event names this step, so that a chain of automations tagging each other is bounded.
                let cause: [(String, JSONValue)] = [("automation", [
                    "id": .string(automation.id), "run_id": .string(run.id),
                    "depth": .number(JSONNumber(chainDepth(of: event) + 1)),
                ])]
                if case .addTag = step {
                    _ = try Contacts.addTags([tag], to: contact.id, account: account, origin: .api, cause: cause, in: writer, now: now)
                    log("added the tag \(tag)")
                } else {
                    _ = try Contacts.removeTags([tag], from: contact.id, account: account, origin: .api, cause: cause,
                                                in: writer, now: now)
                    log("removed the tag \(tag)")
                }
            }
            run.nextStep += 1
        }
        run.status = .completed
        run.dueAt = nil
    }

    /// Why a message must not be queued, or nil. Marketing needs consent and no blacklist or unsubscribe;
    /// transactional messages (confirmations, receipts) always go. Every message needs an address.
    static func refusal(for template: Template, contact: Contact?, channel: Delivery.Channel) -> String? {
        guard let contact else { return "the run has no contact" }
        if (template.purpose ?? .marketing) == .marketing, let refusal = contact.marketingRefusal { return refusal }
        switch channel {
        case .email where contact.email == nil: return "the contact has no e-mail address"
        case .sms where contact.phone == nil: return "the contact has no phone number"
        default: return nil
        }
    }

    /// Goes on with one due run, in the scheduler's transaction: cancelled when its automation was deleted
    /// or switched off, its event is gone or its contact erased; otherwise its next steps run. Returns
    /// `false` when another scheduler moved the run on first (nothing of this attempt is kept).
    public static func resume(_ run: AutomationRun, in writer: any StoreWriter, now: Date) throws -> Bool {
        do {
            return try resumeOrThrow(run, in: writer, now: now)
        } catch is RunMovedOn {
            return false
        }
    }

    static func resumeOrThrow(_ run: AutomationRun, in writer: any StoreWriter, now: Date) throws -> Bool {
        try writer.savepoint {
            var next = run
            var queued: [Delivery] = []
            if let automation = try writer.automation(account: run.accountID, id: run.automationID), automation.active {
                if let event = try writer.event(account: run.accountID, id: run.eventID) {
                    let contact = try run.contactID.flatMap { try writer.contact(account: run.accountID, id: $0) }
                    if run.contactID != nil, contact == nil {
                        next = cancelled(run, "the contact was erased", now)
                    } else {
                        try advance(&next, automation, event: event, contact: contact, inline: false, queued: &queued, in: writer, now: now)
                    }
                } else {
                    next = cancelled(run, "its event is gone", now)
                }
            } else {
                next = cancelled(run, "the automation was deleted or switched off", now)
            }
            guard try writer.updateRun(next, expectedStep: run.nextStep) else { throw RunMovedOn() }
            for delivery in queued { try writer.insertDelivery(delivery) }
            return true
        }
    }

    struct RunMovedOn: Error {}
}
