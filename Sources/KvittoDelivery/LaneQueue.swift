/// What a worker's delivery lanes do next, decided for all of them under one lock. One lane at a time
/// claims, for every lane that has nothing to send plus a reserve of half as many, so that on PostgreSQL a
/// claim (two round trips) is shared by tens of deliveries rather than a few; the lanes take the claimed
/// deliveries one at a time, so a slow endpoint holds back only what its own lane is sending. The next claim
/// starts when the reserve runs low, before the lanes run dry. (Measured on PostgreSQL with 64 lanes: the
/// lanes waited on claims for most of their time with a reserve of 16 and claims of at most 64; a reserve
/// of 32 and claims of up to 128 took `bench/deliver` from about 4,250 to about 4,800 deliveries/s. A
/// reserve of 64 made claims slower than it saved.)
///
/// Pure: the worker keeps it in a mutex and does what it answers.
struct LaneQueue<Item> {
    enum Step {
        /// Send this one, then call `sent()`.
        case send(Item)
        /// Claim at most this many, then hand them to `claimed(_:limit:)`.
        case claim(limit: Int)
        /// Nothing to send, and another lane is claiming (or the queue was empty): wait for a wake-up.
        case wait
        /// Shutting down: this lane ends. What is still claimed but unsent is given back (`unsent()`).
        case stop
    }

    let lanes: Int
    /// Deliveries claimed ahead of the lanes that will send them.
    let reserve: Int
    /// The most one claim takes.
    static var largestClaim: Int { 128 }

    private(set) var ready: [Item] = []
    private(set) var claiming = false
    private(set) var sending = 0
    /// The last claim brought back fewer than it asked for: nothing more was due then, so the next claim
    /// waits until what is ready has gone out (asking again at once would find nothing, and keep the lane
    /// that asked from sending).
    private(set) var drained = false

    /// - Parameter lanes: how many lanes share the queue (at least one).
    init(lanes: Int) {
        self.lanes = max(1, lanes)
        self.reserve = min(32, self.lanes / 2)
    }

    mutating func next(stopping: Bool) -> Step {
        if stopping { return .stop }
        if !claiming && (ready.isEmpty || (!drained && ready.count <= reserve / 2)) {
            claiming = true
            // The lanes idle now (this one included) less what is ready for them, plus the reserve.
            let wanted = lanes - sending - ready.count + reserve
            return .claim(limit: min(Self.largestClaim, max(1, wanted)))
        }
        if !ready.isEmpty {
            sending += 1
            return .send(ready.removeFirst())
        }
        return .wait
    }

    /// The claim `next` asked for came back (empty if nothing was due or the claim failed). Returns whether
    /// anything is ready to send; if not, the lane waits.
    mutating func claimed(_ items: [Item], limit: Int) -> Bool {
        claiming = false
        drained = items.count < limit
        ready += items
        return !ready.isEmpty
    }

    /// A lane finished sending what `next` gave it.
    mutating func sent() {
        sending -= 1
    }

    /// Takes what was claimed and never handed to a lane, to give back at shutdown.
    mutating func unsent() -> [Item] {
        defer { ready.removeAll() }
        return ready
    }
}
