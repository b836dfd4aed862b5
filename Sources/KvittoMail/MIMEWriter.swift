import Foundation

/// Renders a ``MailMessage`` as the RFC 5322 / MIME bytes that go into the DATA phase.
///
/// Everything is 7-bit ASCII with CRLF line endings, so the message survives
/// any relay whether or not it supports 8BITMIME: non-ASCII header text becomes
/// RFC 2047 encoded-words and bodies are quoted-printable (readable in raw form
/// for mostly-Latin Swedish and Czech text, unlike base64).
///
/// Header injection: a CR, LF or other control character (tab excepted) in any
/// caller-supplied header text (subject, display names, addresses, Message-ID,
/// extra header names and values) is **rejected** with
/// ``SMTPError/invalidMessage(_:)``, never silently stripped, because a line
/// break in a subject is a bug or an attack and either way should be noticed.
public struct MIMEWriter: Sendable {
    /// RFC 5322 §2.1.1: lines SHOULD stay within 78 characters, MUST within 998.
    static let preferredLineLength = 78
    static let maximumLineLength = 998
    /// RFC 2047 §2: an encoded-word is at most 75 characters.
    static let maximumEncodedWordLength = 75
    /// RFC 2045 §6.7: encoded lines are at most 76 characters.
    static let maximumQuotedPrintableLineLength = 76

    /// Headers this writer produces itself; letting callers add them again would
    /// produce duplicates that receivers resolve unpredictably.
    private static let reservedHeaderNames: Set<String> = [
        "date", "from", "to", "subject", "message-id", "mime-version",
        "content-type", "content-transfer-encoding",
    ]

    public init() {}

