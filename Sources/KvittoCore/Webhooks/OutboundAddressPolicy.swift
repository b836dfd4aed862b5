import Foundation

/// The guard on where postbacks may go (SPEC §5): every address a destination host resolves to is checked
/// before connecting, and loopback, private, link-local, CGNAT, multicast and reserved ranges are refused
/// unless the operator allow-lists them.
///
/// Checking the *resolved* address, not the URL's host name, is what stops a tenant from pointing a trigger
/// at `http://169.254.169.254/` or at a name that resolves to `10.0.0.5`. The worker must then connect to
/// the very address it checked (not resolve the name again), or a second DNS answer could differ.
public struct OutboundAddressPolicy: Sendable, Hashable {
    /// The outcome for one address.
    public enum Verdict: Sendable, Hashable, CustomStringConvertible {
        case allowed
        /// Refused because the address lies in `block`, a range of the given kind. For an IPv4-mapped or NAT64
        /// address, `block` is the IPv4 block of the address it carries.
        case refused(SpecialAddressKind, block: CIDRRange)

        public var isAllowed: Bool { self == .allowed }

        public var description: String {
            switch self {
            case .allowed: "allowed"
            case .refused(let kind, let block): "refused: \(kind.rawValue) address (\(block))"
            }
        }
    }

    /// Ranges the operator allows even though they are special (e.g. `127.0.0.1/32` for tests).
    public var allowList: [CIDRRange]

    /// - Parameter allowList: ranges that are allowed whatever their kind; the allow-list wins over every
    ///   built-in refusal.
    public init(allowList: [CIDRRange] = []) { self.allowList = allowList }

    /// Judges one resolved address.
    ///
    /// An allow-list entry matches the address itself or, for an IPv4-mapped (`::ffff:a.b.c.d`) or NAT64
    /// (`64:ff9b::a.b.c.d`) address, the IPv4 address it carries — the packets end up there, so allowing
    /// `127.0.0.1/32` allows `::ffff:127.0.0.1` too. Otherwise the address is refused if it lies in a special
    /// range (``SpecialAddressKind``), and allowed if not.
    public func verdict(for address: IPAddress) -> Verdict {
        let embedded = Self.embeddedIPv4(address)
        if allowList.contains(where: { range in range.contains(address) || embedded.map(range.contains) == true }) {
            return .allowed
        }
        guard let (kind, block) = Self.specialRange(of: address) else { return .allowed }
        return .refused(kind, block: block)
    }

    /// The IPv4 address an IPv6 address reaches through the kernel (IPv4-mapped, `::ffff:0:0/96`) or a
    /// well-known-prefix NAT64 gateway (`64:ff9b::/96`, RFC 6052); `nil` for any other address.
    static func embeddedIPv4(_ address: IPAddress) -> IPAddress? {
        if let mapped = address.ipv4Mapped { return mapped }
        guard case .v6(let high, let low) = address.storage, high == 0x0064_FF9B_0000_0000, low >> 32 == 0 else { return nil }
        return IPAddress(ipv4: UInt32(truncatingIfNeeded: low))
    }

    /// The special range `address` lies in, checking the carried IPv4 address of mapped and NAT64 ones.
    static func specialRange(of address: IPAddress) -> (SpecialAddressKind, CIDRRange)? {
        if let embedded = embeddedIPv4(address) { return specialRange(of: embedded) }
        let table = address.family == .v4 ? SpecialAddressKind.ipv4Ranges : SpecialAddressKind.ipv6Ranges
        return table.first { $0.block.contains(address) }.map { ($0.kind, $0.block) }
    }
}

extension OutboundAddressPolicy {
    /// Parses the operator's allow-list flag: comma-separated CIDR ranges or single addresses, e.g.
    /// `127.0.0.1, 10.20.0.0/16, ::1`. Spaces around entries and empty entries (a trailing comma) are
    /// ignored; an empty value is an empty list.
    /// - Throws: `KvittoError` with code `invalid` naming every entry that does not parse, and for a range
    ///   with host bits set (`10.0.0.1/8`) the network it was probably meant to be.
    public static func parseAllowList(_ value: String) throws(KvittoError) -> [CIDRRange] {
        var ranges: [CIDRRange] = []
        var problems: [String] = []
        for rawEntry in value.split(separator: ",", omittingEmptySubsequences: false) {
            let entry = String(rawEntry).trimmedWhitespace
            guard !entry.isEmpty else { continue }
            if let range = CIDRRange(entry) {
                ranges.append(range)
            } else if let (address, prefixLength) = CIDRRange.parts(of: entry),
                      let network = CIDRRange(containing: address, prefixLength: prefixLength) {
                problems.append("\"\(entry)\" has host bits set (did you mean \(network)?)")
            } else {
                problems.append("\"\(entry)\" is not an IP address or CIDR range")
            }
        }
        guard problems.isEmpty else {
            throw KvittoError(code: .invalid, detail: "outbound allow-list: " + problems.joined(separator: "; "))
        }
        return ranges
    }
}

extension OutboundAddressPolicy {
    /// Why a destination entered by a merchant (a postback URL, a platform's address) is refused: its host is
    /// a literal address, in any spelling, in a special range this process is not allowed to reach. `nil`
    /// for names, which are checked when the request is sent, against what they resolve to then.
    public func refusal(destination: String) -> String? {
        let host = URLComponents(string: destination)?.host ?? (destination.contains("/") ? nil : destination)
        guard let host, !host.isEmpty, let address = IPAddress.literal(host: host),
              case .refused(let kind, let block) = verdict(for: address) else { return nil }
        return "\(host) is \(address), in the \(kind.rawValue) range \(block); a merchant's destination may not be one unless the operator allows it (--allow-outbound)"
    }
}
