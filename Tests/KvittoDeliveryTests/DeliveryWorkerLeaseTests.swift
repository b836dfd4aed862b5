import AsyncHTTPClient
import Foundation
import KvittoCore
import KvittoStorage
import Logging
import NIOCore
import NIOPosix
import Testing

@testable import KvittoDelivery

/// The worker records a result only while it holds the delivery's lease, and gives a claim back when it
/// cannot process it. Driven on the memory store with a real (refused) HTTP attempt.
@Suite("Delivery worker: leases")
struct DeliveryWorkerLeaseTests {
    static let secrets = SecretBox(keyMaterial: "worker-test-key")

    struct Setup {
        let store: MemoryStore
        let account: Account
        let deliveryID: String
    }

    /// An account, a trigger to a port nothing listens on, and one order: one pending delivery.
    static func setup() async throws -> Setup {
        let store = MemoryStore()
        let now = Date()
        let account = try await store.write { w in try Accounts.create(name: "Shop", currency: "SEK", country: "SE", in: w, now: now).account }
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close()
        var trigger = TriggerInput()
        trigger.name = "Partner"
        trigger.eventTypes = [.orderReceived]
        trigger.url = "http://127.0.0.1:\(port)/hook"
        let input = trigger
        _ = try await store.write { w in try Postbacks.createTrigger(input, account: account.id, secrets: secrets,
                                                                             addresses: OutboundAddressPolicy(allowList: [CIDRRange("127.0.0.1/32")!]),
                                                                             in: w, now: now) }
        let order = try OrderInput.read(try JSONParser.parse("""
            {"external_id": "1", "currency": "SEK", "customer": {"email": "anna@example.se"},
             "lines": [{"sku": "A", "name": "A", "quantity": 1, "unit_price": "10.00"}]}
            """))
        _ = try await store.write { w in try Orders.upsert(order, account: account, origin: .api, in: w, now: now) }
        let deliveries = try await store.read { r in try r.deliveries(account: account.id, filter: DeliveryFilter(), page: PageRequest()) }
        try #require(deliveries.count == 1)
        return Setup(store: store, account: account, deliveryID: deliveries[0].id)
    }

    static func worker(_ store: MemoryStore, secrets: SecretBox = secrets) throws -> DeliveryWorker {
        DeliveryWorker(store: store, sender: try sender(), secrets: secrets, logger: Logger(label: "test"))
    }

    /// A sender allowed to reach loopback. Its clients live as long as the process, so no test has to shut them down.
    static func sender() throws -> WebhookSender {
        WebhookSender(clients: processWideClients, outbound: OutboundGuard(policy: OutboundAddressPolicy(allowList: [try #require(CIDRRange("127.0.0.0/8"))])))
    }

    static func claim(_ store: MemoryStore, token: String, at now: Date, lease: TimeInterval = 60) async throws -> [DeliveryToSend] {
        try await store.writeDeliveryState { w in
            try w.deliveriesToSend(w.claimDeliveries(now: now, limit: 10, leaseUntil: now.addingTimeInterval(lease), token: token))
        }
    }

    /// An operator (and the three-process kill test) finds what a dead process held by the pid in its token.
    @Test func aWorkersLeaseTokenNamesItsProcessAndIsItsOwn() throws {
        let store = MemoryStore()
        let (one, other) = (try Self.worker(store), try Self.worker(store))
        let parts = one.token.split(separator: ":")
        #expect(parts.count == 3, "host:pid:random, got \(one.token)")
        #expect(parts.count == 3 && parts[1] == "\(ProcessInfo.processInfo.processIdentifier)")
        #expect(one.token != other.token)
    }

    @Test func whileTheLeaseIsHeldTheAttemptAndTheRetryAreRecorded() async throws {
        let setup = try await Self.setup()
        let worker = try Self.worker(setup.store)
        let claimed = try await Self.claim(setup.store, token: worker.token, at: Date())
        try #require(claimed.count == 1)
        await worker.process(claimed[0])
        let delivery = try #require(try await setup.store.read { r in try r.delivery(account: setup.account.id, id: setup.deliveryID) })
        #expect(delivery.status == .pending)
        #expect(delivery.attempts == 1)
        #expect(delivery.nextAttemptAt != nil)
        // Nothing listened on the port when it was taken, but another test may bind it meanwhile (a CI run got
        // a reset instead of a refusal, a full local run an HTTP answer that was not a 2xx), so how it failed is
        // not pinned: that it failed and was recorded, with an error or a status, is.
        #expect(delivery.lastError?.isEmpty == false || delivery.lastStatusCode != nil,
                "\(delivery.lastError ?? "nil"), \(delivery.lastStatusCode.map(String.init) ?? "no status")")
        #expect(try await setup.store.read { r in try r.attempts(deliveryID: setup.deliveryID) }.count == 1)
    }

    /// The lease ran out and another worker claimed the delivery before this one finished: this one's result
    /// is dropped, and the delivery stays the other worker's to record.
    @Test func aResultAfterTheLeaseWasLostIsNotRecorded() async throws {
        let setup = try await Self.setup()
        let worker = try Self.worker(setup.store)
        let start = Date()
        let ours = try await Self.claim(setup.store, token: worker.token, at: start, lease: 1)
        try #require(ours.count == 1)
        let theirs = try await Self.claim(setup.store, token: "other-worker", at: start.addingTimeInterval(2))
        try #require(theirs.count == 1, "the expired lease is claimable")
        await worker.process(ours[0])
        let delivery = try #require(try await setup.store.read { r in try r.delivery(account: setup.account.id, id: setup.deliveryID) })
        #expect(delivery.attempts == 0, "the attempt of a lost lease is not recorded")
        #expect(delivery.lastError == nil)
        #expect(try await setup.store.read { r in try r.attempts(deliveryID: setup.deliveryID) }.isEmpty)
        let saved = try await setup.store.writeDeliveryState { w in
            var done = delivery
            done.status = .succeeded
            return try w.completeDeliveries([DeliveryCompletion(delivery: done, token: "other-worker", attempt: nil)])
        }
        #expect(saved == [setup.deliveryID], "the new owner still records its result")
    }

    /// A delivery the worker cannot process (here: its trigger's secret does not open with this process's key)
    /// is given back at once rather than held until the lease runs out.
    @Test func aDeliveryThatCannotBeProcessedIsReleasedForTheNextClaim() async throws {
        let setup = try await Self.setup()
        let worker = try Self.worker(setup.store, secrets: SecretBox(keyMaterial: "another-key"))
        let now = Date()
        let claimed = try await Self.claim(setup.store, token: worker.token, at: now)
        try #require(claimed.count == 1)
        #expect(try await Self.claim(setup.store, token: "other-worker", at: now).isEmpty, "held while claimed")
        await worker.process(claimed[0])
        let again = try await Self.claim(setup.store, token: "other-worker", at: now)
        #expect(again.map(\.claim.deliveryID) == [setup.deliveryID], "released: claimable at once")
        let delivery = try #require(try await setup.store.read { r in try r.delivery(account: setup.account.id, id: setup.deliveryID) })
        #expect(delivery.attempts == 0)
    }
}

/// Outbound clients shared by the tests of this file for the life of the process.
private let processWideClients = WebhookSender.makeClients()
