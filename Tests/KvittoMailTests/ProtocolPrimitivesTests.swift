import Testing
@testable import KvittoMail

@Suite("Dot-stuffing")
struct DotStuffingTests {
    private func stuffed(_ text: String) -> String {
        String(decoding: SMTPDotStuffing.dataPhasePayload(for: Array(text.utf8)), as: UTF8.self)
    }

    @Test func linesStartingWithADotGetASecondDot() {
        #expect(stuffed("a\r\n.b\r\n..c\r\n.\r\nd\r\n") == "a\r\n..b\r\n...c\r\n..\r\nd\r\n.\r\n")
    }

    @Test func firstLineAndBareLineFeedsCountAsLineStarts() {
        #expect(stuffed(".first\r\nx\n.y") == "..first\r\nx\n..y\r\n.\r\n")
    }

    @Test func dotsInsideALineAreLeftAlone() {
        #expect(stuffed("1.234,00 Kč.\r\n") == "1.234,00 Kč.\r\n.\r\n")
    }

    @Test func terminatorIsAlwaysOnItsOwnLine() {
        #expect(stuffed("no final newline") == "no final newline\r\n.\r\n")
        #expect(stuffed("") == ".\r\n")
    }
}

@Suite("SMTP reply parsing")
struct SMTPReplyParserTests {
    @Test func multiLineReplyIsJoined() throws {
        var parser = SMTPReplyParser()
        parser.append(contentsOf: Array("250-mail.example Hello\r\n250-PIPELINING\r\n250-AUTH PLAIN LOGIN\r\n".utf8))
        #expect(try parser.nextReply() == nil)
        parser.append(contentsOf: Array("250 HELP\r\n220 next".utf8))
        let reply = try #require(try parser.nextReply())
        #expect(reply.code == 250)
        #expect(reply.lines == ["mail.example Hello", "PIPELINING", "AUTH PLAIN LOGIN", "HELP"])
        #expect(try parser.nextReply() == nil)
        #expect(parser.hasBufferedInput)

        let capabilities = SMTPCapabilities(ehloReply: reply)
        #expect(capabilities.supportsPipelining)
        #expect(!capabilities.supportsStartTLS)
        #expect(capabilities.authMechanisms == ["PLAIN", "LOGIN"])
    }

    @Test func replyWithoutTextAndBareLineFeedsAreAccepted() throws {
        var parser = SMTPReplyParser()
        parser.append(contentsOf: Array("354\n250 OK queued as 12\n".utf8))
        #expect(try parser.nextReply() == SMTPReply(code: 354, lines: [""]))
        #expect(try parser.nextReply()?.description == "250 OK queued as 12")
        #expect(!parser.hasBufferedInput)
    }

    @Test(arguments: ["hello\r\n", "25\r\n", "250+x\r\n", "250-a\r\n251 b\r\n", "999 nope\r\n"])
    func malformedRepliesAreProtocolViolations(input: String) {
        var parser = SMTPReplyParser()
        parser.append(contentsOf: Array(input.utf8))
        #expect(throws: SMTPError.self) {
            while try parser.nextReply() != nil {}
        }
    }

    @Test func endlessLineIsRefused() {
        var parser = SMTPReplyParser()
        parser.append(contentsOf: [UInt8](repeating: UInt8(ascii: "2"), count: SMTPReplyParser.maximumLineLength + 1))
        #expect(throws: SMTPError.self) { try parser.nextReply() }
    }

    @Test func errorsKnowWhetherToRetry() {
        #expect(SMTPError.rejection(SMTPReply(code: 450, lines: ["busy"])) == .transient(code: 450, text: "busy"))
        #expect(SMTPError.rejection(SMTPReply(code: 550, lines: ["no"])) == .permanent(code: 550, text: "no"))
        #expect(SMTPError.transient(code: 421, text: "").isRetryable)
        #expect(SMTPError.connection("reset").isRetryable)
        #expect(!SMTPError.permanent(code: 550, text: "").isRetryable)
        #expect(!SMTPError.authentication(code: 535, text: "").isRetryable)
        #expect(!SMTPError.tls("bad certificate").isRetryable)
    }
}
