import NIOCore
import NIOSSL
import NIOTLS

/// Completes when the TLS handshake that a `NIOSSLClientHandler` just added to the pipeline has finished,
/// or fails with its error. STARTTLS waits on it before saying EHLO again: otherwise a refused certificate
/// can first fail the EHLO write (the TLS handler drops buffered writes as it closes) and surface as a
/// closed connection, retryable, instead of the TLS error it is.
final class TLSHandshakeWaiter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    let done: EventLoopPromise<Void>

    init(done: EventLoopPromise<Void>) { self.done = done }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent {
            done.succeed(())
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        done.fail(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        done.fail(SMTPError.connection("the server closed the connection during the TLS handshake"))
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        done.fail(SMTPError.connection("the TLS handshake was abandoned"))
    }
}
