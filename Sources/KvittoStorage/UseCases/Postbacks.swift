import Foundation
import KvittoCore
import Synchronization

/// What `POST /v1/triggers` and `PATCH /v1/triggers/{id}` take, already shape-checked.
public struct TriggerInput: Sendable {
    public var name: String?
    public var eventTypes: [EventType]?
    /// `.some(nil)` clears the filter.
    public var filter: String??
    public var url: String?
    /// An e-mail destination instead of a URL.
    public var email: String?
    public var method: Trigger.Method?
    public var templateID: String??
    public var retry: Bool?
    public var active: Bool?

    public init() {}
}

public enum Postbacks {
    /// How long the secret before a rotation keeps signing alongside the new one (SPEC §5).
    public static let rotationOverlap: TimeInterval = 24 * 3600

    /// - Parameter addresses: the process's outbound policy; a URL whose host is a literal address it refuses
    ///   is a 422 here, not only when sent. The default allows no special range.
    public static func createTrigger(_ input: TriggerInput, account: String, secrets: SecretBox,
                                     addresses: OutboundAddressPolicy = OutboundAddressPolicy(), in writer: any StoreWriter,
                                     now: Date) throws -> (Trigger, secret: WebhookSecretText) {
        var errors: [FieldError] = []
        if input.name?.isEmpty ?? true { errors.append(FieldError("/name", "is required")) }
        if input.eventTypes?.isEmpty ?? true { errors.append(FieldError("/event_types", "name at least one event type")) }
        if input.url == nil, input.email == nil { errors.append(FieldError("/url", "is required (or an e-mail address in email)")) }
        if input.url != nil, input.email != nil { errors.append(FieldError("/email", "give a url or an e-mail address, not both")) }
        if !errors.isEmpty { throw KvittoError.invalid(errors) }
        let secret = WebhookSecretText.generate()
        var trigger = Trigger(id: KvittoID.make(.trigger, at: now), accountID: account, name: input.name!, eventTypes: input.eventTypes!,
                              url: "", method: input.method ?? .post, sealedSecret: try secrets.seal(secret.text), createdAt: now)
        try apply(input, to: &trigger, account: account, addresses: addresses, in: writer)
        try writer.insertTrigger(trigger)
        return (trigger, secret)
    }

    public static func updateTrigger(id: String, with input: TriggerInput, account: String,
                                     addresses: OutboundAddressPolicy = OutboundAddressPolicy(), in writer: any StoreWriter,
                                     now: Date) throws -> Trigger {
        guard var trigger = try writer.trigger(account: account, id: id) else { throw KvittoError.notFound("trigger \(id)") }
        let wasActive = trigger.active
        try apply(input, to: &trigger, account: account, addresses: addresses, in: writer)
        // Switching a trigger (back) on is how a merchant re-enables one Kvitto disabled.
        if input.active == true, !wasActive || trigger.disabledAt != nil {
            trigger.disabledAt = nil
            trigger.disabledReason = nil
            trigger.failingSince = nil
        }
        trigger.updatedAt = now
        try writer.updateTrigger(trigger)
        return trigger
    }

    static func apply(_ input: TriggerInput, to trigger: inout Trigger, account: String, addresses: OutboundAddressPolicy,
                      in writer: any StoreWriter) throws {
        if let name = input.name { trigger.name = name }
        if let types = input.eventTypes { trigger.eventTypes = types }
        if let method = input.method { trigger.method = method }
        if let retry = input.retry { trigger.retry = retry }
        if let active = input.active { trigger.active = active }
        var errors: [FieldError] = []
        if let url = input.url {
            if let problem = DestinationURL.problem(url) ?? addresses.refusal(destination: url) { errors.append(FieldError("/url", problem)) } else {
                trigger.url = url
                trigger.email = nil
            }
        }
        if let email = input.email {
            if MailboxText.address(in: email) == nil { errors.append(FieldError("/email", "is not an e-mail address")) } else {
                trigger.email = email
                trigger.url = ""
            }
        }
        if let filter = input.filter {
            if let expression = filter {
                do { _ = try FilterCache.compile(expression) } catch {
                    errors.append(FieldError("/filter", "not a valid JMESPath expression: \(error)"))
                }
            }
            trigger.filter = filter
        }
        if let templateID = input.templateID {
            if let id = templateID {
                if let template = try writer.template(account: account, id: id) {
                    if template.kind != .postback {
                        errors.append(FieldError("/template_id", "template \(id) is an \(template.kind.rawValue) template; a trigger takes a postback template"))
                    }
                } else {
                    errors.append(FieldError("/template_id", "no template \(id) in this account"))
                }
            }
            trigger.templateID = templateID
        }
        if !errors.isEmpty { throw KvittoError.invalid(errors) }
    }

