import Foundation
import Testing
@testable import KvittoMail

@Suite("MIME rendering")
struct MIMEWriterTests {
    private let shop = MailAddress("order@kvitto.example", displayName: "Kvitto Shop")
    private let customer = MailAddress("anna@example.se", displayName: "Anna Åström")
    /// 2026-12-02T05:10:00Z
    private let fixedDate = Date(timeIntervalSince1970: 1_796_188_200)

    private func render(_ message: MailMessage) throws -> String {
        String(decoding: try MIMEWriter().render(message), as: UTF8.self)
    }

    private func headerBlock(_ rendered: String) -> String {
        rendered.components(separatedBy: "\r\n\r\n")[0]
    }

    /// Undoes RFC 5322 folding so a header can be compared as one logical line.
    private func unfoldedHeader(_ name: String, in rendered: String) -> String? {
        headerBlock(rendered)
            .replacingOccurrences(of: "\r\n ", with: " ")
            .components(separatedBy: "\r\n")
            .first { $0.lowercased().hasPrefix(name.lowercased() + ":") }
    }

    /// Decodes the `=?UTF-8?B?…?=` words of a header value the way a mail reader does.
    private func decodeEncodedWords(_ value: String) -> String {
        let words = value.split(separator: " ").filter { $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") }
        let bytes = words.flatMap { word -> [UInt8] in
            let base64 = word.dropFirst("=?UTF-8?B?".count).dropLast(2)
            return Array(Data(base64Encoded: String(base64)) ?? Data())
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func decodeQuotedPrintable(_ encoded: String) -> String {
        let joined = encoded.replacingOccurrences(of: "=\r\n", with: "")
        var bytes: [UInt8] = []
        var index = joined.utf8.startIndex
        let utf8 = joined.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "="),
               let end = utf8.index(index, offsetBy: 3, limitedBy: utf8.endIndex),
               let value = UInt8(String(joined[utf8.index(after: index)..<end]), radix: 16) {
                bytes.append(value)
                index = end
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func dateIsRFC5322InUTC() {
        #expect(MIMEWriter.rfc5322Date(fixedDate) == "Wed, 02 Dec 2026 05:10:00 +0000")
        #expect(MIMEWriter.rfc5322Date(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 +0000")
        #expect(MIMEWriter.rfc5322Date(Date(timeIntervalSince1970: 951_782_400)) == "Tue, 29 Feb 2000 00:00:00 +0000")
        #expect(MIMEWriter.rfc5322Date(Date(timeIntervalSince1970: -1)) == "Wed, 31 Dec 1969 23:59:59 +0000")
    }

    @Test func textOnlyMessageHasStandardHeadersAndQuotedPrintableBody() throws {
        let message = MailMessage(
            from: shop, to: [customer], subject: "Your order", textBody: "Hej Anna!\nTotal: 1 234,00 kr\n",
            messageID: "abc123@kvitto.example", date: fixedDate
        )
        let rendered = try render(message)
        let headers = headerBlock(rendered)
        #expect(headers.contains("Date: Wed, 02 Dec 2026 05:10:00 +0000\r\n"))
        #expect(headers.contains("From: \"Kvitto Shop\" <order@kvitto.example>\r\n"))
        #expect(headers.contains("Subject: Your order\r\n"))
        #expect(headers.contains("Message-ID: <abc123@kvitto.example>\r\n"))
        #expect(headers.contains("MIME-Version: 1.0\r\n"))
        #expect(headers.contains("Content-Type: text/plain; charset=utf-8\r\n"))
        #expect(headers.hasSuffix("Content-Transfer-Encoding: quoted-printable"))
        #expect(rendered.hasSuffix("\r\n\r\nHej Anna!\r\nTotal: 1 234,00 kr\r\n"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line break is CRLF")
    }

    @Test func generatedMessageIDUsesTheSenderDomain() throws {
        let first = MailMessage(from: shop, to: [customer], subject: "s", textBody: "b")
        let second = MailMessage(from: shop, to: [customer], subject: "s", textBody: "b")
        #expect(first.messageID.hasPrefix("<"))
        #expect(first.messageID.hasSuffix("@kvitto.example>"))
        #expect(first.messageID != second.messageID)
        #expect(try render(first).contains("Message-ID: \(first.messageID)\r\n"))
    }

    @Test(arguments: [
        "Tack för din order – 1 234,00 Kč",
        "Děkujeme za objednávku č. 2026-0042 – celkem 1 234,00 Kč, doručení zdarma, těšíme se na další nákup!",
        "Emoji 👩‍👩‍👧‍👦 and 🇸🇪 flags should survive: 👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦👩‍👩‍👧‍👦",
    ])
    func nonASCIISubjectBecomesShortFoldedEncodedWords(subject: String) throws {
        let rendered = try render(MailMessage(from: shop, to: [customer], subject: subject, textBody: "x", date: fixedDate))
        let subjectLines = headerBlock(rendered).components(separatedBy: "\r\n")
            .drop { !$0.hasPrefix("Subject:") }
            .prefix { $0.hasPrefix("Subject:") || $0.hasPrefix(" ") }
        #expect(!subjectLines.isEmpty)
        for line in subjectLines {
            #expect(line.utf8.count <= 78, "folded line too long: \(line)")
            for word in line.split(separator: " ") where word.hasPrefix("=?") {
                #expect(word.utf8.count <= 75)
                #expect(word.hasPrefix("=?UTF-8?B?"))
                // Each word must decode on its own: no UTF-8 sequence split between words.
                let base64 = String(word.dropFirst(10).dropLast(2))
                let bytes = try #require(Data(base64Encoded: base64))
                #expect(String(data: bytes, encoding: .utf8) != nil, "word \(word) is not valid UTF-8 by itself")
            }
        }
        #expect(decodeEncodedWords(try #require(unfoldedHeader("Subject", in: rendered))) == subject)
        #expect(rendered.utf8.allSatisfy { $0 < 0x80 }, "the rendered message is 7-bit")
    }

    @Test func displayNamesAreEncodedOrQuotedAndRecipientsAreCommaSeparated() throws {
        let recipients = [
            customer,
            MailAddress("jan@example.cz", displayName: "Jan \"Honza\" Novák"),
            MailAddress("plain@example.com"),
            MailAddress("quoted@example.com", displayName: "Doe, John \"JD\""),
        ]
        let rendered = try render(MailMessage(from: shop, to: recipients, subject: "s", textBody: "x"))
        let to = try #require(unfoldedHeader("To", in: rendered))
        #expect(to.contains("<anna@example.se>,"))
        #expect(to.contains("<jan@example.cz>,"))
        #expect(to.contains(" plain@example.com,"))
        #expect(to.hasSuffix("\"Doe, John \\\"JD\\\"\" <quoted@example.com>"))
        #expect(to.contains("=?UTF-8?B?"))
        for line in headerBlock(rendered).components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 78, "line too long: \(line)")
        }
    }

    @Test func multipartAlternativeHasTextThenHTMLAndAnUnguessableBoundary() throws {
        let message = MailMessage(
            from: shop, to: [customer], subject: "Kvitto",
            textBody: "Tack för din order\n--not-a-boundary\n",
            htmlBody: "<p>Tack f&ouml;r din <b>order</b> – 1 234,00 Kč</p>",
            date: fixedDate
        )
        let rendered = try render(message)
        let contentType = try #require(unfoldedHeader("Content-Type", in: rendered))
        #expect(contentType.hasPrefix("Content-Type: multipart/alternative; boundary=\"=_Kvitto_"))
        let boundary = try #require(contentType.split(separator: "\"").dropFirst().first.map(String.init))
        #expect(boundary.count <= 70)

        let body = rendered.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        let sections = body.components(separatedBy: "--\(boundary)")
        // preamble, text part, html part, closing "--" epilogue
        #expect(sections.count == 4)
        #expect(sections[0].isEmpty)
        #expect(sections[3] == "--\r\n")
        #expect(sections[1].hasPrefix("\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"))
        #expect(sections[2].hasPrefix("\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"))

        func partContent(_ section: String) throws -> String {
            let headerEnd = try #require(section.range(of: "\r\n\r\n"))
            let content = section[headerEnd.upperBound...]
            // The CRLF before each delimiter belongs to the delimiter; in Swift it is one Character.
            #expect(content.hasSuffix("\r\n"))
            return decodeQuotedPrintable(String(content.dropLast()))
        }
        #expect(try partContent(sections[1]) == "Tack för din order\r\n--not-a-boundary\r\n")
        #expect(try partContent(sections[2]) == message.htmlBody)
        #expect(MIMEWriter.randomBoundary() != MIMEWriter.randomBoundary())
    }

    @Test func quotedPrintableKeepsLinesWithin76AndRoundTrips() {
        let samples = [
            String(repeating: "a", count: 200),
            String(repeating: "č", count: 100),
            String(repeating: "=", count: 80),
            String(repeating: "x", count: 74) + "é" + String(repeating: "y", count: 10),
            "trailing space \nand tab\t\nend",
            String(repeating: "ab ", count: 40) + " ",
            "",
        ]
        for sample in samples {
            let encoded = MIMEWriter.quotedPrintable(sample)
            for line in encoded.components(separatedBy: "\r\n") {
                #expect(line.utf8.count <= 76, "QP line too long (\(line.utf8.count)): \(line)")
                #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"), "unencoded trailing whitespace: \(line.debugDescription)")
                #expect(line.utf8.allSatisfy { $0 >= 32 && $0 < 127 })
            }
            let expected = sample.replacingOccurrences(of: "\n", with: "\r\n")
            #expect(decodeQuotedPrintable(encoded) == expected)
        }
        #expect(MIMEWriter.quotedPrintable("a=b é") == "a=3Db =C3=A9")
    }

    @Test(arguments: [
        ("Subject", "Hello\r\nBcc: victim@example.com"),
        ("Subject", "Hello\nBcc: victim@example.com"),
        ("Subject", "Hello\rBcc: victim@example.com"),
        ("Display name", "Evil\r\nBcc: victim@example.com"),
        ("Extra header value", "<https://kvitto.example/u>\r\nBcc: victim@example.com"),
        ("Extra header name", "X-Evil\r\nBcc"),
        ("Address", "anna@example.se>\r\nRCPT TO:<victim@example.com"),
        ("Message-ID", "<id@kvitto.example>\r\nBcc: victim@example.com"),
    ])
    func headerInjectionIsRejected(field: String, value: String) {
        var message = MailMessage(from: shop, to: [customer], subject: "ok", textBody: "x")
        switch field {
        case "Subject": message.subject = value
        case "Display name": message.to = [MailAddress("anna@example.se", displayName: value)]
        case "Extra header value": message.extraHeaders = [MailHeader(name: "List-Unsubscribe", value: value)]
        case "Extra header name": message.extraHeaders = [MailHeader(name: value, value: "x")]
        case "Address": message.to = [MailAddress(value)]
        default: message.messageID = value
        }
        #expect(throws: SMTPError.self) { try MIMEWriter().render(message) }
        do {
            _ = try MIMEWriter().render(message)
        } catch {
            guard case .invalidMessage = error else {
                Issue.record("expected invalidMessage, got \(error)")
                return
            }
            #expect(!error.isRetryable)
        }
    }

    @Test func extraHeadersKeepTheirOrderAndReservedNamesAreRefused() throws {
        let unsubscribe = [
            MailHeader(name: "List-Unsubscribe", value: "<https://kvitto.example/unsubscribe/abc>, <mailto:unsubscribe@kvitto.example>"),
            MailHeader(name: "List-Unsubscribe-Post", value: "List-Unsubscribe=One-Click"),
        ]
        let rendered = try render(MailMessage(from: shop, to: [customer], subject: "s", textBody: "x", extraHeaders: unsubscribe))
        let headers = headerBlock(rendered)
        let unsubscribeRange = try #require(headers.range(of: "List-Unsubscribe: <https://kvitto.example/unsubscribe/abc>,"))
        let postRange = try #require(headers.range(of: "List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        #expect(unsubscribeRange.lowerBound < postRange.lowerBound)

        let duplicate = MailMessage(from: shop, to: [customer], subject: "s", textBody: "x",
                                    extraHeaders: [MailHeader(name: "content-type", value: "text/html")])
        #expect(throws: SMTPError.self) { try MIMEWriter().render(duplicate) }
    }

    @Test func messageWithoutRecipientsIsRejected() {
        let message = MailMessage(from: shop, to: [], subject: "s", textBody: "x")
        #expect(throws: SMTPError.invalidMessage("message has no recipients")) { try MIMEWriter().render(message) }
    }
}
