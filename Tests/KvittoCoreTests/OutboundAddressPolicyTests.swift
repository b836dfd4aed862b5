import Foundation
import KvittoCore
import Testing

@Suite("Outbound address guard")
struct OutboundAddressPolicyTests {
    static let policy = OutboundAddressPolicy()

    @Test(arguments: [
        ("10.0.0.1", "private", "10.0.0.0/8"),
        ("169.254.169.254", "link-local", "169.254.0.0/16"),
        ("::1", "loopback", "::1/128"),
        ("127.0.0.1", "loopback", "127.0.0.0/8"),
        ("127.255.255.254", "loopback", "127.0.0.0/8"),
        ("100.64.1.1", "CGNAT", "100.64.0.0/10"),
        ("100.127.255.255", "CGNAT", "100.64.0.0/10"),
        ("::ffff:127.0.0.1", "loopback", "127.0.0.0/8"),
        ("::ffff:10.1.2.3", "private", "10.0.0.0/8"),
        ("::ffff:a9fe:a9fe", "link-local", "169.254.0.0/16"),
        ("0.0.0.0", "unspecified", "0.0.0.0/8"),
        ("0.1.2.3", "unspecified", "0.0.0.0/8"),
        ("172.16.0.1", "private", "172.16.0.0/12"),
        ("172.31.255.255", "private", "172.16.0.0/12"),
        ("192.168.1.1", "private", "192.168.0.0/16"),
        ("192.0.0.8", "reserved", "192.0.0.0/24"),
        ("192.0.2.1", "documentation", "192.0.2.0/24"),
        ("192.88.99.1", "6to4", "192.88.99.0/24"),
        ("198.18.0.1", "benchmarking", "198.18.0.0/15"),
        ("198.19.255.255", "benchmarking", "198.18.0.0/15"),
        ("198.51.100.7", "documentation", "198.51.100.0/24"),
        ("203.0.113.9", "documentation", "203.0.113.0/24"),
        ("224.0.0.1", "multicast", "224.0.0.0/4"),
        ("239.255.255.250", "multicast", "224.0.0.0/4"),
        ("240.0.0.1", "reserved", "240.0.0.0/4"),
        ("255.255.255.254", "reserved", "240.0.0.0/4"),
        ("255.255.255.255", "broadcast", "255.255.255.255/32"),
        ("::", "unspecified", "::/128"),
        ("64:ff9b::127.0.0.1", "loopback", "127.0.0.0/8"),
        ("64:ff9b::a9fe:a9fe", "link-local", "169.254.0.0/16"),
        ("64:ff9b:1::1", "reserved", "::/3"),
        ("fc00::1", "unique-local", "fc00::/7"),
        ("fd12:3456:789a::1", "unique-local", "fc00::/7"),
        ("fe80::1", "link-local", "fe80::/10"),
        ("febf:ffff::1", "link-local", "fe80::/10"),
        ("fec0::1", "site-local", "fec0::/10"),
        ("ff02::1", "multicast", "ff00::/8"),
        ("ff0e::101", "multicast", "ff00::/8"),
        ("2001:db8::1", "documentation", "2001:db8::/32"),
        ("3fff:123::1", "documentation", "3fff::/20"),
        ("2001::1", "reserved", "2001::/23"),
        ("2001:2::1", "reserved", "2001::/23"),
        ("2002:7f00:1::1", "6to4", "2002::/16"),
        ("::127.0.0.1", "reserved", "::/3"),
        ("100::1", "reserved", "::/3"),
        ("4000::1", "reserved", "4000::/2"),
        ("e000::1", "reserved", "8000::/1"),
    ])
    func specialAddressesAreRefusedWithTheirRangeName(text: String, kind: String, block: String) throws {
        let address = try #require(IPAddress(text))
        guard case .refused(let actualKind, let actualBlock) = Self.policy.verdict(for: address) else {
            Issue.record("\(text) was allowed")
            return
        }
        #expect(actualKind.rawValue == kind)
        #expect(actualBlock.description == block)
    }

