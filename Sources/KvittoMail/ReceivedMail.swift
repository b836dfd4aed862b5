import Foundation

/// A message as the mail catcher received it, with what a reader wants to see decoded: the subject and
/// addresses (RFC 2047 encoded-words), and the text and HTML parts (quoted-printable or base64, in a
/// multipart or not).
public struct ReceivedMail: Sendable {
    public struct Header: Sendable, Equatable {
        public let name: String
        /// Unfolded and with encoded-words decoded.
        public let value: String
    }

    public let envelopeFrom: String
    public let recipients: [String]
    public let receivedAt: Date
    /// The message as sent (after dot unstuffing), CRLF line ends.
    public let raw: String
    public let headers: [Header]
    public let text: String?
    public let html: String?

    public init(envelopeFrom: String, recipients: [String], raw: [UInt8], receivedAt: Date) {
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients
        self.receivedAt = receivedAt
        self.raw = String(decoding: raw, as: UTF8.self)
        let entity = MIMEEntity(self.raw)
        headers = entity.headers
        var parts = (text: String?.none, html: String?.none)
        entity.collectBodies(into: &parts)
        (text, html) = parts
    }

    /// The first header of that name (case-insensitive), decoded.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    public var subject: String { header("Subject") ?? "" }
    public var from: String { header("From") ?? envelopeFrom }
    public var to: String { header("To") ?? recipients.joined(separator: ", ") }
}

/// A header block and a body, split and decoded far enough to show a message.
private struct MIMEEntity {
    let headers: [ReceivedMail.Header]
    let body: String

    init(_ text: String) {
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        let split = normalised.range(of: "\n\n")
        let headerBlock = split.map { String(normalised[..<$0.lowerBound]) } ?? normalised
        body = split.map { String(normalised[$0.upperBound...]) } ?? ""
        var unfolded: [String] = []
        for line in headerBlock.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !unfolded.isEmpty {
                unfolded[unfolded.count - 1] += " " + line.trimmingCharacters(in: .whitespaces)
            } else if !line.isEmpty {
                unfolded.append(String(line))
            }
        }
        headers = unfolded.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return ReceivedMail.Header(name: String(line[..<colon]),
                                       value: EncodedWords.decode(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The content type without parameters, lower case; `text/plain` when absent (RFC 2045 §5.2).
    var mediaType: String {
        (header("Content-Type") ?? "text/plain").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? "text/plain"
    }

    /// A parameter of the content type (`boundary`), quotes removed.
    func contentTypeParameter(_ name: String) -> String? {
        for parameter in (header("Content-Type") ?? "").split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        }
        return nil
    }

    /// The first text/plain and text/html bodies, depth first.
    func collectBodies(into parts: inout (text: String?, html: String?)) {
        if mediaType.hasPrefix("multipart/"), let boundary = contentTypeParameter("boundary") {
            let delimiter = "--" + boundary
            var sections = body.components(separatedBy: "\n" + delimiter)
            // The body may start with the delimiter itself (no preamble).
            if let first = sections.first, first.hasPrefix(delimiter) { sections[0] = String(first.dropFirst(delimiter.count)) } else { sections.removeFirst() }
            for section in sections where !section.hasPrefix("--") {
                let content = section.drop { $0 != "\n" }.dropFirst()
                MIMEEntity(String(content)).collectBodies(into: &parts)
            }
            return
        }
        let decoded = TransferDecoding.decode(body, encoding: header("Content-Transfer-Encoding") ?? "7bit")
        if mediaType == "text/plain", parts.text == nil { parts.text = decoded }
        if mediaType == "text/html", parts.html == nil { parts.html = decoded }
    }
}

/// Content-Transfer-Encoding (RFC 2045 §6): quoted-printable and base64 to text; anything else as is.
enum TransferDecoding {
    static func decode(_ body: String, encoding: String) -> String {
        switch encoding.trimmingCharacters(in: .whitespaces).lowercased() {
        case "quoted-printable": String(decoding: quotedPrintable(body), as: UTF8.self)
        case "base64": Data(base64Encoded: body.filter { !$0.isWhitespace }).map { String(decoding: $0, as: UTF8.self) } ?? body
        default: body
        }
    }

    /// `=XX` is a byte, `=` at a line's end joins it to the next (a soft break); lines end in LF here.
    static func quotedPrintable(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "=") else {
                out.append(byte)
                index += 1
                continue
            }
            if index + 1 < bytes.count, bytes[index + 1] == 10 {
                index += 2
            } else if index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte)  // not an escape: kept, as RFC 2045 §6.7 advises a robust decoder to
                index += 1
            }
        }
        return out
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}

/// RFC 2047 encoded-words (`=?utf-8?B?…?=`, `=?utf-8?Q?…?=`) in a header value; whitespace between two
/// adjacent encoded-words is dropped (§6.2). Charsets other than UTF-8 and ASCII are read as UTF-8.
enum EncodedWords {
    static func decode(_ value: String) -> String {
        let tokens = value.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var result = ""
        var previousWasEncoded = false
        for (index, token) in tokens.enumerated() {
            if let decoded = word(token) {
                if index > 0, !previousWasEncoded { result += " " }
                result += decoded
                previousWasEncoded = true
            } else {
                if index > 0 { result += " " }
                result += token
                previousWasEncoded = false
            }
        }
        return result
    }

    /// One encoded-word, or nil when `token` is not one.
    static func word(_ token: String) -> String? {
        guard token.hasPrefix("=?"), token.hasSuffix("?="), token.count >= 8 else { return nil }
        let parts = token.dropFirst(2).dropLast(2).split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        switch parts[1].uppercased() {
        case "B":
            return Data(base64Encoded: String(parts[2])).map { String(decoding: $0, as: UTF8.self) }
        case "Q":
            let text = String(parts[2]).replacingOccurrences(of: "_", with: " ")
            return String(decoding: TransferDecoding.quotedPrintable(text), as: UTF8.self)
        default:
            return nil
        }
    }
}
