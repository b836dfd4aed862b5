import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoMail
import NIOCore

/// `kvitto demo`'s inbox: the e-mails its mail catcher caught and the postbacks its sink was sent, so that a
/// newcomer sees what Kvitto sends without an SMTP account or a server of their own. Only in the demo.
extension AdminController {
    func demoInbox(_ call: AdminCall) async throws -> Response {
        guard let inbox = services.demoInbox else { return notInDemo(call) }
        let newest = inbox.caught
        let values: [String: Any] = [
            "title": "Demo inbox",
            "mails": inbox.mails.enumerated().map { offset, mail -> [String: Any] in
                ["number": newest - offset, "at": Self.when(mail.receivedAt), "to": mail.to, "subject": mail.subject]
            },
            "postbacks": inbox.postbacks.prefix(50).map { postback -> [String: Any] in
                let event = (try? JSONParser.parse(Array(postback.body.utf8)))
                return ["at": Self.when(postback.receivedAt), "method": postback.method, "path": postback.path,
                        "type": event?["type"]?.stringValue ?? "", "id": postback.headers.first { $0.name == "webhook-id" }?.value ?? "",
                        "headers": postback.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n"),
                        "body": event.map { Self.pretty($0) } ?? postback.body]
            },
        ]
        return AdminPages.render("demo", call.layout.merging(values) { _, new in new })
    }

    /// One caught e-mail: its headers, its text, and its HTML in a sandboxed frame.
    func demoMail(_ call: AdminCall) async throws -> Response {
        guard let inbox = services.demoInbox else { return notInDemo(call) }
        let number = Int(try call.context.parameters.require("number")) ?? 0
        guard let mail = inbox.mail(number: number) else {
            return AdminPages.render("demo", call.layout.merging(["title": "Demo inbox", "notice": "That message is no longer kept."]) { _, new in new },
                                     status: .notFound)
        }
        var values: [String: Any] = [
            "title": mail.subject.isEmpty ? "(no subject)" : mail.subject, "number": number, "at": Self.when(mail.receivedAt),
            "envelopeFrom": mail.envelopeFrom, "recipients": mail.recipients.joined(separator: ", "),
            "headers": mail.headers.map { ["name": $0.name, "value": $0.value] }, "raw": mail.raw,
        ]
        if let text = mail.text { values["text"] = text }
        if mail.html != nil { values["html"] = true }
        return AdminPages.render("demo-mail", call.layout.merging(values) { _, new in new })
    }

    /// The HTML part alone, for the frame: no scripts, nothing loaded from elsewhere, and no reach into the admin.
    func demoMailHTML(_ call: AdminCall) async throws -> Response {
        let number = Int(try call.context.parameters.require("number")) ?? 0
        guard let html = services.demoInbox?.mail(number: number)?.html else { return Response(status: .notFound) }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox"
        headers[.referrerPolicy] = "no-referrer"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    private func notInDemo(_ call: AdminCall) -> Response {
        AdminPages.render("demo", call.layout.merging(["title": "Demo inbox", "notice": "The inbox exists only in kvitto demo."]) { _, new in new },
                          status: .notFound)
    }
}
