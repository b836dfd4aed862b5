extension TextTemplate {
    /// How deeply the sections of `source` nest (`{{#a}}`, `{{^a}}`, `{{$a}}`, `{{<a}}`, each closed by
    /// `{{/a}}`), following set-delimiter tags as swift-mustache does. `nil` when a set-delimiter tag
    /// cannot be read with certainty.
    ///
    /// Checked before swift-mustache parses the text: its parser recurses once per nesting level, with
    /// frames large enough (about 16 KB each in a debug build) that a short hostile text of nested sections
    /// overflows a thread's stack and kills the process. Tags are found the way swift-mustache finds them,
    /// so up to the first tag the two read differently, which swift-mustache then rejects, the depth
    /// counted here is the depth its parser reaches.
    static func sectionDepth(of source: String) -> Int? {
        let bytes = Array(source.utf8)
        var open = Array("{{".utf8)
        var close = Array("}}".utf8)
        var depth = 0
        var deepest = 0
        var i = 0
        while let start = find(open, in: bytes, from: i) {
            let kind = start + open.count
            guard kind < bytes.count else { break }
            switch bytes[kind] {
            case UInt8(ascii: "="):
                // `{{=<% %>=}}`: the new delimiters, separated by whitespace, then `=` and the old closing one.
                guard let end = find([UInt8(ascii: "=")] + close, in: bytes, from: kind + 1) else { return nil }
                let content = bytes[(kind + 1)..<end]
                // Unicode whitespace would split the delimiters for swift-mustache and not here: refuse it.
                guard content.allSatisfy({ $0 < 0x80 }) else { return nil }
                let parts = content.split(whereSeparator: { (0x09...0x0D).contains($0) || $0 == 0x20 })
                guard parts.count == 2 else { return nil }
                i = end + 1 + close.count
                open = Array(parts[0])
                close = Array(parts[1])
                continue
            case UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "$"), UInt8(ascii: "<"):
                depth += 1
                deepest = max(deepest, depth)
            case UInt8(ascii: "/"):
                depth = max(0, depth - 1)
            default:
                break
            }
            // A variable's name starts right after the opening delimiter; any other tag has a type first.
            let isVariable = !"#^$</!>&{=%".utf8.contains(bytes[kind])
            guard let end = find(close, in: bytes, from: isVariable ? kind : kind + 1) else { break }
            i = end + close.count
        }
        return deepest
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, start <= bytes.count - needle.count else { return nil }
        var i = start
        while i <= bytes.count - needle.count {
            if bytes[i] == first, bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}
