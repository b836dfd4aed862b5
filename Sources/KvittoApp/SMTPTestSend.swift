import Foundation
import KvittoCore
import KvittoDelivery
import KvittoHTTP
import KvittoMail
import KvittoTemplates

/// `POST /v1/templates/{id}/test` for e-mail: one connection to the account's SMTP server, one message,
/// and the server's answer, whatever it is. The server's address passes the same outbound check as
/// postbacks, so a merchant cannot use a test send to probe the network Kvitto runs in.
struct SMTPTestSend: MailTesting {
    let secrets: SecretBox
    let outbound: OutboundGuard
    /// `KVITTO_SMTP_CA_FILE`.
    let extraTrustRoots: String?
    /// SMS gateways are called like postbacks: the same outbound check and timeouts.
    let http: WebhookSender

    func sendSMS(_ text: String, to: String, gateway: AccountSettings.SMSGateway) async -> MailTestOutcome {
        let auth: String?
        do { auth = try gateway.sealedAuthHeader.map(secrets.open) } catch {
            return MailTestOutcome(error: ("the stored gateway auth header cannot be opened with this server's key", false))
        }
        let response = await http.send(SMSGatewayRequest.make(gateway: gateway, authHeader: auth, to: to, text: text))
        guard let status = response.statusCode else {
            return MailTestOutcome(error: (response.failure.map { "\($0.kind.rawValue): \($0.message)" } ?? "no response", true))
        }
        let reply = "HTTP \(status)" + ((response.excerpt ?? "").isEmpty ? "" : ": " + String((response.excerpt ?? "").prefix(500)))
        if (200...299).contains(status) { return MailTestOutcome(serverReply: reply) }
        return MailTestOutcome(error: (reply, status == 408 || status == 429 || status >= 500))
    }

    func send(_ message: RenderedMessage, to: String, smtp: AccountSettings.SMTP) async -> MailTestOutcome {
        do {
            try await outbound.check(host: smtp.host)
        } catch {
            return MailTestOutcome(error: ("\(error)", false))
        }
        let credentials: SMTPSettings.Credentials?
        do {
            credentials = try smtp.username.map { username in
                SMTPSettings.Credentials(username: username, password: try smtp.sealedPassword.map(secrets.open) ?? "")
            }
        } catch {
            return MailTestOutcome(error: ("the stored SMTP password cannot be opened with this server's key", false))
        }
        let security: SMTPSettings.Security = smtp.port == 465 ? .implicitTLS : smtp.startTLS ? .startTLS : .none
        let settings = SMTPSettings(host: smtp.host, port: smtp.port, security: security, credentials: credentials,
                                    additionalTrustedRootsPEMPath: extraTrustRoots, connectTimeout: .seconds(10),
                                    commandTimeout: .seconds(30))
        do throws(SMTPError) {
            let mail = MailMessage(from: try Self.address(smtp.from), to: [try Self.address(to)], subject: message.subject ?? "",
                                   textBody: message.text, htmlBody: message.html)
            let connection = try await SMTPConnection.connect(settings)
            do throws(SMTPError) {
                let reply = try await connection.send(mail)
                await connection.close()
                return MailTestOutcome(serverReply: reply)
            } catch {
                await connection.close()
                throw error
            }
        } catch {
            return MailTestOutcome(error: ("\(error)", error.isRetryable))
        }
    }

    /// `Butiken <order@butiken.se>` or `order@butiken.se` as a mailbox (both were checked when stored or posted).
    static func address(_ value: String) throws(SMTPError) -> MailAddress {
        guard let mailbox = MailboxText.parse(value) else { throw .invalidMessage("\(value) is not an e-mail address") }
        return MailAddress(mailbox.address, displayName: mailbox.displayName)
    }
}
