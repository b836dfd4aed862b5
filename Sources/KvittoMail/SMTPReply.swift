/// One complete server reply, with the lines of a multi-line reply (`250-…` / `250 …`) joined.
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    public let code: Int
    /// The text of each reply line without its code and separator.
    public let lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// The reply text as one string, lines separated by newlines.
    public var text: String { lines.joined(separator: "\n") }

    /// Code and text the way an operator reads it in a log: `250 OK queued as 4F2A`.
    public var description: String {
        text.isEmpty ? String(code) : "\(code) \(text)"
    }

    var isPositiveCompletion: Bool { (200..<300).contains(code) }
}

/// Turns the server's byte stream into replies.
///
/// Kept separate from the channel handler so the framing rules can be tested
/// without a socket, and so STARTTLS can check that no plaintext bytes are left
/// over before TLS starts (leftovers would be an injection attempt).
struct SMTPReplyParser {
    /// RFC 5321 allows 512 octets per reply line; real servers exceed that a little,
    /// an endless line without CRLF is a broken or hostile peer.
    static let maximumLineLength = 4096
    /// Bounds the lines of a single reply so a hostile server cannot grow memory forever.
    static let maximumLinesPerReply = 256

    private var buffer: [UInt8] = []
    private var readIndex = 0
    private var pendingCode: Int?
    private var pendingLines: [String] = []

    /// Whether bytes have arrived that do not yet form a complete reply.
    var hasBufferedInput: Bool { readIndex < buffer.count || !pendingLines.isEmpty }

    mutating func append<Bytes: Sequence>(contentsOf bytes: Bytes) where Bytes.Element == UInt8 {
        if readIndex > 0 && readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete reply, or nil when more bytes are needed.
    mutating func nextReply() throws(SMTPError) -> SMTPReply? {
        while let line = nextLine() {
            let (code, isLast, text) = try Self.parse(line)
            if let pendingCode, pendingCode != code {
                throw .protocolViolation("reply code changed from \(pendingCode) to \(code) within one reply")
            }
            pendingCode = code
            pendingLines.append(text)
            if isLast {
                let reply = SMTPReply(code: code, lines: pendingLines)
                pendingCode = nil
                pendingLines = []
                return reply
            }
            if pendingLines.count > Self.maximumLinesPerReply {
                throw .protocolViolation("reply has more than \(Self.maximumLinesPerReply) lines")
            }
        }
        if buffer.count - readIndex > Self.maximumLineLength {
            throw .protocolViolation("reply line longer than \(Self.maximumLineLength) bytes")
        }
        return nil
    }

    private mutating func nextLine() -> [UInt8]? {
        guard let newline = buffer[readIndex...].firstIndex(of: UInt8(ascii: "\n")) else {
            return nil
        }
        var end = newline
        if end > readIndex && buffer[end - 1] == UInt8(ascii: "\r") {
            end -= 1
        }
        let line = Array(buffer[readIndex..<end])
        readIndex = newline + 1
        return line
    }

    private static func parse(_ line: [UInt8]) throws(SMTPError) -> (code: Int, isLast: Bool, text: String) {
        let digits = line.prefix(3)
        guard digits.count == 3,
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let first = digits.first, (UInt8(ascii: "2")...UInt8(ascii: "5")).contains(first)
        else {
            throw .protocolViolation("malformed reply line \(String(decoding: line.prefix(80), as: UTF8.self).debugDescription)")
        }
        let code = digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        guard line.count > 3 else {
            return (code, true, "")
        }
        let separator = line[3]
        guard separator == UInt8(ascii: " ") || separator == UInt8(ascii: "-") else {
            throw .protocolViolation("malformed reply line \(String(decoding: line.prefix(80), as: UTF8.self).debugDescription)")
        }
        let text = String(decoding: line.dropFirst(4), as: UTF8.self)
        return (code, separator == UInt8(ascii: " "), text)
    }
}
