import Foundation
@testable import KvittoCore
import Testing

/// A small seeded generator so a random test is the same on every run (and RFM's large one can be replayed for pass 2).
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

@Suite("RFM engagement scoring")
struct RFMTests {
    /// The fixed clock of every test: 2027-01-15T08:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    // MARK: Segment grid

    /// The grid as documented on `EngagementSegment.segment(_:)`, rows R = 5 down to 1, columns FM = 1...5.
    static let expectedGrid: [Int: [EngagementSegment]] = [
        5: [.new, .potentialLoyalist, .potentialLoyalist, .champions, .champions],
        4: [.promising, .potentialLoyalist, .potentialLoyalist, .loyal, .champions],
        3: [.aboutToSleep, .aboutToSleep, .needAttention, .loyal, .loyal],
        2: [.hibernating, .hibernating, .atRisk, .atRisk, .cantLoseThem],
        1: [.lost, .lost, .atRisk, .atRisk, .cantLoseThem],
    ]

    @Test("All 25 (R, FM) cells map as documented and every segment is reachable")
    func segmentGridIsTotalAndReachesEverySegment() {
        var reached: Set<EngagementSegment> = []
        for recency in 1...5 {
            for frequencyMonetary in 1...5 {
                // F = M = FM gives exactly that FM.
                let score = RFMScore(recency: recency, frequency: frequencyMonetary, monetary: frequencyMonetary)
                #expect(score.frequencyMonetary == frequencyMonetary)
                let segment = EngagementSegment.segment(score)
                #expect(segment == Self.expectedGrid[recency]?[frequencyMonetary - 1], "R\(recency) FM\(frequencyMonetary)")
                reached.insert(segment)
            }
        }
        #expect(reached == Set(EngagementSegment.allCases))
        #expect(EngagementSegment.allCases.count == 11)
    }

    @Test("Every one of the 125 scores lands on the grid cell of its rounded FM")
    func everyScoreFollowsItsCell() {
        for recency in 1...5 {
            for frequency in 1...5 {
                for monetary in 1...5 {
                    let score = RFMScore(recency: recency, frequency: frequency, monetary: monetary)
                    let expectedFrequencyMonetary = Int((Double(frequency + monetary) / 2).rounded())
                    #expect(score.frequencyMonetary == expectedFrequencyMonetary)
                    #expect(EngagementSegment.segment(score) == Self.expectedGrid[recency]?[expectedFrequencyMonetary - 1])
                }
            }
        }
    }

    @Test("FM rounds halves up")
    func frequencyMonetaryRoundsHalvesUp() {
        #expect(RFMScore(recency: 4, frequency: 4, monetary: 3).frequencyMonetary == 4)
        #expect(EngagementSegment.segment(RFMScore(recency: 4, frequency: 4, monetary: 3)) == .loyal)
        #expect(RFMScore(recency: 5, frequency: 1, monetary: 2).frequencyMonetary == 2)
        #expect(EngagementSegment.segment(RFMScore(recency: 5, frequency: 1, monetary: 2)) == .potentialLoyalist)
        #expect(EngagementSegment.segment(RFMScore(recency: 5, frequency: 1, monetary: 1)) == .new)
    }

    @Test("Display names and keys")
    func displayNamesAndKeys() {
        let expected: [(EngagementSegment, String, String)] = [
            (.champions, "Champions", "champions"),
            (.loyal, "Loyal", "loyal"),
            (.potentialLoyalist, "Potential loyalist", "potential_loyalist"),
            (.new, "New", "new"),
            (.promising, "Promising", "promising"),
            (.needAttention, "Need attention", "need_attention"),
            (.aboutToSleep, "About to sleep", "about_to_sleep"),
            (.atRisk, "At risk", "at_risk"),
            (.cantLoseThem, "Can't lose them", "cant_lose_them"),
            (.hibernating, "Hibernating", "hibernating"),
            (.lost, "Lost", "lost"),
        ]
        #expect(expected.map(\.0) == EngagementSegment.allCases)
        for (segment, displayName, key) in expected {
            #expect(segment.rawValue == displayName)
            #expect(segment.key == key)
            #expect(EngagementSegment(rawValue: displayName) == segment)
        }
    }

