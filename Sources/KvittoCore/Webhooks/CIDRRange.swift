/// A block of addresses, `network/prefixLength`: `10.0.0.0/8`, `127.0.0.1/32`, `::1/128`.
public struct CIDRRange: Sendable, Hashable, CustomStringConvertible {
    /// The first address of the block; its bits after the prefix are zero.
    public let network: IPAddress
    /// How many leading bits are fixed: `0...32` for IPv4, `0...128` for IPv6.
    public let prefixLength: Int

    /// The block of the given length that contains `address` (host bits are cleared), so this cannot fail
    /// except for a prefix length outside the family's range.
    public init?(containing address: IPAddress, prefixLength: Int) {
        guard (0...address.bitWidth).contains(prefixLength) else { return nil }
        self.network = address.masked(toPrefix: prefixLength)
        self.prefixLength = prefixLength
    }

    /// A block of one address: `/32` or `/128`.
    public init(host address: IPAddress) {
        self.network = address
        self.prefixLength = address.bitWidth
    }

    /// Parses `address/prefixLength`, or a bare address as a one-address block.
    ///
    /// Strict about host bits: `10.0.0.1/8` is rejected rather than silently widened to `10.0.0.0/8`, because
    /// in an allow-list the two readings differ by sixteen million addresses. ``parts(of:)`` tells a caller
    /// what the text would have meant, for an error message.
    /// - Returns: `nil` when the address or prefix does not parse, the prefix is too long, or host bits are set.
    public init?(_ text: String) {
        guard let (address, prefixLength) = Self.parts(of: text),
              let range = CIDRRange(containing: address, prefixLength: prefixLength), range.network == address
        else { return nil }
        self = range
    }

    /// The address and prefix length of `address/prefixLength` (a bare address gets its family's full
    /// length), without the host-bit check of ``init(_:)``. The prefix is 1–3 decimal digits.
    public static func parts(of text: String) -> (address: IPAddress, prefixLength: Int)? {
        let pieces = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let address = IPAddress(String(pieces[0])) else { return nil }
        guard pieces.count == 2 else { return (address, address.bitWidth) }
        let digits = pieces[1]
        guard (1...3).contains(digits.utf8.count),
              digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
              let prefixLength = Int(digits), prefixLength <= address.bitWidth
        else { return nil }
        return (address, prefixLength)
    }

    /// Whether `address` lies in the block. Families never mix: `127.0.0.0/8` does not contain
    /// `::ffff:127.0.0.1` (``OutboundAddressPolicy`` unwraps mapped addresses itself).
    public func contains(_ address: IPAddress) -> Bool {
        address.family == network.family && address.masked(toPrefix: prefixLength) == network
    }

    /// `network/prefixLength`, with the network in canonical text.
    public var description: String { "\(network)/\(prefixLength)" }
}

extension CIDRRange {
    /// An IPv4 block from constants; for the built-in tables, where the values are known to be valid.
    static func v4(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, _ prefixLength: Int) -> CIDRRange {
        CIDRRange(uncheckedNetwork: IPAddress(ipv4: a, b, c, d), prefixLength: min(max(prefixLength, 0), 32))
    }

    /// An IPv6 block from the leading 16-bit groups of its network (the rest zero) and a prefix length.
    static func v6(_ leading: [UInt16], _ prefixLength: Int) -> CIDRRange {
        let groups = (leading + Array(repeating: 0, count: 8)).prefix(8)
        let high = groups.prefix(4).reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = groups.dropFirst(4).reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return CIDRRange(uncheckedNetwork: IPAddress(ipv6High: high, low: low), prefixLength: min(max(prefixLength, 0), 128))
    }

    private init(uncheckedNetwork: IPAddress, prefixLength: Int) {
        self.network = uncheckedNetwork.masked(toPrefix: prefixLength)
        self.prefixLength = prefixLength
    }
}
