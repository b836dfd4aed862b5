import Foundation
import KvittoStorage
import Synchronization

/// Group commit: writes that arrive while a transaction is committing wait and then share the next one,
/// so many requests pay for one fsync. A failing write undoes only itself, and nobody is answered before
/// the transaction that holds their write has committed.
///
/// A group first runs without a savepoint per write: on PostgreSQL a savepoint and its release are two
/// round trips, a third or more of what a typical write costs, and writes almost never fail. When one does
/// fail, the whole transaction is rolled back: a group of one is then done (its writer gets the error,
/// exactly as a rolled-back savepoint would have left it), and a larger group runs again with each write
/// in a savepoint of its own, so that one bad write sinks nothing else.
///
/// The backend supplies `transaction`, which gets a connection (SQLite's one writer, or one leased from
/// PostgreSQL's pool), opens a transaction, runs the work with an executor on a thread where blocking is
/// allowed, and commits (or rolls back and throws). The committer itself never blocks a thread: it waits
/// for each transaction as a task, one group at a time.
public final class GroupCommitter<Executor: SQLExecutor>: Sendable {
    public typealias Transaction = @Sendable (_ work: @escaping @Sendable (Executor) throws -> Void) async throws -> Void

    /// One submitted write. `run` executes it, in a savepoint when `isolated`, and says what to do once
    /// the transaction has committed, or that it lost a race and must run again.
    private struct Job: Sendable {
        let preparation: WritePreparation?
        let run: @Sendable (_ executor: Executor, _ isolated: Bool) -> Outcome
        let fail: @Sendable (any Error) -> Void
        /// Transactions this write has already lost a race in.
        var lostRaces = 0
    }

    private enum Outcome: Sendable {
        case finished(@Sendable () -> Void)
        /// The write threw: what it did must be undone, and its writer gets the error after the commit.
        case failed(@Sendable () -> Void)
        /// The database aborted the write's statement to settle a conflict with another transaction
        /// (deadlock, serialization failure, a unique key taken meanwhile); its savepoint is rolled back.
        case lostRace(String)
    }

    /// Thrown out of a transaction whose writes run without savepoints when one of them failed, so that the
    /// backend rolls the transaction back.
    private struct WriteFailedUnisolated: Error {
        let outcome: Outcome
    }

    private struct Queue {
        var jobs: [Job] = []
        var draining = false
    }

    /// The most writes one transaction takes, so a burst cannot delay its first writer without bound.
    public static var maximumBatch: Int { 512 }
    /// How often a batch the database aborted at commit runs again before its writers are told it failed.
    static var maximumAttempts: Int { 5 }
    /// How often one write may lose a race before its writer is told it failed. Races settle as soon as the
    /// other side commits, so with the growing pause before each new run (1, 2, 4, … up to 64 ms) this
    /// allows about two seconds.
    static var maximumLostRaces: Int { 36 }

    private let transaction: Transaction
    private let queue = Mutex(Queue())

    public init(transaction: @escaping Transaction) {
        self.transaction = transaction
    }

