import Foundation
import KvittoCore
import KvittoStorage
import Logging
import Metrics

/// Deliveries other than HTTP postbacks: e-mail and SMS messages, and order statuses written back to
/// platforms. Each is sent once per attempt and finished like a postback (`finish`).
extension DeliveryWorker {
    /// What follows a message attempt: sent is done, a refusal is final, anything else is retried on the
    /// schedule (and, for an e-mail postback, counts toward its trigger's five days of failures).
    static func decision(for result: MessageAttempt, attempt: Int, retryEnabled: Bool, failingSince: Date?, now: Date,
                         policy: RetryPolicy) -> (DeliveryDecision, reply: String?, error: String?) {
        switch result.outcome {
        case .sent(let text): return (.succeeded, text, nil)
        case .failed(let text): return (.failed(reason: .refused), nil, text)
        case .retry(let text):
            return (DeliveryStateMachine.decide(attempt: attempt, result: .transportError(.other), retryEnabled: retryEnabled,
                                                endpointFailingSince: failingSince, now: now, policy: policy), nil, text)
        }
    }

    /// One e-mail or SMS: rendered and handed to the account's server or gateway; a failure that may pass
    /// is retried on the postback schedule, one that cannot is recorded as failed with the server's words.
    func processMessage(_ loaded: DeliveryToSend) async {
        let (delivery, claim) = (loaded.delivery, loaded.claim)
        do {
            let now = clock.now()
            guard let messages else {
                // Not ours to send: give it back and let it be due again in a minute for a process that can.
                var later = delivery
                later.nextAttemptAt = now.addingTimeInterval(60)
                later.updatedAt = now
                try await finish(later, claim: claim, attempt: nil, decision: .retry(at: later.nextAttemptAt!),
                                 error: "this process does not send messages", trigger: nil, now: now)
                return
            }
            let result: MessageAttempt
            if let notice = delivery.notice {
                result = await messages.sendNotice(accountID: delivery.accountID, to: delivery.recipient ?? "",
                                                   subject: notice["subject"]?.stringValue ?? "", text: notice["text"]?.stringValue ?? "",
                                                   messageID: delivery.id)
            } else if let event = loaded.event {
                result = await messages.send(delivery, event: event, template: loaded.template)
            } else {
                try await finish(delivery, claim: claim, attempt: nil, decision: .failed(reason: .eventGone), error: nil, trigger: nil, now: now)
                return
            }
            Timer(label: "kvitto_message_attempt_duration_seconds", dimensions: [("channel", delivery.channel.rawValue)])
                .recordMilliseconds(result.latencyMilliseconds)
            let attemptTime = clock.now()
            let (decision, reply, error) = Self.decision(for: result, attempt: delivery.attempts - delivery.cycleStart + 1, retryEnabled: true,
                                                         failingSince: nil, now: attemptTime, policy: settings.retryPolicy)
            if case .retry(let text) = result.outcome, delivery.notice == nil, delivery.attempts - delivery.cycleStart + 1 >= Self.attemptsBeforeAlert {
                await alert(account: delivery.accountID, cause: delivery.channel == .sms ? "sms_gateway" : "smtp",
                            subject: delivery.channel == .sms ? "Kvitto cannot send SMS" : "Kvitto cannot send e-mail",
                            text: """
                                Messages of your account are waiting: the \(delivery.channel == .sms ? "SMS gateway" : "SMTP server") keeps failing.
                                The last attempt (delivery \(delivery.id), attempt \(delivery.attempts + 1)) said:

                                \(text)

                                Kvitto keeps retrying; check the settings (GET /v1/settings) and the delivery log (GET /v1/deliveries?status=pending).
                                """, now: attemptTime)
            }
            let attempt = DeliveryAttempt(deliveryID: delivery.id, number: delivery.attempts + 1, at: now, statusCode: result.statusCode,
                                          latencyMilliseconds: result.latencyMilliseconds, responseHeaders: .null,
                                          responseExcerpt: reply ?? error, error: error)
            try await finish(delivery, claim: claim, attempt: attempt, decision: decision, error: error, trigger: nil, now: attemptTime)
        } catch {
            logger.error("message failed to process", metadata: ["delivery": "\(claim.deliveryID)", "error": "\(error)"])
            _ = try? await store.writeDeliveryState { w in try w.releaseDelivery(id: claim.deliveryID, token: claim.token) }
        }
    }

    /// An order's status written to its platform: one request, its answer logged as the attempt, retried
    /// on the postback schedule (see `DeliveryStateMachine.decideStatusWrite`).
    func processStatusWrite(_ loaded: DeliveryToSend) async {
        let (delivery, claim) = (loaded.delivery, loaded.claim)
        do {
            let now = clock.now()
            guard let statusWriter else {
                try await finish(delivery, claim: claim, attempt: nil, decision: .retry(at: now.addingTimeInterval(60)),
                                 error: "this process does not write statuses to platforms", trigger: nil, now: now)
                return
            }
            let write = await statusWriter.writeStatus(of: delivery)
            let attemptTime = clock.now()
            let (decision, statusCode): (DeliveryDecision, Int?)
            switch write.outcome {
            case .nothingToWrite(let why):
                try await finish(delivery, claim: claim, attempt: nil, decision: .failed(reason: .nothingToWrite), error: why, trigger: nil,
                                 now: attemptTime)
                return
            case .answered(let result):
                decision = DeliveryStateMachine.decideStatusWrite(attempt: delivery.attempts - delivery.cycleStart + 1, result: result,
                                                                  now: attemptTime, policy: settings.retryPolicy)
                statusCode = result.statusCode
            case .refused(let code):
                (decision, statusCode) = (.failed(reason: .refused), code)
            }
            Timer(label: "kvitto_status_write_duration_seconds").recordMilliseconds(write.latencyMilliseconds)
            let error = decision == .succeeded ? nil : write.error ?? statusCode.map { "HTTP \($0)" } ?? "the write failed"
            let attempt = DeliveryAttempt(deliveryID: delivery.id, number: delivery.attempts + 1, at: now, statusCode: statusCode,
                                          latencyMilliseconds: write.latencyMilliseconds, responseHeaders: .null,
                                          responseExcerpt: write.responseExcerpt, error: error, platformStatus: write.platformStatus)
            try await finish(delivery, claim: claim, attempt: attempt, decision: decision, error: error, trigger: nil, now: attemptTime)
        } catch {
            logger.error("status write-back failed to process", metadata: ["delivery": "\(claim.deliveryID)", "error": "\(error)"])
            _ = try? await store.writeDeliveryState { w in try w.releaseDelivery(id: claim.deliveryID, token: claim.token) }
        }
    }

    /// A message failing this many times in a row says its sender keeps failing.
    static let attemptsBeforeAlert = 3

    /// Queues an alert e-mail to the account's alert address (at most one an hour per cause); a failure to
    /// queue it is logged, never the delivery's problem.
    private func alert(account: String, cause: String, subject: String, text: String, now: Date) async {
        do {
            _ = try await store.write { w in try Alerts.raise(account: account, cause: cause, subject: subject, text: text, in: w, now: now) }
        } catch {
            logger.warning("could not queue an alert", metadata: ["account": "\(account)", "cause": "\(cause)", "error": "\(error)"])
        }
    }
}
