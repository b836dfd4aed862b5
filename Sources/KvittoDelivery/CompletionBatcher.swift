import KvittoCore
import KvittoStorage
import Synchronization

/// Saves the results of all of a worker's lanes together. A lane that has sent a delivery hands its result
/// over and waits; the lane that finds nobody saving becomes the saver, writes every result waiting in one
/// store job, and goes on until none waits. While one batch is being written the next one gathers, so
/// under load results go out tens at a time: on PostgreSQL one multi-row UPDATE (and one savepoint)
/// instead of one each, and when the database is idle a result is written at once.
final class CompletionBatcher: Sendable {
    private struct Waiting {
        let completion: DeliveryCompletion
        let continuation: CheckedContinuation<Bool, any Error>
    }

    private struct State {
        var waiting: [Waiting] = []
        var saving = false
    }

    /// The most results one store job takes.
    static let maximumBatch = 256

    private let store: any KvittoStore
    private let state = Mutex(State())

    init(store: any KvittoStore) { self.store = store }

    /// Saves `completion` unless its lease was lost; `true` when it was saved (see `completeDelivery`).
    func save(_ completion: DeliveryCompletion) async throws -> Bool {
        try await withCheckedThrowingContinuation { continuation in
            let becomeSaver = state.withLock { state -> Bool in
                state.waiting.append(Waiting(completion: completion, continuation: continuation))
                if state.saving { return false }
                state.saving = true
                return true
            }
            if becomeSaver { Task { await self.saveWaiting() } }
        }
    }

    private func saveWaiting() async {
        while true {
            let batch = state.withLock { state -> [Waiting] in
                let taken = Array(state.waiting.prefix(Self.maximumBatch))
                state.waiting.removeFirst(taken.count)
                if taken.isEmpty { state.saving = false }
                return taken
            }
            if batch.isEmpty { return }
            let completions = batch.map(\.completion)
            do {
                let saved = try await store.writeDeliveryState { w in try w.completeDeliveries(completions) }
                for waiting in batch { waiting.continuation.resume(returning: saved.contains(waiting.completion.delivery.id)) }
            } catch {
                for waiting in batch { waiting.continuation.resume(throwing: error) }
            }
        }
    }
}
