import Foundation
import KvittoCore
import KvittoStorage
import KvittoTemplates

/// `POST /v1/triggers/{id}/test`: one real, signed request with a sample payload (or a stored event), and
/// the exact request and response. Nothing is written, so nothing retries.
public struct PostbackTest: Sendable {
    let store: any KvittoStore
    let sender: WebhookSender
    let secrets: SecretBox
    let clock: any KvittoClock

    public init(store: any KvittoStore, sender: WebhookSender, secrets: SecretBox, clock: any KvittoClock = SystemClock()) {
        self.store = store; self.sender = sender; self.secrets = secrets; self.clock = clock
    }

    public func run(triggerID: String, account: Account, eventID: String?, eventType: EventType?) async throws -> JSONValue {
        let (trigger, storedEvent, template) = try await store.read { r -> (Trigger?, Event?, Template?) in
            let trigger = try r.trigger(account: account.id, id: triggerID)
            let event = try eventID.flatMap { try r.event(account: account.id, id: $0) }
            let template = try trigger?.templateID.flatMap { try r.template(account: account.id, id: $0) }
            return (trigger, event, template)
        }
        guard let trigger else { throw KvittoError.notFound("trigger \(triggerID)") }
        if let eventID, storedEvent == nil { throw KvittoError.notFound("event \(eventID)") }
        var event = storedEvent ?? EventSamples.event(eventType ?? trigger.eventTypes.first ?? .orderReceived)
        event.accountID = account.id
        let now = clock.now()
        let body = try PostbackPayload().body(for: event, template: template)
        let request = WebhookSender.request(id: KvittoID.make(.delivery, at: now), trigger: trigger, body: body,
                                            secrets: try Postbacks.signingSecrets(of: trigger, secrets: secrets, now: now), now: now)
        let response = await sender.send(request)
        return ["request": request.json, "response": response.json, "event_id": .string(event.id), "sample": .bool(storedEvent == nil),
                "delivery_written": false]
    }
}
