import Foundation
import KvittoStorage
import Synchronization

/// Group commit: writes that arrive while a transaction is committing wait and then share the next one,
/// so many requests pay for one fsync. Each write runs in its own savepoint: a failing write undoes only
/// itself, and nobody is answered before the transaction that holds their write has committed.
///
/// The backend supplies `transaction`, which opens a transaction, runs the work with an executor and
/// commits (or rolls back and throws). It is called only from the committer's own writer thread, where
/// blocking is allowed.
public final class GroupCommitter<Executor: SQLExecutor>: Sendable {
    public typealias Transaction = @Sendable (_ work: (Executor) throws -> Void) throws -> Void

    /// One submitted write. `run` executes it and returns what to do once the transaction has committed.
    private struct Job: Sendable {
        let run: @Sendable (Executor) -> @Sendable () -> Void
        let fail: @Sendable (any Error) -> Void
    }

    private struct Queue {
        var jobs: [Job] = []
        var draining = false
    }

    /// The most writes one transaction takes, so a burst cannot delay its first writer without bound.
    public static var maximumBatch: Int { 512 }
    /// How often a batch the database aborted (deadlock, serialization failure) is run again before its
    /// writers are told it failed.
    static var maximumAttempts: Int { 5 }

    private let transaction: Transaction
    private let queue = Mutex(Queue())
    private let writerThread: DispatchQueue

    public init(label: String, transaction: @escaping Transaction) {
        self.transaction = transaction
        self.writerThread = DispatchQueue(label: label)
    }

    public func submit<T: Sendable>(_ body: @escaping @Sendable (any StoreWriter) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                run: { executor in
                    var attempt = 0
                    while true {
                        attempt += 1
                        do {
                            let value = try executor.savepoint { try body(SQLRepository(executor)) }
                            return { continuation.resume(returning: value) }
                        } catch StoreError.retryable where attempt < Self.maximumAttempts {
                            // A deadlock victim: its savepoint is rolled back; the other side finishes, then this runs again.
                            continue
                        } catch {
                            return { continuation.resume(throwing: error) }
                        }
                    }
                },
                fail: { continuation.resume(throwing: $0) }
            )
            let startDraining = queue.withLock { state -> Bool in
                state.jobs.append(job)
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startDraining { writerThread.async { self.drain() } }
        }
    }

    /// Runs on the writer thread until no write is waiting.
    private func drain() {
        while true {
            let batch = queue.withLock { state -> [Job] in
                let taken = Array(state.jobs.prefix(Self.maximumBatch))
                state.jobs.removeFirst(taken.count)
                if taken.isEmpty { state.draining = false }
                return taken
            }
            if batch.isEmpty { return }
            var completions: [@Sendable () -> Void] = []
            var attempt = 0
            while true {
                attempt += 1
                completions.removeAll(keepingCapacity: true)
                do {
                    try transaction { executor in
                        for job in batch { completions.append(job.run(executor)) }
                    }
                    for complete in completions { complete() }
                } catch StoreError.retryable(let reason) where attempt < Self.maximumAttempts {
                    // Nothing was committed; run the whole batch again (each job re-reads what it needs).
                    _ = reason
                    continue
                } catch {
                    for job in batch { job.fail(error) }
                }
                break
            }
        }
    }
}
