import Foundation
import HTTPTypes
import KvittoCore
import KvittoTestSupport
import Testing

@Suite("HTTP: automations send e-mail and SMS",
       .enabled(if: SMTPTestEnvironment.shouldRun, "python3 with aiosmtpd is needed (set CI=true to fail instead of skipping)"))
struct AutomationsAPITests {
    static func templateID(_ api: APIClient, _ key: String, _ templateKey: String) async throws -> String {
        let templates = try #require(try await api.call(.get, "/v1/templates?limit=100", key: key).json["items"]?.arrayValue)
        return try #require(templates.first { $0["key"]?.stringValue == templateKey }?["id"]?.stringValue)
    }

    static func useCatcher(_ api: APIClient, _ key: String, _ catcher: SMTPCatcher) async throws {
        let settings = try await api.call(.patch, "/v1/settings", key: key, body: """
            {"smtp": {"host": "127.0.0.1", "port": \(catcher.port), "starttls": false, "from": "Butiken <order@butiken.se>"}}
            """)
        #expect(settings.status == .ok, "\(settings.text)")
    }

    static func deliveries(_ api: APIClient, _ key: String, automation: String) async throws -> [JSONValue] {
        try await api.call(.get, "/v1/deliveries?automation_id=\(automation)", key: key).json["items"]?.arrayValue ?? []
    }

