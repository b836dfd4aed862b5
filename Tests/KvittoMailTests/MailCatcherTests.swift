import Foundation
import KvittoMail
import Synchronization
import Testing

/// The demo's mail catcher, fed by Kvitto's own SMTP client over a real socket: what it hands over must be
/// the message as sent, decoded far enough to read (subject, addresses, text and HTML parts).
@Suite("The demo mail catcher")
struct MailCatcherTests {
    final class Caught: Sendable {
        let mails = Mutex<[ReceivedMail]>([])
    }

    func withCatcher(_ body: (MailCatcher, Caught) async throws -> Void) async throws {
        let caught = Caught()
        let catcher = try await MailCatcher.start { mail in caught.mails.withLock { $0.append(mail) } }
        do {
            try await body(catcher, caught)
        } catch {
            await catcher.stop()
            throw error
        }
        await catcher.stop()
    }

    func settings(_ catcher: MailCatcher) -> SMTPSettings {
        SMTPSettings(host: "127.0.0.1", port: catcher.port, security: .none, heloName: "kvitto.test", connectTimeout: .seconds(5),
                     commandTimeout: .seconds(10))
    }

    @Test func aMessageFromKvittosClientArrivesDecoded() async throws {
        try await withCatcher { catcher, caught in
            let subject = "Tack för din beställning – order #1001 (1 234,00 kr)"
            let text = "Hej Åsa,\n.en rad som börjar med punkt\n..och en med två\n" + String(repeating: "Lång rad med åäö ", count: 12) + "\n"
            let message = MailMessage(from: MailAddress("order@butiken.example", displayName: "Butiken Åhus"),
                                      to: [MailAddress("asa@example.se", displayName: "Åsa Öberg"), MailAddress("jan@example.cz")],
                                      subject: subject, textBody: text, htmlBody: "<p>Hej <b>Åsa</b>,</p>\n<p>.punkt</p>")
            let connection = try await SMTPConnection.connect(settings(catcher))
            let reply = try await connection.send(message)
            await connection.close()
            #expect(reply.hasPrefix("250"), "the catcher takes the message: \(reply)")
            let mails = caught.mails.withLock { $0 }
            let mail = try #require(mails.first, "one message caught")
            #expect(mails.count == 1)
            #expect(mail.envelopeFrom == "order@butiken.example")
            #expect(mail.recipients == ["asa@example.se", "jan@example.cz"])
            #expect(mail.subject == subject, "the encoded-words of the subject decoded")
            #expect(mail.from.contains("Butiken Åhus") && mail.from.contains("<order@butiken.example>"))
            #expect(mail.to.contains("Åsa Öberg"))
            #expect(mail.text?.replacingOccurrences(of: "\r\n", with: "\n") == text, "the text part, dots and long lines as written")
            #expect(mail.html?.replacingOccurrences(of: "\r\n", with: "\n") == "<p>Hej <b>Åsa</b>,</p>\n<p>.punkt</p>", "and the HTML part")
            #expect(mail.header("Message-ID") == "<\(message.messageID.trimmingCharacters(in: CharacterSet(charactersIn: "<>")))>")
        }
    }

    /// The client connects to the address it is given (the one Kvitto's outbound guard checked) and does
    /// not look the host up: `.test` names resolve nowhere, so a look-up would fail the connection.
    @Test func theClientConnectsToTheGivenAddressWithoutLookingTheHostUp() async throws {
        try await withCatcher { catcher, caught in
            var settings = settings(catcher)
            settings.host = "mail.kvitto.test"
            settings.connectAddress = "127.0.0.1"
            let connection = try await SMTPConnection.connect(settings)
            let reply = try await connection.send(MailMessage(from: MailAddress("order@butiken.example"), to: [MailAddress("a@example.se")],
                                                              subject: "Pinned", textBody: "Hej\n"))
            await connection.close()
            #expect(reply.hasPrefix("250"), "\(reply)")
            #expect(caught.mails.withLock { $0.count } == 1)
        }
    }

    @Test func oneConnectionCarriesSeveralMessages() async throws {
        try await withCatcher { catcher, caught in
            let connection = try await SMTPConnection.connect(settings(catcher))
            for number in 1...3 {
                _ = try await connection.send(MailMessage(from: MailAddress("order@butiken.example"), to: [MailAddress("a@example.se")],
                                                          subject: "Order \(number)", textBody: "Order \(number)\n"))
            }
            await connection.close()
            #expect(caught.mails.withLock { $0.map(\.subject) } == ["Order 1", "Order 2", "Order 3"])
            #expect(caught.mails.withLock { $0.compactMap(\.text) } == ["Order 1\n", "Order 2\n", "Order 3\n"], "each message its own text")
        }
    }

    @Test func encodedWordsAndQuotedPrintableAreDecodedAsRFC2047And2045Say() {
        let raw = [
            "Subject: =?utf-8?B?w4VzYQ==?= =?utf-8?Q?_=C3=96berg?= och mer",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Hej =C3=85sa, en l=C3=A5ng rad som bryts=",
            " h=C3=A4r. 3 =3D 3",
            "",
        ].joined(separator: "\r\n")
        let mail = ReceivedMail(envelopeFrom: "a@b.example", recipients: ["c@d.example"], raw: Array(raw.utf8), receivedAt: Date())
        #expect(mail.subject == "Åsa Öberg och mer", "adjacent encoded-words join without their space; plain words keep theirs")
        #expect(mail.text == "Hej Åsa, en lång rad som bryts här. 3 = 3\n", "soft line breaks join, =XX are bytes")
        #expect(mail.html == nil)
    }
}
