import Foundation

// RFM (recency, frequency, monetary) engagement scoring.
//
// Each contact gets three scores from 1 to 5 by where it falls among all contacts (quintiles), and the pair
// (recency, combined frequency-monetary) picks one of eleven named segments.
//
// Intended use on a large contact base (up to ~1,000,000 contacts) is two passes, so memory stays bounded by three
// `Double` columns (24 bytes a contact, 24 MB at 1M) and never by the contacts themselves:
//
//     var recencyDays: [Double] = [], frequency: [Double] = [], monetary: [Double] = []
//     for input in pass1 {                                           // pass 1: collect the three columns
//         recencyDays.append(RFM.daysSinceLastOrder(input.lastOrderAt, now: now))
//         frequency.append(Double(input.orderCount))
//         monetary.append(Double(input.monetaryMinor))
//     }
//     let quintiles = RFMQuintiles(recencyDays: consume recencyDays, frequency: consume frequency, monetary: consume monetary)
//     for input in pass2 {                                           // pass 2: score each contact, write it out
//         let score = quintiles.score(input, now: now)
//         store(input.contactID, score, EngagementSegment.segment(score))
//     }
//
// After pass 1 only the twelve cut points are kept, so pass 2 can stream contacts from storage in any order and batch size.

/// What RFM scoring needs to know about one contact.
public struct RFMInput: Sendable, Equatable {
    public var contactID: String
    /// When the contact's most recent order was placed.
    public var lastOrderAt: Date
    /// How many orders the contact has placed.
    public var orderCount: Int
    /// Total spent, in minor currency units (cents, øre), so sums stay exact.
    public var monetaryMinor: Int64

    public init(contactID: String, lastOrderAt: Date, orderCount: Int, monetaryMinor: Int64) {
        self.contactID = contactID
        self.lastOrderAt = lastOrderAt
        self.orderCount = orderCount
        self.monetaryMinor = monetaryMinor
    }
}

/// A contact's three quintile scores, each 1...5 where 5 is best: most recent, most orders, most money.
public struct RFMScore: Sendable, Equatable, Hashable {
    public let recency: Int
    public let frequency: Int
    public let monetary: Int

    /// Values outside 1...5 are clamped, so every `RFMScore` is valid and `EngagementSegment.segment(_:)` stays total.
    public init(recency: Int, frequency: Int, monetary: Int) {
        self.recency = Self.clampedToScoreRange(recency)
        self.frequency = Self.clampedToScoreRange(frequency)
        self.monetary = Self.clampedToScoreRange(monetary)
    }

    /// The conventional three-digit form, recency first: "545".
    public var code: String { "\(recency)\(frequency)\(monetary)" }

    /// The combined frequency-monetary score FM = round((F + M) / 2), halves rounded up (F=4, M=3 → 4), in 1...5.
    ///
    /// Frequency and monetary move together for most contacts, so the segment map uses their average and keeps
    /// recency, the strongest predictor of the next order, on its own axis. Halves round up (ordinary rounding of a
    /// positive number), so a contact between two columns of the grid gets the better one.
    public var frequencyMonetary: Int { (frequency + monetary + 1) / 2 }

    private static func clampedToScoreRange(_ value: Int) -> Int { min(5, max(1, value)) }
}

/// The eleven named RFM segments; the raw value is the display name.
public enum EngagementSegment: String, CaseIterable, Sendable {
    case champions = "Champions"
    case loyal = "Loyal"
    case potentialLoyalist = "Potential loyalist"
    case new = "New"
    case promising = "Promising"
    case needAttention = "Need attention"
    case aboutToSleep = "About to sleep"
    case atRisk = "At risk"
    case cantLoseThem = "Can't lose them"
    case hibernating = "Hibernating"
    case lost = "Lost"

    /// A stable snake_case key for storage, APIs and filters, independent of the display name.
    public var key: String {
        switch self {
        case .champions: "champions"
        case .loyal: "loyal"
        case .potentialLoyalist: "potential_loyalist"
        case .new: "new"
        case .promising: "promising"
        case .needAttention: "need_attention"
        case .aboutToSleep: "about_to_sleep"
        case .atRisk: "at_risk"
        case .cantLoseThem: "cant_lose_them"
        case .hibernating: "hibernating"
        case .lost: "lost"
        }
    }

