import Synchronization

/// Wakes every waiting task at once when work arrives (deliveries due, webhook deliveries stored), so it is
/// picked up without waiting for the next poll; polling remains the backstop for work that comes due later
/// or that another process created.
public final class WakeSignal: Sendable {
    private struct Waiters {
        var next = 0
        var continuations: [Int: CheckedContinuation<Void, Never>] = [:]
    }
    private let waiters = Mutex(Waiters())

    public init() {}

    public func wakeAll() {
        let woken = waiters.withLock { state -> [CheckedContinuation<Void, Never>] in
            defer { state.continuations.removeAll() }
            return Array(state.continuations.values)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns when woken, or after `seconds`, or when the task is cancelled.
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
                    if Task.isCancelled { return true }
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
