import KvittoCore

/// A ready-made message template a merchant can start from (SPEC §6): Swedish and English e-mails for
/// the order's life, a thank-you, and the digital copy of a POS receipt.
public struct StandardTemplate: Sendable {
    /// Stable identifier, `<kind>.<language>`: `order_confirmation.sv`.
    public let key: String
    /// The name shown in the template list.
    public let name: String
    /// `sv` or `en`.
    public let language: String
    /// Confirmations and receipts are part of the purchase (transactional); a thank-you is marketing.
    public let purpose: Template.Purpose
    /// The events the template is written for; every merge field it names is in their context.
    public let eventTypes: [EventType]
    /// Whether it is meant for purchases at a till (origin `pos`), whose context has `receipt`.
    public let forPOS: Bool
    public let source: MessageTemplateSource
}

/// The standard templates, built from one layout and per-language wording so all read alike.
///
/// The HTML is a single 600-pixel column of tables with inline styles, which is what mail clients render
/// reliably; the text part says the same in the same order. Optional values (a line's SKU, the tracking
/// link, a receipt's register) sit in sections, so a message never shows an empty label.
public enum StandardTemplates {
    public static let all: [StandardTemplate] = StandardWording.languages.flatMap { wording in
        [
            orderConfirmation(wording), shippingConfirmation(wording), deliveryConfirmation(wording),
            thankYou(wording), receipt(wording),
        ]
    }

    /// The template with `key`, such as `shipping_confirmation.en`.
    public static func template(key: String) -> StandardTemplate? { all.first { $0.key == key } }

    static func orderConfirmation(_ w: StandardWording) -> StandardTemplate {
        let body = StandardMessageBody(
            heading: w.orderConfirmationHeading,
            paragraphs: [w.greeting, w.orderConfirmationIntro],
            blocks: [.orderSummary(w), .lines(w, unitPrices: false), .totals(w), .deliveryAddress(w)],
            closing: w.orderConfirmationClosing
        )
        return make("order_confirmation", w, name: w.orderConfirmationName, purpose: .transactional,
                     events: [.orderReceived], subject: w.orderConfirmationSubject, body: body)
    }

    static func shippingConfirmation(_ w: StandardWording) -> StandardTemplate {
        let body = StandardMessageBody(
            heading: w.shippingHeading,
            paragraphs: [w.greeting, w.shippingIntro],
            blocks: [.tracking(w), .lines(w, unitPrices: false), .deliveryAddress(w)],
            closing: w.shippingClosing
        )
        return make("shipping_confirmation", w, name: w.shippingName, purpose: .transactional,
                     events: [.orderShipped, .orderInTransit], subject: w.shippingSubject, body: body)
    }

    static func deliveryConfirmation(_ w: StandardWording) -> StandardTemplate {
        let body = StandardMessageBody(
            heading: w.deliveryHeading,
            paragraphs: [w.greeting, w.deliveryIntro],
            blocks: [.tracking(w), .lines(w, unitPrices: false)],
            closing: w.deliveryClosing
        )
        return make("delivery_confirmation", w, name: w.deliveryName, purpose: .transactional,
                     events: [.orderDelivered], subject: w.deliverySubject, body: body)
    }

    static func thankYou(_ w: StandardWording) -> StandardTemplate {
        let body = StandardMessageBody(heading: w.thankYouHeading, paragraphs: [w.greeting, w.thankYouIntro, w.thankYouInvite],
                        blocks: [], closing: w.thankYouClosing)
        return make("thank_you", w, name: w.thankYouName, purpose: .marketing,
                     events: [.orderDelivered], subject: w.thankYouSubject, body: body)
    }

    static func receipt(_ w: StandardWording) -> StandardTemplate {
        let body = StandardMessageBody(
            heading: w.receiptHeading,
            paragraphs: [w.greeting, w.receiptIntro],
            blocks: [.receiptDetails(w), .lines(w, unitPrices: true), .totals(w), .payment(w)],
            closing: w.receiptClosing
        )
        return make("receipt", w, name: w.receiptName, purpose: .transactional, events: [.orderReceived],
                     subject: w.receiptSubject, body: body, forPOS: true)
    }

    private static func make(_ kind: String, _ w: StandardWording, name: String, purpose: Template.Purpose, events: [EventType],
                             subject: String, body: StandardMessageBody, forPOS: Bool = false) -> StandardTemplate {
        StandardTemplate(
            key: kind + "." + w.language, name: name, language: w.language, purpose: purpose, eventTypes: events, forPOS: forPOS,
            source: .email(subject: subject, html: body.html(w), text: body.text(w))
        )
    }
}

