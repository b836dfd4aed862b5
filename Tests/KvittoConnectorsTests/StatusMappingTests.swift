import KvittoConnectors
import KvittoCore
import Testing

@Suite("Status mapping")
struct StatusMappingTests {
    @Test func everyConnectionKindHasDefaultsAndUnknownStatusesAreReceived() {
        for kind in Connection.Kind.allCases {
            #expect(StatusMapping.defaults(for: kind).status(for: "some-extension-status") == .received, "\(kind)")
            #expect(StatusMapping.defaults(for: kind).status(for: nil) == .received, "\(kind)")
        }
        #expect(StatusMapping.defaults(for: .woocommerce) == .wooCommerce)
        #expect(StatusMapping.defaults(for: .cartum).status(for: "3") == .delivered)
    }

    @Test func seedFinishedStatesAreTheInitialImportExclusions() {
        #expect(StatusMapping.shopify.finished == ["fulfilled", "cancelled", "refunded"])
        #expect(StatusMapping.wooCommerce.finished == ["completed", "cancelled", "refunded", "failed", "trash"])
        #expect(StatusMapping.cartum.finished == ["3"])
        #expect(StatusMapping.fapi.finished.isEmpty)
        #expect(StatusMapping.wooCommerce.isFinished("Completed"), "raw statuses compare case-insensitively")
        #expect(!StatusMapping.wooCommerce.isFinished("processing"))
    }

    @Test func overridesReplaceAndAddEntries() throws {
        let mapping = try StatusMapping.wooCommerce.overriding(
            with: ["on-hold": "in_production", "Awaiting-Shipment": "in_transit"], at: "/settings/status_mapping")
        #expect(mapping.status(for: "on-hold") == .inProduction)
        #expect(mapping.status(for: "awaiting-shipment") == .inTransit)
        #expect(mapping.status(for: "completed") == .shipped, "entries not overridden keep their default")
    }

    @Test func invalidOverridesAreReportedWithPointers() {
        let allowed = OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")
        #expect(throws: KvittoError.invalid([
            FieldError("/settings/status_mapping/on-hold", "must be one of \(allowed)"),
            FieldError("/settings/status_mapping/a~1b", "must be one of \(allowed)"),
        ])) {
            try StatusMapping.wooCommerce.overriding(with: ["on-hold": "paused", "a/b": 3], at: "/settings/status_mapping")
        }
        #expect(throws: KvittoError.self) { try StatusMapping.cartum.overriding(with: ["1", "2"], at: "/m") }
    }
}