    /// An automation sending the Swedish order confirmation, and an order: the confirmation's delivery once
    /// its first attempt is over.
    static func confirmationAfterItsFirstAttempt(_ api: APIClient, _ key: String) async throws -> (automation: String, delivery: JSONValue) {
        let confirmation = try await templateID(api, key, "order_confirmation.sv")
        let created = try await api.call(.post, "/v1/automations", key: key, body: """
            {"name": "Bekräftelse", "trigger": {"event_type": "order.received"}, "steps": [{"type": "email", "template_id": "\(confirmation)"}]}
            """)
        let automation = try #require(created.json["id"]?.stringValue, "\(created.text)")
        _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
        #expect(try await eventually {
            (try await deliveries(api, key, automation: automation).first?["attempt_count"]?.numberValue?.int64 ?? 0) >= 1
        })
        return (automation, try #require(try await deliveries(api, key, automation: automation).first))
    }

    /// Rule's way: the shop tags the customer `OrderCompleted` with the order; an automation on that tag sends
    /// the Swedish order confirmation, rendered with the order, through a real SMTP server.
    @Test func anOrderArrivingWithTheTagSendsTheConfirmationOnceAndAReplaySendsItAgain() async throws {
        try await SMTPCatcher.withCatcher(arguments: []) { catcher, _ in
            let harness = try APIHarness()
            let (_, key) = try await harness.account()
            try await harness.run { api in
                try await Self.useCatcher(api, key, catcher)
                let confirmation = try await Self.templateID(api, key, "order_confirmation.sv")
                let created = try await api.call(.post, "/v1/automations", key: key, body: """
                    {"name": "Orderbekräftelse", "active": true, "trigger": {"tag": "OrderCompleted"},
                     "steps": [{"type": "email", "template_id": "\(confirmation)", "active": true}]}
                    """)
                #expect(created.status == .created, "\(created.text)")
                let automation = try #require(created.json["id"]?.stringValue)
                #expect(created.json["trigger"]?["tag"] == "OrderCompleted" && created.json["steps"]?.arrayValue?.first?["type"] == "email")

                let order = try await api.call(.post, "/v1/orders", key: key, body: Sample.order(customerExtra: #", "tags": ["OrderCompleted"]"#))
                #expect(order.status == .created, "\(order.text)")
                // The same webhook again changes nothing and starts nothing.
                _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order(customerExtra: #", "tags": ["OrderCompleted"]"#))
                #expect(try await eventually { try catcher.receivedMessages().count >= 1 }, "the confirmation arrives")
                let mail = try #require(try catcher.receivedMessages().first)
                #expect(mail.rcptTos == ["Anna@Example.se"] && mail.mailFrom == "order@butiken.se", "\(mail.rcptTos)")
                #expect(mail.parsed.subject.contains("#1001"), "rendered with the order: \(mail.parsed.subject)")
                #expect(mail.parsed.parts.map(\.contentType) == ["text/plain", "text/html"])
                #expect(mail.parsed.parts.allSatisfy { $0.text.contains("647,00\u{00A0}kr") && $0.text.contains("Hoodie") })
                #expect(!mail.data.contains("List-Unsubscribe"), "a confirmation is transactional: no unsubscribe")

                #expect(try await eventually { try await Self.deliveries(api, key, automation: automation).first?["status"] == "succeeded" })
                let delivery = try #require(try await Self.deliveries(api, key, automation: automation).first)
                #expect(delivery["channel"] == "email" && delivery["recipient"] == "Anna@Example.se" && delivery["trigger_id"] == .null)
                #expect(delivery["attempts"]?.arrayValue?.first?["response_excerpt"]?.stringValue?.hasPrefix("250") == true, "the server's answer is logged")
                let runs = try await api.call(.get, "/v1/automations/\(automation)/runs", key: key).json["items"]?.arrayValue ?? []
                #expect(runs.count == 1 && runs.first?["status"] == "completed", "one run: \(runs)")

                let id = try #require(delivery["id"]?.stringValue)
                let replay = try await api.call(.post, "/v1/deliveries/\(id)/replay", key: key)
                #expect(replay.status == .accepted || replay.status == .ok, "\(replay.text)")
                #expect(try await eventually { try catcher.receivedMessages().count == 2 }, "a replay sends it again")
                let both = try catcher.receivedMessages()
                #expect(both[0].parsed.messageId == both[1].parsed.messageId, "as the same message")
            }
        }
    }

    /// Marketing after a wait: only a consenting contact gets it, with RFC 8058 one-click unsubscribe; the
    /// unsubscribe survives erasure and a new sync of the same address.
    @Test func aMarketingMessageAfterAWaitGoesOnlyWithConsentAndOneClickUnsubscribeOutlivesErasure() async throws {
        try await SMTPCatcher.withCatcher(arguments: []) { catcher, _ in
            let harness = try APIHarness()
            let (_, key) = try await harness.account()
            let clock = ManualClock()
            try await harness.run(clock: clock) { api in
                try await Self.useCatcher(api, key, catcher)
                let template = try await api.call(.post, "/v1/templates", key: key, body: """
                    {"name": "Tips", "kind": "email", "purpose": "marketing",
                     "body": {"subject": "Hej {{contact.first_name}}", "html": "<p>Nytt i butiken</p>", "text": "Nytt i butiken"}}
                    """)
                #expect(template.status == .created, "\(template.text)")
                let templateID = try #require(template.json["id"]?.stringValue)
                let created = try await api.call(.post, "/v1/automations", key: key, body: """
                    {"name": "Tips efter köp", "trigger": {"event_type": "order.received"},
                     "steps": [{"type": "wait", "duration": "P2D"}, {"type": "email", "template_id": "\(templateID)"}]}
                    """)
                let automation = try #require(created.json["id"]?.stringValue, "\(created.text)")
                _ = try await api.call(.post, "/v1/orders", key: key,
                                       body: Sample.order(externalID: "1", email: "yes@example.se", phone: "070-111 11 11", customerExtra: #", "consent": true"#))
                _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order(externalID: "2", email: "maybe@example.se", phone: "070-222 22 22"))
                var runs = try await api.call(.get, "/v1/automations/\(automation)/runs?status=waiting", key: key).json["items"]?.arrayValue ?? []
                #expect(runs.count == 2, "both wait two days: \(runs)")
                try await Task.sleep(for: .milliseconds(1500))
                #expect(try catcher.receivedMessages().isEmpty, "nothing before the wait is over")

                clock.advance(by: 2 * 86_400 + 60)
                #expect(try await eventually { try catcher.receivedMessages().count == 1 }, "the consenting contact's message goes")
                runs = try await api.call(.get, "/v1/automations/\(automation)/runs", key: key).json["items"]?.arrayValue ?? []
                #expect(try await eventually {
                    let all = try await api.call(.get, "/v1/automations/\(automation)/runs", key: key).json["items"]?.arrayValue ?? []
                    runs = all
                    return all.allSatisfy { $0["status"] == "completed" }
                })
                let outcomes = runs.flatMap { $0["log"]?.arrayValue ?? [] }.compactMap { $0["outcome"]?.stringValue }
                #expect(outcomes.contains("skipped: the contact's consent to marketing is unknown"), "the run says why: \(outcomes)")
                let mail = try #require(try catcher.receivedMessages().first)
                #expect(mail.rcptTos == ["yes@example.se"] && mail.parsed.subject == "Hej Anna")
                #expect(mail.data.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"), "one-click unsubscribe (RFC 8058)")
                let header = try #require(mail.data.split(separator: "\r\n").first { $0.hasPrefix("List-Unsubscribe: <") })
                let url = String(header.dropFirst("List-Unsubscribe: <".count).dropLast())
                let path = try #require(url.range(of: "/unsubscribe/").map { String(url[$0.lowerBound...]) })
                #expect(mail.parsed.parts.allSatisfy { $0.text.contains(path) }, "and a link in both parts")

                let page = try await api.call(.get, path)
                #expect(page.status == .ok && page.text.contains("<form method=\"post\">"), "a page with a button; a GET unsubscribes nobody")
                var form = HTTPFields()
                form[.contentType] = "application/x-www-form-urlencoded"
                let oneClick = try await api.call(.post, path, body: "List-Unsubscribe=One-Click", headers: form)
                #expect(oneClick.status == .ok, "\(oneClick.text)")
                let forged = try await api.call(.post, String(path.dropLast(3)) + "AAA")
                #expect(forged.status == .notFound, "a link with a wrong signature does nothing")
                let found = try await api.call(.get, "/v1/contacts?email=yes@example.se", key: key).json["items"]?.arrayValue?.first
                let contactID = try #require(found?["id"]?.stringValue)
                #expect(found?["unsubscribed_at"]?.stringValue != nil, "the contact is marked")
                let card = try await api.call(.get, "/v1/contacts/\(contactID)", key: key)
                #expect(card.json["timeline"]?.arrayValue?.contains { $0["text"]?.stringValue?.contains("Unsubscribed") == true } == true,
                        "and the timeline says so")

                // Erased, then synced again from the shop with consent: still not mailed.
                #expect(try await api.call(.delete, "/v1/contacts/\(contactID)", key: key).status == .noContent)
                _ = try await api.call(.post, "/v1/orders", key: key,
                                       body: Sample.order(externalID: "3", email: "YES@example.se", phone: "070-111 11 11", customerExtra: #", "consent": true"#))
                clock.advance(by: 2 * 86_400 + 60)
                #expect(try await eventually {
                    try await Self.deliveries(api, key, automation: automation).contains { $0["status"] == "failed" }
                }, "the new message fails")
                let failed = try #require(try await Self.deliveries(api, key, automation: automation).first { $0["status"] == "failed" })
                #expect(failed["last_error"]?.stringValue?.hasPrefix("suppressed") == true, "as suppressed: \(failed)")
                #expect(try catcher.receivedMessages().count == 1, "and nothing more was sent")
            }
        }
    }

    /// SMS through an HTTP gateway: the body template filled in JSON-escaped, the sealed auth header sent, a
    /// 503 retried; an SMTP server that is down keeps e-mail queued.
    @Test func anSMSGoesThroughTheGatewayAfterA503AndEmailWaitsForADownServer() async throws {
        let gateway = try await FakeSMSGateway(failFirst: 1)
        defer { gateway.stop() }
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        let clock = ManualClock()
        try await harness.run(clock: clock) { api in
            let settings = try await api.call(.patch, "/v1/settings", key: key, body: """
                {"sms_gateway": {"url": "\(gateway.url)", "auth_header": "Bearer sms-token",
                                 "body": "{\\"to\\": \\"{{to}}\\", \\"message\\": \\"{{text}}\\"}"},
                 "smtp": {"host": "127.0.0.1", "port": \(try WebhookReceiver.freePort()), "starttls": false, "from": "order@butiken.se"}}
                """)
            #expect(settings.status == .ok, "\(settings.text)")
            let sms = try await api.call(.post, "/v1/templates", key: key, body: """
                {"name": "Skickad", "kind": "sms", "purpose": "transactional",
                 "body": {"text": "Hej {{contact.first_name}}! Order {{order.number}} är \\"skickad\\"."}}
                """)
            let smsID = try #require(sms.json["id"]?.stringValue, "\(sms.text)")
            let confirmation = try await Self.templateID(api, key, "shipping_confirmation.sv")
            let created = try await api.call(.post, "/v1/automations", key: key, body: """
                {"name": "Skickad", "trigger": {"event_type": "order.shipped"},
                 "steps": [{"type": "sms", "template_id": "\(smsID)"}, {"type": "email", "template_id": "\(confirmation)"}]}
                """)
            let automation = try #require(created.json["id"]?.stringValue, "\(created.text)")
            let order = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
            let orderID = try #require(order.json["id"]?.stringValue)
            let shipped = try await api.call(.post, "/v1/orders/\(orderID)/status", key: key, body: #"{"status": "shipped"}"#)
            #expect(shipped.status == .ok, "\(shipped.text)")

            #expect(try await eventually { try await gateway.requests().count >= 1 }, "the first attempt reaches the gateway")
            // Past the first retry (5 s ± 20 %), which a loaded machine may have reached already.
            #expect(try await advancing(clock, by: 10) { try await gateway.requests().count >= 2 }, "and the retry after its 503")
            let request = try #require(try await gateway.requests().last)
            #expect(request["headers"]?["authorization"] == "Bearer sms-token")
            let body = try JSONParser.parse(try #require(request["body"]?.stringValue))
            #expect(body["to"] == "+46701234567" && body["message"] == "Hej Anna! Order #1001 är \"skickad\".", "JSON-escaped: \(body)")
            #expect(try await eventually {
                try await Self.deliveries(api, key, automation: automation).contains { $0["channel"] == "sms" && $0["status"] == "succeeded" }
            })
            // A test send goes to the same gateway at once and answers with what it said.
            let test = try await api.call(.post, "/v1/templates/\(smsID)/test", key: key, body: #"{"to": "070-765 43 21", "order_id": "\#(orderID)"}"#)
            #expect(test.json["sent"] == true && test.json["to"] == "+46707654321" && test.json["server_reply"]?.stringValue?.hasPrefix("HTTP 200") == true,
                    "\(test.text)")
            let tested = try JSONParser.parse(try #require(try await gateway.requests().last?["body"]?.stringValue))
            #expect(tested["to"] == "+46707654321" && tested["message"] == "Hej Anna! Order #1001 är \"skickad\".", "\(tested)")
            // The e-mail is tried beside the SMS, not necessarily before this point: wait for its first attempt.
            #expect(try await eventually {
                try await Self.deliveries(api, key, automation: automation).contains { $0["channel"] == "email" && $0["attempt_count"] != 0 }
            })
            let all = try await Self.deliveries(api, key, automation: automation)
            let email = try #require(all.first { $0["channel"] == "email" })
            #expect(email["status"] == "pending" && email["last_error"]?.stringValue?.contains("connection") == true,
                    "nobody listens on the SMTP port: the e-mail stays queued for a retry: \(email)")
        }
    }

    /// A server that refuses the account's password keeps the confirmation queued with the server's words in
    /// the log; once the merchant fixes the password, the next retry sends it.
    @Test func aRefusedPasswordKeepsTheMessageQueuedUntilTheSettingsAreFixed() async throws {
        try await SMTPCatcher.withCatcher(arguments: ["--auth", "butiken:rätt-lösen"], tls: .startTLS) { catcher, certificates in
            let ca = try #require(certificates?.caCertificate.path)
            let harness = try APIHarness()
            let (_, key) = try await harness.account()
            let clock = ManualClock()
            try await harness.run(smtpCAFile: ca, clock: clock) { api in
                func configure(password: String) async throws {
                    let reply = try await api.call(.patch, "/v1/settings", key: key, body: """
                        {"smtp": {"host": "127.0.0.1", "port": \(catcher.port), "starttls": true, "username": "butiken",
                                  "password": "\(password)", "from": "order@butiken.se"}}
                        """)
                    #expect(reply.status == .ok, "\(reply.text)")
                }
                try await configure(password: "fel")
                let (automation, waiting) = try await Self.confirmationAfterItsFirstAttempt(api, key)
                #expect(waiting["status"] == "pending" && waiting["last_error"]?.stringValue?.contains("535") == true,
                        "refused, kept for a retry, with the server's words: \(waiting)")
                #expect(try catcher.receivedMessages().isEmpty)
                try await configure(password: "rätt-lösen")
                // On to the next retry: on a loaded machine the first retry (5 s) may already have gone, with the old
                // password, before the settings changed. The settings the sender read expire too.
                #expect(try await advancing(clock, by: 400) { try catcher.receivedMessages().count == 1 }, "sent once the password is right")
                let sent = try await eventually { try await Self.deliveries(api, key, automation: automation).first?["status"] == "succeeded" }
                let id = try #require(waiting["id"]?.stringValue)
                let delivery = try await api.call(.get, "/v1/deliveries/\(id)", key: key)
                #expect(sent, "\(delivery.text)")
            }
        }
    }

    /// A server that hangs up in the middle of the message loses nothing: the confirmation stays queued with
    /// the broken connection in its log, and the retry delivers it, once.
    @Test func aServerHangingUpMidMessageKeepsTheConfirmationQueuedForItsRetry() async throws {
        try await SMTPCatcher.withCatcher(arguments: ["--drop-after-data-lines", "3", "--drop-times", "1"]) { catcher, _ in
            let harness = try APIHarness()
            let (_, key) = try await harness.account()
            let clock = ManualClock()
            try await harness.run(clock: clock) { api in
                try await Self.useCatcher(api, key, catcher)
                let first = try await Self.confirmationAfterItsFirstAttempt(api, key)
                let automation = first.automation
                let id = try #require(first.delivery["id"]?.stringValue)
                // The retry comes 5 s (± 20 %) after the broken attempt; a loaded machine may be there already.
                #expect(try await advancing(clock, by: 10) { try catcher.receivedMessages().count == 1 }, "the retry delivers it")
                let sent = try await eventually { try await Self.deliveries(api, key, automation: automation).first?["status"] == "succeeded" }
                let delivery = try await api.call(.get, "/v1/deliveries/\(id)", key: key)
                #expect(sent, "\(delivery.text)")
                let attempts = delivery.json["attempts"]?.arrayValue ?? []
                #expect(attempts.count == 2, "one broken, one delivered: \(attempts)")
                let firstError = attempts.first?["error"]?.stringValue ?? ""
                #expect(firstError.contains("SMTP connection failure"), "the first attempt broke off mid-message and was kept for a retry: \(attempts)")
                #expect(try catcher.receivedMessages().count == 1, "and only once")
            }
        }
    }

    @Test func badAutomationsAreRefusedWithPointersAndStoreNothing() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let confirmation = try await Self.templateID(api, key, "order_confirmation.en")
            let cases: [(String, String)] = [
                (#"{"name": "x", "trigger": {}, "steps": [{"type": "add_tag", "tag": "A"}]}"#, "/trigger"),
                (#"{"name": "x", "trigger": {"tag": "A", "days_after_order": 3}, "steps": [{"type": "add_tag", "tag": "A"}]}"#, "/trigger"),
                (#"{"name": "x", "trigger": {"event_type": "order.nope"}, "steps": [{"type": "add_tag", "tag": "A"}]}"#, "/trigger/event_type"),
                (#"{"name": "x", "trigger": {"days_without_order": 0}, "steps": [{"type": "add_tag", "tag": "A"}]}"#, "/trigger/days_without_order"),
                (#"{"name": "x", "trigger": {"tag": "A"}, "steps": [{"type": "wait", "duration": "P1M"}]}"#, "/steps/0/duration"),
                (#"{"name": "x", "trigger": {"tag": "A"}, "steps": [{"type": "fly"}]}"#, "/steps/0/type"),
                (#"{"name": "x", "trigger": {"tag": "A"}, "steps": [{"type": "sms", "template_id": "\#(confirmation)"}]}"#, "/steps/0/template_id"),
                (#"{"name": "x", "trigger": {"tag": "A"}, "steps": [{"type": "postback", "trigger_id": "trg_nope"}]}"#, "/steps/0/trigger_id"),
                (#"{"name": "x", "trigger": {"event_type": "order.received", "filter": "a[?"}, "steps": [{"type": "add_tag", "tag": "A"}]}"#, "/trigger/filter"),
                (#"{"trigger": {"tag": "A"}, "steps": []}"#, "/name"),
            ]
            for (body, pointer) in cases {
                let reply = try await api.call(.post, "/v1/automations", key: key, body: body)
                #expect(reply.status == .unprocessableContent, "\(body): \(reply.text)")
                #expect(reply.json["errors"]?.arrayValue?.contains { $0["pointer"]?.stringValue == pointer } == true, "\(body) → \(pointer): \(reply.text)")
            }
            let list = try await api.call(.get, "/v1/automations", key: key)
            #expect(list.json["items"]?.arrayValue?.isEmpty == true, "nothing was stored")
            let missing = try await api.call(.patch, "/v1/automations/aut_missing", key: key, body: #"{"active": false}"#)
            #expect(missing.status == .notFound)
        }
    }
}
