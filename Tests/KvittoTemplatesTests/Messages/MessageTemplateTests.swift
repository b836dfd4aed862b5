import KvittoCore
import Testing

@testable import KvittoTemplates

@Suite struct MessageTemplateTests {
    let context: JSONValue = [
        "contact": ["first_name": "Tom & Jerry <3", "email": "a@b.se", "fields": ["Sitoo-Contact": ["level": "gold"]],
                    "phone": .null],
        "order": ["number": "#1001", "lines": [["name": "Mug", "quantity": 2, "sku": "M1"], ["name": "\"Filt\"", "quantity": 1]]],
    ]

    func render(subject: String = "", html: String = "", text: String = "") throws -> RenderedMessage {
        try MessageTemplate(.email(subject: subject, html: html, text: text)).render(context)
    }

    @Test func htmlEscapesValuesAndOtherPartsDoNot() throws {
        let message = try render(subject: "Hej {{contact.first_name}}", html: "<p>{{contact.first_name}} '{{order.lines.1.name}}'</p>",
                                 text: "Hej {{contact.first_name}} {{order.lines.1.name}}")
        #expect(message.subject == "Hej Tom & Jerry <3")
        #expect(message.html == "<p>Tom &amp; Jerry &lt;3 '&quot;Filt&quot;'</p>")
        #expect(message.text == "Hej Tom & Jerry <3 \"Filt\"")
        #expect(message.warnings.isEmpty)
    }

    @Test func smsNeverEscapes() throws {
        let message = try MessageTemplate(.sms(text: "{{contact.first_name}} & co")).render(context)
        #expect(message.text == "Tom & Jerry <3 & co")
        #expect(message.subject == nil && message.html == nil)
    }

    @Test func tripleBracesNeverEscapeInHTML() throws {
        #expect(try render(html: "{{{contact.first_name}}}|{{& contact.first_name}}").html == "Tom & Jerry <3|Tom & Jerry <3")
    }

    @Test func missingFieldsRenderEmptyAndWarnOncePerPath() throws {
        let message = try render(
            subject: "{{contact.fields.Sitoo-Contact.member_number}}",
            html: "{{contact.fields.Sitoo-Contact.member_number}}{{contact.fields.Other.x}}{{nothing.here}}",
            text: "{{contact.fields.Sitoo-Contact.member_number}} {{contact.fields.Sitoo-Contact.level}}"
        )
        #expect(message.subject == "")
        #expect(message.text == " gold")
        #expect(message.warnings.map(\.path) == [
            "contact.fields.Sitoo-Contact.member_number", "contact.fields.Other.x", "nothing.here",
        ])
    }

    @Test func nullIsNotAWarningAndNeitherAreSections() throws {
        let message = try render(text: "{{contact.phone}}{{contact.phone.x}}{{#contact.age}}x{{/contact.age}}{{^order.gift}}no gift{{/order.gift}}")
        #expect(message.text == "no gift")
        #expect(message.warnings.isEmpty)
    }

    @Test func sectionsOverLinesWalkTheStack() throws {
        let message = try render(text: "{{#order.lines}}{{name}} × {{quantity}} {{sku}} {{order.number}} {{colour}};{{/order.lines}}")
        #expect(message.text == "Mug × 2 M1 #1001 ;\"Filt\" × 1  #1001 ;")
        // `sku` is missing on the second line only, `colour` on both: each is one warning.
        #expect(message.warnings.map(\.path) == ["colour", "sku"])
    }

    @Test func objectSectionsPushAFrame() throws {
        let message = try render(text: "{{#contact}}{{first_name}} {{order.number}} {{last_name}} {{fields.Nope.x}}{{/contact}}")
        #expect(message.text == "Tom & Jerry <3 #1001  ")
        #expect(message.warnings.map(\.path) == ["last_name", "contact.fields.Nope.x"])
    }

    @Test func parseErrorsNameThePartLineAndColumn() {
        do {
            _ = try MessageTemplate(.email(subject: "Hi {{name", html: "<p>\n  {{#a}}x\n</p>", text: "ok\n{{/b}}"))
            Issue.record("expected a parse error")
        } catch {
            #expect(error.kind == .invalid)
            #expect(error.problems.map(\.part) == [.subject, .html, .text])
            #expect(error.problems.map(\.line) == [1, 3, 2])
            #expect(error.problems.allSatisfy { $0.column != nil })
            #expect(error.templateError.errors.map(\.pointer) == ["/subject", "/html", "/text"])
        }
    }

    @Test func deepNestingIsRefusedBeforeParsing() {
        let nested = String(repeating: "{{#a}}", count: 40) + String(repeating: "{{/a}}", count: 40)
        #expect(throws: MessageTemplateError.self) { try MessageTemplate(.sms(text: nested)) }
    }

    @Test func runawaySectionsExhaustTheBudget() throws {
        let lines: JSONValue = .array(Array(repeating: "x", count: 200))
        let text = String(repeating: "{{#l}}", count: 5) + "{{.}}" + String(repeating: "{{/l}}", count: 5)
        let template = try MessageTemplate(.sms(text: text), limits: TemplateLimits(maxOutputBytes: 100_000))
        #expect(throws: MessageTemplateError.self) { try template.render(["l": lines]) }
    }
}
