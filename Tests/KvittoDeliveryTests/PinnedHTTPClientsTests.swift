import AsyncHTTPClient
import Foundation
import KvittoCore
import NIOCore
import Testing

@testable import KvittoDelivery

@Suite("Delivery: pinned clients are shut down when no longer used")
struct PinnedHTTPClientsTests {
    /// A client shut down answers every request with `alreadyShutdown` without connecting anywhere.
    static func isShutDown(_ client: HTTPClient) async -> Bool {
        do {
            _ = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:9/"), timeout: .seconds(2))
            return false
        } catch let error as HTTPClientError where error == .alreadyShutdown {
            return true
        } catch {
            return false
        }
    }

    @Test func anIdleClientIsShutDownByTheSweepOfAnotherHostsRequest() async throws {
        // Idle at once, retired clients finished at once, a sweep on every call: the client of a host not
        // asked for again is retired by the next call and shut down by the one after, whichever host that
        // call is for (a busy process asking for the same few hosts still lets go of the ones it stopped using).
        let clients = PinnedHTTPClients(configuration: .init(), retirement: .zero, idleLimit: .zero, sweepInterval: .zero)
        let loopback = IPAddress(ipv4: 127, 0, 0, 1)
        let old = clients.client(for: "old.test", connectingTo: loopback)
        let busy = clients.client(for: "busy.test", connectingTo: loopback)
        #expect(old !== busy)
        _ = clients.client(for: "busy.test", connectingTo: loopback)
        _ = clients.client(for: "busy.test", connectingTo: loopback)
        var shutDown = false
        for _ in 0..<50 where !shutDown {
            shutDown = await Self.isShutDown(old)
            if !shutDown { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(shutDown, "the idle host's client was not shut down")
        try await clients.shutdown()
    }

    @Test func aClientInUseIsKeptWhileTheSweepWaitsItsInterval() async throws {
        let clients = PinnedHTTPClients(configuration: .init(), retirement: .zero, idleLimit: .zero, sweepInterval: .seconds(3600))
        let loopback = IPAddress(ipv4: 127, 0, 0, 1)
        let first = clients.client(for: "shop.test", connectingTo: loopback)
        let again = clients.client(for: "shop.test", connectingTo: loopback)
        #expect(first === again)
        #expect(await Self.isShutDown(first) == false)
        try await clients.shutdown()
        #expect(await Self.isShutDown(first))
    }
}
