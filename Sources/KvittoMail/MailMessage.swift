import Foundation

/// A mailbox: the address used on the SMTP envelope plus the name people see.
public struct MailAddress: Sendable, Hashable {
    /// The bare address, `order@example.se`, without angle brackets.
    public var address: String
    /// Shown by mail clients instead of the address; may contain any Unicode.
    public var displayName: String?

    public init(_ address: String, displayName: String? = nil) {
        self.address = address
        self.displayName = displayName
    }

    /// The domain part, used to make Message-IDs unique to the sender.
    var domain: String? {
        guard let at = address.lastIndex(of: "@") else { return nil }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? nil : String(domain)
    }

    /// Rejects addresses that could break out of `MAIL FROM:<…>` or a header.
    ///
    /// Only ASCII is accepted because this client does not negotiate SMTPUTF8;
    /// quoting rules of RFC 5321 are not checked further, the server does that.
    func validated() throws(SMTPError) -> String {
        guard address.contains("@"), address.unicodeScalars.allSatisfy({ scalar in
            scalar.isASCII && scalar.value > 0x20 && scalar.value < 0x7F && scalar != "<" && scalar != ">"
        }) else {
            throw .invalidMessage("invalid mail address \(address.debugDescription)")
        }
        return address
    }
}

/// A header the caller adds on top of the ones ``MIMEWriter`` produces,
/// such as `List-Unsubscribe` and `List-Unsubscribe-Post` for bulk mail.
public struct MailHeader: Sendable, Hashable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One email as the shop wants it delivered; ``MIMEWriter`` turns it into RFC 5322 bytes.
public struct MailMessage: Sendable, Hashable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    /// Always sent, so every client (and spam filters) gets a readable version.
    public var textBody: String
    /// When present the message becomes `multipart/alternative` with the text first.
    public var htmlBody: String?
    /// Emitted in this order after the standard headers.
    public var extraHeaders: [MailHeader]
    /// Fixed at creation so a retry of the same message keeps its identity and
    /// the caller can log it before sending.
    public var messageID: String
    public var date: Date

    /// - Parameter messageID: with or without angle brackets; when nil a random
    ///   `<…@domain-of-from>` is generated.
    public init(
        from: MailAddress,
        to: [MailAddress],
        subject: String,
        textBody: String,
        htmlBody: String? = nil,
        extraHeaders: [MailHeader] = [],
        messageID: String? = nil,
        date: Date = Date()
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.extraHeaders = extraHeaders
        self.messageID = messageID ?? Self.randomMessageID(domain: from.domain ?? "kvitto.invalid")
        self.date = date
    }

    private static func randomMessageID(domain: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let randomPart = (0..<2).map { _ in
            let word = generator.next() as UInt64
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
        return "<\(randomPart)@\(domain)>"
    }
}