    @Test(arguments: [
        "93.184.216.34", "2606:2800:220:1::1", "8.8.8.8", "1.1.1.1", "11.0.0.0", "126.255.255.255", "128.0.0.0",
        "100.63.255.255", "100.128.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0",
        "192.0.1.255", "192.0.3.0", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0",
        "223.255.255.255", "::ffff:93.184.216.34", "64:ff9b::93.184.216.34", "2a00:1450:4001:81c::200e",
        "2001:200::1", "2001:db7::1", "2003::1", "3ffe:ffff::1",
    ])
    func ordinaryPublicAddressesAreAllowed(text: String) throws {
        let address = try #require(IPAddress(text))
        #expect(Self.policy.verdict(for: address) == .allowed)
    }

    @Test func anAllowListedLoopbackAddressIsAllowedButOnlyThatOne() throws {
        let policy = OutboundAddressPolicy(allowList: [try #require(CIDRRange("127.0.0.1/32"))])
        #expect(policy.verdict(for: try #require(IPAddress("127.0.0.1"))) == .allowed)
        #expect(policy.verdict(for: try #require(IPAddress("::ffff:127.0.0.1"))) == .allowed, "the mapped form reaches the same host")
        #expect(!policy.verdict(for: try #require(IPAddress("127.0.0.2"))).isAllowed)
        #expect(!policy.verdict(for: try #require(IPAddress("::1"))).isAllowed)
        #expect(!policy.verdict(for: try #require(IPAddress("10.0.0.1"))).isAllowed)
    }

    @Test func theAllowListWinsOverEveryKindOfRange() throws {
        let policy = OutboundAddressPolicy(allowList: try OutboundAddressPolicy.parseAllowList("10.0.0.0/8, ::1, fd00::/8, 224.0.0.0/4"))
        for text in ["10.200.0.1", "::1", "fd00::5", "239.1.1.1"] {
            #expect(policy.verdict(for: try #require(IPAddress(text))) == .allowed, "\(text) should be allow-listed")
        }
        #expect(!policy.verdict(for: try #require(IPAddress("fc00::5"))).isAllowed)
    }

    @Test func aRefusalSaysWhatAndWhere() throws {
        let verdict = Self.policy.verdict(for: try #require(IPAddress("::ffff:127.0.0.1")))
        #expect(verdict.description == "refused: loopback address (127.0.0.0/8)")
        #expect(OutboundAddressPolicy.Verdict.allowed.description == "allowed")
    }

    @Test(arguments: [
        ("127.0.0.1/32", ["127.0.0.1/32"]),
        ("127.0.0.1", ["127.0.0.1/32"]),
        (" 127.0.0.1 , ::1,10.0.0.0/8, ", ["127.0.0.1/32", "::1/128", "10.0.0.0/8"]),
        ("2001:DB8::/32", ["2001:db8::/32"]),
        ("", []),
        (" , ,", []),
    ])
    func allowListFlagValuesParse(value: String, expected: [String]) throws {
        #expect(try OutboundAddressPolicy.parseAllowList(value).map(\.description) == expected)
    }

    @Test(arguments: [
        ("10.0.0.1/8", "did you mean 10.0.0.0/8?"),
        ("localhost", "\"localhost\" is not an IP address or CIDR range"),
        ("10.0.0.0/33", "\"10.0.0.0/33\" is not"),
        ("::1/129", "\"::1/129\" is not"),
        ("127.0.0.1;10.0.0.0/8", "is not"),
        ("[::1]", "is not"),
    ])
    func badAllowListEntriesAreReportedByName(value: String, message: String) {
        #expect {
            _ = try OutboundAddressPolicy.parseAllowList(value)
        } throws: { error in
            guard let error = error as? KvittoError else { return false }
            return error.code == .invalid && error.detail.contains(message)
        }
    }

    @Test func everyBadEntryOfAnAllowListIsNamed() throws {
        let error = try #require(throws: KvittoError.self) { try OutboundAddressPolicy.parseAllowList("a, 127.0.0.1, b") }
        #expect(error.detail.contains("\"a\"") && error.detail.contains("\"b\""))
    }
}

@Suite("IP addresses and CIDR ranges")
struct IPAddressParsingTests {
    @Test(arguments: [
        ("1.2.3.4", "1.2.3.4"), ("0.0.0.0", "0.0.0.0"), ("255.255.255.255", "255.255.255.255"),
        ("::", "::"), ("::1", "::1"), ("1::", "1::"), ("2001:DB8::1", "2001:db8::1"),
        ("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1"),
        ("::ffff:1.2.3.4", "::ffff:1.2.3.4"), ("::FFFF:7f00:1", "::ffff:127.0.0.1"),
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"), ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ("1:0:0:2:0:0:3:4", "1::2:0:0:3:4"), ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
        ("64:ff9b::1.2.3.4", "64:ff9b::102:304"), ("1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:102:304"),
        ("::1.2.3.4", "::102:304"), ("1::2:3:4:5:6:7", "1:0:2:3:4:5:6:7"), ("fe80::", "fe80::"),
    ])
    func addressesParseToTheirCanonicalText(text: String, canonical: String) throws {
        let address = try #require(IPAddress(text))
        #expect(address.description == canonical)
        #expect(IPAddress(canonical) == address, "canonical text must parse back to the same address")
        #expect(IPAddress(bytes: address.bytes) == address)
    }

    @Test(arguments: [
        "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.-4", "1.2.3.4 ", " 1.2.3.4", "0x7f.0.0.1",
        "2130706433", "127.1", "1.2.3.", "1..2.3", "１.2.3.4", ":::", "1:::2", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7", ":1::", "1::2:", ":1:2:3:4:5:6:7:8", "fe80::1%eth0", "fe80::1%25eth0", "[::1]", "::g",
        "1.2.3.4::", "::1.2.3.4:5", "1:2:3:4:5:6:7:1.2.3.4", "::ffff:1.2.3", "::ffff:01.2.3.4", "1::2:3:4:5:6:7:8",
        "localhost",
    ])
    func malformedAddressesAreRejected(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test func familiesAndMappedAddressesAreTold() throws {
        #expect(try #require(IPAddress("1.2.3.4")).family == .v4)
        #expect(try #require(IPAddress("::ffff:1.2.3.4")).family == .v6)
        #expect(try #require(IPAddress("::ffff:1.2.3.4")).ipv4Mapped == IPAddress(ipv4: 1, 2, 3, 4))
        #expect(try #require(IPAddress("64:ff9b::1.2.3.4")).ipv4Mapped == nil)
        #expect(IPAddress("1.2.3.4") != IPAddress("::ffff:1.2.3.4"))
        #expect(IPAddress(bytes: [1, 2, 3]) == nil)
        #expect(IPAddress(ipv4: 0x7F00_0001) == IPAddress("127.0.0.1"))
        #expect(IPAddress(ipv6High: 0, low: 1) == IPAddress("::1"))
    }

    @Test(arguments: [
        ("10.0.0.0/8", "10.255.255.255", true), ("10.0.0.0/8", "11.0.0.0", false), ("10.0.0.0/8", "9.255.255.255", false),
        ("127.0.0.1/32", "127.0.0.1", true), ("127.0.0.1/32", "127.0.0.2", false),
        ("::1/128", "::1", true), ("::1/128", "::2", false),
        ("0.0.0.0/0", "203.0.113.1", true), ("0.0.0.0/0", "::1", false), ("::/0", "2001:db8::1", true), ("::/0", "1.2.3.4", false),
        ("2001:db8::/32", "2001:db8:ffff:ffff::1", true), ("2001:db8::/32", "2001:db9::", false),
        ("fe80::/10", "febf::1", true), ("fe80::/10", "fec0::1", false),
        ("2001:db8:0:1::/65", "2001:db8:0:1:7fff::1", true), ("2001:db8:0:1::/65", "2001:db8:0:1:8000::", false),
        ("127.0.0.0/8", "::ffff:127.0.0.1", false),
        ("10.0.0.1", "10.0.0.1", true), ("10.0.0.1", "10.0.0.2", false),
    ])
    func rangesContainExactlyTheirAddresses(range: String, address: String, contained: Bool) throws {
        let block = try #require(CIDRRange(range))
        #expect(block.contains(try #require(IPAddress(address))) == contained)
    }

    @Test(arguments: [
        "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0.1/8", "/8", "10.0.0.0/ 8", "::1/129",
        "10.0.0.0/0008", "10.0.0.0/+8", "::1/64", "", "example.com/8",
    ])
    func malformedRangesAreRejected(text: String) {
        #expect(CIDRRange(text) == nil)
    }

    @Test func rangesNormaliseAndDescribeThemselves() throws {
        let address = try #require(IPAddress("10.1.2.3"))
        let range = try #require(CIDRRange(containing: address, prefixLength: 8))
        #expect(range.description == "10.0.0.0/8")
        #expect(CIDRRange(containing: address, prefixLength: 33) == nil)
        #expect(CIDRRange(host: try #require(IPAddress("::1"))).description == "::1/128")
        #expect(CIDRRange("::1") == CIDRRange("::1/128"))
        #expect(try #require(CIDRRange("2001:db8:0:0::/64")).description == "2001:db8::/64")
    }

    /// Every spelling a resolver reads as an address is read as that address when a destination is entered, so
    /// `2852039166` is the metadata service as surely as `169.254.169.254`.
    @Test(arguments: [
        ("169.254.169.254", "169.254.169.254"), ("2852039166", "169.254.169.254"), ("0xa9fea9fe", "169.254.169.254"),
        ("0XA9FEA9FE", "169.254.169.254"), ("169.254.43518", "169.254.169.254"), ("0251.0376.0251.0376", "169.254.169.254"),
        ("169.16689662", "169.254.169.254"), ("127.1", "127.0.0.1"), ("0x7f.1", "127.0.0.1"), ("0", "0.0.0.0"),
        ("10.0.0.1.", "10.0.0.1"), ("[::1]", "::1"), ("[::ffff:169.254.169.254]", "::ffff:169.254.169.254"),
    ])
    func literalAddressesInEverySpellingAreRead(host: String, address: String) {
        #expect(IPAddress.literal(host: host) == IPAddress(address), "\(host)")
    }

    @Test(arguments: ["partner.example", "1.2.3.4.5", "256.1.1.1", "1.2.3.0x100", "08.1.1.1", "4294967296", "", "[fe80::1%eth0]", "1..2"])
    func namesAndImpossibleLiteralsAreNotAddresses(host: String) {
        #expect(IPAddress.literal(host: host) == nil, "\(host)")
    }

    @Test func aDestinationAtARefusedLiteralIsNamedUnlessAllowListed() {
        let strict = OutboundAddressPolicy()
        #expect(strict.refusal(destination: "http://2852039166/latest")?.contains("169.254.169.254, in the link-local range") == true)
        #expect(strict.refusal(destination: "https://[::1]:8443/hooks")?.contains("loopback") == true)
        #expect(strict.refusal(destination: "butiken.myshopify.com") == nil, "a name is checked when sent")
        #expect(strict.refusal(destination: "https://partner.example/hooks") == nil)
        #expect(strict.refusal(destination: "https://93.184.215.14/hooks") == nil, "a public address")
        let local = OutboundAddressPolicy(allowList: [CIDRRange("127.0.0.1/32")!])
        #expect(local.refusal(destination: "http://127.1:9/hooks") == nil, "the allow-list reads the same spelling")
        #expect(local.refusal(destination: "http://127.0.0.2/hooks") != nil)
    }
}
