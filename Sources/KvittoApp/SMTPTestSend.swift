import Foundation
import KvittoCore
import KvittoDelivery
import KvittoHTTP
import KvittoMail
import KvittoTemplates

/// `POST /v1/templates/{id}/test`. E-mail: one connection to the account's SMTP server, one message,
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
        let attempt = await SMSGatewaySend.send(text, to: to, gateway: gateway, secrets: secrets, http: http)
        switch attempt.outcome {
        case .sent(let reply): return MailTestOutcome(serverReply: reply)
        case .retry(let error): return MailTestOutcome(error: (error, true))
        case .failed(let error): return MailTestOutcome(error: (error, false))
        }
    }

    func send(_ message: RenderedMessage, to: String, smtp: AccountSettings.SMTP) async -> MailTestOutcome {
        let address: IPAddress
        do {
            address = try await outbound.check(host: smtp.host)
        } catch {
            return MailTestOutcome(error: ("\(error)", false))
        }
        do throws(SMTPError) {
            let settings = try SMTPSettings.of(smtp, connectingTo: address, secrets: secrets, trustRoots: extraTrustRoots,
                                               connectTimeout: .seconds(10))
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
