import Foundation
import KvittoCore
import KvittoMail

extension SMTPSettings {
    /// How the client reaches an account's SMTP server: implicit TLS on port 465, else STARTTLS unless the
    /// settings say not, AUTH when a username is set (with the password the settings sealed).
    /// - Throws: `.authentication` when the sealed password cannot be opened with this server's key.
    /// - Parameter address: the address to connect to, checked by the outbound guard.
    public static func of(_ smtp: AccountSettings.SMTP, connectingTo address: IPAddress, secrets: SecretBox, trustRoots: String?,
                          connectTimeout: Duration) throws(SMTPError) -> SMTPSettings {
        let credentials: Credentials?
        do {
            credentials = try smtp.username.map { username in
                Credentials(username: username, password: try smtp.sealedPassword.map(secrets.open) ?? "")
            }
        } catch {
            throw .authentication(code: 0, text: "the stored SMTP password cannot be opened with this server's key")
        }
        let security: Security = smtp.port == 465 ? .implicitTLS : smtp.startTLS ? .startTLS : .none
        var settings = SMTPSettings(host: smtp.host, port: smtp.port, security: security, credentials: credentials,
                                    additionalTrustedRootsPEMPath: trustRoots, connectTimeout: connectTimeout, commandTimeout: .seconds(30))
        settings.connectAddress = address.description
        return settings
    }
}

/// One SMS to an account's HTTP gateway, and what its answer means: 2xx sent; 408, 429, 5xx and no answer
/// may pass (retry); any other status is a refusal. Queued messages and test sends both go through here.
public enum SMSGatewaySend {
    public static func send(_ text: String, to recipient: String, gateway: AccountSettings.SMSGateway, secrets: SecretBox,
                            http: WebhookSender) async -> MessageAttempt {
        let auth: String?
        do { auth = try gateway.sealedAuthHeader.map(secrets.open) } catch {
            return MessageAttempt(.retry("the stored gateway auth header cannot be opened with this server's key"))
        }
        let response = await http.send(SMSGatewayRequest.make(gateway: gateway, authHeader: auth, to: recipient, text: text))
        guard let status = response.statusCode else {
            return MessageAttempt(.retry(response.failure.map { "\($0.kind.rawValue): \($0.message)" } ?? "no response"),
                                  latencyMilliseconds: response.latencyMilliseconds)
        }
        let excerpt = response.excerpt.map { String($0.prefix(500)) } ?? ""
        let text = "HTTP \(status)" + (excerpt.isEmpty ? "" : ": " + excerpt)
        switch status {
        case 200...299: return MessageAttempt(.sent(text), statusCode: status, latencyMilliseconds: response.latencyMilliseconds)
        case 408, 429, 500...599: return MessageAttempt(.retry(text), statusCode: status, latencyMilliseconds: response.latencyMilliseconds)
        default: return MessageAttempt(.failed(text), statusCode: status, latencyMilliseconds: response.latencyMilliseconds)
        }
    }
}
