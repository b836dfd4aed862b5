import Foundation
import KvittoCore
import Testing

@Suite struct TriggerHealthReportTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    func at(_ seconds: Double) -> Date { t0.addingTimeInterval(seconds) }

    @Test func failuresAloneContinueTheStoredRunOrBeginOne() {
        var report = TriggerHealthReport()
        report.recordFailure(at: at(10))
        report.recordFailure(at: at(20))
        #expect(report.failingSince(stored: nil) == at(10), "the first failure begins the run")
        #expect(report.failingSince(stored: at(-500)) == at(-500), "a run already stored goes on")
    }

    @Test func aSuccessEndsTheRunAndOnlyLaterFailuresCount() {
        var report = TriggerHealthReport()
        report.recordFailure(at: at(1))
        report.recordSuccess(at: at(2))
        #expect(report.failingSince(stored: at(-500)) == nil, "a success clears the stored run")
        report.recordFailure(at: at(3))
        report.recordFailure(at: at(4))
        #expect(report.failingSince(stored: at(-500)) == at(3), "the run begins at the first failure after the success")
    }

    @Test func aReportPutBackKeepsItsPlaceBeforeNewerOutcomes() {
        var older = TriggerHealthReport()
        older.recordFailure(at: at(1))
        var newerFailures = TriggerHealthReport()
        newerFailures.recordFailure(at: at(5))
        #expect(older.followed(by: newerFailures).failingSince(stored: nil) == at(1), "the older failure began the run")

        var newerSuccess = TriggerHealthReport()
        newerSuccess.recordSuccess(at: at(6))
        newerSuccess.recordFailure(at: at(7))
        let merged = older.followed(by: newerSuccess)
        #expect(merged.failingSince(stored: at(-500)) == at(7), "a newer success ends the older run")
        #expect(merged.lastSuccess == at(6))

        var disabled = TriggerHealthReport()
        disabled.recordDisable(.gone, at: at(2))
        #expect(disabled.followed(by: newerSuccess).disable?.reason == .gone, "a disable is never lost in a merge")
        #expect(TriggerHealthReport().followed(by: TriggerHealthReport()).isEmpty)
    }
}
