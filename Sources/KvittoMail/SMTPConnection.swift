import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One authenticated SMTP session that can deliver many messages.
///
/// `send` and `close` may be called from any task; calls are queued so the
/// conversation with the server never interleaves. All methods throw only
/// ``SMTPError``.
public final class SMTPConnection: Sendable {
    /// The extensions announced in the last EHLO (after STARTTLS when used).
    public let capabilities: SMTPCapabilities
    private let channel: any Channel
    private let lock = AsyncSerialLock()

    private init(channel: any Channel, capabilities: SMTPCapabilities) {
        self.channel = channel
        self.capabilities = capabilities
    }

    /// False once the server closed the connection, it failed, or ``close()`` ran.
    public var isOpen: Bool { channel.isActive }

    /// Opens the connection and runs greeting, EHLO (HELO as fallback), STARTTLS
    /// and AUTH so the returned connection is ready for ``send(_:)``.
    public static func connect(
        _ settings: SMTPSettings,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(SMTPError) -> SMTPConnection {
        let sslContext = try makeSSLContext(settings)
        let replyTimeout = TimeAmount(settings.commandTimeout)
        let implicitTLSContext = settings.security == .implicitTLS ? sslContext : nil
        let host = settings.host
        let bootstrap = ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(TimeAmount(settings.connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLSContext {
                        let tlsHandler = try makeTLSHandler(implicitTLSContext, host: host)
                        try channel.pipeline.syncOperations.addHandler(tlsHandler)
                    }
                    try channel.pipeline.syncOperations.addHandler(SMTPClientHandler(replyTimeout: replyTimeout))
                }
            }

        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: settings.connectAddress ?? settings.host, port: settings.port).get()
        } catch {
            throw .connection("cannot connect to \(settings.host):\(settings.port): \(error)")
        }

