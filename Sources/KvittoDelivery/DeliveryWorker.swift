import AsyncHTTPClient
import Foundation
import KvittoCore
import KvittoStorage
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// Sends due deliveries. Any number of workers (in any number of processes, on PostgreSQL) share the
/// queue: each claims deliveries under a lease with its own token, heartbeats while it works, and can
/// record a result only while it still holds the lease. Jobs carry ids; what is sent is read from the
/// database at send time. On graceful shutdown it stops claiming and finishes what it has in flight.
public final class DeliveryWorker: Service, Sendable {
    public struct Settings: Sendable {
        /// Deliveries in flight at once (default 64).
        public var concurrency = 64
        /// How long a claim is ours without a heartbeat (default 60 s; a request takes at most 15 s).
        public var lease: TimeInterval = 60
        /// How often to look for due deliveries when nobody said there are some (default 250 ms).
        public var pollInterval: TimeInterval = 0.25
        /// When to retry (default SPEC §5's schedule).
        public var retryPolicy = RetryPolicy.standard
        public init() {}
    }

    let store: any KvittoStore
    let sender: WebhookSender
    let secrets: SecretBox
    let clock: any KvittoClock
    let settings: Settings
    let logger: Logger
    let token = UUID().uuidString
    private let payload = PostbackPayload()
    private let signal = WakeSignal()

    public init(store: any KvittoStore, sender: WebhookSender, secrets: SecretBox, clock: any KvittoClock = SystemClock(),
                settings: Settings = Settings(), logger: Logger) {
        self.store = store; self.sender = sender; self.secrets = secrets; self.clock = clock
        self.settings = settings; self.logger = logger
    }

    /// Tells the worker that deliveries are due now (after a write that created or replayed some).
    public func nudge() { signal.wakeAll() }

    /// Claims per lane at a time: small, so one slow endpoint holds few other deliveries back.
    static let claimBatch = 4

    public func run() async throws {
        logger.info("delivery worker started", metadata: ["concurrency": "\(settings.concurrency)"])
        try await withThrowingTaskGroup(of: Void.self) { background in
            background.addTask { try await self.heartbeat() }
            background.addTask { try await self.reportQueue() }
            // `concurrency` lanes, each claiming a few deliveries and sending them one after another.
            await withTaskGroup(of: Void.self) { lanes in
                for _ in 0..<settings.concurrency { lanes.addTask { await self.lane() } }
            }
            background.cancelAll()
        }
        logger.info("delivery worker stopped")
    }