    public func render(_ message: MailMessage) throws(SMTPError) -> [UInt8] {
        guard !message.to.isEmpty else {
            throw .invalidMessage("message has no recipients")
        }
        var headers: [String] = []
        headers.append("Date: \(Self.rfc5322Date(message.date))")
        headers.append(try Self.addressHeader(name: "From", mailboxes: [message.from]))
        headers.append(try Self.addressHeader(name: "To", mailboxes: message.to))
        headers.append(try Self.unstructuredHeader(name: "Subject", value: message.subject))
        headers.append("Message-ID: \(try Self.validatedMessageID(message.messageID))")
        headers.append("MIME-Version: 1.0")
        for header in message.extraHeaders {
            headers.append(try Self.extraHeader(header))
        }

        let body: String
        if let htmlBody = message.htmlBody {
            let boundary = Self.randomBoundary()
            headers.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
            body = [
                "--\(boundary)",
                Self.textPart(contentType: "text/plain", content: message.textBody),
                "--\(boundary)",
                Self.textPart(contentType: "text/html", content: htmlBody),
                "--\(boundary)--",
                "",
            ].joined(separator: "\r\n")
        } else {
            headers.append("Content-Type: text/plain; charset=utf-8")
            headers.append("Content-Transfer-Encoding: quoted-printable")
            body = Self.quotedPrintable(message.textBody)
        }

        for line in headers.joined(separator: "\r\n").components(separatedBy: "\r\n")
        where line.utf8.count > Self.maximumLineLength {
            throw .invalidMessage("header line longer than \(Self.maximumLineLength) characters: \(line.prefix(40))…")
        }
        return Array((headers.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8)
    }

    private static func textPart(contentType: String, content: String) -> String {
        "Content-Type: \(contentType); charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n"
            + "\r\n"
            + quotedPrintable(content)
    }

    /// A boundary starting with `=_`: that sequence never occurs in quoted-printable
    /// output (a literal `=` is always followed by hex digits or a line break), so
    /// it cannot collide with part content no matter what the shop writes.
    static func randomBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<2).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
        return "=_Kvitto_\(random)"
    }

    // MARK: - Header values

    private static func checkedHeaderText(_ value: String, field: String) throws(SMTPError) -> String {
        let hasControlCharacter = value.unicodeScalars.contains { scalar in
            (scalar.value < 0x20 && scalar != "\t") || scalar.value == 0x7F
        }
        if hasControlCharacter {
            throw .invalidMessage("\(field) contains a line break or control character")
        }
        return value
    }

    private static func validatedMessageID(_ messageID: String) throws(SMTPError) -> String {
        let checked = try checkedHeaderText(messageID, field: "Message-ID")
        guard !checked.isEmpty, checked.unicodeScalars.allSatisfy({ $0.isASCII && $0 != " " && $0 != "\t" }) else {
            throw .invalidMessage("Message-ID \(messageID.debugDescription) is not a printable ASCII token")
        }
        return checked.hasPrefix("<") && checked.hasSuffix(">") ? checked : "<\(checked)>"
    }

    private static func extraHeader(_ header: MailHeader) throws(SMTPError) -> String {
        let isValidName = !header.name.isEmpty && header.name.unicodeScalars.allSatisfy { scalar in
            scalar.value >= 33 && scalar.value <= 126 && scalar != ":"
        }
        guard isValidName else {
            throw .invalidMessage("invalid header name \(header.name.debugDescription)")
        }
        guard !reservedHeaderNames.contains(header.name.lowercased()) else {
            throw .invalidMessage("header \(header.name) is produced by MIMEWriter and cannot be added")
        }
        return try unstructuredHeader(name: header.name, value: header.value)
    }

    /// Free text such as a subject. Runs of spaces and tabs collapse to one space,
    /// because that is where the header is folded.
    static func unstructuredHeader(name: String, value: String) throws(SMTPError) -> String {
        let checked = try checkedHeaderText(value, field: name)
        let needsEncoding = !checked.unicodeScalars.allSatisfy(\.isASCII) || checked.contains("=?")
        let tokens: [String]
        if needsEncoding {
            tokens = encodedWords(checked, firstWordLimit: preferredLineLength - name.utf8.count - 2)
        } else {
            tokens = checked.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        }
        return foldedHeader(name: name, tokens: tokens)
    }

    static func addressHeader(name: String, mailboxes: [MailAddress]) throws(SMTPError) -> String {
        var tokens: [String] = []
        for (index, mailbox) in mailboxes.enumerated() {
            let address = try mailbox.validated()
            var mailboxTokens: [String]
            let displayName = try checkedHeaderText(mailbox.displayName ?? "", field: "display name of \(address)")
            if !displayName.isEmpty {
                if displayName.unicodeScalars.allSatisfy(\.isASCII) {
                    let escaped = displayName
                        .replacingOccurrences(of: "\\", with: "\\\\")
                        .replacingOccurrences(of: "\"", with: "\\\"")
                    mailboxTokens = ["\"\(escaped)\""]
                } else {
                    let firstWordLimit = tokens.isEmpty
                        ? preferredLineLength - name.utf8.count - 2
                        : maximumEncodedWordLength
                    mailboxTokens = encodedWords(displayName, firstWordLimit: firstWordLimit)
                }
                mailboxTokens.append("<\(address)>")
            } else {
                mailboxTokens = [address]
            }
            if index < mailboxes.count - 1, let last = mailboxTokens.popLast() {
                mailboxTokens.append(last + ",")
            }
            tokens.append(contentsOf: mailboxTokens)
        }
        return foldedHeader(name: name, tokens: tokens)
    }

    /// Joins tokens with single spaces, starting a continuation line (CRLF SP)
    /// whenever the next token would push the line past 78 characters.
    static func foldedHeader(name: String, tokens: [String]) -> String {
        var lines: [String] = []
        var current = "\(name):"
        var lineHasToken = false
        for token in tokens {
            if lineHasToken && current.utf8.count + 1 + token.utf8.count > preferredLineLength {
                lines.append(current)
                current = " \(token)"
            } else {
                current += " \(token)"
            }
            lineHasToken = true
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// RFC 2047 B-encoded words for `text`, each a self-contained run of whole
    /// characters (never a split UTF-8 sequence), the first at most
    /// `firstWordLimit` long so it fits behind the header name, the rest at most 75.
    static func encodedWords(_ text: String, firstWordLimit: Int) -> [String] {
        let wrapperLength = "=?UTF-8?B??=".utf8.count
        func byteCapacity(forWordLength length: Int) -> Int {
            max(length - wrapperLength, 8) / 4 * 3
        }
        func encodedWord(_ bytes: [UInt8]) -> String {
            "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
        }

        var words: [String] = []
        var chunk: [UInt8] = []
        var capacity = byteCapacity(forWordLength: min(firstWordLimit, maximumEncodedWordLength))
        for character in text {
            let characterBytes = Array(character.utf8)
            // A grapheme too big for one word (long emoji sequences) is split between its scalars.
            let pieces = characterBytes.count <= capacity
                ? [characterBytes]
                : character.unicodeScalars.map { Array(String($0).utf8) }
            for piece in pieces {
                if !chunk.isEmpty && chunk.count + piece.count > capacity {
                    words.append(encodedWord(chunk))
                    chunk = []
                    capacity = byteCapacity(forWordLength: maximumEncodedWordLength)
                }
                chunk.append(contentsOf: piece)
            }
        }
        if !chunk.isEmpty || words.isEmpty {
            words.append(encodedWord(chunk))
        }
        return words
    }

    // MARK: - Body

    /// Quoted-printable per RFC 2045 §6.7 with CRLF hard line breaks: any of CRLF,
    /// CR or LF in the input is a line break, lines are soft-broken at 76
    /// characters and trailing whitespace is encoded so relays cannot strip it.
    static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        return normalized
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { quotedPrintableLine(Array($0.utf8)) }
            .joined(separator: "\r\n")
    }

    private static func quotedPrintableLine(_ bytes: [UInt8]) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        var lineLength = 0
        for (index, byte) in bytes.enumerated() {
            let isLastByte = index == bytes.count - 1
            let isWhitespace = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
            let isLiteral = isWhitespace
                ? !isLastByte
                : (33...126).contains(byte) && byte != UInt8(ascii: "=")
            let piece = isLiteral
                ? [byte]
                : [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            let fitsAsLastPiece = isLastByte && lineLength + piece.count <= maximumQuotedPrintableLineLength
            if lineLength + piece.count > maximumQuotedPrintableLineLength - 1 && !fitsAsLastPiece {
                output.append(contentsOf: Array("=\r\n".utf8))
                lineLength = 0
            }
            output.append(contentsOf: piece)
            lineLength += piece.count
        }
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: - Date

    private static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Wed, 02 Dec 2026 05:10:00 +0000`, always in UTC. Computed arithmetically
    /// (civil-from-days) so the result never depends on the process locale.
    static func rfc5322Date(_ date: Date) -> String {
        let totalSeconds = Int(date.timeIntervalSince1970.rounded(.down))
        let (daysSinceEpoch, secondOfDay) = totalSeconds.floorDivided(by: 86_400)
        let weekday = (daysSinceEpoch + 4).floorDivided(by: 7).remainder  // 1970-01-01 was a Thursday

        // Howard Hinnant's days-to-civil algorithm.
        let shifted = daysSinceEpoch + 719_468
        let era = shifted.floorDivided(by: 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)

        func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let time = "\(twoDigits(secondOfDay / 3600)):\(twoDigits(secondOfDay % 3600 / 60)):\(twoDigits(secondOfDay % 60))"
        return "\(weekdayNames[weekday]), \(twoDigits(day)) \(monthNames[month - 1]) \(year) \(time) +0000"
    }
}

extension Int {
    /// Division rounding towards negative infinity, so dates before 1970 work too.
    fileprivate func floorDivided(by divisor: Int) -> (quotient: Int, remainder: Int) {
        let quotient = (self >= 0 ? self : self - divisor + 1) / divisor
        return (quotient, self - quotient * divisor)
    }
}
