/// What a worker's delivery lanes do next, decided for all of them under one lock. A lane claims for every
/// lane that has nothing to send plus a reserve of half as many (a second lane beside it where lanes went
/// idle while the first claim was out, see `claimsAtOnce`), so that on PostgreSQL a
/// claim (two round trips) is shared by tens of deliveries rather than a few; the lanes take the claimed
/// deliveries one at a time, so a slow endpoint holds back only what its own lane is sending. The next claim
/// starts when the reserve runs low, before the lanes run dry. (Measured on PostgreSQL with 64 lanes: the
/// lanes waited on claims for most of their time with a reserve of 16 and claims of at most 64; a reserve
/// of 32 and claims of up to 128 took `bench/deliver` from about 4,250 to about 4,800 deliveries/s, and a
/// second claim beside the first to 4,850–5,750 (4,350–4,700 without, alternating). A reserve of 64 made
/// claims slower than it saved.)
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

    /// How many claims may run at once: a claim's round trips are what the lanes wait on under load, and a
    /// second one started while the first is out, for lanes that went idle meanwhile, halves that wait.
    static var claimsAtOnce: Int { 2 }

    private(set) var ready: [Item] = []
    /// Claims running, and the deliveries they asked for together.
    private(set) var claiming = 0
    private(set) var asked = 0
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
        // A claim that came back short means nothing more was due: no second claim beside the next one.
        let mayClaim = claiming == 0 || (claiming < Self.claimsAtOnce && !drained)
        if mayClaim && (ready.isEmpty || (!drained && ready.count <= reserve / 2)) {
            // The lanes idle now (this one included) less what is ready or being claimed for them, plus the
            // reserve. A second claim only for a good share of that, not for a lane or two.
            let wanted = lanes - sending - ready.count - asked + reserve
            if claiming == 0 || wanted >= max(1, reserve / 2) {
                let limit = min(Self.largestClaim, max(1, wanted))
                claiming += 1
                asked += limit
                return .claim(limit: limit)
            }
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
        claiming -= 1
        asked -= limit
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
