import NIOCore
import NIOSSL

/// Bytes to write plus one promise per reply they will cause, in order.
///
/// Registering the promises in the same pipeline event as the write keeps
/// replies and requests matched even when several commands are pipelined.
struct SMTPRequest: Sendable {
    var payload: ByteBuffer?
    var replyPromises: [EventLoopPromise<SMTPReply>]
}

/// Matches server replies to waiting requests and turns every way a connection
/// can die (close, reset, TLS failure, silence) into failed reply promises.
///
/// All state lives on the channel's event loop.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    private let replyTimeout: TimeAmount
    private var parser = SMTPReplyParser()
    private var waitingPromises = CircularBuffer<EventLoopPromise<SMTPReply>>()
    /// Replies nobody asked for yet, such as the greeting that may arrive before `connect` asks for it.
    private var unclaimedReplies = CircularBuffer<SMTPReply>()
    private var terminalError: SMTPError?
    private var replyTimer: Scheduled<Void>?

    init(replyTimeout: TimeAmount) {
        self.replyTimeout = replyTimeout
    }

    /// True when the server sent more than was asked for; checked before STARTTLS
    /// because such bytes would be plaintext injected into the TLS session.
    var hasUnconsumedInput: Bool { parser.hasBufferedInput || !unclaimedReplies.isEmpty }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        if let terminalError {
            request.replyPromises.forEach { $0.fail(terminalError) }
            promise?.fail(terminalError)
            return
        }
        for replyPromise in request.replyPromises {
            if let reply = unclaimedReplies.popFirst() {
                replyPromise.succeed(reply)
            } else {
                waitingPromises.append(replyPromise)
            }
        }
        armReplyTimer(context: context)
        if let payload = request.payload {
            context.write(wrapOutboundOut(payload), promise: promise)
        } else {
            promise?.succeed(())
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = unwrapInboundIn(data)
        parser.append(contentsOf: bytes.readableBytesView)
        do {
            while let reply = try parser.nextReply() {
                deliver(reply, context: context)
            }
        } catch {
            fail(with: error, context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        failWaitingPromises(with: .connection("the server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(with: Self.classify(error), context: context)
    }

    private func deliver(_ reply: SMTPReply, context: ChannelHandlerContext) {
        guard let waiting = waitingPromises.popFirst() else {
            unclaimedReplies.append(reply)
            return
        }
        replyTimer?.cancel()
        replyTimer = nil
        armReplyTimer(context: context)
        waiting.succeed(reply)
    }

    private func armReplyTimer(context: ChannelHandlerContext) {
        guard replyTimer == nil, !waitingPromises.isEmpty else { return }
        let timeout = replyTimeout
        replyTimer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            self.fail(
                with: .connection("no reply from the server within \(timeout.nanoseconds / 1_000_000) ms"),
                context: context
            )
        }
    }

    /// After an error the reply stream can no longer be matched to requests, so the connection is closed.
    private func fail(with error: SMTPError, context: ChannelHandlerContext) {
        failWaitingPromises(with: error)
        context.close(promise: nil)
    }

    private func failWaitingPromises(with error: SMTPError) {
        let firstError = terminalError ?? error
        terminalError = firstError
        replyTimer?.cancel()
        replyTimer = nil
        while let waiting = waitingPromises.popFirst() {
            waiting.fail(firstError)
        }
    }

    static func classify(_ error: any Error) -> SMTPError {
        switch error {
        case let smtpError as SMTPError:
            return smtpError
        case let channelError as ChannelError where channelError == .ioOnClosedChannel:
            return .connection("the connection is closed")
        case let sslError as NIOSSLError where sslError == .uncleanShutdown:
            // The peer dropped TCP without a TLS close_notify: a connection loss, not a trust problem.
            return .connection("the server closed the connection")
        case let sslError as NIOSSLError:
            return .tls(String(describing: sslError))
        case let sslError as NIOSSLExtraError:
            return .tls(String(describing: sslError))
        case let sslError as BoringSSLError:
            return .tls(String(describing: sslError))
        default:
            return .connection(String(describing: error))
        }
    }
}
