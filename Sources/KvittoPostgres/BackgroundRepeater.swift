/// Runs a piece of work in the background, one run at a time: a request while it runs makes it run once
/// more afterwards (the requests since the run began are all served by that one), never twice at once.
actor BackgroundRepeater {
    private let work: @Sendable () async -> Void
    private var running: Task<Void, Never>?
    private var again = false

    init(_ work: @escaping @Sendable () async -> Void) { self.work = work }

    func request() {
        guard running == nil else { again = true; return }
        running = Task { await self.runUntilNoneRequested() }
    }

    private func runUntilNoneRequested() async {
        repeat {
            again = false
            await work()
        } while again && !Task.isCancelled
        running = nil
    }

    /// Cancels what runs (the work sees it as cancellation) and returns it, to wait for.
    func stop() -> Task<Void, Never>? {
        again = false
        running?.cancel()
        return running
    }
}
