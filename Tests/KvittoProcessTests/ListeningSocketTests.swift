import Foundation
import KvittoTestSupport
import Testing

/// The process harness tells its own child's `/health` from another server's by who holds the port.
@Suite("Process harness: who listens on a port")
struct ListeningSocketTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/net/tcp"), "needs Linux's /proc"))
    func theProcessHoldingAListeningSocketIsToldFromOthers() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(bound == 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))

        #expect(!ListeningSocket.isHeld(port: port, by: getpid()), "bound but not listening yet")
        try #require(listen(fd, 1) == 0)
        #expect(ListeningSocket.isHeld(port: port, by: getpid()))
        #expect(!ListeningSocket.isHeld(port: port, by: getppid()), "another process does not hold it")
        close(fd)
        #expect(!ListeningSocket.isHeld(port: port, by: getpid()), "closed")
    }

    /// /proc/net/tcp lists a socket a line; with a few hundred open it is many pages long, and every socket
    /// in it must be found, not only those on its first page.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/proc/net/tcp"), "needs Linux's /proc"))
    func aSocketFarDownALongTableIsFound() throws {
        var sockets: [(fd: Int32, port: Int)] = []
        defer { for socket in sockets { close(socket.fd) } }
        for _ in 0..<300 {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(fd >= 0)
            sockets.append((fd, 0))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let listening = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, length) == 0 && listen(fd, 1) == 0 && getsockname(fd, $0, &length) == 0
                }
            }
            try #require(listening)
            sockets[sockets.count - 1].port = Int(UInt16(bigEndian: address.sin_port))
        }
        let missed = sockets.filter { !ListeningSocket.isHeld(port: $0.port, by: getpid()) }
        #expect(missed.count == 0, "\(missed.count) of 300 listening sockets not found")
    }
}
