import KvittoCore
import KvittoStorage
import Logging
import ServiceLifecycle

/// Runs historical imports in the background of a serving process: the ones requested through the API, and
/// (in a process that imports) the ones a stopped process left running. A failure is recorded on the
/// backfill itself (status `failed`, the error, resumable by starting it again) and logged at error. At
/// graceful shutdown a running import stops between pages and stays `running` at its checkpoint, so the next
/// process that starts resumes it. An import whose process died holding its lease is taken over by one of
/// the processes that resume imports once the lease has run out: they look every `rescan`.
public final class BackfillService: Service, Sendable {
    private let backfills: BackfillRunner
    private let resumesInterrupted: Bool
    private let requests: AsyncStream<Backfill>
    private let requested: AsyncStream<Backfill>.Continuation
    private let logger: Logger

    /// - Parameter resumesInterrupted: whether this process picks up imports left running by one that stopped
    ///   (processes that run workers do; an API-only process runs only the ones it was asked to).
    public init(backfills: BackfillRunner, resumesInterrupted: Bool, logger: Logger) {
        self.backfills = backfills
        self.resumesInterrupted = resumesInterrupted
        self.logger = logger
        (requests, requested) = AsyncStream.makeStream()
    }

    /// Queues a backfill to run in this process; it starts at once.
    public func start(_ backfill: Backfill) {
        if case .terminated = requested.yield(backfill) {
            // The process is stopping: the backfill stays `running` in the store and the next process resumes it.
            logger.notice("backfill not started: the process is stopping", metadata: ["backfill": "\(backfill.id)"])
        }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                if self.resumesInterrupted {
                    group.addTask {
                        await self.resumeInterrupted()
                        while (try? await Task.sleep(for: Self.rescan)) != nil {
                            await self.resumeInterrupted()
                        }
                    }
                }
                for await backfill in self.requests {
                    group.addTask { await self.runRecordingFailure(backfill) }
                }
            }
        }
        requested.finish()
    }

    /// How often a process that resumes imports looks for ones nobody runs (their lease ran out).
    static let rescan: Duration = .seconds(10)

    /// Runs the unfinished imports nobody runs; one that a run holds the lease of (here or in another
    /// process) is left to it.
    private func resumeInterrupted() async {
        let unfinished: [Backfill]
        do {
            unfinished = try await backfills.store.read { r in try r.unfinishedBackfills() }
        } catch where Task.isCancelled {
            return  // the process is stopping
        } catch {
            logger.error("could not read the backfills to resume; the next look is in \(Self.rescan)", metadata: ["error": "\(error)"])
            return
        }
        for backfill in unfinished where backfill.status == .running && !Task.isCancelled {
            await runRecordingFailure(backfill)
        }
        // Queued ones whose connection had nothing running (the process stopped between two imports).
        for connection in Set(unfinished.filter { $0.status == .queued }.map(\.connectionID)) where !Task.isCancelled {
            await runQueued(connectionID: connection)
        }
    }

    /// Runs `backfill`, then whatever was queued behind it. `run` records a failure on the backfill and logs
    /// it; what is left to report is a failure to record it.
    private func runRecordingFailure(_ backfill: Backfill) async {
        guard backfill.status == .running else { return }  // queued: it runs when the one before it ends
        do {
            try await backfills.run(backfill)
        } catch let error as KvittoError where error.code == .conflict {
            return  // another run holds it
        } catch {
            logger.debug("backfill ended with an error (recorded on the backfill)", metadata: ["backfill": "\(backfill.id)", "error": "\(error)"])
        }
        // At shutdown the import stops between pages, still running; the next process goes on with it.
        guard !Task.isCancelled else { return }
        await runQueued(connectionID: backfill.connectionID)
    }

    /// The connection's queued imports, one after the other.
    private func runQueued(connectionID: String) async {
        do {
            while !Task.isCancelled, let next = try await backfills.startNextQueued(connectionID: connectionID) {
                logger.info("starting queued backfill", metadata: ["backfill": "\(next.id)"])
                do { try await backfills.run(next) } catch {
                    logger.debug("backfill ended with an error (recorded on the backfill)", metadata: ["backfill": "\(next.id)", "error": "\(error)"])
                }
            }
        } catch {
            logger.error("could not start a queued backfill; the next process starts it", metadata: ["connection": "\(connectionID)", "error": "\(error)"])
        }
    }
}
