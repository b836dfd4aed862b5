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
    /// E-mail and SMS; nil in a process that sends postbacks only (messages then wait for one that sends them).
    let messages: MessageDispatcher?
    /// Status write-backs to platforms; nil in a process that does not write them (they then wait for one that does).
    let statusWriter: (any PlatformStatusWriting)?
    let secrets: SecretBox
    let clock: any KvittoClock
    let settings: Settings
    let logger: Logger
    let token = LeaseToken.make()
    private let payload = PostbackPayload()
    private let signal = WakeSignal()
    /// The deliveries this worker has claimed and not yet finished: the only leases its heartbeat extends.
    private let inFlight = Mutex<Set<String>>([])
    /// The lanes' shared claims (internal: a test waits on it).
    let lanes: Mutex<LaneQueue<DeliveryToSend>>
    /// Results of every lane, saved together.
    private let completions: CompletionBatcher
    /// Outcomes per trigger not yet written to the trigger's health (see `TriggerHealthReport`).
    private let health = Mutex<[TriggerKey: TriggerHealthReport]>([:])

    struct TriggerKey: Hashable, Sendable {
        let account: String
        let id: String
    }

    public init(store: any KvittoStore, sender: WebhookSender, messages: MessageDispatcher? = nil,
                statusWriter: (any PlatformStatusWriting)? = nil, secrets: SecretBox,
                clock: any KvittoClock = SystemClock(), settings: Settings = Settings(), logger: Logger) {
        self.store = store; self.sender = sender; self.messages = messages; self.statusWriter = statusWriter
        self.secrets = secrets; self.clock = clock
        self.settings = settings; self.logger = logger
        self.completions = CompletionBatcher(store: store)
        self.lanes = Mutex(LaneQueue(lanes: settings.concurrency))
    }

    /// Tells the worker that deliveries are due now (after a write that created or replayed some): one lane
    /// looks, claims for the idle lanes, and wakes as many as it brought work for.
    public func nudge() { signal.wakeOne() }

    /// How much longer than the scout lane the other idle lanes wait between looks at the queue. They are
    /// woken when work arrives (in this process, by NOTIFY from another, or by a claim that brought back
    /// work for them), so their own polling is only a backstop against a lost wake-up.
    static let idleLaneSlowdown = 20.0

    public func run() async throws {
        logger.info("delivery worker started", metadata: ["concurrency": "\(settings.concurrency)"])
        await withThrowingTaskGroup(of: Void.self) { background in
            background.addTask { try await self.heartbeat() }
            background.addTask { try await self.reportQueue() }
            background.addTask { try await self.recordHealthPeriodically() }
            background.addTask { try await self.store.watchDueDeliveries { [signal = self.signal] in signal.wakeOne() } }
            // `concurrency` lanes sharing the claims of `lanes`. At shutdown the sleeping lanes are woken to see
            // it; the sending ones finish their delivery first.
            await withGracefulShutdownHandler {
                await withTaskGroup(of: Void.self) { group in
                    for index in 0..<settings.concurrency { group.addTask { await self.lane(isScout: index == 0) } }
                }
            } onGracefulShutdown: { [signal = self.signal] in
                signal.close()
            }
            await giveBackUnsent()
            background.cancelAll()
        }
        await recordHealth()
        await messages?.close()
        logger.info("delivery worker stopped")
    }

    /// Until graceful shutdown: take a claimed delivery and send it, or claim for the idle lanes, or wait
    /// for a nudge or the poll interval. One lane, the scout, polls at the poll interval; the others far
    /// less often, so an idle process costs a few queries a second rather than one per lane. A lane that is
    /// sending when shutdown begins finishes and records that delivery first.
    private func lane(isScout: Bool) async {
        let idleWait = isScout ? settings.pollInterval : settings.pollInterval * Self.idleLaneSlowdown
        // The result of the lane's last postback, still being saved while the lane sends the next.
        var saving: Task<Void, Never>?
        while true {
            let stopping = Task.isShuttingDownGracefully || Task.isCancelled
            switch lanes.withLock({ $0.next(stopping: stopping) }) {
            case .stop:
                await saving?.value
                return
            case .wait:
                await signal.wait(atMost: idleWait)
            case .send(let one):
                // A lane is an endpoint call at a time: once its postback has been answered, the lane goes
                // on while the result is saved (the lease holds until then; the heartbeat keeps it). It
                // waits for the save before the one after, so no lane has more than one result unsaved.
                let (answered, answer) = AsyncStream<Void>.makeStream()
                let processing = Task {
                    await self.process(one, whenAnswered: { answer.finish() })
                    answer.finish()
                    _ = self.inFlight.withLock { $0.remove(one.claim.deliveryID) }
                }
                for await _ in answered {}
                await saving?.value
                saving = processing
                lanes.withLock { $0.sent() }
            case .claim(let limit):
                let claimed = await claim(limit: limit)
                inFlight.withLock { $0.formUnion(claimed.map(\.claim.deliveryID)) }
                if lanes.withLock({ $0.claimed(claimed, limit: limit) }) {
                    // This lane takes one; the others are for lanes asleep (and a full claim means there may be
                    // more, which the next lane to run low claims).
                    for _ in claimed.dropFirst() { signal.wakeOne() }
                } else {
                    await signal.wait(atMost: idleWait)
                }
            }
        }
    }

    /// The claim and what sending needs, in one job: a few statements for the whole batch.
    private func claim(limit: Int) async -> [DeliveryToSend] {
        let now = clock.now()
        let lease = now.addingTimeInterval(settings.lease)
        let token = self.token
        do {
            return try await store.writeDeliveryState { w in
                try w.claimDeliveriesToSend(now: now, limit: limit, leaseUntil: lease, token: token)
            }
        } catch {
            logger.error("could not claim deliveries", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// At shutdown, the deliveries claimed ahead that no lane took are due again at once, for another
    /// worker, instead of when their leases run out.
    private func giveBackUnsent() async {
        let unsent = lanes.withLock { $0.unsent() }
        guard !unsent.isEmpty else { return }
        do {
            try await store.writeDeliveryState { w in
                for one in unsent { try w.releaseDelivery(id: one.claim.deliveryID, token: one.claim.token) }
            }
        } catch {
            logger.warning("could not give back claimed deliveries at shutdown; they are due again when their leases run out",
                           metadata: ["count": "\(unsent.count)", "error": "\(error)"])
        }
        inFlight.withLock { $0.subtract(unsent.map(\.claim.deliveryID)) }
    }

    private func heartbeat() async throws {
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(Int(settings.lease * 1000 / 3)))
            let until = clock.now().addingTimeInterval(settings.lease)
            let token = self.token
            let ids = inFlight.withLock { Array($0) }
            guard !ids.isEmpty else { continue }
            do { try await store.writeDeliveryState { w in try w.extendLeases(token: token, ids: ids, until: until) } } catch {
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

    /// One delivery: send it, record the attempt and what happens next.
    /// - Parameter whenAnswered: called once a postback's endpoint has answered (or the call failed), before
    ///   the result is saved; the lane then goes on to its next delivery.
    func process(_ loaded: DeliveryToSend, whenAnswered: @Sendable () -> Void = {}) async {
        let claim = loaded.claim
        switch loaded.delivery.channel {
        case .postback: break
        case .platform: return await processStatusWrite(loaded)
        case .email, .sms: return await processMessage(loaded)
        }
        do {
            let (delivery, trigger, event, template) = (loaded.delivery, loaded.trigger, loaded.event, loaded.template)
            let now = clock.now()
            guard let trigger, trigger.active, trigger.disabledAt == nil, let event else {
                let reason: DeliveryFailureReason = trigger == nil ? .triggerDeleted : event == nil ? .eventGone : .triggerSwitchedOff
                try await finish(delivery, claim: claim, attempt: nil, decision: .failed(reason: reason), error: nil, trigger: nil, now: now)
                return
            }
            let body: [UInt8]
            do {
                body = try payload.body(for: event, template: template)
            } catch {
                try await finish(delivery, claim: claim, attempt: nil, decision: .failed(reason: .renderFailed),
                                 error: "the template could not be rendered: \(error)", trigger: nil, now: now)
                return
            }
            if let email = trigger.email {
                try await sendByEmail(delivery, claim: claim, to: email, body: body, event: event, trigger: trigger, now: now)
                return
            }
            let request = WebhookSender.request(id: delivery.id, trigger: trigger, body: body,
                                                secrets: try Postbacks.signingSecrets(of: trigger, secrets: secrets, now: now), now: now)
            let response = await sender.send(request)
            whenAnswered()
            Timer(label: "kvitto_delivery_attempt_duration_seconds").recordMilliseconds(response.latencyMilliseconds)
            let attemptTime = clock.now()
            let unrecorded = health.withLock { $0[TriggerKey(account: trigger.accountID, id: trigger.id)] } ?? TriggerHealthReport()
            let decision = DeliveryStateMachine.decide(
                attempt: delivery.attempts - delivery.cycleStart + 1, result: response.result, retryEnabled: trigger.retry,
                endpointFailingSince: unrecorded.failingSince(stored: trigger.failingSince), now: attemptTime, policy: settings.retryPolicy)
            let attempt = DeliveryAttempt(deliveryID: delivery.id, number: delivery.attempts + 1, at: now, statusCode: response.statusCode,
                                          latencyMilliseconds: response.latencyMilliseconds, responseHeaders: response.headersJSON,
                                          responseExcerpt: response.excerpt, error: response.failure.map { "\($0.kind.rawValue): \($0.message)" })
            try await finish(delivery, claim: claim, attempt: attempt, decision: decision, error: attempt.error, trigger: trigger, now: attemptTime)
        } catch {
            // Give the claim back so the delivery is due again; if even that fails, the lease expires
            // once this worker stops heartbeating it. Nothing is lost either way.
            logger.error("delivery failed to process", metadata: ["delivery": "\(claim.deliveryID)", "error": "\(error)"])
            _ = try? await store.writeDeliveryState { w in try w.releaseDelivery(id: claim.deliveryID, token: claim.token) }
        }
    }

    /// A postback to an e-mail address: the payload as the text of an e-mail through the account's SMTP
    /// server, retried (if the trigger says so) and counted in the trigger's health like an HTTP attempt.
    private func sendByEmail(_ delivery: Delivery, claim: DeliveryClaim, to email: String, body: [UInt8], event: Event, trigger: Trigger,
                             now: Date) async throws {
        guard let messages else {
            let later = now.addingTimeInterval(60)
            try await finish(delivery, claim: claim, attempt: nil, decision: .retry(at: later), error: "this process does not send e-mail",
                             trigger: nil, now: now)
            return
        }
        let number = event.data["order"]?["number"]?.stringValue.map { " " + $0 } ?? ""
        let result = await messages.sendNotice(accountID: trigger.accountID, to: email, subject: "\(trigger.name): \(event.type.rawValue)\(number)",
                                               text: String(decoding: body, as: UTF8.self) + "\n", messageID: delivery.id)
        let attemptTime = clock.now()
        let unrecorded = health.withLock { $0[TriggerKey(account: trigger.accountID, id: trigger.id)] } ?? TriggerHealthReport()
        let (decision, reply, error) = Self.decision(for: result, attempt: delivery.attempts - delivery.cycleStart + 1, retryEnabled: trigger.retry,
                                                     failingSince: unrecorded.failingSince(stored: trigger.failingSince), now: attemptTime,
                                                     policy: settings.retryPolicy)
        let attempt = DeliveryAttempt(deliveryID: delivery.id, number: delivery.attempts + 1, at: now, statusCode: nil,
                                      latencyMilliseconds: result.latencyMilliseconds, responseHeaders: .null, responseExcerpt: reply ?? error,
                                      error: error)
        try await finish(delivery, claim: claim, attempt: attempt, decision: decision, error: error, trigger: trigger, now: attemptTime)
    }

    /// Records the attempt and the delivery's next state in one transaction, dropped if our lease was taken
    /// over meanwhile; the trigger's health (failing since, or disabled with a notice) is written apart, by
    /// `recordHealth`, so completions never wait on the trigger's row.
    func finish(_ delivery: Delivery, claim: DeliveryClaim, attempt: DeliveryAttempt?, decision: DeliveryDecision,
                error: String?, trigger: Trigger?, now: Date) async throws {
        var updated = delivery
        updated.updatedAt = now
        updated.lastError = error
        if let attempt {
            updated.attempts += 1
            updated.lastStatusCode = attempt.statusCode
        }
        let outcome: String
        var givenUp: DeliveryFailureReason?
        switch decision {
        case .succeeded: updated.status = .succeeded; updated.nextAttemptAt = nil; updated.lastError = nil; outcome = "succeeded"
        case .retry(let at): updated.status = .pending; updated.nextAttemptAt = at; outcome = "retry"
        case .failed(let reason):
            updated.status = .failed; updated.nextAttemptAt = nil; outcome = "failed"
            if updated.lastError == nil { updated.lastError = reason.description }
            givenUp = reason
        case .disableTrigger(let reason):
            updated.status = .failed; updated.nextAttemptAt = nil; outcome = "trigger_disabled"
            updated.lastError = (error.map { $0 + "; " } ?? "") + "trigger disabled: " + reason.description
        }
        let stored = try await completions.save(DeliveryCompletion(delivery: updated, token: claim.token, attempt: attempt))
        if stored {
            Counter(label: "kvitto_deliveries_total", dimensions: [("outcome", outcome)]).increment()
            if let givenUp {
                Counter(label: "kvitto_deliveries_given_up_total", dimensions: [("reason", givenUp.code)]).increment()
                if attempt == nil {
                    logger.notice("delivery given up without an attempt",
                                  metadata: ["delivery": "\(delivery.id)", "reason": "\(givenUp.code)", "detail": "\(updated.lastError ?? "")"])
                }
            }
            // Only outcomes of a real attempt say something about the endpoint.
            if let trigger, attempt != nil {
                health.withLock { reports in
                    var report = reports[TriggerKey(account: trigger.accountID, id: trigger.id), default: TriggerHealthReport()]
                    switch decision {
                    case .succeeded: report.recordSuccess(at: now)
                    case .disableTrigger(let reason): report.recordDisable(reason, at: now)
                    case .retry, .failed: report.recordFailure(at: now)
                    }
                    reports[TriggerKey(account: trigger.accountID, id: trigger.id)] = report
                }
            }
        } else {
            logger.warning("lease lost before the result was recorded; another worker will send again", metadata: ["delivery": "\(delivery.id)"])
        }
    }

    private func recordHealthPeriodically() async throws {
        while !Task.isCancelled {
            try await Task.sleep(for: .milliseconds(Int(settings.pollInterval * 1000)))
            await recordHealth()
        }
    }

    /// Writes the triggers' health from the outcomes seen since the last time, in one transaction that never
    /// waits on a trigger row: a trigger another transaction holds keeps its report for the next round.
    func recordHealth() async {
        let reports = health.withLock { reports in
            defer { reports.removeAll() }
            return reports
        }
        guard !reports.isEmpty else { return }
        let now = clock.now()
        let unwritten: [TriggerKey: TriggerHealthReport]
        do {
            unwritten = try await store.writeDeliveryState { w -> [TriggerKey: TriggerHealthReport] in
                var busy: [TriggerKey: TriggerHealthReport] = [:]
                for (key, report) in reports {
                    guard try w.lockTriggerIfFree(account: key.account, id: key.id) else { busy[key] = report; continue }
                    guard var trigger = try w.trigger(account: key.account, id: key.id) else { continue }
                    var changed = false
                    let failingSince = report.failingSince(stored: trigger.failingSince)
                    if failingSince != trigger.failingSince { trigger.failingSince = failingSince; changed = true }
                    if let disable = report.disable, trigger.disabledAt == nil {
                        trigger.disabledAt = disable.at
                        trigger.disabledReason = disable.reason.description
                        changed = true
                        try EventLog.note(.notice, on: trigger.id, account: trigger.accountID,
                                          text: "trigger.disabled: \(disable.reason.description)",
                                          data: ["reason": .string(disable.reason.code)], in: w, now: disable.at)
                        try Alerts.raise(account: trigger.accountID, cause: "trigger_disabled:" + trigger.id,
                                         subject: "Kvitto switched off the trigger \(trigger.name)",
                                         text: """
                                             The postback trigger \(trigger.name) (\(trigger.id)) was switched off: \(disable.reason.description).
                                             Events since are not sent to \(trigger.email ?? trigger.url).

                                             Switch it on again with PATCH /v1/triggers/\(trigger.id) {"active": true} once the endpoint works,
                                             and replay what failed with POST /v1/deliveries/replay {"trigger_id": "\(trigger.id)", "status": "failed"}.
                                             """, in: w, now: disable.at)
                    }
                    if changed {
                        trigger.updatedAt = now
                        try w.updateTrigger(trigger)
                    }
                }
                return busy
            }
        } catch {
            logger.warning("could not record trigger health; trying again", metadata: ["error": "\(error)"])
            unwritten = reports
        }
        guard !unwritten.isEmpty else { return }
        health.withLock { reports in
            for (key, older) in unwritten { reports[key] = older.followed(by: reports[key] ?? TriggerHealthReport()) }
        }
    }
}
