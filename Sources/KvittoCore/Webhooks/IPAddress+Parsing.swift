import Foundation

extension IPAddress {
    /// Parses an address from text: dotted-decimal IPv4 or RFC 4291 IPv6 (compressed `::`, and a dotted IPv4
    /// tail such as `::ffff:1.2.3.4`). Hex digits may be either case.
    ///
    /// Deliberately strict, because lenient address parsing is a classic way around address guards:
    /// - IPv4 must be four decimal parts without leading zeros: `127.1`, `0x7f.0.0.1`, `2130706433` and
    ///   `010.0.0.1` (octal to `inet_aton`) are rejected instead of being read differently from the resolver.
    /// - Zone ids (`fe80::1%eth0`) are rejected: a zone only means something on this host's interfaces, and
    ///   no resolver answer or allow-list entry needs one.
    /// - Brackets (`[::1]`) and surrounding whitespace are the caller's to remove.
    /// - Returns: `nil` when the text is not an address in one of these forms.
    public init?(_ text: String) {
        if text.contains(":") {
            guard let (high, low) = Self.parseIPv6(Substring(text)) else { return nil }
            self.init(ipv6High: high, low: low)
        } else {
            guard let value = Self.parseIPv4(Substring(text)) else { return nil }
            self.init(ipv4: value)
        }
    }

    private static func parseIPv4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard (1...3).contains(part.utf8.count),
                  part.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  part.utf8.count == 1 || part.utf8.first != UInt8(ascii: "0"),
                  let byte = UInt8(part)
            else { return nil }
            value = value << 8 | UInt32(byte)
        }
        return value
    }

    private static func parseIPv6(_ text: Substring) -> (UInt64, UInt64)? {
        // At most one `::`; `:::` leaves an empty group behind and fails below.
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        guard let head = groups(of: halves[0], mayEndInIPv4: halves.count == 1) else { return nil }
        var tail: [UInt16] = []
        if halves.count == 2 {
            guard let parsed = groups(of: halves[1], mayEndInIPv4: true) else { return nil }
            tail = parsed
        }
        let all: [UInt16]
        if halves.count == 2 {
            // `::` stands for at least one zero group.
            guard head.count + tail.count <= 7 else { return nil }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard head.count == 8 else { return nil }
            all = head
        }
        let high = all[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = all[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return (high, low)
    }

    /// The 16-bit groups of one side of `::`: 1–4 hex digits each, the last one optionally a dotted IPv4
    /// address (two groups). An empty side has no groups; an empty group (`1::2:`, `:1::`) is an error.
    private static func groups(of text: String, mayEndInIPv4: Bool) -> [UInt16]? {
        guard !text.isEmpty else { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var groups: [UInt16] = []
        for (index, part) in parts.enumerated() {
            if index == parts.count - 1, mayEndInIPv4, part.contains(".") {
                guard let value = parseIPv4(part) else { return nil }
                groups.append(UInt16(truncatingIfNeeded: value >> 16))
                groups.append(UInt16(truncatingIfNeeded: value))
                continue
            }
            guard (1...4).contains(part.utf8.count), part.utf8.allSatisfy(\.isHexDigit), let group = UInt16(part, radix: 16)
            else { return nil }
            groups.append(group)
        }
        return groups
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
}

extension IPAddress {
    /// The address a URL's host names when it is a literal in any spelling a resolver accepts: the strict
    /// forms `init(_:)` reads, a bracketed IPv6 address, and the legacy IPv4 forms of `inet_aton` — one to four
    /// parts, each decimal, `0x` hex or `0`-led octal, the last filling the remaining bytes (`2852039166`,
    /// `0xa9fea9fe`, `169.254.43518`, `0251.0376.0251.0376`). `nil` for a name (or an impossible literal).
    ///
    /// This is for refusing a destination when it is entered; the send-time guard applies to what the
    /// resolver answers, which reads these spellings the same way.
    public static func literal(host: String) -> IPAddress? {
        var text = host.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("["), text.hasSuffix("]") { text = String(text.dropFirst().dropLast()) }
        if text.hasSuffix(".") { text = String(text.dropLast()) }  // a fully qualified form resolves alike
        if let strict = IPAddress(text) { return strict }
        return legacyIPv4(text).map { IPAddress(ipv4: $0) }
    }

    private static func legacyIPv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            let lower = part.lowercased()
            let value: UInt64?
            if lower.hasPrefix("0x") {
                value = lower.count == 2 ? 0 : UInt64(lower.dropFirst(2), radix: 16)
            } else if lower.count > 1, lower.hasPrefix("0") {
                value = UInt64(lower.dropFirst(), radix: 8)
            } else {
                value = UInt64(lower, radix: 10)
            }
            guard let value, lower.count <= 12 else { return nil }
            values.append(value)
        }
        // Every part but the last is one byte; the last fills what is left (4, 3, 2 or 1 bytes... of 32 bits).
        let leading = values.dropLast()
        guard leading.allSatisfy({ $0 <= 0xFF }), let last = values.last else { return nil }
        let lastBits = 8 * (4 - leading.count)
        guard last < (UInt64(1) << lastBits) else { return nil }
        var result: UInt64 = 0
        for byte in leading { result = result << 8 | byte }
        return UInt32(result << lastBits | last)
    }
}
