import Synchronization

/// `body`'s result, or `late`'s once `limit` has passed, whichever comes first. Unlike a task group (which
/// waits for its tasks, cancelled or not), it returns at the limit even if `body` never ends; `body` is then
/// cancelled and left to finish, if ever, on its own. For waits that must not hang a caller: a closing
/// connection pool, a readiness probe, a child process in a test.
public func abandoning<T: Sendable>(after limit: Duration, answering late: @escaping @Sendable () throws -> T,
                                    _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
        let first = FirstAnswer(continuation)
        let work = Task {
            do { _ = first.answer(.success(try await body())) } catch { _ = first.answer(.failure(error)) }
        }
        Task {
            try? await Task.sleep(for: limit)
            if first.answer(Result { try late() }) { work.cancel() }
        }
    }
}

/// Resumes a continuation with the first answer given; later ones are dropped.
private final class FirstAnswer<T: Sendable>: Sendable {
    private let continuation: CheckedContinuation<T, any Error>
    private let answered = Mutex(false)
    init(_ continuation: CheckedContinuation<T, any Error>) { self.continuation = continuation }

    /// Whether this was the first answer (and so resumed the continuation).
    func answer(_ result: Result<T, any Error>) -> Bool {
        let first = answered.withLock { done in defer { done = true }; return !done }
        if first { continuation.resume(with: result) }
        return first
    }
}
