import Foundation
import KvittoCore
import Testing

/// What a status is written back as, per platform and connection, and what decides after the platform answered.
@Suite("Status write-back rules")
struct StatusWriteBackTests {
    static func connection(_ kind: Connection.Kind, writeBack: Bool?, mapping: [OrderStatus: String] = [:]) -> Connection {
        var settings = ConnectionSettings()
        settings.statusWriteBack = writeBack
        settings.statusWriteMapping = mapping
        return Connection(id: "con_1", accountID: "acc_1", kind: kind, name: "Shop", settings: settings, createdAt: Date())
    }

    @Test func wooCommerceCompletedWaitsForTheLockAndCartumTakesItsIDs() {
        let woo = Self.connection(.woocommerce, writeBack: true)
        #expect(StatusWriteBack.target(for: .delivered, on: woo) == .init(platformStatus: "completed", awaitsLock: true))
        #expect(StatusWriteBack.target(for: .inProduction, on: woo) == .init(platformStatus: "processing", awaitsLock: false))
        #expect(StatusWriteBack.target(for: .shipped, on: woo) == nil, "WooCommerce has no shipping status")
        let mapped = Self.connection(.woocommerce, writeBack: true, mapping: [.shipped: "Completed"])
        #expect(StatusWriteBack.target(for: .shipped, on: mapped)?.awaitsLock == true, "Completed waits whichever status it stands for")
        let cartum = Self.connection(.cartum, writeBack: true)
        #expect(StatusWriteBack.target(for: .inTransit, on: cartum)?.platformStatus == "6")
        #expect(StatusWriteBack.target(for: .returned, on: cartum) == nil)
    }

    @Test func onlyWooCommerceAndCartumAreWrittenToAndOnlyWhenSwitchedOn() {
        #expect(Self.connection(.shopify, writeBack: true).writesStatusBack == false)
        #expect(Self.connection(.woocommerce, writeBack: false).writesStatusBack == false)
        #expect(StatusWriteBack.target(for: .cancelled, on: Self.connection(.woocommerce, writeBack: false)) == nil)
    }

    /// A connection stored before write-back existed has no setting: an upgrade does not start writing to the shop.
    @Test func aConnectionStoredBeforeWriteBackExistedIsNotWrittenTo() throws {
        let stored = try JSONParser.parse(#"{"status_mapping": {}, "status_sync": true, "import_window_days": 60, "excluded_states": [], "send_order_data": true}"#)
        var connection = Self.connection(.woocommerce, writeBack: nil)
        connection.settings = ConnectionSettings(stored: stored)
        #expect(connection.settings.statusWriteBack == nil)
        #expect(!connection.writesStatusBack)
        let written = ConnectionSettings(stored: Self.connection(.cartum, writeBack: true, mapping: [.shipped: "7"]).settings.json)
        #expect(written.statusWriteBack == true && written.statusWriteMapping == [.shipped: "7"], "the settings survive their stored form")
    }

    @Test func aRefusalFailsAtOnceAndAnOutageIsRetried() {
        let now = Date()
        #expect(DeliveryStateMachine.decideStatusWrite(attempt: 1, result: .response(statusCode: 200), now: now) == .succeeded)
        #expect(DeliveryStateMachine.decideStatusWrite(attempt: 1, result: .response(statusCode: 400), now: now) == .failed(reason: .refused))
        #expect(DeliveryStateMachine.decideStatusWrite(attempt: 1, result: .response(statusCode: 410), now: now) == .failed(reason: .refused),
                "no trigger to switch off")
        for retried in [DeliveryAttemptResult.response(statusCode: 503), .response(statusCode: 429), .transportError(.connectFailed)] {
            guard case .retry = DeliveryStateMachine.decideStatusWrite(attempt: 1, result: retried, now: now) else {
                Issue.record("\(retried.summary) is retried")
                continue
            }
        }
    }
}