    /// The segment for a score, from the widely used RFM grid of recency R against FM = round((F + M) / 2)
    /// (see `RFMScore.frequencyMonetary`). Every one of the 25 (R, FM) cells maps to exactly one segment:
    ///
    ///     R \ FM |  1              2                  3                  4            5
    ///     -------+---------------------------------------------------------------------------------
    ///       5    |  New            Potential loyalist Potential loyalist Champions    Champions
    ///       4    |  Promising      Potential loyalist Potential loyalist Loyal        Champions
    ///       3    |  About to sleep About to sleep     Need attention     Loyal        Loyal
    ///       2    |  Hibernating    Hibernating        At risk            At risk      Can't lose them
    ///       1    |  Lost           Lost               At risk            At risk      Can't lose them
    ///
    /// Read as rules: recent buyers (R 4–5) split by how much they buy into Champions, Loyal, Potential loyalist,
    /// and for first-time-sized buyers New (R5) or Promising (R4). R3 is the middle: Loyal if they buy a lot, Need
    /// attention if average, About to sleep if little. Lapsed buyers (R 1–2) who bought a lot are Can't lose them
    /// (FM5) or At risk (FM 3–4); lapsed small buyers are Hibernating (R2) or Lost (R1).
    public static func segment(_ score: RFMScore) -> EngagementSegment {
        let frequencyMonetary = score.frequencyMonetary
        switch score.recency {
        case 5:
            switch frequencyMonetary {
            case 4...: return .champions
            case 2...3: return .potentialLoyalist
            default: return .new
            }
        case 4:
            switch frequencyMonetary {
            case 5...: return .champions
            case 4: return .loyal
            case 2...3: return .potentialLoyalist
            default: return .promising
            }
        case 3:
            switch frequencyMonetary {
            case 4...: return .loyal
            case 3: return .needAttention
            default: return .aboutToSleep
            }
        case 2:
            switch frequencyMonetary {
            case 5...: return .cantLoseThem
            case 3...4: return .atRisk
            default: return .hibernating
            }
        default:
            // R1; `RFMScore` clamps to 1...5, so nothing else reaches here.
            switch frequencyMonetary {
            case 5...: return .cantLoseThem
            case 3...4: return .atRisk
            default: return .lost
            }
        }
    }
}

/// The quintile cut points of the three RFM dimensions, computed once from every contact's values (pass 1) and then
/// used to score contacts one at a time (pass 2) without keeping the columns.
///
/// **Cut points.** For each dimension the column is sorted and the 20th, 40th, 60th and 80th percentiles taken by
/// the nearest-rank method: the k-th cut point is the value at 1-based rank ceil(k·n/5). Nearest rank always picks
/// an observed value, so on the values 1...100 the cut points are exactly 20, 40, 60, 80 and each score covers 20 values.
///
/// **Tie rule.** A value climbs past a cut point only by being strictly better than it: score = 1 + the number of
/// cut points the value strictly beats (is greater than for frequency and monetary, fewer days than for recency).
/// Because the score depends on the value alone, equal values always get equal scores, and a better value never
/// gets a lower score. A block of tied values lands where the block starts: when a dimension has few distinct values,
/// some scores stay unused instead of splitting equal contacts. Example: if 70% of contacts have one order, they all
/// score F=1 (one order is the least anyone has), two-order contacts jump to F=4, and F=2 and F=3 are empty. If
/// every value is the same, everyone scores 1 in that dimension. An empty column has no cut points and scores 1.
///
/// **Recency** is inverted: it is scored exactly as the other dimensions would score the negated days, so fewer days
/// since the last order means a higher score, and ties resolve the same conservative way.
///
/// NaN values are dropped from the columns and score 1 (worst).
public struct RFMQuintiles: Sendable {
    /// Four thresholds in days, descending: a contact whose days since last order are strictly fewer than
    /// `recencyCutDays[i]` scores recency at least i + 2. Empty when there were no values.
    public let recencyCutDays: [Double]
    /// Four thresholds, ascending: an order count strictly greater than `frequencyCutPoints[i]` scores at least i + 2.
    public let frequencyCutPoints: [Double]
    /// Four thresholds in minor units, ascending: a total strictly greater than `monetaryCutPoints[i]` scores at least i + 2.
    public let monetaryCutPoints: [Double]

