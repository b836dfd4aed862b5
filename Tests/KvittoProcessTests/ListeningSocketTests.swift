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
}
