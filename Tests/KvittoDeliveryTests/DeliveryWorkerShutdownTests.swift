import Foundation
import KvittoCore
import KvittoStorage
import KvittoTestSupport
import Logging
import ServiceLifecycle
import Synchronization
import Testing

@testable import KvittoDelivery

/// A worker stopped gracefully finishes what its lanes are sending and gives back at once what it had
/// claimed ahead for them, so that another worker sends it without waiting for the lease to run out.
/// Driven on the memory store, against the standard-webhooks receiver answering slowly.
@Suite("Delivery worker: shutdown")
struct DeliveryWorkerShutdownTests {
    @Test func whatWasClaimedAheadIsGivenBackAtShutdown() async throws {
        let receiver = try await WebhookReceiver(arguments: ["--delay-ms", "3000"])
        defer { receiver.stop() }
        let store = MemoryStore()
        let now = Date()
        let account = try await store.write { w in try Accounts.create(name: "Shop", currency: "SEK", country: "SE", in: w, now: now).account }
        var trigger = TriggerInput()
        trigger.name = "Partner"
        trigger.eventTypes = [.orderReceived]
        trigger.url = receiver.url
        let input = trigger
        let secrets = DeliveryWorkerLeaseTests.secrets
        let (_, secret) = try await store.write { w in
            try Postbacks.createTrigger(input, account: account.id, secrets: secrets,
                                        addresses: OutboundAddressPolicy(allowList: [CIDRRange("127.0.0.1/32")!]), in: w, now: now)
        }
        try await receiver.start(secrets: [secret.text])
        for number in 1...12 {
            let order = try OrderInput.read(try JSONParser.parse("""
                {"external_id": "\(number)", "currency": "SEK", "customer": {"email": "anna\(number)@example.se"},
                 "lines": [{"sku": "A", "name": "A", "quantity": 1, "unit_price": "10.00"}]}
                """))
            _ = try await store.write { w in try Orders.upsert(order, account: account, origin: .api, in: w, now: now) }
        }

        // Four lanes: the first claim takes one for each and two ahead (a reserve of two).
        var settings = DeliveryWorker.Settings()
        settings.concurrency = 4
        let worker = DeliveryWorker(store: store, sender: try DeliveryWorkerLeaseTests.sender(), secrets: secrets, settings: settings,
                                    logger: Logger(label: "test"))
        let group = ServiceGroup(configuration: .init(services: [worker], gracefulShutdownSignals: [], logger: Logger(label: "test")))
        let running = Task { try await group.run() }
        // Stopped while all four lanes are sending (each answer takes three seconds).
        let deadline = Date().addingTimeInterval(10)
        while worker.lanes.withLock({ $0.sending }) < 4 && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(worker.lanes.withLock { $0.sending == 4 && $0.ready.count == 2 }, "four being sent, two claimed ahead")
        await group.triggerGracefulShutdown()
        try await running.value

        let deliveries = try await store.read { r in try r.deliveries(account: account.id, filter: DeliveryFilter(), page: PageRequest()) }
        #expect(deliveries.count == 12)
        let sent = deliveries.filter { $0.attempts == 1 }
        #expect(sent.count == 4 && sent.allSatisfy { $0.status == .succeeded }, "the four being sent were finished and recorded")
        let claimable = try await store.writeDeliveryState { w in
            try w.claimDeliveries(now: Date(), limit: 100, leaseUntil: Date().addingTimeInterval(60), token: "next-worker")
        }
        #expect(claimable.count == 8, "the two claimed ahead were given back with the six never claimed: \(claimable.count) claimable")
    }
}
