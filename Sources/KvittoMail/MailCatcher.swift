import Foundation
import NIOCore
import NIOPosix

/// A small SMTP server that accepts every message and hands it over instead of delivering it: the mail
/// catcher of `kvitto demo`, so that a newcomer sees the confirmations Kvitto sends without an SMTP account
/// (and without Python or a separate tool installed).
///
/// It speaks the plain part of RFC 5321 a sending client needs — EHLO/HELO, MAIL, RCPT, DATA with dot
/// unstuffing, RSET, NOOP, QUIT — and refuses STARTTLS and AUTH, so it is for a loopback address only.
public final class MailCatcher: Sendable {
    /// The port it listens on (the one the system chose when started on port 0).
    public let port: Int
    private let channel: any Channel

    /// The largest message accepted; a bigger one is answered 552 and dropped.
    public static let maximumMessageSize = 10 * 1024 * 1024

    private init(port: Int, channel: any Channel) {
        self.port = port
        self.channel = channel
    }

    /// Starts listening. `received` is called on an event loop for each accepted message; keep it short.
    public static func start(host: String = "127.0.0.1", port: Int = 0,
                             received: @escaping @Sendable (ReceivedMail) -> Void) async throws -> MailCatcher {
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SMTPSessionHandler(received: received))
                }
            }
            .bind(host: host, port: port).get()
        return MailCatcher(port: channel.localAddress?.port ?? port, channel: channel)
    }

    /// Stops accepting connections.
    public func stop() async {
        try? await channel.close()
    }
}

/// One client's SMTP session: lines in, replies out, a message handed over at the end of each DATA.
private final class SMTPSessionHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let received: @Sendable (ReceivedMail) -> Void
    private var pending: [UInt8] = []
    private var envelopeFrom: String?
    private var recipients: [String] = []
    /// The message being read after DATA; nil outside DATA.
    private var message: [UInt8]?
    private var tooLarge = false

    /// A command line longer than this (RFC 5321 allows 512 octets) ends the session.
    private static let longestCommand = 4096

    init(received: @escaping @Sendable (ReceivedMail) -> Void) {
        self.received = received
    }

    func channelActive(context: ChannelHandlerContext) {
        reply(context, "220 kvitto-demo ESMTP mail catcher (nothing is delivered)")
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        var start = 0
        var index = 0
        while index + 1 < pending.count {
            if pending[index] == 13, pending[index + 1] == 10 {
                let line = Array(pending[start..<index])
                start = index + 2
                index = start
                if !handle(line, context: context) { return }
            } else {
                index += 1
            }
        }
        pending.removeFirst(start)
        if message == nil, pending.count > Self.longestCommand {
            reply(context, "500 5.5.6 line too long")
            context.close(promise: nil)
        }
    }

    /// Handles one line; false when the session is over.
    private func handle(_ line: [UInt8], context: ChannelHandlerContext) -> Bool {
        if var body = message {
            if line == [46] {  // "." alone ends the message
                message = nil
                finishMessage(body, context: context)
                return true
            }
            // RFC 5321 §4.5.2: a leading dot was doubled by the client.
            let content = line.first == 46 ? line.dropFirst() : line[...]
            if body.count + content.count + 2 > MailCatcher.maximumMessageSize {
                tooLarge = true
            } else {
                body += content
                body += [13, 10]
            }
            message = body
            return true
        }
        let text = String(decoding: line, as: UTF8.self)
        let verb = text.prefix(while: { $0 != " " }).uppercased()
        let argument = text.dropFirst(verb.count).trimmingCharacters(in: .whitespaces)
        switch verb {
        case "EHLO":
            resetTransaction()
            reply(context, "250-kvitto-demo greets \(argument)\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250-PIPELINING\r\n250 SIZE \(MailCatcher.maximumMessageSize)")
        case "HELO":
            resetTransaction()
            reply(context, "250 kvitto-demo")
        case "MAIL":
            guard let address = Self.address(in: argument, after: "FROM:") else { reply(context, "501 5.5.4 syntax: MAIL FROM:<address>"); break }
            resetTransaction()
            envelopeFrom = address
            reply(context, "250 2.1.0 sender ok")
        case "RCPT":
            guard envelopeFrom != nil else { reply(context, "503 5.5.1 MAIL first"); break }
            guard let address = Self.address(in: argument, after: "TO:"), !address.isEmpty else {
                reply(context, "501 5.5.4 syntax: RCPT TO:<address>"); break
            }
            recipients.append(address)
            reply(context, "250 2.1.5 recipient ok")
        case "DATA":
            guard envelopeFrom != nil, !recipients.isEmpty else { reply(context, "503 5.5.1 MAIL and RCPT first"); break }
            message = []
            tooLarge = false
            reply(context, "354 end with <CRLF>.<CRLF>")
        case "RSET":
            resetTransaction()
            reply(context, "250 2.0.0 ok")
        case "NOOP":
            reply(context, "250 2.0.0 ok")
        case "QUIT":
            reply(context, "221 2.0.0 bye")
            context.close(promise: nil)
            return false
        case "STARTTLS", "AUTH":
            reply(context, "502 5.5.1 the demo mail catcher takes mail in the clear and without a password")
        default:
            reply(context, "500 5.5.2 unknown command")
        }
        return true
    }

    private func finishMessage(_ body: [UInt8], context: ChannelHandlerContext) {
        defer { resetTransaction() }
        guard !tooLarge else {
            reply(context, "552 5.3.4 message larger than \(MailCatcher.maximumMessageSize) bytes")
            return
        }
        received(ReceivedMail(envelopeFrom: envelopeFrom ?? "", recipients: recipients, raw: body, receivedAt: Date()))
        reply(context, "250 2.0.0 caught (not delivered)")
    }

    private func resetTransaction() {
        envelopeFrom = nil
        recipients = []
        message = nil
    }

    /// The address in `FROM:<a@b> SIZE=…` (angle brackets required, parameters ignored); the null sender `<>` is "".
    static func address(in argument: String, after keyword: String) -> String? {
        guard argument.uppercased().hasPrefix(keyword) else { return nil }
        let rest = argument.dropFirst(keyword.count).trimmingCharacters(in: .whitespaces)
        guard rest.hasPrefix("<"), let close = rest.firstIndex(of: ">") else { return nil }
        return String(rest[rest.index(after: rest.startIndex)..<close])
    }

    private func reply(_ context: ChannelHandlerContext, _ text: String) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
