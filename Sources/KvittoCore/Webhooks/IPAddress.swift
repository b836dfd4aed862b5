/// An IPv4 or IPv6 address as a value, for checking where an outbound request would go.
///
/// `::ffff:1.2.3.4` stays an IPv6 address (it is what a dual-stack resolver may return); ``ipv4Mapped``
/// gives the IPv4 address it stands for, and ``OutboundAddressPolicy`` judges it by that.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    public enum Family: Sendable, Hashable { case v4, v6 }

    /// Two fixed-width integers rather than bytes: masks and range checks become single `&` and `==`.
    /// (Not `UInt128`, which is unavailable on the macOS 14 the package declares.)
    enum Storage: Sendable, Hashable {
        case v4(UInt32)
        case v6(high: UInt64, low: UInt64)
    }

    let storage: Storage

    /// An IPv4 address from its 32-bit value, most significant byte first (`0x7F000001` is 127.0.0.1).
    public init(ipv4 value: UInt32) { storage = .v4(value) }

    /// An IPv4 address from its four bytes: `IPAddress(ipv4: 127, 0, 0, 1)`.
    public init(ipv4 a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        storage = .v4(UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d))
    }

    /// An IPv6 address from its upper and lower 64 bits (`IPAddress(ipv6High: 0, low: 1)` is `::1`).
    public init(ipv6High high: UInt64, low: UInt64) { storage = .v6(high: high, low: low) }

    /// An address from network-order bytes: 4 for IPv4, 16 for IPv6; `nil` for any other count.
    /// This is the form a resolver's `sockaddr` holds.
    public init?(bytes: some Collection<UInt8>) {
        let bytes = Array(bytes)
        switch bytes.count {
        case 4: self.init(ipv4: bytes[0], bytes[1], bytes[2], bytes[3])
        case 16:
            let high = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            let low = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            self.init(ipv6High: high, low: low)
        default: return nil
        }
    }

    public var family: Family {
        switch storage {
        case .v4: .v4
        case .v6: .v6
        }
    }

    /// The address in network byte order: 4 or 16 bytes.
    public var bytes: [UInt8] {
        switch storage {
        case .v4(let value): (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
        case .v6(let high, let low):
            (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
                + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
        }
    }

    /// For an IPv4-mapped IPv6 address (`::ffff:0:0/96`), the IPv4 address it carries; otherwise `nil`.
    public var ipv4Mapped: IPAddress? {
        guard case .v6(let high, let low) = storage, high == 0, low >> 32 == 0xFFFF else { return nil }
        return IPAddress(ipv4: UInt32(truncatingIfNeeded: low))
    }

    /// Dotted decimal for IPv4; RFC 5952 text for IPv6: lower case, no leading zeros, the longest run of two or
    /// more zero groups written `::`, and mapped addresses as `::ffff:1.2.3.4`.
    public var description: String {
        switch storage {
        case .v4(let value):
            return (0..<4).map { String(UInt8(truncatingIfNeeded: value >> (24 - 8 * $0))) }.joined(separator: ".")
        case .v6(let high, let low):
            if let mapped = ipv4Mapped { return "::ffff:\(mapped)" }
            let groups = (0..<4).map { UInt16(truncatingIfNeeded: high >> (48 - 16 * $0)) }
                + (0..<4).map { UInt16(truncatingIfNeeded: low >> (48 - 16 * $0)) }
            let zeros = Self.longestZeroRun(groups)
            let text = groups.map { String($0, radix: 16) }
            guard let zeros else { return text.joined(separator: ":") }
            let head = text[..<zeros.lowerBound].joined(separator: ":")
            let tail = text[zeros.upperBound...].joined(separator: ":")
            return head + "::" + tail
        }
    }

    /// The first longest run of at least two zero groups, as RFC 5952 §4.2 picks it.
    private static func longestZeroRun(_ groups: [UInt16]) -> Range<Int>? {
        var best: Range<Int>?
        var start: Int?
        for index in 0...groups.count {
            if index < groups.count, groups[index] == 0 {
                if start == nil { start = index }
            } else if let runStart = start {
                if index - runStart >= 2, index - runStart > (best?.count ?? 0) { best = runStart..<index }
                start = nil
            }
        }
        return best
    }

    /// The address with every bit after the first `prefixLength` cleared (the network of a CIDR block).
    func masked(toPrefix prefixLength: Int) -> IPAddress {
        switch storage {
        case .v4(let value):
            return IPAddress(ipv4: value & Self.mask32(prefixLength))
        case .v6(let high, let low):
            return IPAddress(ipv6High: high & Self.mask64(prefixLength), low: low & Self.mask64(prefixLength - 64))
        }
    }

    /// The number of bits in an address of this family.
    var bitWidth: Int { family == .v4 ? 32 : 128 }

    /// A mask with the top `bits` bits set; `bits` outside `0...32` saturates.
    static func mask32(_ bits: Int) -> UInt32 {
        bits <= 0 ? 0 : bits >= 32 ? .max : ~(UInt32.max >> UInt32(bits))
    }

    /// A mask with the top `bits` bits set; `bits` outside `0...64` saturates.
    static func mask64(_ bits: Int) -> UInt64 {
        bits <= 0 ? 0 : bits >= 64 ? .max : ~(UInt64.max >> UInt64(bits))
    }
}
