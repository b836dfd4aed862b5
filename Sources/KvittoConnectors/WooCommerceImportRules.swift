import KvittoCore

/// Seed 004's WooCommerce rule: an order without items, without a customer, or whose customer has neither
/// an e-mail nor a phone is not imported. The reasons are the order rules' own (SPEC §2), so a refusal here
/// reads the same in the rejected-input log as one from the native API.
public enum WooCommerceImportRules {
    /// - Parameters:
    ///   - order: the mapped order (``WooCommerceMapper/order(_:statuses:source:)``).
    ///   - defaultCountry: the account's country, for reading a national phone number.
    /// - Throws: `KvittoError.rejected` with reason `no-lines`, `no-customer` or `no-contact-channel`. A
    ///   value that cannot identify anyone (`test@test`, `0000000`) does not count as a channel.
    public static func check(_ order: OrderInput, defaultCountry: String) throws(KvittoError) {
        guard !order.lines.isEmpty else {
            throw KvittoError.rejected("no-lines", "the WooCommerce order has no items", pointer: "/line_items")
        }
        guard let customer = order.customer else {
            throw KvittoError.rejected("no-customer", "the WooCommerce order names no customer", pointer: "/billing")
        }
        let hasEmail = customer.email.flatMap(EmailKey.make) != nil
        let hasPhone = customer.phone.flatMap { PhoneNumber.normalize($0, defaultCountry: defaultCountry) } != nil
        guard hasEmail || hasPhone else {
            throw KvittoError.rejected("no-contact-channel", "the customer has neither an e-mail nor a phone number",
                                       pointer: "/billing")
        }
    }
}
