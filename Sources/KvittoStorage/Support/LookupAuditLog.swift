import KvittoCore
import Synchronization

/// Writes the till's look-up log in batches, for stores whose reads run beside the writer (PostgreSQL): the
/// look-up is a read, its audit record is queued here, and the caller waits until the record is committed,
/// so no answer leaves without its log entry (a crash loses no entry whose look-up was answered). Records
/// that arrive while a batch is being written share the next one: at a thousand look-ups a second the
/// writer sees a few multi-row inserts instead of a thousand transactions.
public final class LookupAuditLog: Sendable {
    private struct Waiting {
        var records: [LookupRecord] = []
        var continuations: [CheckedContinuation<Void, any Error>] = []
        var writing = false
    }

    /// The most records one write takes, so a burst cannot hold its first look-up back without bound.
    static let maximumBatch = 1024

    private let store: any KvittoStore
    private let waiting = Mutex(Waiting())

    public init(store: any KvittoStore) {
        self.store = store
    }

    /// Returns once `record` is committed; throws what the write threw.
    public func record(_ record: LookupRecord) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let startsWriter = waiting.withLock { state -> Bool in
                state.records.append(record)
                state.continuations.append(continuation)
                defer { state.writing = true }
                return !state.writing
            }
            if startsWriter { Task { await self.writeWhileWaiting() } }
        }
    }

    /// Writes batch after batch until nobody waits.
    private func writeWhileWaiting() async {
        while true {
            let batch = waiting.withLock { state -> (records: [LookupRecord], continuations: [CheckedContinuation<Void, any Error>])? in
                guard !state.records.isEmpty else {
                    state.writing = false
                    return nil
                }
                let count = min(state.records.count, Self.maximumBatch)
                defer {
                    state.records.removeFirst(count)
                    state.continuations.removeFirst(count)
                }
                return (Array(state.records.prefix(count)), Array(state.continuations.prefix(count)))
            }
            guard let batch else { return }
            let records = batch.records
            do {
                try await store.appendLookups(records)
                for continuation in batch.continuations { continuation.resume() }
            } catch {
                for continuation in batch.continuations { continuation.resume(throwing: error) }
            }
        }
    }
}
