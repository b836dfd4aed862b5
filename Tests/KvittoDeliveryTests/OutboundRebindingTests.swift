import AsyncHTTPClient
import Foundation
import KvittoCore
import KvittoImport
import NIOCore
import NIOPosix
import Synchronization
import Testing

@testable import KvittoDelivery

/// DNS rebinding: a name that answers an allowed address to the outbound guard's look-up and a refused one
/// to the next. Requests go to the address the guard checked, and the name is never looked up again for
/// them: the test's name (`.test` is reserved) resolves only through the test's resolver, so a client that
/// looked it up itself could not connect at all.
@Suite("Delivery: requests go to the address that was checked")
struct OutboundRebindingTests {
    /// Answers the guard's first look-up with loopback (allowed here) and every later one with the metadata
    /// address a rebinding attacker would point at.
    final class RebindingResolver: Sendable {
        let lookUps = Atomic<Int>(0)
        let firstAnswer: IPAddress

        init(firstAnswer: IPAddress) { self.firstAnswer = firstAnswer }

        func resolve(_ host: String) async throws -> [IPAddress] {
            let count = lookUps.wrappingAdd(1, ordering: .relaxed).newValue
            return count == 1 ? [firstAnswer] : [IPAddress(ipv4: 169, 254, 169, 254)]
        }
    }

    static func outbound(_ resolver: RebindingResolver) throws -> OutboundGuard {
        OutboundGuard(policy: OutboundAddressPolicy(allowList: [try #require(CIDRRange("127.0.0.0/8"))]),
                      resolve: { try await resolver.resolve($0) })
    }

    @Test func aPostbackGoesToTheCheckedAddressAndARebindIsRefused() async throws {
        let server = try await RecordingServer.start()
        let resolver = RebindingResolver(firstAnswer: IPAddress(ipv4: 127, 0, 0, 1))
        let clients = WebhookSender.makeClients()
        let sender = WebhookSender(clients: clients, outbound: try Self.outbound(resolver))
        let url = "http://rebind.kvitto.test:\(server.port)/hook"
        let request = OutboundRequest(method: "POST", url: url, headers: [("content-type", "application/json")], body: Array("{}".utf8))

        let first = await sender.send(request)
        #expect(first.statusCode == 200, "\(String(describing: first.failure))")
        #expect(resolver.lookUps.load(ordering: .relaxed) == 1, "the name was looked up once, by the guard")
        let seen = server.requests()
        #expect(seen.count == 1)
        #expect(seen.first?.lowercased().contains("host: rebind.kvitto.test:\(server.port)") == true,
                "the request still names the host: \(seen.first ?? "")")

        let second = await sender.send(request)
        #expect(second.statusCode == nil)
        #expect(second.failure?.kind == .addressRefused, "\(String(describing: second.failure))")
        #expect(server.requests().count == 1, "nothing was sent once the name pointed elsewhere")
        try await clients.shutdown()
        try await server.close()
    }

    @Test func aPlatformAPICallGoesToTheCheckedAddressAndARebindIsRefused() async throws {
        let server = try await RecordingServer.start()
        let resolver = RebindingResolver(firstAnswer: IPAddress(ipv4: 127, 0, 0, 1))
        let clients = PinnedHTTPClients(configuration: PlatformHTTP.clientConfiguration)
        let outbound = try Self.outbound(resolver)
        let http = PlatformHTTP(client: { host in try await outbound.client(for: host, from: clients) }, attempts: 1)

        let answer = try await http.get("http://shop.kvitto.test:\(server.port)/wp-json/wc/v3/orders")
        #expect(answer.status == 200)
        #expect(server.requests().first?.lowercased().contains("host: shop.kvitto.test:\(server.port)") == true)

        await #expect(throws: PlatformAPIError.self, "the second look-up points at a refused address") {
            _ = try await http.get("http://shop.kvitto.test:\(server.port)/wp-json/wc/v3/orders")
        }
        #expect(server.requests().count == 1)
        #expect(resolver.lookUps.load(ordering: .relaxed) == 2)
        try await clients.shutdown()
        try await server.close()
    }

    /// A host that moves to another allowed address gets a client for the new one.
    @Test func aHostThatMovesGetsAClientForItsNewAddress() throws {
        let clients = WebhookSender.makeClients()
        defer { Task { try? await clients.shutdown() } }
        let one = clients.client(for: "partner.kvitto.test", connectingTo: IPAddress(ipv4: 127, 0, 0, 1))
        #expect(one === clients.client(for: "partner.kvitto.test", connectingTo: IPAddress(ipv4: 127, 0, 0, 1)), "same address, same client")
        let moved = clients.client(for: "partner.kvitto.test", connectingTo: IPAddress(ipv4: 127, 0, 0, 2))
        #expect(one !== moved, "a new address, a new client")
    }
}

/// An HTTP server on 127.0.0.1 that answers every request 200 and keeps what it received.
final class RecordingServer: Sendable {
    let channel: any Channel
    let received: Mutex<[String]>
    var port: Int { channel.localAddress?.port ?? 0 }

    private init(channel: any Channel) {
        self.channel = channel
        self.received = Mutex([])
    }

    static func start() async throws -> RecordingServer {
        let box = Box()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.pipeline.addHandler(Answer(box: box)) }
            .bind(host: "127.0.0.1", port: 0).get()
        let server = RecordingServer(channel: channel)
        box.server.withLock { $0 = server }
        return server
    }

    func requests() -> [String] { received.withLock { $0 } }
    func close() async throws { try await channel.close() }

    final class Box: Sendable {
        let server = Mutex<RecordingServer?>(nil)
    }

    private final class Answer: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let box: Box

        init(box: Box) { self.box = box }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let text = String(buffer: unwrapInboundIn(data))
            box.server.withLock { $0 }?.received.withLock { $0.append(text) }
            let answer = context.channel.allocator.buffer(string: "HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}")
            context.writeAndFlush(wrapOutboundOut(answer)).whenComplete { _ in context.close(promise: nil) }
        }
    }
}
