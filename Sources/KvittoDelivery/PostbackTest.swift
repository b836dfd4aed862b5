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
    /// Sends the test of a trigger whose destination is an e-mail address.
    let messages: MessageDispatcher?

    public init(store: any KvittoStore, sender: WebhookSender, secrets: SecretBox, clock: any KvittoClock = SystemClock(),
                messages: MessageDispatcher? = nil) {
        self.store = store; self.sender = sender; self.secrets = secrets; self.clock = clock; self.messages = messages
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
        if let email = trigger.email {
            guard let messages else { throw KvittoError(code: .conflict, detail: "this process does not send e-mail") }
            let subject = "\(trigger.name): \(event.type.rawValue) (test)"
            let text = String(decoding: body, as: UTF8.self) + "\n"
            let result = await messages.sendNotice(accountID: account.id, to: email, subject: subject, text: text,
                                                   messageID: KvittoID.make(.delivery, at: now))
            let response: JSONValue
            switch result.outcome {
            case .sent(let reply): response = ["sent": true, "server_reply": .string(reply)]
            case .retry(let error), .failed(let error): response = ["sent": false, "error": .string(error)]
            }
            return ["request": ["email": .string(email), "subject": .string(subject), "text": .string(text)], "response": response,
                    "event_id": .string(event.id), "sample": .bool(storedEvent == nil), "delivery_written": false]
        }
        let request = WebhookSender.request(id: KvittoID.make(.delivery, at: now), trigger: trigger, body: body,
                                            secrets: try Postbacks.signingSecrets(of: trigger, secrets: secrets, now: now), now: now)
        let response = await sender.send(request)
        return ["request": request.json, "response": response.json, "event_id": .string(event.id), "sample": .bool(storedEvent == nil),
                "delivery_written": false]
    }
}
