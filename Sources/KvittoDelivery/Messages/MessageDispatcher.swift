import Foundation
import KvittoCore
import KvittoMail
import KvittoStorage
import KvittoTemplates
import Synchronization

/// What one attempt to send a message came to.
public struct MessageAttempt: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Handed over: the SMTP server's or the gateway's answer.
        case sent(String)
        /// Not sent, and may go later without anybody changing the message (4xx, a connection that broke,
        /// a server refusing the account's password, settings still missing).
        case retry(String)
        /// Will never go as it is (5xx for this recipient, a template that no longer renders, suppressed).
        case failed(String)
    }

    public var outcome: Outcome
    /// The gateway's HTTP status for SMS; nil for e-mail (the SMTP reply is in the outcome's text).
    public var statusCode: Int?
    public var latencyMilliseconds: Int

    public init(_ outcome: Outcome, statusCode: Int? = nil, latencyMilliseconds: Int = 0) {
        self.outcome = outcome; self.statusCode = statusCode; self.latencyMilliseconds = latencyMilliseconds
    }
}

/// Sends the e-mail and SMS deliveries automations queue: renders the template against the run's event in
/// the account's currency, locale and time zone, and hands the result to the account's SMTP server (a few
/// connections kept open per account and reused) or SMS gateway. Marketing messages check the suppression
/// list first and carry a one-click unsubscribe (RFC 8058).
public final class MessageDispatcher: Sendable {
    let store: any KvittoStore
    let secrets: SecretBox
    let http: WebhookSender
    let outbound: OutboundGuard
    let publicURL: String
    let smtpTrustRoots: String?
    let clock: any KvittoClock
    private let accounts = Mutex<[String: CachedAccount]>([:])
    private let compiled = Mutex<[String: CompiledTemplate]>([:])
    private let pool = SMTPPool()

    /// How long an account's settings are trusted before they are read again.
    static let settingsTTL: TimeInterval = 5
    /// SMTP connections per account and server: messages go out over them side by side.
    static let connectionsPerServer = 4

    struct CachedAccount { let account: Account; let settings: AccountSettings?; let readAt: Date }
    struct CompiledTemplate { let updatedAt: Date; let template: MessageTemplate }

    public init(store: any KvittoStore, secrets: SecretBox, http: WebhookSender, outbound: OutboundGuard, publicURL: String,
                smtpTrustRoots: String?, clock: any KvittoClock = SystemClock()) {
        self.store = store; self.secrets = secrets; self.http = http; self.outbound = outbound; self.publicURL = publicURL
        self.smtpTrustRoots = smtpTrustRoots; self.clock = clock
    }

    public func close() async { await pool.closeAll() }

    public func send(_ delivery: Delivery, event: Event, template: Template?) async -> MessageAttempt {
        guard let template, let kind = MessageKind(template.kind) else { return MessageAttempt(.failed("the template was deleted")) }
        guard let recipient = delivery.recipient, !recipient.isEmpty else { return MessageAttempt(.failed("the message has no recipient")) }
        let context: CachedAccount
        do {
            guard let found = try await account(delivery.accountID) else { return MessageAttempt(.failed("the account is gone")) }
            context = found
        } catch {
            return MessageAttempt(.retry("could not read the account's settings: \(error)"))
        }
        let marketing = (template.purpose ?? .marketing) == .marketing
        if marketing {
            let hash = secrets.suppressionHash(account: delivery.accountID, recipient: recipient)
            do {
                if try await store.read({ r in try r.isSuppressed(account: delivery.accountID, hash: hash) }) {
                    return MessageAttempt(.failed("suppressed: \(recipient) unsubscribed or was blacklisted"))
                }
            } catch {
                return MessageAttempt(.retry("could not read the suppression list: \(error)"))
            }
        }
        let unsubscribe = marketing && kind == .email
            ? UnsubscribeLink(accountID: delivery.accountID, deliveryID: delivery.id).url(publicURL: publicURL, secrets: secrets) : nil
        let message: RenderedMessage
        do {
            message = try render(template, kind: kind, event: event, account: context, unsubscribeURL: unsubscribe)
        } catch {
            return MessageAttempt(.failed("the template could not be rendered: \(error)"))
        }
        switch kind {
        case .email: return await sendEmail(message, id: delivery.id, to: recipient, settings: context.settings, unsubscribeURL: unsubscribe)
        case .sms: return await sendSMS(message, to: recipient, settings: context.settings)
        }
    }

