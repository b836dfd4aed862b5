import Foundation
import KvittoMail
import KvittoTestSupport
import Testing

/// Real SMTP conversations with the aiosmtpd-based catcher in scripts/testing.
@Suite(
    "SMTP end to end",
    .enabled(if: SMTPTestEnvironment.shouldRun, "python3 with aiosmtpd and openssl are needed (set CI=true to fail instead of skipping)")
)
struct SMTPEndToEndTests {
    private let shop = MailAddress("order@kvitto.example", displayName: "Kvitto Shop")
    private let customer = MailAddress("anna@example.se", displayName: "Anna Åström")
    private let credentials = SMTPSettings.Credentials(username: "kvitto", password: "s3cret-lösen")

    private func settings(
        _ catcher: SMTPCatcher,
        security: SMTPSettings.Security = .none,
        credentials: SMTPSettings.Credentials? = nil,
        certificates: TestCertificates? = nil
    ) -> SMTPSettings {
        SMTPSettings(
            host: "127.0.0.1",
            port: catcher.port,
            security: security,
            credentials: credentials,
            heloName: "kvitto.test",
            additionalTrustedRootsPEMPath: certificates?.caCertificate.path,
            connectTimeout: .seconds(5),
            commandTimeout: .seconds(10)
        )
    }

    private func order(_ number: Int, to recipients: [MailAddress]? = nil, body: String? = nil) -> MailMessage {
        MailMessage(
            from: shop,
            to: recipients ?? [customer],
            subject: "Order \(number)",
            textBody: body ?? "Thank you for order \(number).\n"
        )
    }

    private func normalizedLines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    @Test func plainSendDeliversHeadersAndBothParts() async throws {
        try await SMTPCatcher.withCatcher { catcher, _ in
            let subject = "Tack för din order – 1 234,00 Kč"
            let message = MailMessage(
                from: shop,
                to: [customer, MailAddress("jan@example.cz", displayName: "Jan Novák")],
                subject: subject,
                textBody: "Hej Anna,\n\nTotalt: 1 234,00 Kč\n" + String(repeating: "Lång rad med åäö ", count: 10) + "\n",
                htmlBody: "<p>Hej Anna,</p><p>Totalt: <b>1 234,00 Kč</b></p>",
                extraHeaders: [
                    MailHeader(name: "List-Unsubscribe", value: "<https://kvitto.example/u/1>"),
                    MailHeader(name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click"),
                ]
            )
            let connection = try await SMTPConnection.connect(settings(catcher))
            let reply = try await connection.send(message)
            await connection.close()
            #expect(reply.hasPrefix("250 OK queued as catcher-"))
            #expect(!connection.isOpen)

            let received = try catcher.receivedMessages()
            try #require(received.count == 1)
            let caught = received[0]
            #expect(caught.mailFrom == "order@kvitto.example")
            #expect(caught.rcptTos == ["anna@example.se", "jan@example.cz"])
            #expect(!caught.tls)
            #expect(caught.parsed.subject == subject)
            #expect(caught.parsed.from == "Kvitto Shop <order@kvitto.example>")
            #expect(caught.parsed.to == "Anna Åström <anna@example.se>, Jan Novák <jan@example.cz>")
            #expect(caught.parsed.messageId == message.messageID)
            #expect(caught.parsed.contentType == "multipart/alternative")
            #expect(caught.parsed.parts.map(\.contentType) == ["text/plain", "text/html"])
            #expect(caught.parsed.parts.allSatisfy { $0.charset == "utf-8" && $0.transferEncoding == "quoted-printable" })
            #expect(normalizedLines(caught.parsed.parts[0].text) == message.textBody)
            #expect(normalizedLines(caught.parsed.parts[1].text) == message.htmlBody)
            #expect(caught.parsed.defects.isEmpty)
            #expect(caught.parsed.longestLine <= 78)
            #expect(caught.parsed.bareLineFeeds == 0)
            #expect(caught.data.contains("\r\nList-Unsubscribe: <https://kvitto.example/u/1>\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"))
            #expect(caught.data.contains("\r\nMIME-Version: 1.0\r\n"))
        }
    }

    @Test(arguments: ["PLAIN", "LOGIN"])
    func startTLSWithAuthentication(mechanism: String) async throws {
        let offered = mechanism == "LOGIN" ? ["--auth-mechanism", "LOGIN"] : []
        try await SMTPCatcher.withCatcher(arguments: ["--auth", "kvitto:s3cret-lösen"] + offered, tls: .startTLS) { catcher, certificates in
            let connection = try await SMTPConnection.connect(
                settings(catcher, security: .startTLS, credentials: credentials, certificates: certificates)
            )
            #expect(connection.capabilities.authMechanisms.contains(mechanism))
            let reply = try await connection.send(order(1))
            await connection.close()
            #expect(reply.hasPrefix("250 "))
            let received = try catcher.receivedMessages()
            try #require(received.count == 1)
            #expect(received[0].tls)
            #expect(received[0].authMechanism == mechanism)
        }
    }

    @Test func implicitTLSWithAuthentication() async throws {
        try await SMTPCatcher.withCatcher(arguments: ["--auth", "kvitto:s3cret-lösen"], tls: .implicit) { catcher, certificates in
            let connection = try await SMTPConnection.connect(
                settings(catcher, security: .implicitTLS, credentials: credentials, certificates: certificates)
            )
            #expect(!connection.capabilities.supportsStartTLS)
            _ = try await connection.send(order(1))
            await connection.close()
            let received = try catcher.receivedMessages()
            try #require(received.count == 1)
            #expect(received[0].tls)
            #expect(received[0].authMechanism == "PLAIN")
        }
    }

    @Test func wrongPasswordIsAnAuthenticationErrorWithTheServerText() async throws {
        try await SMTPCatcher.withCatcher(arguments: ["--auth", "kvitto:right"], tls: .startTLS) { catcher, certificates in
            let wrong = SMTPSettings.Credentials(username: "kvitto", password: "wrong")
            await #expect {
                _ = try await SMTPConnection.connect(settings(catcher, security: .startTLS, credentials: wrong, certificates: certificates))
            } throws: { error in
                guard case let .authentication(code, text) = error as? SMTPError else { return false }
                return code == 535 && text.contains("Authentication credentials invalid")
            }
        }
    }

