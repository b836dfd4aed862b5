import KvittoCore

/// An order as a platform sent it, mapped onto the order the native API takes, with what the mapping
/// could not put into `OrderInput` itself.
public struct PlatformOrder: Sendable, Equatable {
    /// The canonical order; `input.status` is already the platform status run through the connection's
    /// ``StatusMapping``.
    public var input: OrderInput
    /// The platform's own status, exactly as it gave it (Shopify's is derived, see
    /// ``ShopifyMapper/platformStatus(of:)``). Kept so an extension status that mapped to `received` by
    /// default is not lost, and so the initial import can skip finished orders.
    public var platformStatus: String?
    /// The shop hides customer data (Shopify's lower plans): the order is kept with the *unspecified*
    /// customer rather than rejected.
    public var customerHidden: Bool

    public init(input: OrderInput, platformStatus: String?, customerHidden: Bool = false) {
        self.input = input; self.platformStatus = platformStatus; self.customerHidden = customerHidden
    }

    /// The delivery-details comment for the order's timeline (seed 004: carrier, cost and recipient
    /// address), or `nil` when the platform sent none. It is the same text the order rules write, so a
    /// comment is added only when these details change.
    public var deliveryDetails: String? {
        guard let details = input.shipping?.deliveryDetails, !details.isEmpty else { return nil }
        return details.comment
    }
}
