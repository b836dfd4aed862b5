/// Many texts to look for at once, case-insensitively: whether a document holds any of them, in one pass
/// over its bytes however many there are (an erasure of hundreds of people searches the rejection log and
/// the webhook inbox once, not once a person).
///
/// Every window of five bytes of the (lower-cased) document is looked up among the needles' first five
/// bytes, behind a bitmap that turns almost every window away with one load; the few that pass are compared
/// whole. Texts shorter than five bytes are left out: they would match by accident.
public struct TextNeedles: Sendable, Equatable {
    /// Lower case, as UTF-8; distinct.
    public let texts: [String]
    private let bytes: [[UInt8]]
    /// First five bytes (packed big-end first) → the needles that begin so.
    private let byPrefix: [UInt64: [Int]]
    /// One bit per hashed five-byte prefix (2^16 bits).
    private let filter: [UInt64]

    static let window = 5

    public init(_ texts: [String]) {
        var seen: Set<String> = []
        let lowered = texts.map { $0.lowercased() }.filter { $0.utf8.count >= Self.window && seen.insert($0).inserted }
        self.texts = lowered
        bytes = lowered.map { Array($0.utf8) }
        var byPrefix: [UInt64: [Int]] = [:]
        var filter = [UInt64](repeating: 0, count: 1 << 10)
        for (index, needle) in bytes.enumerated() {
            let key = needle.prefix(Self.window).reduce(UInt64(0)) { ($0 << 8) | UInt64($1) }
            byPrefix[key, default: []].append(index)
            let bit = Self.bit(key)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        self.byPrefix = byPrefix
        self.filter = filter
    }

    public var isEmpty: Bool { texts.isEmpty }
    public var count: Int { texts.count }

    public static func == (a: TextNeedles, b: TextNeedles) -> Bool { a.texts == b.texts }

    private static func bit(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 48) }

    /// Whether `text`, lower-cased as the needles were, holds one of them.
    public func found(in text: String) -> Bool {
        guard !bytes.isEmpty else { return false }
        var lowered = text.lowercased()
        return lowered.withUTF8 { found(inLowered: $0) }
    }

    private func found(inLowered text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count >= Self.window else { return false }
        var key: UInt64 = 0
        for end in 0..<text.count {
            key = ((key << 8) | UInt64(text[end])) & 0xFF_FFFF_FFFF
            guard end >= Self.window - 1 else { continue }
            let bit = Self.bit(key)
            guard filter[bit >> 6] & (1 << UInt64(bit & 63)) != 0, let candidates = byPrefix[key] else { continue }
            let start = end - (Self.window - 1)
            for candidate in candidates {
                let needle = bytes[candidate]
                guard start + needle.count <= text.count else { continue }
                var index = Self.window
                while index < needle.count, text[start + index] == needle[index] { index += 1 }
                if index == needle.count { return true }
            }
        }
        return false
    }
}
