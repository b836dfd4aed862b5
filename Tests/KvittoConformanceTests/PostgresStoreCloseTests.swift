import Foundation
import Testing

@testable import KvittoPostgres

/// `close` does not wait for ever on a connection pool whose `run` does not return.
@Suite("PostgreSQL: closing the store")
struct PostgresStoreCloseTests {
    @Test func aTaskThatEndsIsWaitedForAndOneThatHangsIsNot() async throws {
        let quick = Task<Void, Never> { try? await Task.sleep(for: .milliseconds(10)) }
        #expect(await PostgresStore.ended(quick, within: .seconds(30)))

        let (never, forever) = AsyncStream<Void>.makeStream()
        let hanging = Task<Void, Never> { for await _ in never {} }
        let started = ContinuousClock.now
        #expect(await PostgresStore.ended(hanging, within: .milliseconds(200)) == false)
        #expect(ContinuousClock.now - started < .seconds(20), "given up after the limit, not when the task ended")
        forever.finish()
        await hanging.value
    }
}
