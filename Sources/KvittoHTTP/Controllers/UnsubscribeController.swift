import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage
import NIOCore

/// The unsubscribe link of marketing e-mail. `GET` shows a page with one button (so that mail scanners
/// following links unsubscribe nobody); `POST` unsubscribes — the button, and mail clients' one-click
/// unsubscribe (RFC 8058: `List-Unsubscribe=One-Click`). The address goes on the suppression list, the
/// contact is marked and the change is on its timeline.
struct UnsubscribeController {
    let services: KvittoServices

    func register(on router: Router<KvittoRequestContext>) {
        router.get("unsubscribe/{token}", use: page)
        router.post("unsubscribe/{token}", use: unsubscribe)
    }

    func page(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard UnsubscribeLink(token: token, secrets: services.secrets) != nil else { return Self.html(.notFound, "This link is not valid.") }
        return Self.html(.ok, """
            <p>Do you want to stop receiving these e-mails?</p>
            <form method="post"><button type="submit">Unsubscribe</button></form>
            """)
    }

    func unsubscribe(_ request: Request, context: KvittoRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        guard let link = UnsubscribeLink(token: token, secrets: services.secrets) else { return Self.html(.notFound, "This link is not valid.") }
        let (now, secrets) = (services.clock.now(), services.secrets)
        let found = try await services.store.write { w in
            try Contacts.unsubscribe(deliveryID: link.deliveryID, account: link.accountID,
                                     suppressionHash: { secrets.suppressionHash(account: link.accountID, recipient: $0) }, in: w, now: now)
        }
        services.deliveriesQueued()
        guard found else { return Self.html(.notFound, "This link is not valid any more.") }
        return Self.html(.ok, "<p>You are unsubscribed and will get no more of these e-mails.</p>")
    }

    static func html(_ status: HTTPResponse.Status, _ body: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        let page = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head><body>\(body)</body></html>"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page)))
    }
}
