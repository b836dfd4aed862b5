import Synchronization

/// Wakes waiting tasks when work arrives (deliveries due, webhook deliveries stored), so it is picked up
/// without waiting for the next poll; polling remains the backstop for work that comes due later or that
/// another process created.
public final class WakeSignal: Sendable {
    private struct Waiters {
        var next = 0
        var continuations: [Int: CheckedContinuation<Void, Never>] = [:]
        /// A `wakeOne` that found nobody waiting: the next task to wait returns at once instead, so work
        /// announced while every task was busy (or between a look at the queue and the wait) is not missed.
        var permit = false
        /// Set by `close`: every wait returns at once from then on.
        var closed = false
    }
    private let waiters = Mutex(Waiters())

    public init() {}

    /// Wakes one waiting task: for a unit of work that one look at the queue picks up. Waking every task for
    /// it would have all of them look, and all but one find nothing (64 delivery lanes made 64 claim queries
    /// for each order written).
    public func wakeOne() {
        let woken = waiters.withLock { state -> CheckedContinuation<Void, Never>? in
            guard let id = state.continuations.keys.first else {
                state.permit = true
                return nil
            }
            return state.continuations.removeValue(forKey: id)
        }
        woken?.resume()
    }

    public func wakeAll() {
        let woken = waiters.withLock { state -> [CheckedContinuation<Void, Never>] in
            defer { state.continuations.removeAll() }
            return Array(state.continuations.values)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Wakes every waiting task and makes every later wait return at once. For shutdown: a task that sleeps
    /// between looks at its queue notices the shutdown now rather than after its sleep.
    public func close() {
        let woken = waiters.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            defer { state.continuations.removeAll() }
            return Array(state.continuations.values)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns when woken, or after `seconds`, or when the task is cancelled, or at once once closed.
    public func wait(atMost seconds: Double) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.waitForWake() }
            group.addTask { try? await Task.sleep(for: .milliseconds(Int(seconds * 1000))) }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForWake() async {
        let id = waiters.withLock { state -> Int in
            state.next += 1
            return state.next
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = waiters.withLock { state -> Bool in
                    if Task.isCancelled || state.closed { return true }
                    if state.permit {
                        state.permit = false
                        return true
                    }
                    state.continuations[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let continuation = waiters.withLock { $0.continuations.removeValue(forKey: id) }
            continuation?.resume()
        }
    }
}