    @Test("Score code and clamping")
    func scoreCodeAndClamping() {
        #expect(RFMScore(recency: 5, frequency: 4, monetary: 5).code == "545")
        let clamped = RFMScore(recency: 9, frequency: 0, monetary: -3)
        #expect(clamped == RFMScore(recency: 5, frequency: 1, monetary: 1))
        #expect(clamped.code == "511")
    }

    // MARK: Quintiles

    @Test("Cut points on 1...100 are 20/40/60/80 and each score covers 20 values")
    func cutPointsOnOneToHundred() {
        let values = (1...100).map(Double.init)
        let quintiles = RFMQuintiles(recencyDays: values.shuffled(), frequency: values.shuffled(), monetary: values.reversed())
        #expect(quintiles.frequencyCutPoints == [20, 40, 60, 80])
        #expect(quintiles.monetaryCutPoints == [20, 40, 60, 80])
        // Recency is scored on negated days: the cuts are the same ranks counted from the most days down.
        #expect(quintiles.recencyCutDays == [81, 61, 41, 21])

        var frequencyCounts = [Int](repeating: 0, count: 6)
        var recencyCounts = [Int](repeating: 0, count: 6)
        for value in values {
            let score = quintiles.score(recencyDays: value, frequency: value, monetary: value)
            #expect(score.frequency == score.monetary)
            #expect(score.frequency == (Int(value) - 1) / 20 + 1)
            #expect(score.recency == 6 - score.frequency)
            frequencyCounts[score.frequency] += 1
            recencyCounts[score.recency] += 1
        }
        #expect(frequencyCounts == [0, 20, 20, 20, 20, 20])
        #expect(recencyCounts == [0, 20, 20, 20, 20, 20])
    }

    @Test("All equal values get the same score")
    func allEqualValuesTie() {
        let quintiles = RFMQuintiles(
            recencyDays: Array(repeating: 7, count: 500),
            frequency: Array(repeating: 1, count: 500),
            monetary: Array(repeating: 4_900, count: 500)
        )
        let score = quintiles.score(recencyDays: 7, frequency: 1, monetary: 4_900)
        #expect(score == RFMScore(recency: 1, frequency: 1, monetary: 1))
        // Anything strictly better than the single observed value is best; anything worse stays at 1.
        #expect(quintiles.score(recencyDays: 6, frequency: 2, monetary: 5_000) == RFMScore(recency: 5, frequency: 5, monetary: 5))
        #expect(quintiles.score(recencyDays: 8, frequency: 0, monetary: 0) == RFMScore(recency: 1, frequency: 1, monetary: 1))
    }

    @Test("Few distinct values: equal values tie, scores stay in 1...5 and never fall as the value improves")
    func fewDistinctValues() {
        // 70% one order, 15% two, 10% three, 5% seven.
        let orderCounts: [Double] = Array(repeating: 1, count: 700) + Array(repeating: 2, count: 150)
            + Array(repeating: 3, count: 100) + Array(repeating: 7, count: 50)
        let quintiles = RFMQuintiles(recencyDays: orderCounts, frequency: orderCounts.shuffled(), monetary: orderCounts)
        #expect(quintiles.frequencyCutPoints == [1, 1, 1, 2])
        #expect(quintiles.score(recencyDays: 0, frequency: 1, monetary: 0).frequency == 1)
        #expect(quintiles.score(recencyDays: 0, frequency: 2, monetary: 0).frequency == 4)
        #expect(quintiles.score(recencyDays: 0, frequency: 3, monetary: 0).frequency == 5)
        #expect(quintiles.score(recencyDays: 0, frequency: 7, monetary: 0).frequency == 5)

        var previous = 0
        for value in stride(from: 0.0, through: 10, by: 0.5) {
            let score = quintiles.score(recencyDays: value, frequency: value, monetary: value)
            #expect((1...5).contains(score.frequency) && (1...5).contains(score.recency))
            #expect(score.frequency >= previous)
            previous = score.frequency
        }
    }

