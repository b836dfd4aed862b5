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
        let after = Date().addingTimeInterval(0.001)
        #expect(made.allSatisfy { KvittoID.floor(.order, at: before) <= $0 && $0 < KvittoID.floor(.order, at: after) })
        // 1000 ms is 31 × 32 + 8: the digits Z and 8, then zeros for the random part.
        #expect(KvittoID.floor(.order, at: Date(timeIntervalSince1970: 1)) == "ord_00000000Z8" + String(repeating: "0", count: 16))
        #expect(KvittoID.floor(.order, at: Date(timeIntervalSince1970: 0)) == "ord_" + String(repeating: "0", count: 26))
        let moment = Date(timeIntervalSince1970: 1_796_275_309.123)
        #expect(KvittoID.date(of: KvittoID.floor(.event, at: moment)) == moment, "the time in an id is read back to the millisecond")
        #expect(KvittoID.date(of: "ord_") == nil && KvittoID.date(of: "nothing") == nil)
        let floor = KvittoID.floor(.event, at: before)
        #expect(KvittoID.isWellFormed(floor, .event) && made.allSatisfy { $0.dropFirst(4).prefix(10) >= floor.dropFirst(4).prefix(10) })
    }
}