    /// Until graceful shutdown: claim, send, record; when nothing is due, wait for a nudge or the poll interval.
    /// A lane that is sending when shutdown begins finishes and records that delivery first.
    private func lane() async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let now = clock.now()
            let lease = now.addingTimeInterval(settings.lease)
            let token = self.token
            let claims: [DeliveryClaim]
            do {
                claims = try await store.write { w in try w.claimDeliveries(now: now, limit: Self.claimBatch, leaseUntil: lease, token: token) }
            } catch {
                logger.error("could not claim deliveries", metadata: ["error": "\(error)"])
                claims = []
            }
            if claims.isEmpty {
                await signal.wait(atMost: settings.pollInterval)
                continue
            }
            for claim in claims { await process(claim) }
        }
    }

    private func heartbeat() async throws {
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(Int(settings.lease * 1000 / 3)))
            let until = clock.now().addingTimeInterval(settings.lease)
            let token = self.token
            do { try await store.write { w in try w.extendLeases(token: token, until: until) } } catch {
                logger.warning("lease heartbeat failed", metadata: ["error": "\(error)"])
            }
        }
    }

    private func reportQueue() async throws {
        let depth = Gauge(label: "kvitto_delivery_queue_depth")
        let oldest = Gauge(label: "kvitto_delivery_oldest_pending_seconds")
        while !Task.isCancelled {
            if let (pending, due) = try? await store.read({ r in try r.queueDepth() }) {
                depth.record(pending)
                oldest.record(due.map { max(0, clock.now().timeIntervalSince($0)) } ?? 0)
            }
            try await Task.sleep(for: .seconds(5))
        }
    }

    /// One delivery: read what to send, send it, record the attempt and what happens next.
    func process(_ claim: DeliveryClaim) async {
        do {
            let loaded = try await store.read { r -> (Delivery, Trigger?, Event?, Template?)? in
                guard let delivery = try r.delivery(account: claim.accountID, id: claim.deliveryID) else { return nil }
                let trigger = try r.trigger(account: claim.accountID, id: delivery.triggerID)
                let event = try r.event(account: claim.accountID, id: delivery.eventID)
                let template = try trigger?.templateID.flatMap { try r.template(account: claim.accountID, id: $0) }
                return (delivery, trigger, event, template)
            }
            guard let (delivery, trigger, event, template) = loaded else { return }
            let now = clock.now()
            guard let trigger, trigger.active, trigger.disabledAt == nil, let event else {
                try await finish(delivery, claim: claim, attempt: nil, decision: .failed(reason: .retryDisabled),
                                 error: trigger == nil ? "the trigger was deleted" : event == nil ? "the event is gone" : "the trigger is switched off",
                                 trigger: nil, now: now)
                return
            }
            let body: [UInt8]
            do {
                body = try payload.body(for: event, template: template)
            } catch {
                try await finish(delivery, claim: claim, attempt: nil, decision: .failed(reason: .retryDisabled),
                                 error: "the template could not be rendered: \(error)", trigger: nil, now: now)
                return
            }
            let request = WebhookSender.request(id: delivery.id, trigger: trigger, body: body,
                                                secrets: try Postbacks.signingSecrets(of: trigger, secrets: secrets, now: now), now: now)
            let response = await sender.send(request)
            Timer(label: "kvitto_delivery_attempt_duration_seconds").recordMilliseconds(response.latencyMilliseconds)
            let attemptTime = clock.now()
            let decision = DeliveryStateMachine.decide(
                attempt: delivery.attempts - delivery.cycleStart + 1, result: response.result, retryEnabled: trigger.retry,
                endpointFailingSince: trigger.failingSince, now: attemptTime, policy: settings.retryPolicy)
            let attempt = DeliveryAttempt(deliveryID: delivery.id, number: delivery.attempts + 1, at: now, statusCode: response.statusCode,
                                          latencyMilliseconds: response.latencyMilliseconds, responseHeaders: response.headersJSON,
                                          responseExcerpt: response.excerpt, error: response.failure.map { "\($0.kind.rawValue): \($0.message)" })
            try await finish(delivery, claim: claim, attempt: attempt, decision: decision, error: attempt.error, trigger: trigger, now: attemptTime)
        } catch {
            // Give the claim back so the delivery is due again; if even that fails, the lease expires
            // once this worker stops heartbeating it. Nothing is lost either way.
            logger.error("delivery failed to process", metadata: ["delivery": "\(claim.deliveryID)", "error": "\(error)"])
            _ = try? await store.write { w in try w.releaseDelivery(id: claim.deliveryID, token: claim.token) }
        }
    }

    /// Records the outcome in one transaction: the attempt, the delivery's next state, and the trigger's
    /// health (failing since, or disabled with a notice). Dropped if our lease was taken over meanwhile.
    private func finish(_ delivery: Delivery, claim: DeliveryClaim, attempt: DeliveryAttempt?, decision: DeliveryDecision,
                        error: String?, trigger: Trigger?, now: Date) async throws {
        var updated = delivery
        updated.updatedAt = now
        updated.lastError = error
        if let attempt {
            updated.attempts += 1
            updated.lastStatusCode = attempt.statusCode
        }
        let outcome: String
        switch decision {
        case .succeeded: updated.status = .succeeded; updated.nextAttemptAt = nil; updated.lastError = nil; outcome = "succeeded"
        case .retry(let at): updated.status = .pending; updated.nextAttemptAt = at; outcome = "retry"
        case .failed(let reason):
            updated.status = .failed; updated.nextAttemptAt = nil; outcome = "failed"
            if updated.lastError == nil { updated.lastError = reason.description }
        case .disableTrigger(let reason):
            updated.status = .failed; updated.nextAttemptAt = nil; outcome = "trigger_disabled"
            updated.lastError = (error.map { $0 + "; " } ?? "") + "trigger disabled: " + reason.description
        }
        let record = updated
        let stored = try await store.write { w -> Bool in
            guard try w.completeDelivery(record, token: claim.token) else { return false }
            if let attempt { try w.insertAttempt(attempt) }
            if var trigger, let current = try w.trigger(account: trigger.accountID, id: trigger.id) {
                trigger = current
                var changed = false
                switch decision {
                case .succeeded:
                    if trigger.failingSince != nil { trigger.failingSince = nil; changed = true }
                case .disableTrigger(let reason):
                    trigger.disabledAt = now
                    trigger.disabledReason = reason.description
                    changed = true
                    try EventLog.note(.notice, on: trigger.id, account: trigger.accountID,
                                      text: "trigger.disabled: \(reason.description)", data: ["reason": .string(reason.code)], in: w, now: now)
                default:
                    if trigger.failingSince == nil { trigger.failingSince = now; changed = true }
                }
                if changed {
                    trigger.updatedAt = now
                    try w.updateTrigger(trigger)
                }
            }
            return true
        }
        if stored {
            Counter(label: "kvitto_deliveries_total", dimensions: [("outcome", outcome)]).increment()
        } else {
            logger.warning("lease lost before the result was recorded; another worker will send again", metadata: ["delivery": "\(delivery.id)"])
        }
    }
}