    /// Computes the cut points from the full columns, one entry per contact (see `RFM.daysSinceLastOrder(_:now:)`).
    ///
    /// The arrays are consumed and sorted in place, so a caller that hands them over with `consume` (or as their last
    /// use) pays no copy: peak memory is the three columns themselves. Columns may differ in length.
    public init(recencyDays: consuming [Double], frequency: consuming [Double], monetary: consuming [Double]) {
        // `sort(by:)` rather than `sort()`: same result, but about 10x faster in unoptimized (debug/test) builds.
        recencyDays.removeAll(where: { $0.isNaN })
        recencyDays.sort(by: >)  // Descending: most days (worst) first, so rank k/5 is the k-th cut from the worst end.
        recencyCutDays = Self.quintileCutPoints(ofSorted: recencyDays)

        frequency.removeAll(where: { $0.isNaN })
        frequency.sort(by: <)
        frequencyCutPoints = Self.quintileCutPoints(ofSorted: frequency)

        monetary.removeAll(where: { $0.isNaN })
        monetary.sort(by: <)
        monetaryCutPoints = Self.quintileCutPoints(ofSorted: monetary)
    }

    /// Scores one contact's raw values against the cut points; values beyond the observed range score 1 or 5.
    public func score(recencyDays: Double, frequency: Double, monetary: Double) -> RFMScore {
        RFMScore(
            recency: 1 + Self.countOfCuts(recencyCutDays, where: { recencyDays < $0 }),
            frequency: 1 + Self.countOfCuts(frequencyCutPoints, where: { frequency > $0 }),
            monetary: 1 + Self.countOfCuts(monetaryCutPoints, where: { monetary > $0 })
        )
    }

    /// Scores one contact, converting it the same way pass 1 should have built the columns.
    public func score(_ input: RFMInput, now: Date) -> RFMScore {
        score(
            recencyDays: RFM.daysSinceLastOrder(input.lastOrderAt, now: now),
            frequency: Double(input.orderCount),
            monetary: Double(input.monetaryMinor)
        )
    }

    /// How many cut points the value strictly beats. An index loop on purpose: `for … where` and `count(where:)` are
    /// several times slower in unoptimized builds, and pass 2 calls this three times per contact.
    private static func countOfCuts(_ cuts: [Double], where isBeaten: (Double) -> Bool) -> Int {
        var beaten = 0
        var index = 0
        while index < cuts.count {
            if isBeaten(cuts[index]) { beaten += 1 }
            index += 1
        }
        return beaten
    }

    /// The values at 1-based ranks ceil(k·n/5), k = 1...4, of a sorted column; integer arithmetic avoids float rounding.
    private static func quintileCutPoints(ofSorted sorted: [Double]) -> [Double] {
        guard !sorted.isEmpty else { return [] }
        let count = sorted.count
        return (1...4).map { quintile in sorted[(quintile * count + 4) / 5 - 1] }
    }
}

/// Entry points tying the pieces together.
public enum RFM {
    private static let secondsPerDay: TimeInterval = 86_400

    /// Whole days since the last order (24-hour periods before `now`, rounded down), the recency column's unit.
    ///
    /// Whole days make contacts who ordered within the same day tie instead of being split by seconds, which keeps
    /// scores stable between runs minutes apart. An order after `now` (clock skew) counts as 0 days.
    public static func daysSinceLastOrder(_ lastOrderAt: Date, now: Date) -> Double {
        let elapsedSeconds = now.timeIntervalSince(lastOrderAt)
        guard elapsedSeconds > 0 else { return 0 }
        return (elapsedSeconds / secondsPerDay).rounded(.down)
    }

    /// Scores and segments a set of contacts held in memory, keyed by contact ID (a repeated ID keeps its last entry).
    ///
    /// A convenience for small sets and tests; for large bases run the two passes yourself (see the top of this
    /// file) so contacts stream from storage instead of being held in an array.
    public static func scores(_ inputs: [RFMInput], now: Date) -> [String: (RFMScore, EngagementSegment)] {
        var recencyDays: [Double] = []
        var frequency: [Double] = []
        var monetary: [Double] = []
        recencyDays.reserveCapacity(inputs.count)
        frequency.reserveCapacity(inputs.count)
        monetary.reserveCapacity(inputs.count)
        for input in inputs {
            recencyDays.append(daysSinceLastOrder(input.lastOrderAt, now: now))
            frequency.append(Double(input.orderCount))
            monetary.append(Double(input.monetaryMinor))
        }
        let quintiles = RFMQuintiles(recencyDays: consume recencyDays, frequency: consume frequency, monetary: consume monetary)

        var result: [String: (RFMScore, EngagementSegment)] = [:]
        result.reserveCapacity(inputs.count)
        for input in inputs {
            let score = quintiles.score(input, now: now)
            result[input.contactID] = (score, EngagementSegment.segment(score))
        }
        return result
    }
}
