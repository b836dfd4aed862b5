import Foundation
import HTTPTypes
import KvittoCore
import KvittoTestSupport
import Testing

@Suite("HTTP: template test sends over SMTP",
       .enabled(if: SMTPTestEnvironment.shouldRun, "python3 with aiosmtpd is needed (set CI=true to fail instead of skipping)"))
struct TemplateTestSendAPITests {
    @Test func theOrderConfirmationGoesToARealSMTPServerAndTheAnswerSaysWhatItSaid() async throws {
        try await SMTPCatcher.withCatcher(arguments: ["--reject-rcpt", "nobody@example.se=550"]) { catcher, _ in
            let harness = try APIHarness()
            let (_, key) = try await harness.account()
            try await harness.run { api in
                let order = try await api.call(.post, "/v1/orders", key: key, body: Sample.order())
                let orderID = try #require(order.json["id"]?.stringValue)
                let templates = try #require(try await api.call(.get, "/v1/templates?limit=100", key: key).json["items"]?.arrayValue)
                let confirmation = try #require(templates.first { $0["key"] == "order_confirmation.sv" }?["id"]?.stringValue)
                let send = #"{"to": "Anna Berg <anna@example.se>", "order_id": "\#(orderID)"}"#

                let unset = try await api.call(.post, "/v1/templates/\(confirmation)/test", key: key, body: send)
                #expect(unset.status == .conflict, "no SMTP server yet: \(unset.text)")

                let settings = try await api.call(.patch, "/v1/settings", key: key, body: """
                    {"smtp": {"host": "127.0.0.1", "port": \(catcher.port), "starttls": false, "from": "Butiken <order@butiken.se>"}}
                    """)
                #expect(settings.status == .ok, "\(settings.text)")
                let sent = try await api.call(.post, "/v1/templates/\(confirmation)/test", key: key, body: send)
                #expect(sent.status == .ok, "\(sent.text)")
                #expect(sent.json["sent"] == true && sent.json["server_reply"]?.stringValue?.hasPrefix("250") == true, "\(sent.text)")
                let received = try catcher.receivedMessages()
                try #require(received.count == 1)
                let mail = received[0]
                #expect(mail.rcptTos == ["anna@example.se"] && mail.mailFrom == "order@butiken.se")
                #expect(mail.parsed.subject.contains("#1001"), "the subject, decoded: \(mail.parsed.subject)")
                #expect(mail.parsed.parts.map(\.contentType) == ["text/plain", "text/html"], "text and HTML alternatives")
                #expect(mail.parsed.parts.allSatisfy { $0.text.contains("647,00\u{00A0}kr") && $0.text.contains("Hoodie") }, "the order in both parts")
                #expect(mail.parsed.defects.isEmpty)

                let refused = try await api.call(.post, "/v1/templates/\(confirmation)/test", key: key,
                                                 body: #"{"to": "nobody@example.se", "order_id": "\#(orderID)"}"#)
                #expect(refused.status == .ok && refused.json["sent"] == false, "\(refused.text)")
                #expect(refused.json["error"]?["retryable"] == false && refused.json["error"]?["detail"]?.stringValue?.contains("550") == true,
                        "the server's refusal, word for word: \(refused.text)")
                #expect(try catcher.receivedMessages().count == 1, "nothing was delivered for the refused recipient")

                let badAddress = try await api.call(.post, "/v1/templates/\(confirmation)/test", key: key, body: #"{"to": "not an address"}"#)
                #expect(badAddress.status == .unprocessableContent && badAddress.json["errors"]?.arrayValue?.first?["pointer"] == "/to")
                let sms = try await api.call(.post, "/v1/templates", key: key, body: #"{"name": "s", "kind": "sms", "body": {"text": "Hej"}}"#)
                let smsTest = try await api.call(.post, "/v1/templates/\(sms.json["id"]?.stringValue ?? "")/test", key: key,
                                                 body: #"{"to": "anna@example.se"}"#)
                #expect(smsTest.status == .unprocessableContent && smsTest.json["errors"]?.arrayValue?.first?["pointer"] == "/to",
                        "an SMS goes to a phone number: \(smsTest.text)")
            }
        }
    }

    /// The password the settings sealed is what AUTH sends, over STARTTLS to a server whose certificate a CA
    /// made for this test signed (trusted through `KVITTO_SMTP_CA_FILE`).
    @Test func overSTARTTLSTheSealedPasswordAuthenticatesAndAWrongOneIsReportedAsTheServerSaidIt() async throws {
        try await SMTPCatcher.withCatcher(arguments: ["--auth", "butiken:rätt-lösen"], tls: .startTLS) { catcher, certificates in
            let ca = try #require(certificates?.caCertificate.path)
            let harness = try APIHarness()
            let (_, key) = try await harness.account()
            try await harness.run(smtpCAFile: ca) { api in
                let templates = try #require(try await api.call(.get, "/v1/templates?limit=100", key: key).json["items"]?.arrayValue)
                let thanks = try #require(templates.first { $0["key"] == "thank_you.en" }?["id"]?.stringValue)
                func configure(password: String) async throws {
                    let reply = try await api.call(.patch, "/v1/settings", key: key, body: """
                        {"smtp": {"host": "127.0.0.1", "port": \(catcher.port), "starttls": true, "username": "butiken",
                                  "password": "\(password)", "from": "order@butiken.se"}}
                        """)
                    #expect(reply.status == .ok, "\(reply.text)")
                }
                try await configure(password: "rätt-lösen")
                let sent = try await api.call(.post, "/v1/templates/\(thanks)/test", key: key, body: #"{"to": "anna@example.se", "sample": "order.delivered"}"#)
                #expect(sent.json["sent"] == true, "\(sent.text)")
                let received = try catcher.receivedMessages()
                #expect(received.count == 1 && received.first?.tls == true && received.first?.authMechanism != nil,
                        "sent over TLS after AUTH")

                try await configure(password: "fel-lösen")
                let refused = try await api.call(.post, "/v1/templates/\(thanks)/test", key: key, body: #"{"to": "anna@example.se"}"#)
                #expect(refused.json["sent"] == false && refused.json["error"]?["retryable"] == false, "\(refused.text)")
                #expect(refused.json["error"]?["detail"]?.stringValue?.contains("535") == true, "the server's refusal: \(refused.text)")
                #expect(try catcher.receivedMessages().count == 1)
            }
        }
    }
}
