import Foundation
import KvittoCore
import Testing

@Suite("Ids")
struct KvittoIDTests {
    /// A time range of records is a range of ids: the floor of a millisecond is at or below every id made in it
    /// and above every id made before it.
    @Test func theFloorOfAMomentSeparatesTheIdsMadeBeforeItFromThoseMadeAtOrAfter() {
        let before = Date()
        let made = (0..<50).map { _ in KvittoID.make(.order) }
        // Ids never go back, so they are at or after the wall clock (other tests in this process may have made
        // ids at times of their own clocks, ahead of it): each sits between the floor of its own millisecond and
        // the floor of the next.
        #expect(made.allSatisfy { KvittoID.floor(.order, at: before) <= $0 })
        #expect(made.allSatisfy { id in
            guard let time = KvittoID.date(of: id) else { return false }
            return KvittoID.floor(.order, at: time) <= id && id < KvittoID.floor(.order, at: time.addingTimeInterval(0.0015))
        })
        // 1000 ms is 31 × 32 + 8: the digits Z and 8, then zeros for the random part.
        #expect(KvittoID.floor(.order, at: Date(timeIntervalSince1970: 1)) == "ord_00000000Z8" + String(repeating: "0", count: 16))
        #expect(KvittoID.floor(.order, at: Date(timeIntervalSince1970: 0)) == "ord_" + String(repeating: "0", count: 26))
        let moment = Date(timeIntervalSince1970: Double(1_796_275_309_123) / 1000)
        #expect(KvittoID.date(of: KvittoID.floor(.event, at: moment)) == moment, "the time in an id is read back to the millisecond")
        #expect(KvittoID.date(of: "ord_") == nil && KvittoID.date(of: "nothing") == nil)
        let floor = KvittoID.floor(.event, at: before)
        #expect(KvittoID.isWellFormed(floor, .event) && made.allSatisfy { $0.dropFirst(4).prefix(10) >= floor.dropFirst(4).prefix(10) })
    }
}
