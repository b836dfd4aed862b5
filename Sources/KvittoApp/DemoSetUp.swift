import Foundation
import KvittoCore
import KvittoStorage

/// What `kvitto demo` sets up in its account beside the shop, so a newcomer sees Kvitto send things at once:
/// the account's e-mail goes to the built-in mail catcher, two automations send the standard Swedish order
/// and shipping confirmations, and a postback sends every order event to the demo's own sink.
enum DemoSetUp {
    /// - Parameter addresses: the demo's outbound policy, which allows its own loopback sink.
    static func run(store: any KvittoStore, accountID: String, secrets: SecretBox, addresses: OutboundAddressPolicy, mailPort: Int,
                    sinkURL: String) async throws {
        let now = SystemClock().now()
        try await store.write { w in
            guard let account = try w.account(accountID) else { throw KvittoError.notFound("account \(accountID)") }
            _ = try Accounts.updateSettings(account: account, in: w, now: now) { settings in
                settings.smtp = AccountSettings.SMTP(host: "127.0.0.1", port: mailPort, startTLS: false, username: nil, sealedPassword: nil,
                                                     from: "Demobutiken <order@demobutiken.example>")
            }
            let templates = try w.templates(account: accountID, page: PageRequest(limit: 500))
            let flows: [(name: String, event: EventType, template: String)] = [
                ("Orderbekräftelse", .orderReceived, "order_confirmation.sv"),
                ("Leveransbesked", .orderShipped, "shipping_confirmation.sv"),
            ]
            for flow in flows {
                guard let template = templates.first(where: { $0.key == flow.template }) else {
                    throw KvittoError.notFound("standard template \(flow.template)")
                }
                var input = AutomationInput()
                input.name = flow.name
                input.active = true
                input.entry = .event(flow.event, filter: nil)
                input.steps = [.email(templateID: template.id, active: true)]
                _ = try Automations.create(input, account: accountID, in: w, now: now)
            }
            var trigger = TriggerInput()
            trigger.name = "Demo postback sink"
            trigger.eventTypes = [.orderReceived, .orderShipped, .orderDelivered]
            trigger.url = sinkURL
            trigger.method = .post
            trigger.active = true
            _ = try Postbacks.createTrigger(trigger, account: accountID, secrets: secrets, addresses: addresses, in: w, now: now)
        }
    }
}