        do {
            let capabilities = try await establishSession(on: channel, settings: settings, sslContext: sslContext)
            return SMTPConnection(channel: channel, capabilities: capabilities)
        } catch {
            try? await channel.close()
            throw error
        }
    }

    /// Delivers one message to all its recipients or to none of them.
    ///
    /// - Returns: the server's final reply, e.g. `250 OK queued as 4F2A`, for the delivery log.
    /// - Throws: ``SMTPError``. After a rejected transaction RSET is sent so the
    ///   connection stays usable. When pipelined RCPTs were partly rejected but the
    ///   server already accepted DATA, the only way not to deliver to the accepted
    ///   subset is to drop the connection, so ``isOpen`` is false afterwards.
    public func send(_ message: MailMessage) async throws(SMTPError) -> String {
        let sender = try message.from.validated()
        var validatedRecipients: [String] = []
        for recipient in message.to {
            validatedRecipients.append(try recipient.validated())
        }
        let recipients = validatedRecipients
        let payload = SMTPDotStuffing.dataPhasePayload(for: try MIMEWriter().render(message))
        let pipelining = capabilities.supportsPipelining
        do {
            return try await lock.withLock {
                try await self.runTransaction(sender: sender, recipients: recipients, payload: payload, pipelining: pipelining)
            }
        } catch {
            throw SMTPClientHandler.classify(error)
        }
    }

    /// Says QUIT and closes. Errors are ignored: the connection is gone either way.
    public func close() async {
        await lock.withLock {
            if self.channel.isActive {
                _ = try? await Self.exchange(on: self.channel, "QUIT\r\n")
            }
            try? await self.channel.close()
        }
    }

    // MARK: - Transaction

    private func runTransaction(sender: String, recipients: [String], payload: [UInt8], pipelining: Bool) async throws(SMTPError) -> String {
        guard channel.isActive else {
            throw .connection("the connection is closed")
        }
        let envelopeCommands = ["MAIL FROM:<\(sender)>"] + recipients.map { "RCPT TO:<\($0)>" }
        let dataReply: SMTPReply
        if pipelining {
            let replies = try await Self.exchange(
                on: channel,
                (envelopeCommands + ["DATA"]).map { $0 + "\r\n" }.joined(),
                expectingReplies: envelopeCommands.count + 1
            )
            dataReply = replies[replies.count - 1]
            if let rejection = replies.dropLast().first(where: { !$0.isPositiveCompletion }) {
                if dataReply.code == 354 {
                    // The server would now deliver to the recipients it accepted; hanging up discards the transaction.
                    try? await channel.close()
                } else {
                    await resetTransaction(after: rejection)
                }
                throw SMTPError.rejection(rejection)
            }
        } else {
            for command in envelopeCommands {
                let reply = try await Self.exchange(on: channel, command + "\r\n")
                guard reply.isPositiveCompletion else {
                    await resetTransaction(after: reply)
                    throw SMTPError.rejection(reply)
                }
            }
            dataReply = try await Self.exchange(on: channel, "DATA\r\n")
        }
        guard dataReply.code == 354 else {
            await resetTransaction(after: dataReply)
            throw SMTPError.rejection(dataReply)
        }

        let finalReply = try await Self.exchange(on: channel, payload)
        guard finalReply.isPositiveCompletion else {
            await resetTransaction(after: finalReply)
            throw SMTPError.rejection(finalReply)
        }
        return finalReply.description
    }

    /// Brings the server back to its initial state so the next message can use
    /// this connection; gives up on the connection when that is not possible.
    private func resetTransaction(after rejection: SMTPReply) async {
        // 421 means the server is about to close the channel anyway.
        guard rejection.code != 421, channel.isActive else {
            try? await channel.close()
            return
        }
        let resetReply = try? await Self.exchange(on: channel, "RSET\r\n")
        if resetReply?.isPositiveCompletion != true {
            try? await channel.close()
        }
    }

    // MARK: - Session setup

    private static func establishSession(
        on channel: any Channel,
        settings: SMTPSettings,
        sslContext: NIOSSLContext?
    ) async throws(SMTPError) -> SMTPCapabilities {
        let greeting = try await exchange(on: channel, nil)
        guard greeting.code == 220 else {
            throw .rejection(greeting)
        }
        var capabilities = try await greet(on: channel, heloName: settings.heloName)

        if settings.security == .startTLS {
            guard capabilities.supportsStartTLS, let sslContext else {
                throw .tls("the server does not offer STARTTLS")
            }
            let reply = try await exchange(on: channel, "STARTTLS\r\n")
            guard reply.code == 220 else {
                throw .tls("STARTTLS refused: \(reply)")
            }
            try await startTLS(on: channel, sslContext: sslContext, settings: settings)
            // RFC 3207 §4.2: everything learned before TLS must be forgotten.
            capabilities = try await greet(on: channel, heloName: settings.heloName)
        }

        if let credentials = settings.credentials {
            try await authenticate(on: channel, credentials: credentials, capabilities: capabilities)
        }
        return capabilities
    }

    private static func greet(on channel: any Channel, heloName: String) async throws(SMTPError) -> SMTPCapabilities {
        guard !heloName.isEmpty, heloName.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            throw .invalidMessage("HELO name \(heloName.debugDescription) is not a printable ASCII token")
        }
        let ehloReply = try await exchange(on: channel, "EHLO \(heloName)\r\n")
        if ehloReply.code == 250 {
            return SMTPCapabilities(ehloReply: ehloReply)
        }
        // Only "command not recognised"-style refusals justify falling back to plain SMTP.
        guard (500..<600).contains(ehloReply.code) else {
            throw .rejection(ehloReply)
        }
        let heloReply = try await exchange(on: channel, "HELO \(heloName)\r\n")
        guard heloReply.code == 250 else {
            throw .rejection(heloReply)
        }
        return .none
    }

    private static func startTLS(on channel: any Channel, sslContext: NIOSSLContext, settings: SMTPSettings) async throws(SMTPError) {
        let host = settings.host
        let handshake = channel.eventLoop.makePromise(of: Void.self)
        do {
            try await channel.eventLoop.submit {
                let smtpHandler = try channel.pipeline.syncOperations.handler(type: SMTPClientHandler.self)
                guard !smtpHandler.hasUnconsumedInput else {
                    throw SMTPError.protocolViolation("the server sent data after its STARTTLS reply")
                }
                let tlsHandler = try makeTLSHandler(sslContext, host: host)
                // The waiter goes in first so that the TLS handler, added before it, ends up in front of it.
                try channel.pipeline.syncOperations.addHandler(TLSHandshakeWaiter(done: handshake), position: .first)
                try channel.pipeline.syncOperations.addHandler(tlsHandler, position: .first)
            }.get()
            try await handshake.futureResult.get()
        } catch {
            handshake.fail(SMTPClientHandler.classify(error))
            throw SMTPClientHandler.classify(error)
        }
    }

    private static func authenticate(
        on channel: any Channel,
        credentials: SMTPSettings.Credentials,
        capabilities: SMTPCapabilities
    ) async throws(SMTPError) {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        func authenticationFailure(_ reply: SMTPReply) -> SMTPError {
            (400..<500).contains(reply.code)
                ? .transient(code: reply.code, text: reply.text)
                : .authentication(code: reply.code, text: reply.text)
        }

        let mechanisms = capabilities.authMechanisms
        let finalReply: SMTPReply
        if mechanisms.contains("PLAIN") {
            let initialResponse = base64("\0\(credentials.username)\0\(credentials.password)")
            finalReply = try await exchange(on: channel, "AUTH PLAIN \(initialResponse)\r\n")
        } else if mechanisms.contains("LOGIN") {
            let usernamePrompt = try await exchange(on: channel, "AUTH LOGIN\r\n")
            guard usernamePrompt.code == 334 else { throw authenticationFailure(usernamePrompt) }
            let passwordPrompt = try await exchange(on: channel, base64(credentials.username) + "\r\n")
            guard passwordPrompt.code == 334 else { throw authenticationFailure(passwordPrompt) }
            finalReply = try await exchange(on: channel, base64(credentials.password) + "\r\n")
        } else {
            let offered = mechanisms.isEmpty ? "none" : mechanisms.sorted().joined(separator: ", ")
            throw .protocolViolation("credentials are configured but the server offers no AUTH PLAIN or LOGIN (offered: \(offered))")
        }
        guard finalReply.code == 235 else {
            throw authenticationFailure(finalReply)
        }
    }

    // MARK: - Plumbing

    private static func makeSSLContext(_ settings: SMTPSettings) throws(SMTPError) -> NIOSSLContext? {
        guard settings.security != .none else { return nil }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = settings.verifiesHostname ? .fullVerification : .noHostnameVerification
        if let rootsPath = settings.additionalTrustedRootsPEMPath {
            configuration.additionalTrustRoots = [.file(rootsPath)]
        }
        do {
            return try NIOSSLContext(configuration: configuration)
        } catch {
            throw .tls("cannot set up TLS: \(error)")
        }
    }

    /// SNI must not carry an IP address; without it NIOSSL checks the certificate
    /// against the peer's IP, which is what a connection to `127.0.0.1` needs.
    private static func makeTLSHandler(_ context: NIOSSLContext, host: String) throws -> NIOSSLClientHandler {
        let isIPAddress = (try? SocketAddress(ipAddress: host, port: 0)) != nil
        return try NIOSSLClientHandler(context: context, serverHostname: isIPAddress ? nil : host)
    }

    private static func exchange(on channel: any Channel, _ command: String?) async throws(SMTPError) -> SMTPReply {
        let replies = try await exchange(on: channel, command.map { Array($0.utf8) }, expectingReplies: 1)
        return replies[0]
    }

    private static func exchange(on channel: any Channel, _ payload: [UInt8]) async throws(SMTPError) -> SMTPReply {
        let replies = try await exchange(on: channel, Optional(payload), expectingReplies: 1)
        return replies[0]
    }

    private static func exchange(on channel: any Channel, _ commands: String, expectingReplies count: Int) async throws(SMTPError) -> [SMTPReply] {
        try await exchange(on: channel, Array(commands.utf8), expectingReplies: count)
    }

    /// Writes `payload` (nothing when nil, to wait for the greeting) and waits for
    /// `count` replies in order.
    private static func exchange(on channel: any Channel, _ payload: [UInt8]?, expectingReplies count: Int) async throws(SMTPError) -> [SMTPReply] {
        let promises = (0..<count).map { _ in channel.eventLoop.makePromise(of: SMTPReply.self) }
        let request = SMTPRequest(payload: payload.map { channel.allocator.buffer(bytes: $0) }, replyPromises: promises)
        channel.writeAndFlush(request).whenFailure { error in
            let failure = SMTPClientHandler.classify(error)
            promises.forEach { $0.fail(failure) }
        }
        var replies: [SMTPReply] = []
        do {
            for promise in promises {
                replies.append(try await promise.futureResult.get())
            }
        } catch {
            throw SMTPClientHandler.classify(error)
        }
        return replies
    }
}