    @Test func startTLSIsRequiredWhenConfigured() async throws {
        try await SMTPCatcher.withCatcher { catcher, _ in
            await #expect(throws: SMTPError.tls("the server does not offer STARTTLS")) {
                _ = try await SMTPConnection.connect(settings(catcher, security: .startTLS))
            }
        }
    }

    @Test func untrustedCertificateIsATLSError() async throws {
        try await SMTPCatcher.withCatcher(tls: .startTLS) { catcher, _ in
            await #expect {
                _ = try await SMTPConnection.connect(settings(catcher, security: .startTLS))
            } throws: { error in
                guard let smtpError = error as? SMTPError, case .tls = smtpError else { return false }
                return !smtpError.isRetryable
            }
        }
    }

    @Test func transientRecipientFailureLeavesTheConnectionUsable() async throws {
        try await SMTPCatcher.withCatcher(arguments: ["--reject-rcpt", "busy@example.se=450"]) { catcher, _ in
            let connection = try await SMTPConnection.connect(settings(catcher))
            await #expect {
                _ = try await connection.send(order(1, to: [MailAddress("busy@example.se")]))
            } throws: { error in
                guard let smtpError = error as? SMTPError, case let .transient(code, text) = smtpError else { return false }
                return code == 450 && text.contains("busy@example.se") && smtpError.isRetryable
            }
            #expect(connection.isOpen)
            let reply = try await connection.send(order(2))
            #expect(reply.hasPrefix("250 "))
            await connection.close()
            #expect(try catcher.receivedMessages().map(\.parsed.subject) == ["Order 2"])
        }
    }

    @Test(arguments: [true, false])
    func permanentRejectionOfAnyRecipientSendsToNobody(pipelining: Bool) async throws {
        let arguments = ["--reject-rcpt", "gone@example.se=550"] + (pipelining ? [] : ["--no-pipelining"])
        try await SMTPCatcher.withCatcher(arguments: arguments) { catcher, _ in
            let sender = SMTPSender(settings: settings(catcher))
            let recipients = [customer, MailAddress("gone@example.se"), MailAddress("other@example.se")]
            await #expect {
                _ = try await sender.send(order(1, to: recipients))
            } throws: { error in
                guard let smtpError = error as? SMTPError, case let .permanent(code, text) = smtpError else { return false }
                return code == 550 && text.contains("does not exist") && !smtpError.isRetryable
            }
            #expect(try catcher.receivedMessages().isEmpty, "no message may reach the accepted subset")
            let reply = try await sender.send(order(2))
            #expect(reply.hasPrefix("250 "))
            await sender.close()
            #expect(try catcher.receivedMessages().map(\.rcptTos) == [["anna@example.se"]])
        }
    }

    @Test func serverClosingMidMessageIsARetryableConnectionError() async throws {
        try await SMTPCatcher.withCatcher(arguments: ["--drop-after-data-lines", "3"]) { catcher, _ in
            let connection = try await SMTPConnection.connect(settings(catcher))
            let longBody = (1...200).map { "Line \($0) of a long receipt" }.joined(separator: "\n")
            await #expect {
                _ = try await connection.send(order(1, body: longBody))
            } throws: { error in
                guard let smtpError = error as? SMTPError, case .connection = smtpError else { return false }
                return smtpError.isRetryable
            }
            #expect(!connection.isOpen)
            await #expect(throws: SMTPError.self) { _ = try await connection.send(order(2)) }
            await connection.close()
            #expect(try catcher.receivedMessages().isEmpty)
        }
    }

    @Test func fiftyMessagesOverOnePipelinedConnection() async throws {
        try await SMTPCatcher.withCatcher { catcher, _ in
            let connection = try await SMTPConnection.connect(settings(catcher))
            #expect(connection.capabilities.supportsPipelining)
            var replies: [String] = []
            for number in 1...50 {
                replies.append(try await connection.send(order(number, to: [customer, MailAddress("copy@example.se")])))
            }
            await connection.close()
            #expect(Set(replies).count == 50)
            let received = try catcher.receivedMessages()
            #expect(received.map(\.parsed.subject) == (1...50).map { "Order \($0)" })
            #expect(received.allSatisfy { $0.rcptTos == ["anna@example.se", "copy@example.se"] })
        }
    }

    @Test func concurrentSendsOnOneConnectionAreSerialized() async throws {
        try await SMTPCatcher.withCatcher { catcher, _ in
            let connection = try await SMTPConnection.connect(settings(catcher))
            try await withThrowingTaskGroup(of: String.self) { group in
                for number in 1...10 {
                    group.addTask { try await connection.send(self.order(number)) }
                }
                for try await reply in group {
                    #expect(reply.hasPrefix("250 "))
                }
            }
            await connection.close()
            #expect(Set(try catcher.receivedMessages().map(\.parsed.subject)) == Set((1...10).map { "Order \($0)" }))
        }
    }

    @Test func sequentialCommandsAndHELOFallbackWork() async throws {
        try await SMTPCatcher.withCatcher(arguments: ["--refuse-ehlo"]) { catcher, _ in
            let connection = try await SMTPConnection.connect(settings(catcher))
            #expect(!connection.capabilities.supportsPipelining)
            for number in 1...3 {
                _ = try await connection.send(order(number))
            }
            await connection.close()
            #expect(try catcher.receivedMessages().count == 3)
        }
    }

    @Test func dotStuffingSurvivesTheRoundTrip() async throws {
        try await SMTPCatcher.withCatcher { catcher, _ in
            let body = ".\n.hidden line\n..two dots\nmiddle . dot\n.\n"
            let connection = try await SMTPConnection.connect(settings(catcher))
            _ = try await connection.send(order(1, body: body))
            await connection.close()
            let received = try catcher.receivedMessages()
            try #require(received.count == 1)
            #expect(normalizedLines(received[0].parsed.parts[0].text) == body)
        }
    }

    @Test func senderReconnectsAfterTheServerDroppedAnIdleConnection() async throws {
        // The idle timeout must outlast any stall of this test between two commands of one conversation: in a
        // full parallel run on two cores the test's task has waited over twenty seconds for a thread, and the
        // server then hung up on the fresh connection too. The pause outlasts the timeout, so the server has
        // hung up before the third message.
        try await SMTPCatcher.withCatcher(arguments: ["--idle-timeout", "30"]) { catcher, _ in
            let sender = SMTPSender(settings: settings(catcher))
            _ = try await sender.send(order(1))
            _ = try await sender.send(order(2))
            try await Task.sleep(for: .milliseconds(32_000))
            let reply = try await sender.send(order(3))
            #expect(reply.hasPrefix("250 "))
            await sender.close()
            #expect(try catcher.receivedMessages().map(\.parsed.subject) == ["Order 1", "Order 2", "Order 3"])
        }
    }

    @Test func refusedConnectionIsARetryableConnectionError() async throws {
        // Take a port from a catcher that is then shut down, so nothing listens there.
        let closedPort = try await SMTPCatcher.withCatcher { catcher, _ in catcher.port }
        let settings = SMTPSettings(host: "127.0.0.1", port: closedPort, security: .none, connectTimeout: .seconds(2))
        await #expect {
            _ = try await SMTPConnection.connect(settings)
        } throws: { error in
            guard let smtpError = error as? SMTPError, case .connection = smtpError else { return false }
            return smtpError.isRetryable
        }
    }
}