    /// A new signing secret; the old one keeps signing for 24 hours so receivers can switch without a gap.
    public static func rotateSecret(id: String, account: String, secrets: SecretBox, in writer: any StoreWriter,
                                    now: Date) throws -> (Trigger, secret: WebhookSecretText) {
        guard var trigger = try writer.trigger(account: account, id: id) else { throw KvittoError.notFound("trigger \(id)") }
        let secret = WebhookSecretText.generate()
        trigger.sealedPreviousSecret = trigger.sealedSecret
        trigger.previousSecretExpiresAt = now.addingTimeInterval(rotationOverlap)
        trigger.sealedSecret = try secrets.seal(secret.text)
        trigger.updatedAt = now
        try writer.updateTrigger(trigger)
        return (trigger, secret)
    }

    /// Sends a delivery again: same id (so the same `webhook-id`), a fresh retry schedule, due now.
    public static func replay(_ delivery: Delivery, in writer: any StoreWriter, now: Date) throws -> Delivery {
        var replay = delivery
        replay.status = .pending
        replay.cycleStart = delivery.attempts
        replay.nextAttemptAt = now
        replay.updatedAt = now
        try writer.requeueDelivery(replay)
        return replay
    }

    /// Replays every finished delivery `filter` selects (typically `status: failed` since an outage began),
    /// 500 to a transaction; a pending one is left as it is (it is going to be sent anyway). Returns how many.
    public static func replayAll(matching filter: DeliveryFilter, account: String, store: any KvittoStore, now: Date) async throws -> Int {
        var replayed = 0
        var cursor: String?
        repeat {
            let page = PageRequest(limit: 500, cursor: cursor)
            let (count, last) = try await store.write { w -> (Int, String?) in
                let batch = try w.deliveries(account: account, filter: filter, page: page)
                let finished = batch.filter { $0.status != .pending }
                for delivery in finished { _ = try replay(delivery, in: w, now: now) }
                return (finished.count, batch.count == page.limit ? batch.last?.id : nil)
            }
            replayed += count
            cursor = last
        } while cursor != nil
        return replayed
    }

    /// The secrets that sign a request at `now`: the current one, and the previous one while it overlaps.
    public static func signingSecrets(of trigger: Trigger, secrets: SecretBox, now: Date) throws -> [String] {
        var result = [try secrets.open(trigger.sealedSecret)]
        if let previous = trigger.sealedPreviousSecret, let until = trigger.previousSecretExpiresAt, now < until {
            result.append(try secrets.open(previous))
        }
        return result
    }

    /// Creates a delivery for every active trigger the event matches (type and filter), in the event's
    /// own transaction: no event is missed, and none is delivered for a change that was rolled back.
    /// Backfilled events fire nothing unless their backfill asked for it.
    /// Set (with `withValue`, around a write body) by a backfill started with `fire_triggers: true`, whose
    /// events are emitted deep inside the order rules.
    @TaskLocal public static var backfillFiresTriggers = false

    public static func fanOut(_ event: Event, in writer: any StoreWriter, fireBackfill: Bool = false) throws {
        if event.origin == .backfill, !fireBackfill { return }
        let triggers = try writer.activeTriggers(account: event.accountID).filter { $0.eventTypes.contains(event.type) }
        guard !triggers.isEmpty else { return }
        let envelope = event.json
        for trigger in triggers {
            if let filter = trigger.filter, !(try matches(filter, envelope)) { continue }
            try writer.insertDelivery(Delivery(id: KvittoID.make(.delivery, at: event.occurredAt), accountID: event.accountID,
                                               triggerID: trigger.id, eventID: event.id, eventType: event.type, createdAt: event.occurredAt))
        }
    }

    /// JMESPath truthiness: false, null, "", [] and {} are false. A filter that fails at run time matches
    /// nothing rather than failing the write that emitted the event.
    static func matches(_ filter: String, _ envelope: JSONValue) throws -> Bool {
        guard let expression = try? FilterCache.compile(filter), let result = try? expression.evaluate(envelope) else { return false }
        switch result {
        case .null, .bool(false): return false
        case .string(let s): return !s.isEmpty
        case .array(let a): return !a.isEmpty
        case .object(let o): return !o.isEmpty
        default: return true
        }
    }
}

/// A freshly generated `whsec_…` secret, shown once.
public struct WebhookSecretText: Sendable {
    public let text: String

    public static func generate() -> WebhookSecretText {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return WebhookSecretText(text: "whsec_" + Data(bytes).base64EncodedString())
    }
}

/// Compiled filters by source text, so an event does not re-parse its triggers' filters.
enum FilterCache {
    private static let cache = Mutex<[String: JMESPathExpression]>([:])

    static func compile(_ source: String) throws -> JMESPathExpression {
        if let hit = cache.withLock({ $0[source] }) { return hit }
        let expression = try JMESPathExpression(source)
        cache.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[source] = expression
        }
        return expression
    }
}

/// Checks a destination URL's shape; whether its address may be reached is decided at send time, after
/// DNS resolution, by the delivery worker.
public enum DestinationURL {
    public static func problem(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
              scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty
        else { return "must be an absolute http(s) URL, e.g. https://partner.example/hooks" }
        if components.user != nil || components.password != nil { return "must not carry credentials; use the signature to authenticate" }
        if text.utf8.count > 2000 { return "is longer than 2000 characters" }
        return nil
    }
}