    /// A plain-text e-mail Kvitto writes itself (an alert, a postback to an e-mail address) through the
    /// account's SMTP server: no template, no suppression list (it goes to the merchant, not a contact).
    public func sendNotice(accountID: String, to recipient: String, subject: String, text: String, messageID: String) async -> MessageAttempt {
        guard !recipient.isEmpty else { return MessageAttempt(.failed("the message has no recipient")) }
        let settings: AccountSettings?
        do {
            guard let found = try await account(accountID) else { return MessageAttempt(.failed("the account is gone")) }
            settings = found.settings
        } catch {
            return MessageAttempt(.retry("could not read the account's settings: \(error)"))
        }
        let message = RenderedMessage(kind: .email, subject: subject, html: nil, text: text, warnings: [])
        return await sendEmail(message, id: messageID, to: recipient, settings: settings, unsubscribeURL: nil)
    }

    private func account(_ id: String) async throws -> CachedAccount? {
        let now = clock.now()
        if let cached = accounts.withLock({ $0[id] }), now.timeIntervalSince(cached.readAt) < Self.settingsTTL, now >= cached.readAt {
            return cached
        }
        guard let (account, settings) = try await store.read({ r -> (Account, AccountSettings?)? in
            guard let account = try r.account(id) else { return nil }
            return (account, try r.settings(account: id))
        }) else { return nil }
        let fresh = CachedAccount(account: account, settings: settings, readAt: now)
        accounts.withLock { $0[id] = fresh }
        return fresh
    }

    private func render(_ template: Template, kind: MessageKind, event: Event, account: CachedAccount,
                        unsubscribeURL: String?) throws -> RenderedMessage {
        let key = template.accountID + "/" + template.id
        var compiledTemplate = compiled.withLock { $0[key] }.flatMap { $0.updatedAt == template.updatedAt ? $0.template : nil }
        if compiledTemplate == nil {
            let source = try MessageTemplateSource.read(kind: kind, body: template.body).get()
            let fresh = try MessageTemplate(source)
            compiled.withLock { entries in
                if entries.count > 10_000 { entries.removeAll() }
                entries[key] = CompiledTemplate(updatedAt: template.updatedAt, template: fresh)
            }
            compiledTemplate = fresh
        }
        let formatting = MessageFormatting.of(account: account.account, settings: account.settings)
        var context = MessageContext.make(event: event.json, formatting: formatting, accountName: account.account.name)
        if let unsubscribeURL, case .object(var object) = context {
            object["unsubscribe_url"] = .string(unsubscribeURL)
            context = .object(object)
        }
        var message = try compiledTemplate!.render(context)
        // A marketing e-mail always offers the way out, also when the template forgot `{{unsubscribe_url}}`.
        if let unsubscribeURL, !(message.text.contains(unsubscribeURL) || (message.html ?? "").contains(unsubscribeURL)) {
            message = message.withUnsubscribeFooter(unsubscribeURL, language: formatting.language)
        }
        return message
    }

