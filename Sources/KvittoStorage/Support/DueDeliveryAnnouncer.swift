import Synchronization

/// Tells this process's delivery workers that a write has committed deliveries that are due now, so that
/// one of them looks at once. The store announces it, from the transaction's own record of what it queued,
/// so that only writes that queued something cost the worker a look at the queue (a write that queued
/// nothing, such as an order with no trigger, used to wake it all the same).
public final class DueDeliveryAnnouncer: Sendable {
    private struct Watchers {
        var next = 0
        var wakes: [Int: @Sendable () -> Void] = [:]
    }
    private let watchers = Mutex(Watchers())

    public init() {}

    /// Called by the store after a commit that made deliveries due.
    public func announce() {
        let wakes = watchers.withLock { Array($0.wakes.values) }
        for wake in wakes { wake() }
    }

    /// Calls `wake` on every announcement until the calling task is cancelled.
    public func watch(_ wake: @escaping @Sendable () -> Void) async {
        let id = watchers.withLock { state -> Int in
            state.next += 1
            state.wakes[state.next] = wake
            return state.next
        }
        defer { _ = watchers.withLock { $0.wakes.removeValue(forKey: id) } }
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
    }
}
