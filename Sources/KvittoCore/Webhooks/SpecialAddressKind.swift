/// The kinds of address a postback may not reach without an allow-list entry. The raw value is the name
/// shown in errors and logs.
public enum SpecialAddressKind: String, Sendable, Hashable, CaseIterable {
    /// `0.0.0.0/8` ("this network"; connecting to `0.0.0.0` reaches the local host on Linux) and `::`.
    case unspecified
    /// `127.0.0.0/8` and `::1`: this machine.
    case loopback
    /// RFC 1918: `10/8`, `172.16/12`, `192.168/16`.
    case privateUse = "private"
    /// `169.254/16` (cloud metadata services live at 169.254.169.254) and `fe80::/10`.
    case linkLocal = "link-local"
    /// `100.64/10`, carrier-grade NAT shared space (RFC 6598): the provider's network, not the internet.
    case cgnat = "CGNAT"
    /// `224/4` and `ff00::/8`.
    case multicast
    /// `255.255.255.255`.
    case broadcast
    /// `192.0.2/24`, `198.51.100/24`, `203.0.113/24`, `2001:db8::/32`, `3fff::/20`: for examples only.
    case documentation
    /// `198.18/15` (RFC 2544): network benchmarking.
    case benchmarking
    /// `fc00::/7` (RFC 4193): the IPv6 counterpart of private ranges.
    case uniqueLocal = "unique-local"
    /// `fec0::/10`: deprecated site-local IPv6, still routed inside some networks.
    case siteLocal = "site-local"
    /// `192.88.99/24` and `2002::/16`: 6to4, which tunnels to an IPv4 address embedded in the IPv6 one.
    case sixToFour = "6to4"
    /// Everything else that is not ordinary unicast: `192.0.0/24`, `240/4`, `2001::/23` (IETF protocol
    /// assignments, Teredo, ORCHID) and all IPv6 outside `2000::/3`, the only block global unicast is
    /// allocated from.
    case reserved

    /// IPv4 special ranges, the more specific first so `255.255.255.255` is reported as broadcast, not as
    /// part of `240/4`.
    static let ipv4Ranges: [(block: CIDRRange, kind: SpecialAddressKind)] = [
        (.v4(255, 255, 255, 255, 32), .broadcast),
        (.v4(0, 0, 0, 0, 8), .unspecified),
        (.v4(10, 0, 0, 0, 8), .privateUse),
        (.v4(100, 64, 0, 0, 10), .cgnat),
        (.v4(127, 0, 0, 0, 8), .loopback),
        (.v4(169, 254, 0, 0, 16), .linkLocal),
        (.v4(172, 16, 0, 0, 12), .privateUse),
        (.v4(192, 0, 0, 0, 24), .reserved),
        (.v4(192, 0, 2, 0, 24), .documentation),
        (.v4(192, 88, 99, 0, 24), .sixToFour),
        (.v4(192, 168, 0, 0, 16), .privateUse),
        (.v4(198, 18, 0, 0, 15), .benchmarking),
        (.v4(198, 51, 100, 0, 24), .documentation),
        (.v4(203, 0, 113, 0, 24), .documentation),
        (.v4(224, 0, 0, 0, 4), .multicast),
        (.v4(240, 0, 0, 0, 4), .reserved),
    ]

    /// IPv6 special ranges. `::ffff:0:0/96` and `64:ff9b::/96` are not here: the policy judges them by the
    /// IPv4 address they carry. The last three entries are the complement of `2000::/3` and catch whatever
    /// the specific entries before them did not.
    static let ipv6Ranges: [(block: CIDRRange, kind: SpecialAddressKind)] = [
        (.v6([], 128), .unspecified),
        (.v6([0, 0, 0, 0, 0, 0, 0, 1], 128), .loopback),
        (.v6([0xFE80], 10), .linkLocal),
        (.v6([0xFEC0], 10), .siteLocal),
        (.v6([0xFC00], 7), .uniqueLocal),
        (.v6([0xFF00], 8), .multicast),
        (.v6([0x2001, 0x0DB8], 32), .documentation),
        (.v6([0x3FFF], 20), .documentation),
        (.v6([0x2001], 23), .reserved),
        (.v6([0x2002], 16), .sixToFour),
        (.v6([], 3), .reserved),
        (.v6([0x4000], 2), .reserved),
        (.v6([0x8000], 1), .reserved),
    ]
}
