@testable import KvittoDelivery
import Testing

/// The delivery lanes' shared claims, step by step (the worker does what these steps answer).
struct LaneQueueTests {
    @Test func theFirstLaneClaimsForEveryIdleLaneAndTheReserveAndTheOthersWait() {
        var queue = LaneQueue<Int>(lanes: 64)
        #expect(queue.reserve == 32)
        guard case .claim(let limit) = queue.next(stopping: false) else { Issue.record("the first lane claims"); return }
        #expect(limit == 96, "64 idle lanes and a reserve of 32")
        guard case .wait = queue.next(stopping: false) else { Issue.record("one claim at a time"); return }
        let full = queue.claimed(Array(1...96), limit: 96)
        #expect(full, "what came back is ready")
        var sent: [Int] = []
        for _ in 0..<64 {
            guard case .send(let one) = queue.next(stopping: false) else { Issue.record("claimed deliveries are handed out"); return }
            sent.append(one)
        }
        // Sixteen lanes have their answers and take the next.
        for _ in 0..<16 { queue.sent() }
        while queue.ready.count > queue.reserve / 2 {
            guard case .send(let one) = queue.next(stopping: false) else { Issue.record("claimed deliveries are handed out"); return }
            sent.append(one)
        }
        #expect(sent == Array(1...80), "in the order they were claimed, until the reserve runs low")
        #expect(queue.sending == 64)
        guard case .claim(let next) = queue.next(stopping: false) else { Issue.record("a low reserve after a full claim starts the next"); return }
        #expect(next == 64 - 64 - 16 + 32, "the idle lanes less what is ready for them, plus the reserve: \(next)")
        guard case .send(81) = queue.next(stopping: false) else { Issue.record("what is ready goes out during the claim"); return }
    }

    @Test func whileAClaimIsOutASecondLaneClaimsForTheLanesThatWentIdleButNoThird() {
        var queue = LaneQueue<Int>(lanes: 64)
        guard case .claim(96) = queue.next(stopping: false) else { Issue.record("the first lane claims"); return }
        _ = queue.claimed(Array(1...96), limit: 96)
        for _ in 0..<80 { _ = queue.next(stopping: false) }
        for _ in 0..<16 { queue.sent() }
        #expect(queue.sending == 64 && queue.ready.count == 16)
        guard case .claim(16) = queue.next(stopping: false) else { Issue.record("a low reserve starts a claim"); return }
        // Forty lanes have their answers while that claim is out.
        for _ in 0..<40 { queue.sent() }
        guard case .claim(let second) = queue.next(stopping: false) else { Issue.record("a second claim for the idle lanes"); return }
        #expect(second == 64 - 24 - 16 - 16 + 32, "idle lanes less what is ready and what the first claim asked for, plus the reserve")
        #expect(queue.claiming == 2)
        guard case .send(81) = queue.next(stopping: false) else { Issue.record("two claims out: no third, the lane sends"); return }
        let first = queue.claimed(Array(97...112), limit: 16)
        #expect(first && queue.claiming == 1 && queue.asked == second)
        let rest = queue.claimed(Array(113...(112 + second)), limit: second)
        #expect(rest && queue.claiming == 0 && queue.asked == 0)
    }

    @Test func aClaimTakesAtMostTheLargestClaim() {
        var queue = LaneQueue<Int>(lanes: 256)
        #expect(queue.reserve == 32)
        guard case .claim(let limit) = queue.next(stopping: false) else { Issue.record("the first lane claims"); return }
        #expect(limit == LaneQueue<Int>.largestClaim && limit == 128)
    }

    @Test func afterAShortClaimWhatItBroughtGoesOutBeforeTheNextClaim() {
        var queue = LaneQueue<Int>(lanes: 8)
        #expect(queue.reserve == 4)
        guard case .claim(let limit) = queue.next(stopping: false) else { Issue.record("claims first"); return }
        #expect(limit == 12)
        let three = queue.claimed([7, 8, 9], limit: limit)
        #expect(three)
        // Three of ten: nothing more was due, so no lane asks again while these wait to be sent.
        guard case .send(7) = queue.next(stopping: false) else { Issue.record("sends what was claimed"); return }
        guard case .send(8) = queue.next(stopping: false) else { Issue.record("the next lane sends the next"); return }
        guard case .send(9) = queue.next(stopping: false) else { Issue.record("and the last, without claiming first"); return }
        guard case .claim(let more) = queue.next(stopping: false) else { Issue.record("nothing ready: the next lane looks again"); return }
        #expect(more == 8 - 3 + 4)
        guard case .wait = queue.next(stopping: false) else { Issue.record("nothing ready, a claim running: wait"); return }
        queue.sent(); queue.sent(); queue.sent()
        #expect(queue.sending == 0)
        let none = queue.claimed([], limit: more)
        #expect(!none, "an empty claim: the lane waits")
        guard case .claim = queue.next(stopping: false) else { Issue.record("a lane that looks later claims again"); return }
    }

    @Test func oneLaneClaimsOneAtATime() {
        var queue = LaneQueue<Int>(lanes: 1)
        #expect(queue.reserve == 0)
        guard case .claim(1) = queue.next(stopping: false) else { Issue.record("one lane, no reserve: a claim of one"); return }
        let one = queue.claimed([1], limit: 1)
        #expect(one)
        guard case .send(1) = queue.next(stopping: false) else { Issue.record("then sends it"); return }
        queue.sent()
        guard case .claim(1) = queue.next(stopping: false) else { Issue.record("and claims again"); return }
    }

    @Test func atShutdownEveryLaneStopsAndWhatNoLaneTookIsGivenBack() {
        var queue = LaneQueue<Int>(lanes: 4)
        guard case .claim = queue.next(stopping: false) else { Issue.record("claims first"); return }
        let three = queue.claimed([1, 2, 3], limit: 5)
        #expect(three)
        guard case .send(1) = queue.next(stopping: false) else { Issue.record("sends"); return }
        guard case .stop = queue.next(stopping: true) else { Issue.record("no lane takes more once stopping"); return }
        let unsent = queue.unsent()
        #expect(unsent == [2, 3])
        let again = queue.unsent()
        #expect(again.isEmpty, "given back once")
    }
}
