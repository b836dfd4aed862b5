import Foundation
import KvittoCore
import KvittoStorage
import Logging
import Metrics
import ServiceLifecycle

/// Moves automation runs on when they are due: after a wait, at a time rule's day, or at once for a step
/// the event's own transaction left to it (tags). Runs and their due times live in the database, so a
/// restart loses no wait. Among processes sharing a PostgreSQL database exactly one leads the scheduler
/// (`KvittoStore.lead`); the others stand by and take over within seconds when the leader dies. A run's
/// progress is saved only if nobody moved it on meanwhile, so even two leaders for a moment (one whose
/// connection is dying) cannot run a step twice.
public final class AutomationScheduler: Service, Sendable {
    public struct Settings: Sendable {
        /// How often to look for due runs when nobody said there are some (default 1 s).
        public var pollInterval: TimeInterval = 1
        /// Runs moved on in one transaction (default 100).
        public var batch = 100
        public init() {}
    }

    let store: any KvittoStore
    let clock: any KvittoClock
    let settings: Settings
    let logger: Logger
    /// Called after runs queued deliveries (to wake the delivery worker).
    let deliveriesQueued: @Sendable () -> Void
    private let signal = WakeSignal()

    public init(store: any KvittoStore, clock: any KvittoClock = SystemClock(), settings: Settings = Settings(), logger: Logger,
                deliveriesQueued: @escaping @Sendable () -> Void) {
        self.store = store; self.clock = clock; self.settings = settings; self.logger = logger; self.deliveriesQueued = deliveriesQueued
    }

    /// Says runs may be due now (a write started some, or a test moved its clock on).
    public func nudge() { signal.wakeAll() }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                // Standing by for the lead must not hold shutdown up; leading, `work` stops between batches.
                try await cancelWhenGracefulShutdown {
                    try await self.store.lead(.scheduler) {
                        self.logger.info("automation scheduler leading")
                        // The weekly engagement recompute beside the runs, so a long one holds no wait up.
                        try await withThrowingTaskGroup(of: Void.self) { group in
                            group.addTask { try await self.work() }
                            group.addTask { try await self.recomputeEngagementWhenDue() }
                            defer { group.cancelAll() }
                            try await group.next()
                        }
                    }
                }
            } catch {
                // Shutting down cancels the lead (and what it was doing): that is the way out, not a failure,
                // so the service returns and the rest of the shutdown goes on in order.
                if Task.isShuttingDownGracefully || Task.isCancelled { break }
                logger.warning("automation scheduler lost or could not take the lead; trying again", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .seconds(1))
            }
        }
        logger.info("automation scheduler stopped")
    }

    /// Every account's engagement, when its weekly time comes (checked every `pollInterval`).
    private func recomputeEngagementWhenDue() async throws {
        while !Task.isShuttingDownGracefully {
            try Task.checkCancellation()
            do {
                let recomputed = try await Engagement.runDue(store: store, now: clock.now())
                if !recomputed.isEmpty {
                    logger.info("engagement recomputed", metadata: ["accounts": "\(recomputed.count)"])
                    deliveriesQueued()
                }
            } catch where Task.isCancelled {
                throw CancellationError()  // shutdown or a lost lead: not a failure of the recompute
            } catch {
                logger.error("could not recompute engagement", metadata: ["error": "\(error)"])
            }
            // Its own clock, not the wake signal: writes nudge the scheduler all the time, and this needs no haste.
            try await Task.sleep(for: .milliseconds(Int(settings.pollInterval * 1000)))
        }
    }

    /// Until graceful shutdown (or losing the lead, which cancels it): move due runs on, a batch per transaction.
    private func work() async throws {
        let moved = Counter(label: "kvitto_automation_steps_total")
        while !Task.isShuttingDownGracefully {
            try Task.checkCancellation()
            let now = clock.now()
            let batch = settings.batch
            let (seen, advanced): (Int, Int)
            do {
                (seen, advanced) = try await store.write { w in
                    let due = try w.dueRuns(now: now, limit: batch)
                    var advanced = 0
                    for run in due where try Automations.resume(run, in: w, now: now) { advanced += 1 }
                    return (due.count, advanced)
                }
            } catch {
                logger.error("could not move automation runs on", metadata: ["error": "\(error)"])
                (seen, advanced) = (0, 0)
                try await Task.sleep(for: .seconds(1))
            }
            if advanced > 0 {
                moved.increment(by: advanced)
                deliveriesQueued()
            }
            if seen < batch {
                await signal.wait(atMost: settings.pollInterval)
                // Every API write nudges; looking at most every 50 ms keeps a busy write path from paying a
                // scheduler query per write.
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }
}
