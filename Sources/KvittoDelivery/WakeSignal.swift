import Synchronization

/// Wakes every waiting lane at once when deliveries become due, so a new event is sent without waiting for
/// the next poll; the poll interval remains the backstop for deliveries that come due later (retries) or
/// were created by another process.
final class WakeSignal: Sendable {
    private struct Waiters {
        var next = 0
        var continuations: [Int: CheckedContinuation<Void, Never>] = [:]
    }
    private let waiters = Mutex(Waiters())

    func wakeAll() {
        let woken = waiters.withLock { state -> [CheckedContinuation<Void, Never>] in
            defer { state.continuations.removeAll() }
            return Array(state.continuations.values)
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns when woken, or after `seconds`, or when the task is cancelled.
    func wait(atMost seconds: Double) async {
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
