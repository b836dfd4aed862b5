/// Runs async operations one after another, in arrival order.
///
/// An SMTP session is a strict conversation: two tasks sending at once would
/// interleave their commands. Actor isolation alone does not prevent that
/// because actors are reentrant at every `await`.
actor AsyncSerialLock {
    private var isHeld = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func withLock<Result: Sendable>(_ operation: @Sendable () async throws -> Result) async rethrows -> Result {
        await acquire()
        defer { release() }
        return try await operation()
    }

    private func acquire() async {
        guard isHeld else {
            isHeld = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if waiters.isEmpty {
            isHeld = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
