import AsyncHTTPClient
import Foundation
import KvittoCore
import NIOCore
import NIOPosix
import NIOSSL
import Testing

@testable import KvittoDelivery

@Suite("Delivery: send failures are classified by their type")
struct SendFailureKindTests {
    /// An error whose text says "connect" is not a connection failure: only the type decides.
    struct Misleading: Error, CustomStringConvertible { var description: String { "could not connect" } }

    @Test func errorsOfTheHTTPStackMapToTheirKind() {
        #expect(DeliveryAttemptResult.ErrorKind.classify(HTTPClientError.readTimeout) == .timeout)
        #expect(DeliveryAttemptResult.ErrorKind.classify(HTTPClientError.deadlineExceeded) == .timeout)
        #expect(DeliveryAttemptResult.ErrorKind.classify(HTTPClientError.connectTimeout) == .connectFailed)
        #expect(DeliveryAttemptResult.ErrorKind.classify(HTTPClientError.tlsHandshakeTimeout) == .tlsFailure)
        #expect(DeliveryAttemptResult.ErrorKind.classify(HTTPClientError.remoteConnectionClosed) == .other)
        #expect(DeliveryAttemptResult.ErrorKind.classify(ChannelError.connectTimeout(.seconds(5))) == .connectFailed)
        #expect(DeliveryAttemptResult.ErrorKind.classify(IOError(errnoCode: ECONNREFUSED, reason: "connect")) == .connectFailed)
        #expect(DeliveryAttemptResult.ErrorKind.classify(IOError(errnoCode: EPIPE, reason: "write")) == .other)
        #expect(DeliveryAttemptResult.ErrorKind.classify(NIOSSLError.uncleanShutdown) == .tlsFailure)
        #expect(DeliveryAttemptResult.ErrorKind.classify(SendFailure(kind: .addressRefused, message: "x")) == .addressRefused)
        #expect(DeliveryAttemptResult.ErrorKind.classify(Misleading()) == .other)
    }

    /// The loopback range is allowed, as an operator allows a partner on the local network.
    static func sender() throws -> (WebhookSender, PinnedHTTPClients) {
        let clients = WebhookSender.makeClients()
        let outbound = OutboundGuard(policy: OutboundAddressPolicy(allowList: [try #require(CIDRRange("127.0.0.0/8"))]))
        return (WebhookSender(clients: clients, outbound: outbound), clients)
    }

    static func post(_ url: String, with sender: WebhookSender) async -> OutboundResponse {
        await sender.send(OutboundRequest(method: "POST", url: url, headers: [("content-type", "application/json")], body: Array("{}".utf8)))
    }

    @Test func aRefusedConnectionIsConnectFailed() async throws {
        let (sender, client) = try Self.sender()
        // A port that was just free: bound, then closed again.
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(channel.localAddress?.port)
        try await channel.close()
        let response = await Self.post("http://127.0.0.1:\(port)/hook", with: sender)
        #expect(response.statusCode == nil)
        #expect(response.failure?.kind == .connectFailed, "\(String(describing: response.failure))")
        try await client.shutdown()
    }

    @Test func aNameThatDoesNotResolveIsDNSFailure() async throws {
        let (sender, client) = try Self.sender()
        let response = await Self.post("https://no-such-host.invalid/hook", with: sender)
        #expect(response.failure?.kind == .dnsFailure, "\(String(describing: response.failure))")
        try await client.shutdown()
    }

    /// HTTPS to a server that answers in plain text: the handshake fails.
    @Test func aServerThatDoesNotSpeakTLSIsTLSFailure() async throws {
        let (sender, client) = try Self.sender()
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.pipeline.addHandler(PlainTextAnswer()) }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)
        let response = await Self.post("https://127.0.0.1:\(port)/hook", with: sender)
        #expect(response.failure?.kind == .tlsFailure, "\(String(describing: response.failure))")
        try await server.close()
        try await client.shutdown()
    }
}

/// Answers whatever arrives with a plain HTTP response and closes.
private final class PlainTextAnswer: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let answer = context.channel.allocator.buffer(string: "HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n")
        context.writeAndFlush(wrapOutboundOut(answer)).whenComplete { _ in context.close(promise: nil) }
    }
}