    @Test("Recency is inverted: fewer days since the last order never scores lower")
    func recencyIsInverted() {
        let days = (0..<1_000).map { Double($0 % 400) }
        let quintiles = RFMQuintiles(recencyDays: days, frequency: [1], monetary: [1])
        #expect(quintiles.score(recencyDays: 0, frequency: 1, monetary: 1).recency == 5)
        #expect(quintiles.score(recencyDays: 399, frequency: 1, monetary: 1).recency == 1)
        var previous = 6
        for day in 0..<400 {
            let recency = quintiles.score(recencyDays: Double(day), frequency: 1, monetary: 1).recency
            #expect(recency <= previous)
            previous = recency
        }
    }

    @Test("Empty columns and NaN values score 1")
    func emptyColumnsAndNaN() {
        let empty = RFMQuintiles(recencyDays: [], frequency: [], monetary: [])
        #expect(empty.recencyCutDays.isEmpty && empty.frequencyCutPoints.isEmpty && empty.monetaryCutPoints.isEmpty)
        #expect(empty.score(recencyDays: 0, frequency: 100, monetary: 100) == RFMScore(recency: 1, frequency: 1, monetary: 1))

        let withNaN = RFMQuintiles(recencyDays: [.nan, 1, 2, 3, 4, 5], frequency: [1, 2, .nan, 3, 4, 5], monetary: [.nan])
        #expect(withNaN.frequencyCutPoints == [1, 2, 3, 4])
        #expect(withNaN.recencyCutDays == [5, 4, 3, 2])
        #expect(withNaN.monetaryCutPoints.isEmpty)
        #expect(withNaN.score(recencyDays: .nan, frequency: .nan, monetary: .nan) == RFMScore(recency: 1, frequency: 1, monetary: 1))
    }

    @Test("Days since last order are whole days, and future orders count as 0")
    func daysSinceLastOrder() {
        #expect(RFM.daysSinceLastOrder(Self.now, now: Self.now) == 0)
        #expect(RFM.daysSinceLastOrder(Self.now.addingTimeInterval(-Self.day + 1), now: Self.now) == 0)
        #expect(RFM.daysSinceLastOrder(Self.now.addingTimeInterval(-Self.day), now: Self.now) == 1)
        #expect(RFM.daysSinceLastOrder(Self.now.addingTimeInterval(-3.7 * Self.day), now: Self.now) == 3)
        #expect(RFM.daysSinceLastOrder(Self.now.addingTimeInterval(Self.day), now: Self.now) == 0)
    }

    // MARK: End to end

    /// Ten contacts worked by hand. With n = 10 the cut points are the sorted values at indices 1, 3, 5, 7.
    ///
    /// Days (descending) 365 180 90 60 30 20 10 5 2 1 → recency cuts 180, 60, 20, 5.
    /// Orders 1 1 1 1 2 2 3 5 8 12 → frequency cuts 1, 1, 2, 5: one order F1, two F3, three and five F4, more F5.
    /// Spend 500 900 1500 2000 4000 4500 8000 9000 20000 50000 → monetary cuts 900, 2000, 4500, 9000.
    static let handExample: [(input: RFMInput, score: RFMScore, segment: EngagementSegment)] = [
        (contact("a", days: 1, orders: 12, spent: 20_000), RFMScore(recency: 5, frequency: 5, monetary: 5), .champions),
        (contact("b", days: 2, orders: 1, spent: 500), RFMScore(recency: 5, frequency: 1, monetary: 1), .new),
        (contact("c", days: 5, orders: 1, spent: 900), RFMScore(recency: 4, frequency: 1, monetary: 1), .promising),
        (contact("d", days: 10, orders: 3, spent: 8_000), RFMScore(recency: 4, frequency: 4, monetary: 4), .loyal),
        (contact("e", days: 20, orders: 2, spent: 4_000), RFMScore(recency: 3, frequency: 3, monetary: 3), .needAttention),
        (contact("f", days: 30, orders: 1, spent: 1_500), RFMScore(recency: 3, frequency: 1, monetary: 2), .aboutToSleep),
        (contact("g", days: 60, orders: 8, spent: 50_000), RFMScore(recency: 2, frequency: 5, monetary: 5), .cantLoseThem),
        (contact("h", days: 90, orders: 5, spent: 9_000), RFMScore(recency: 2, frequency: 4, monetary: 4), .atRisk),
        (contact("i", days: 180, orders: 1, spent: 2_000), RFMScore(recency: 1, frequency: 1, monetary: 2), .lost),
        (contact("j", days: 365, orders: 2, spent: 4_500), RFMScore(recency: 1, frequency: 3, monetary: 3), .atRisk),
    ]