    /// - Parameter id: the delivery's id, which makes the `Message-ID`.
    private func sendEmail(_ message: RenderedMessage, id: String, to recipient: String, settings: AccountSettings?,
                           unsubscribeURL: String?) async -> MessageAttempt {
        guard let smtp = settings?.smtp else { return MessageAttempt(.retry("the account has no SMTP settings (PATCH /v1/settings)")) }
        let started = DispatchTime.now().uptimeNanoseconds
        func elapsed() -> Int { Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000) }
        guard let from = MailboxText.parse(smtp.from), let to = MailboxText.address(in: recipient) else {
            return MessageAttempt(.failed("\(MailboxText.parse(smtp.from) == nil ? smtp.from : recipient) is not an e-mail address"))
        }
        var headers: [MailHeader] = []
        if let unsubscribeURL {
            headers.append(MailHeader(name: "List-Unsubscribe", value: "<\(unsubscribeURL)>"))
            headers.append(MailHeader(name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click"))
        }
        let domain = from.address.split(separator: "@").last.map(String.init) ?? "kvitto.invalid"
        // The delivery's id makes the Message-ID: a retry is the same message to the recipient's server.
        let mail = MailMessage(from: MailAddress(from.address, displayName: from.displayName), to: [MailAddress(to)],
                               subject: message.subject ?? "", textBody: message.text, htmlBody: message.html, extraHeaders: headers,
                               messageID: "<\(id)@\(domain)>", date: clock.now())
        let sender: SMTPSender
        do {
            sender = try await self.sender(for: smtp)
        } catch {
            return MessageAttempt(.retry("\(error)"), latencyMilliseconds: elapsed())
        }
        do throws(SMTPError) {
            let reply = try await sender.send(mail)
            return MessageAttempt(.sent(reply), latencyMilliseconds: elapsed())
        } catch {
            switch error {
            case .permanent, .invalidMessage: return MessageAttempt(.failed(error.description), latencyMilliseconds: elapsed())
            // A refused password or certificate is the merchant's to fix; the message waits for it.
            default: return MessageAttempt(.retry(error.description), latencyMilliseconds: elapsed())
            }
        }
    }

    /// One of the account's open SMTP senders for these settings; the server's address is checked against
    /// the outbound policy when the senders are made.
    private func sender(for smtp: AccountSettings.SMTP) async throws -> SMTPSender {
        let key = [smtp.host, String(smtp.port), String(smtp.startTLS), smtp.username ?? "", smtp.sealedPassword ?? ""].joined(separator: "\u{0}")
        if let existing = await pool.next(key) { return existing }
        let address = try await outbound.check(host: smtp.host)
        let settings = try SMTPSettings.of(smtp, connectingTo: address, secrets: secrets, trustRoots: smtpTrustRoots, connectTimeout: .seconds(5))
        return await pool.install(key, (0..<Self.connectionsPerServer).map { _ in SMTPSender(settings: settings) })
    }

    private func sendSMS(_ message: RenderedMessage, to recipient: String, settings: AccountSettings?) async -> MessageAttempt {
        guard let gateway = settings?.smsGateway else { return MessageAttempt(.retry("the account has no SMS gateway (PATCH /v1/settings)")) }
        return await SMSGatewaySend.send(message.text, to: recipient, gateway: gateway, secrets: secrets, http: http)
    }
}

/// The open SMTP senders, per account settings, taken in turn.
actor SMTPPool {
    private var senders: [String: [SMTPSender]] = [:]
    private var turn: [String: Int] = [:]

    func next(_ key: String) -> SMTPSender? {
        guard let list = senders[key], !list.isEmpty else { return nil }
        let index = turn[key, default: 0]
        turn[key] = (index + 1) % list.count
        return list[index]
    }

    /// Keeps the first senders made for `key` when two lanes made them at once.
    func install(_ key: String, _ made: [SMTPSender]) -> SMTPSender {
        if senders[key] == nil { senders[key] = made }
        return next(key)!
    }

    func closeAll() async {
        for list in senders.values { for sender in list { await sender.close() } }
        senders.removeAll()
    }
}

/// The HTTP request an SMS gateway gets: the account's body template with `{{to}}` (E.164) and `{{text}}`
/// filled in, JSON-escaped when the body is JSON and form-encoded otherwise, and its auth header
/// (`Bearer …` goes in `Authorization`; `Name: value` is sent as that header).
public enum SMSGatewayRequest {
    public static func make(gateway: AccountSettings.SMSGateway, authHeader: String?, to: String, text: String) -> OutboundRequest {
        let trimmed = gateway.body.trimmingCharacters(in: .whitespacesAndNewlines)
        let isJSON = trimmed.hasPrefix("{") || trimmed.hasPrefix("[")
        func escaped(_ value: String) -> String {
            if isJSON {
                let quoted = JSONWriter.string(.string(value))
                return String(quoted.dropFirst().dropLast())
            }
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-._~")
            return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
        }
        var body = gateway.body
        for (name, value) in [("to", to), ("text", text)] {
            body = body.replacingOccurrences(of: "{{{\(name)}}}", with: escaped(value)).replacingOccurrences(of: "{{\(name)}}", with: escaped(value))
        }
        var headers: [(String, String)] = [
            ("content-type", isJSON ? "application/json" : "application/x-www-form-urlencoded"), ("user-agent", WebhookSender.userAgent),
        ]
        if let authHeader {
            if let colon = authHeader.firstIndex(of: ":"), !authHeader[..<colon].contains(" ") {
                headers.append((String(authHeader[..<colon]), authHeader[authHeader.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            } else {
                headers.append(("authorization", authHeader))
            }
        }
        return OutboundRequest(method: "POST", url: gateway.url, headers: headers, body: Array(body.utf8))
    }
}