    /// Runs `body` in the next group; `preparation` says what it will look up (see `WritePreparation`).
    public func submit<T: Sendable>(preparing preparation: WritePreparation? = nil,
                                    _ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                preparation: preparation,
                run: { executor, isolated in
                    do {
                        // Isolated, each write's statements are checked before the next write starts (its
                        // savepoint's release checks them), so a failure is the failing write's. Unisolated,
                        // any failure rolls back the whole group, so which write failed does not matter, and
                        // the group's statements are checked together once it is done (see `drain`): on
                        // PostgreSQL a check per write was a round trip per write.
                        let value = try isolated ? executor.savepoint { try body(SQLRepository(executor)) } : body(SQLRepository(executor))
                        return .finished { continuation.resume(returning: value) }
                    } catch StoreError.retryable(let reason) {
                        return .lostRace(reason)
                    } catch {
                        return .failed { continuation.resume(throwing: error) }
                    }
                },
                fail: { continuation.resume(throwing: $0) }
            )
            enqueue([job])
        }
    }

    private func enqueue(_ jobs: [Job]) {
        let startDraining = queue.withLock { state -> Bool in
            state.jobs.append(contentsOf: jobs)
            if state.draining { return false }
            state.draining = true
            return true
        }
        if startDraining { Task { await self.drain() } }
    }

    /// What one run of a group's transaction decided for each write. Filled in by the transaction's work on
    /// the backend's thread and read once the transaction has ended (awaiting it orders the two).
    private final class Round: @unchecked Sendable {
        var completions: [@Sendable () -> Void] = []
        var again: [(Job, String)] = []
    }

    /// Runs groups until no write is waiting.
    ///
    /// A write that lost a race does not run again in the same transaction: that transaction still holds
    /// the rows and locks its earlier writes took, which the other side may be waiting for. It runs again
    /// in a later one, after a short pause that lets the other side commit, and then finds what the other
    /// side created instead of creating it again.
    private func drain() async {
        while true {
            let batch = queue.withLock { state -> [Job] in
                let taken = Array(state.jobs.prefix(Self.maximumBatch))
                state.jobs.removeFirst(taken.count)
                if taken.isEmpty { state.draining = false }
                return taken
            }
            if batch.isEmpty { return }
            var round = Round()
            var isolated = false
            var attempt = 0
            while true {
                attempt += 1
                round = Round()
                do {
                    try await transaction { [round, isolated] executor in
                        let preparations = batch.compactMap(\.preparation)
                        if !preparations.isEmpty { try WritePreparation.prepare(preparations, in: SQLRepository(executor)) }
                        for job in batch {
                            let outcome = job.run(executor, isolated)
                            switch outcome {
                            case .finished(let complete): round.completions.append(complete)
                            case .failed(let complete):
                                if !isolated { throw WriteFailedUnisolated(outcome: outcome) }
                                round.completions.append(complete)
                            case .lostRace(let reason):
                                if !isolated { throw WriteFailedUnisolated(outcome: outcome) }
                                round.again.append((job, reason))
                            }
                        }
                        if !isolated {
                            do {
                                try executor.flush()
                            } catch {
                                // A statement some write sent without waiting failed (or changed other rows
                                // than expected). A group of one knows whose it is; a larger one runs again
                                // isolated, where each write's failure is its own.
                                let failure = error
                                let outcome: Outcome
                                if case StoreError.retryable(let reason) = failure { outcome = .lostRace(reason) }
                                else { outcome = .failed { batch[0].fail(failure) } }
                                throw WriteFailedUnisolated(outcome: outcome)
                            }
                        }
                    }
                    for complete in round.completions { complete() }
                } catch let failure as WriteFailedUnisolated {
                    // Rolled back whole. A group of one is done; a larger one runs again, isolating its writes.
                    if batch.count > 1 {
                        isolated = true
                        attempt -= 1
                        continue
                    }
                    round.again = []
                    switch failure.outcome {
                    case .failed(let complete): complete()
                    case .lostRace(let reason): round.again = [(batch[0], reason)]
                    case .finished: break
                    }
                } catch StoreError.retryable where attempt < Self.maximumAttempts {
                    // Aborted at commit: nothing was committed; run the whole batch again (each write re-reads
                    // what it needs).
                    continue
                } catch {
                    for job in batch { job.fail(error) }
                    round.again = []
                }
                break
            }
            for (job, reason) in round.again {
                var job = job
                job.lostRaces += 1
                if job.lostRaces >= Self.maximumLostRaces {
                    job.fail(StoreError.retryable(reason))
                } else {
                    let pause = min(64, 1 << min(job.lostRaces - 1, 6))
                    let retry = job
                    Task {
                        try? await Task.sleep(for: .milliseconds(pause))
                        self.enqueue([retry])
                    }
                }
            }
        }
    }
}