/// One message's content, written out twice: as HTML and as plain text.
struct StandardMessageBody {
    let heading: String
    /// Mustache text, one paragraph each; the same in both parts.
    let paragraphs: [String]
    let blocks: [StandardMessageBlock]
    let closing: String

    func html(_ w: StandardWording) -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="\(w.language)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>\(heading)</title></head>
            <body style="margin:0;padding:0;background:#f4f4f2;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f2;"><tr><td align="center" style="padding:24px 12px;">
            <table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px;font-family:Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5;color:#222222;">
            <tr><td style="padding:32px 32px 8px;"><h1 style="margin:0 0 16px;font-size:22px;font-weight:bold;color:#111111;">\(heading)</h1>

            """
        for paragraph in paragraphs { html += "<p style=\"margin:0 0 12px;\">\(paragraph)</p>\n" }
        html += "</td></tr>\n"
        for block in blocks { html += "<tr><td style=\"padding:8px 32px;\">\n\(block.html)</td></tr>\n" }
        html += """
            <tr><td style="padding:16px 32px 32px;"><p style="margin:0;">\(closing)</p>
            <p style="margin:12px 0 0;">\(w.signOff){{#account.name}}<br>{{account.name}}{{/account.name}}</p></td></tr>
            </table>
            </td></tr></table>
            </body>
            </html>

            """
        return html
    }

    func text(_ w: StandardWording) -> String {
        var text = heading + "\n\n"
        for paragraph in paragraphs { text += paragraph + "\n\n" }
        // A block ending in a section's closing tag on a line of its own loses the line break after that tag
        // (Mustache's standalone-tag rule), so it is given one more to keep a blank line between blocks.
        for block in blocks { text += block.text + (block.text.hasSuffix("}}") ? "\n\n" : "\n") }
        text += closing + "\n\n" + w.signOff + "{{#account.name}}\n{{account.name}}{{/account.name}}\n"
        return text
    }
}

/// A section of a standard message, in both forms.
struct StandardMessageBlock {
    let html: String
    let text: String

    private static let cell = "padding:6px 0;border-bottom:1px solid #e6e6e3;"
    private static let table = "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" style=\"border-collapse:collapse;\">"

    static func orderSummary(_ w: StandardWording) -> StandardMessageBlock {
        StandardMessageBlock(
            html: "<p style=\"margin:0;\"><strong>\(w.orderNumber):</strong> {{order.number}}<br><strong>\(w.orderDate):</strong> {{order.created_at}}</p>\n",
            text: "\(w.orderNumber): {{order.number}}\n\(w.orderDate): {{order.created_at}}\n"
        )
    }

    static func lines(_ w: StandardWording, unitPrices: Bool) -> StandardMessageBlock {
        let unitHTML = unitPrices ? "<br><span style=\"color:#666666;font-size:13px;\">{{quantity}} × {{unit_price}}</span>" : ""
        let unitText = unitPrices ? " à {{unit_price}}" : ""
        return StandardMessageBlock(
            html: """
                \(table)
                <tr><th align="left" style="\(cell)font-size:13px;color:#666666;">\(w.product)</th><th align="right" style="\(cell)font-size:13px;color:#666666;">\(w.quantity)</th><th align="right" style="\(cell)font-size:13px;color:#666666;">\(w.amount)</th></tr>
                {{#order.lines}}<tr><td style="\(cell)">{{name}}{{#sku}} <span style="color:#666666;font-size:13px;">({{sku}})</span>{{/sku}}\(unitHTML)</td><td align="right" style="\(cell)">{{quantity}}</td><td align="right" style="\(cell)white-space:nowrap;">{{line_total}}</td></tr>
                {{/order.lines}}</table>

                """,
            text: "{{#order.lines}}{{quantity}} × {{name}}{{#sku}} ({{sku}}){{/sku}}\(unitText): {{line_total}}\n{{/order.lines}}"
        )
    }

    static func totals(_ w: StandardWording) -> StandardMessageBlock {
        let row = { (label: String, field: String, bold: Bool) -> String in
            let weight = bold ? "font-weight:bold;" : ""
            return "{{#order.totals.\(field)}}<tr><td style=\"padding:4px 0;\(weight)\">\(label)</td>"
                + "<td align=\"right\" style=\"padding:4px 0;white-space:nowrap;\(weight)\">{{order.totals.\(field)}}</td></tr>{{/order.totals.\(field)}}\n"
        }
        return StandardMessageBlock(
            html: table + "\n" + row(w.subtotal, "subtotal", false) + row(w.shippingCost, "shipping", false)
                + row(w.total, "total", true) + row(w.vatIncluded, "tax", false) + "</table>\n",
            text: "{{#order.totals.subtotal}}\(w.subtotal): {{order.totals.subtotal}}\n{{/order.totals.subtotal}}"
                + "{{#order.totals.shipping}}\(w.shippingCost): {{order.totals.shipping}}\n{{/order.totals.shipping}}"
                + "\(w.total): {{order.totals.total}}\n"
                + "{{#order.totals.tax}}\(w.vatIncluded): {{order.totals.tax}}\n{{/order.totals.tax}}"
        )
    }

    static func deliveryAddress(_ w: StandardWording) -> StandardMessageBlock {
        StandardMessageBlock(
            html: "{{#shipping.address}}<p style=\"margin:8px 0 0;\"><strong>\(w.deliveryAddress)</strong><br>"
                + "{{#name}}{{name}}<br>{{/name}}{{line1}}<br>{{#line2}}{{line2}}<br>{{/line2}}{{postal_code}} {{city}}</p>{{/shipping.address}}\n"
                + "{{#shipping.carrier}}<p style=\"margin:8px 0 0;\"><strong>\(w.shippingMethod):</strong> {{shipping.carrier}}"
                + "{{#shipping.method}}, {{shipping.method}}{{/shipping.method}}</p>{{/shipping.carrier}}\n",
            text: "{{#shipping.address}}\(w.deliveryAddress):\n{{#name}}{{name}}\n{{/name}}{{line1}}\n{{#line2}}{{line2}}\n{{/line2}}"
                + "{{postal_code}} {{city}}\n{{/shipping.address}}"
                + "{{#shipping.carrier}}\(w.shippingMethod): {{shipping.carrier}}{{#shipping.method}}, {{shipping.method}}{{/shipping.method}}\n{{/shipping.carrier}}"
        )
    }

    static func tracking(_ w: StandardWording) -> StandardMessageBlock {
        StandardMessageBlock(
            html: "<p style=\"margin:0;\"><strong>\(w.orderNumber):</strong> {{order.number}}<br><strong>\(w.carrier):</strong> {{shipping.carrier}}"
                + "{{#shipping.tracking_number}}<br><strong>\(w.trackingNumber):</strong> {{shipping.tracking_number}}{{/shipping.tracking_number}}</p>\n"
                + "{{#shipping.tracking_url}}<p style=\"margin:16px 0 8px;\"><a href=\"{{shipping.tracking_url}}\" style=\"display:inline-block;"
                + "padding:10px 18px;background:#222222;color:#ffffff;text-decoration:none;border-radius:4px;\">\(w.trackParcel)</a></p>{{/shipping.tracking_url}}\n",
            text: "\(w.orderNumber): {{order.number}}\n\(w.carrier): {{shipping.carrier}}\n"
                + "{{#shipping.tracking_number}}\(w.trackingNumber): {{shipping.tracking_number}}\n{{/shipping.tracking_number}}"
                + "{{#shipping.tracking_url}}\(w.trackParcel): {{shipping.tracking_url}}\n{{/shipping.tracking_url}}"
        )
    }

    static func receiptDetails(_ w: StandardWording) -> StandardMessageBlock {
        let fields = [(w.store, "store"), (w.register, "register"), (w.servedBy, "staff")]
        let html = fields.map { label, field in "{{#receipt.\(field)}}<br><strong>\(label):</strong> {{receipt.\(field)}}{{/receipt.\(field)}}" }.joined()
        let text = fields.map { label, field in "{{#receipt.\(field)}}\(label): {{receipt.\(field)}}\n{{/receipt.\(field)}}" }.joined()
        return StandardMessageBlock(
            html: "<p style=\"margin:0;\"><strong>\(w.receiptNumber):</strong> {{order.number}}<br><strong>\(w.purchaseDate):</strong> {{order.created_at}}\(html)</p>\n",
            text: "\(w.receiptNumber): {{order.number}}\n\(w.purchaseDate): {{order.created_at}}\n\(text)"
        )
    }

    static func payment(_ w: StandardWording) -> StandardMessageBlock {
        StandardMessageBlock(
            html: "{{#receipt.payment}}<p style=\"margin:8px 0 0;\"><strong>\(w.payment):</strong> {{receipt.payment}}</p>{{/receipt.payment}}\n",
            text: "{{#receipt.payment}}\(w.payment): {{receipt.payment}}\n{{/receipt.payment}}"
        )
    }
}
