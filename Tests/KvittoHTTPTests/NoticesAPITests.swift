import Foundation
import HTTPTypes
import KvittoCore
import KvittoTestSupport
import Testing

@Suite("HTTP: postbacks by e-mail and alerts",
       .enabled(if: SMTPTestEnvironment.shouldRun, "python3 with aiosmtpd is needed (set CI=true to fail instead of skipping)"))
struct NoticesAPITests {
    static func subjects(_ catcher: SMTPCatcher) throws -> [String] { try catcher.receivedMessages().map(\.parsed.subject) }

    /// A trigger whose destination is an e-mail address mails the payload; a trigger Kvitto switches off (410)
    /// and an SMS gateway that keeps failing each send one alert to the account's alert address, not one per
    /// failure.
    @Test func anEmailTriggerMailsThePayloadAndTroubleIsAlertedOnceAnHour() async throws {
        let gone = try await WebhookReceiver(arguments: ["--status", "410"])
        defer { gone.stop() }
        let gateway = try await FakeSMSGateway(failFirst: 1000)
        defer { gateway.stop() }
        try await SMTPCatcher.withCatcher(arguments: []) { catcher, _ in
            let harness = try APIHarness()
            let (_, key) = try await harness.account()
            let clock = ManualClock()
            try await harness.run(clock: clock) { api in
                let settings = try await api.call(.patch, "/v1/settings", key: key, body: """
                    {"smtp": {"host": "127.0.0.1", "port": \(catcher.port), "starttls": false, "from": "Kvitto <kvitto@butiken.se>"},
                     "sms_gateway": {"url": "\(gateway.url)", "body": "{\\"to\\": \\"{{to}}\\", \\"text\\": \\"{{text}}\\"}"},
                     "alert_email": "ops@butiken.se"}
                    """)
                #expect(settings.status == .ok, "\(settings.text)")
                let mailTrigger = try await api.call(.post, "/v1/triggers", key: key,
                                                     body: #"{"name": "Lager", "event_types": ["order.received"], "email": "lager@butiken.se"}"#)
                #expect(mailTrigger.status == .created && mailTrigger.json["email"] == "lager@butiken.se" && mailTrigger.json["url"] == .null,
                        "\(mailTrigger.text)")
                let mailTriggerID = try #require(mailTrigger.json["id"]?.stringValue)
                let test = try await api.call(.post, "/v1/triggers/\(mailTriggerID)/test", key: key)
                #expect(test.json["response"]?["sent"] == true, "\(test.text)")
                let both = try await api.call(.post, "/v1/triggers", key: key,
                                              body: #"{"name": "x", "event_types": ["order.received"], "email": "a@b.se", "url": "https://x.example/h"}"#)
                #expect(both.status == .unprocessableContent)
                let badEmail = try await api.call(.post, "/v1/triggers", key: key, body: #"{"name": "x", "event_types": ["order.received"], "email": "nope"}"#)
                #expect(badEmail.status == .unprocessableContent && badEmail.json["errors"]?.arrayValue?.first?["pointer"] == "/email")

                let partner = try await api.call(.post, "/v1/triggers", key: key,
                                                 body: #"{"name": "Partner", "event_types": ["order.received"], "url": "\#(gone.url)"}"#)
                try await gone.start(secrets: [try #require(partner.json["secret"]?.stringValue)])
                let sms = try await api.call(.post, "/v1/templates", key: key,
                                             body: #"{"name": "s", "kind": "sms", "purpose": "transactional", "body": {"text": "Tack {{contact.first_name}}"}}"#)
                let smsID = try #require(sms.json["id"]?.stringValue)
                _ = try await api.call(.post, "/v1/automations", key: key,
                                       body: #"{"name": "SMS", "trigger": {"event_type": "order.received"}, "steps": [{"type": "sms", "template_id": "\#(smsID)"}]}"#)
                _ = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())

                #expect(try await eventually { try Self.subjects(catcher).contains { $0.hasPrefix("Lager: order.received #1001") } },
                        "the payload went by e-mail: \((try? Self.subjects(catcher)) ?? [])")
                let payloadMail = try #require(try catcher.receivedMessages().first { $0.parsed.subject.hasPrefix("Lager: order.received #1001") })
                #expect(payloadMail.rcptTos == ["lager@butiken.se"] && payloadMail.parsed.parts.first?.text.contains("\"number\":\"#1001\"") == true)
                #expect(try await eventually { try Self.subjects(catcher).contains("Kvitto switched off the trigger Partner") },
                        "the 410 switched the trigger off, and the alert address heard of it: \((try? Self.subjects(catcher)) ?? [])")

                // The SMS gateway answers 503: the first attempt, then the retries after 5 s and 5 min (the test's clock
                // runs on with the real one, so it may have retried once already).
                #expect(try await eventually { try await gateway.requests().count >= 1 })
                #expect(try await advancing(clock, by: 10) { try await gateway.requests().count >= 2 })
                #expect(try await advancing(clock, by: 120) { try await gateway.requests().count >= 3 })
                #expect(try await eventually { try Self.subjects(catcher).contains("Kvitto cannot send SMS") }, "the third failure is alerted")
                // The fourth attempt is 30 min (± 20 %) after the third: 5-minute steps stay well inside the alert's hour.
                #expect(try await advancing(clock, by: 5 * 60) { try await gateway.requests().count >= 4 })
                try await Task.sleep(for: .seconds(1))
                let alerts = try Self.subjects(catcher).filter { $0 == "Kvitto cannot send SMS" }
                #expect(alerts.count == 1, "one alert an hour, not one per failure: \((try? Self.subjects(catcher)) ?? [])")
                let alert = try #require(try catcher.receivedMessages().first { $0.parsed.subject == "Kvitto cannot send SMS" })
                #expect(alert.rcptTos == ["ops@butiken.se"] && alert.parsed.parts.first?.text.contains("HTTP 503") == true)
                let logged = try await api.call(.get, "/v1/deliveries?automation_id=alerts", key: key)
                #expect(logged.json["items"]?.arrayValue?.count == 2, "alerts are in the delivery log: \(logged.text)")
            }
        }
    }
}