    static func contact(_ id: String, days: Double, orders: Int, spent: Int64) -> RFMInput {
        RFMInput(contactID: id, lastOrderAt: now.addingTimeInterval(-days * day), orderCount: orders, monetaryMinor: spent)
    }

    @Test("Ten hand-computed contacts")
    func handComputedExample() {
        let results = RFM.scores(Self.handExample.map(\.input).shuffled(), now: Self.now)
        #expect(results.count == 10)
        for expected in Self.handExample {
            let result = results[expected.input.contactID]
            #expect(result?.0 == expected.score, "contact \(expected.input.contactID)")
            #expect(result?.1 == expected.segment, "contact \(expected.input.contactID)")
        }
    }

    @Test("An empty set scores nothing")
    func emptySet() {
        #expect(RFM.scores([], now: Self.now).isEmpty)
    }

    /// The intended two-pass use on a large base: pass 1 streams contacts into three columns, pass 2 replays the
    /// same stream (same seed) and scores each contact, so no contact array is ever held. 200,000 rather than a
    /// million: this is synchronous work on the test runner's shared threads, and seconds of it starve the
    /// suites that run beside it and talk to real servers with timeouts. `bench/engagement` runs the million.
    @Test("200,000 random contacts scored in two passes")
    func manyContactsTwoPasses() {
        let contactCount = 200_000

        func streamContacts(_ body: (_ lastOrderAt: Date, _ orderCount: Int, _ monetaryMinor: Int64) -> Void) {
            var generator = SplitMix64(seed: 0x5EED)
            for _ in 0..<contactCount {
                let ageSeconds = Double(generator.next() % (3 * 365 * 86_400))
                // Skewed like real data: most contacts have one or two orders.
                let orderCount = generator.next() % 4 == 0 ? Int(generator.next() % 50) + 1 : Int(generator.next() % 2) + 1
                let monetaryMinor = Int64(generator.next() % 5_000_000)
                body(Self.now.addingTimeInterval(-ageSeconds), orderCount, monetaryMinor)
            }
        }

        var recencyDays: [Double] = []
        var frequency: [Double] = []
        var monetary: [Double] = []
        recencyDays.reserveCapacity(contactCount)
        frequency.reserveCapacity(contactCount)
        monetary.reserveCapacity(contactCount)
        streamContacts { lastOrderAt, orderCount, monetaryMinor in
            recencyDays.append(RFM.daysSinceLastOrder(lastOrderAt, now: Self.now))
            frequency.append(Double(orderCount))
            monetary.append(Double(monetaryMinor))
        }
        let quintiles = RFMQuintiles(recencyDays: consume recencyDays, frequency: consume frequency, monetary: consume monetary)
        #expect(quintiles.recencyCutDays.count == 4)

        var outOfRange = 0
        var segmentCounts: [EngagementSegment: Int] = [:]
        var recencyCounts = [Int](repeating: 0, count: 6)
        streamContacts { lastOrderAt, orderCount, monetaryMinor in
            let score = quintiles.score(
                recencyDays: RFM.daysSinceLastOrder(lastOrderAt, now: Self.now),
                frequency: Double(orderCount),
                monetary: Double(monetaryMinor)
            )
            if !(1...5).contains(score.recency) || !(1...5).contains(score.frequency) || !(1...5).contains(score.monetary) {
                outOfRange += 1
            }
            recencyCounts[score.recency] += 1
            segmentCounts[EngagementSegment.segment(score), default: 0] += 1
        }
        #expect(outOfRange == 0)
        #expect(segmentCounts.values.reduce(0, +) == contactCount)
        #expect(Set(segmentCounts.keys) == Set(EngagementSegment.allCases))
        // Recency has ~1,095 distinct day values, so quintiles come out close to a fifth each.
        for recency in 1...5 {
            #expect(abs(recencyCounts[recency] - contactCount / 5) < contactCount / 100, "recency \(recency)")
        }
    }
}
