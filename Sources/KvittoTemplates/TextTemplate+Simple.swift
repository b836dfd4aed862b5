import KvittoCore

/// The fast path for the most common texts: only literal text and variable tags (`{{a.b}}`, `{{{a.b}}}`,
/// `{{& a.b}}`), which is what nearly every postback field looks like ("Order {{data.order.number}}").
///
/// swift-mustache renders through `Any` and dynamic casts, and builds a context per render; for such a
/// text that is most of the cost of a postback. A text without sections, comments, partials, pragmas,
/// transforms or delimiter changes needs none of it: variables are never standalone, so Mustache's
/// whitespace rules reduce to copying the text verbatim (with one quirk, below), and with a single object
/// on the context stack a dotted name resolves member by member from the root. Both paths share the
/// lookup (`MustacheJSON.child`) and the rendering of values (`MustacheJSON.text`); the tests render
/// texts both ways and compare. Anything this parser does not recognise goes to swift-mustache, which
/// has already parsed the text successfully by the time this runs.
extension TextTemplate {
    enum Segment: Sendable, Equatable {
        case text(String)
        /// A variable: its dotted name split into members; empty for `{{.}}`, the root.
        case variable([String])
    }

    /// The text as segments, or `nil` when it uses anything beyond literal text and variables.
    static func simpleSegments(of source: String) -> [Segment]? {
        let bytes = Array(source.utf8)
        var segments: [Segment] = []
        var textStart = 0
        var i = 0
        while i + 1 < bytes.count {
            guard bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "{") else {
                i += 1
                continue
            }
            if textStart < i { segments.append(.text(String(decoding: bytes[textStart..<i], as: UTF8.self))) }
            guard let (name, end) = variableTag(bytes, from: i + 2) else { return nil }
            segments.append(.variable(name.split(separator: ".").map(String.init)))
            i = end
            textStart = end
        }
        // swift-mustache drops a last line made only of spaces and tabs (it reads a line's indentation
        // before deciding what the line holds, and at the end of the text nothing follows to keep it).
        var tailStart = textStart
        if let lastNewline = bytes[textStart...].lastIndex(of: UInt8(ascii: "\n")) { tailStart = lastNewline + 1 }
        let tail = bytes[tailStart...]
        let lineStart = bytes[..<tailStart].last == UInt8(ascii: "\n") || tailStart == 0
        let end = !tail.isEmpty && lineStart && tail.allSatisfy { $0 == 0x20 || $0 == 0x09 } ? tailStart : bytes.count
        if textStart < end { segments.append(.text(String(decoding: bytes[textStart..<end], as: UTF8.self))) }
        return segments
    }

    /// Reads a variable tag's name after its opening `{{`: `name}}`, `{name}}}` or `&name}}`, with optional
    /// spaces around the name. Returns the name and the index after the tag, or `nil` for any other tag.
    private static func variableTag(_ bytes: [UInt8], from start: Int) -> (String, Int)? {
        var i = start
        var triple = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "{") {
            triple = true
            i += 1
        } else if i < bytes.count, bytes[i] == UInt8(ascii: "&") {
            i += 1
        }
        func skipSpaces() { while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 } }
        skipSpaces()
        let nameStart = i
        while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
        let name = String(decoding: bytes[nameStart..<i], as: UTF8.self)
        skipSpaces()
        let closing = triple ? 3 : 2
        guard i + closing <= bytes.count, bytes[i..<(i + closing)].allSatisfy({ $0 == UInt8(ascii: "}") }) else { return nil }
        return (name, i + closing)
    }

    /// swift-mustache's name characters, less the parentheses of transforms.
    private static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "?"), UInt8(ascii: "*"):
            return true
        default:
            return false
        }
    }

    /// Renders segments against `input`, charging `budget` for values as the Mustache context does.
    static func render(_ segments: [Segment], _ input: JSONValue, budget: RenderBudget) -> String {
        var out = ""
        for segment in segments {
            switch segment {
            case .text(let text):
                out += text
            case .variable(let path):
                var value = input
                var found = true
                for name in path {
                    guard let child = MustacheJSON.child(of: value, named: name) else {
                        found = false
                        break
                    }
                    value = child
                }
                if found { out += MustacheJSON.text(of: value, budget) }
            }
        }
        return out
    }
}
