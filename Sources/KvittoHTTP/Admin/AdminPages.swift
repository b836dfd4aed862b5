import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore

/// The admin's pages: Mustache templates kept in the binary (no files to ship next to it), each filling the
/// layout's `content` block. Every value is HTML-escaped by `{{…}}`; no template uses the unescaped form.
enum AdminPages {
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, source) in templates {
            do { try library.register(source, named: name) } catch { fatalError("admin template \(name) does not parse: \(error)") }
        }
        return library
    }()

    /// A page as a response: `template` rendered with `values` (and `status`).
    static func render(_ template: String, _ values: [String: Any], status: HTTPResponse.Status = .ok) -> Response {
        let html = library.render(values, withTemplate: template) ?? "<!doctype html><p>Missing page \(template)</p>"
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        // The admin loads nothing from elsewhere and is never framed.
        headers[.contentSecurityPolicy] = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; form-action 'self'"
        headers[.xFrameOptions] = "DENY"
        headers[.referrerPolicy] = "same-origin"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    /// Every page's template by name; the sources are kept by area in `AdminPages+….swift`.
    static let templates: [String: String] = [signInTemplates, recordTemplates, setupTemplates, demoTemplates, messageTemplates, posTemplates]
        .reduce(into: [:]) { all, area in
            all.merge(area) { _, _ in preconditionFailure("two admin pages have the same name") }
        }
}

extension HTTPField.Name {
    static let contentSecurityPolicy = HTTPField.Name("Content-Security-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
