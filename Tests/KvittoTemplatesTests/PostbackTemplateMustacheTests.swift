import KvittoCore
import KvittoTemplates
import Testing

/// Renders one `$template` text against `input` and returns the string it produced.
func renderText(_ text: String, _ input: JSONValue) throws -> String? {
    try PostbackTemplate(["t": ["$template": .string(text)]]).render(input)["t"]?.stringValue
}

@Suite("Postback templates: Mustache text")
struct PostbackTemplateMustacheTests {
    @Test func sectionIteratesOverOrderLines() throws {
        let text = try renderText(
            "{{#data.order.lines}}{{quantity}}× {{name}} à {{unit_price}}{{^last()}}; {{/last()}}{{/data.order.lines}}",
            EventSamples.sample(for: .orderShipped))
        #expect(text == "2× Kaffemugg Höstlöv à 149.00; 1× Ullfilt, grå 130×170 à 499.00; 1× Linneservetter 4-pack à 299.00")
    }

    @Test func namesInsideSectionsFallBackToEnclosingObjects() throws {
        let text = try renderText(
            "{{#data.order.lines}}{{sku}}/{{data.order.number}}/{{currency}} {{/data.order.lines}}",
            EventSamples.sample(for: .orderShipped))
        // A section pushes each line onto the context stack: `data.order.number` is not in a line and
        // resolves from the root; `currency` is in neither (it is in the order, which is not on the stack).
        #expect(text == "MUG-HOST-03/#1001/ FILT-ULL-GRA/#1001/ SERV-LIN-4/#1001/ ")
    }

    @Test func htmlSpecialCharactersAreNotEscaped() throws {
        let input = try json(#"{"name": "Smith & Söner <AB> \"Kvitto\" 'x'"}"#)
        #expect(try renderText("{{name}}|{{{name}}}|{{& name}}", input)
            == #"Smith & Söner <AB> "Kvitto" 'x'|Smith & Söner <AB> "Kvitto" 'x'|Smith & Söner <AB> "Kvitto" 'x'"#)
        // JSON escaping happens when the document is written, and only there.
        let written = JSONWriter.string(try PostbackTemplate(["t": ["$template": "{{name}}"]]).render(input))
        #expect(written == #"{"t":"Smith & Söner <AB> \"Kvitto\" 'x'"}"#)
    }

    @Test func whitespaceAndStandaloneTagsBehaveAsWithoutThePragma() throws {
        let input = try json(#"{"items": ["a", "b"]}"#)
        #expect(try renderText("{{#items}}\n- {{.}}\n{{/items}}\n", input) == "- a\n- b\n")
        #expect(try renderText("  {{! comment }}\nline", input) == "line")
        #expect(try renderText("\n{{#items}}{{.}}{{/items}}", input) == "\nab")
    }

    @Test func numbersRenderAsTheirExactText() throws {
        #expect(try renderText("{{a}} {{b}} {{c}}", json(#"{"a": 820982911946154508, "b": 299.00, "c": -0.5e3}"#))
            == "820982911946154508 299.00 -0.5e3")
    }

    @Test func nullMissingAndFalseAreFalseyInSections() throws {
        let input = try json(#"{"n": null, "f": false, "t": true, "e": [], "s": "x", "o": {"k": "v"}}"#)
        #expect(try renderText("{{#n}}N{{/n}}{{^n}}!n{{/n}}{{#f}}F{{/f}}{{^f}}!f{{/f}}{{#t}}T{{/t}}"
            + "{{#e}}E{{/e}}{{^e}}!e{{/e}}{{#missing}}M{{/missing}}{{^missing}}!m{{/missing}}{{#o}}{{k}}{{/o}}", input)
            == "!n!fT!e!mv")
        #expect(try renderText("[{{n}}][{{f}}][{{t}}]", input) == "[][false][true]")
    }

    @Test func nullStopsLookupAtTheObjectThatHoldsIt() throws {
        let input = try json(#"{"note": "outer", "lines": [{"note": null}, {"sku": "A"}]}"#)
        #expect(try renderText("{{#lines}}({{note}}){{/lines}}", input) == "()(outer)")
    }

    @Test func containersRenderAsCompactJSON() throws {
        let input = try json(#"{"o": {"a": [1, "x"], "b": null}}"#)
        #expect(try renderText("{{o}} {{o.a}}", input) == #"{"a":[1,"x"],"b":null} [1,"x"]"#)
    }

    @Test func arraysTakeNumericIndexesAndTransforms() throws {
        let sample = EventSamples.sample(for: .orderShipped)
        #expect(try renderText("{{data.order.lines.1.sku}}|{{count(data.order.lines)}}|{{data.order.lines.9.sku}}", sample)
            == "FILT-ULL-GRA|3|")
        #expect(try renderText("{{#first(data.order.lines)}}{{name}}{{/first(data.order.lines)}}", sample) == "Kaffemugg Höstlöv")
        #expect(try renderText("{{#data.order.lines}}{{index()}}{{#first()}}*{{/first()}}{{/data.order.lines}}", sample) == "0*12")
    }

    @Test func stringAndIntegerTransformsWork() throws {
        let input = try json(#"{"name": "anna", "n": 41, "max": 9223372036854775807}"#)
        #expect(try renderText("{{uppercased(name)}} {{plusone(n)}} {{minusone(n)}} [{{plusone(max)}}]", input) == "ANNA 42 40 []")
    }

    @Test func objectsEnumerateTheirMembers() throws {
        let text = try renderText(
            "{{#enumerated(data.contact.fields.Sitoo-Contact)}}{{key}};{{/enumerated(data.contact.fields.Sitoo-Contact)}}",
            EventSamples.sample(for: .contactUpdated))
        #expect(text == "bonuschecks;member_number;")
    }

    @Test func customFieldGroupNamesResolveWithHyphens() throws {
        #expect(try renderText("{{data.contact.fields.Sitoo-Contact.member_number}}", EventSamples.sample(for: .contactCreated))
            == "100234")
    }

    @Test func wrapperInternalsAreNotReachableByName() throws {
        #expect(try renderText("[{{s.string}}{{s.budget}}{{n.number}}{{n.text}}]", json(#"{"s": "x", "n": 1}"#)) == "[]")
    }

    @Test func mustacheSyntaxErrorReportsLineAndColumnOfTheAuthorsText() throws {
        let errors = PostbackTemplate.validate(try json(#"{"note": {"$template": "line one\n{{#a}}x{{/b}}"}}"#))
        #expect(errors.map(\.pointer) == ["/note/$template"])
        #expect(errors.first?.detail.contains("line 2") == true)
    }

    @Test func partialsRenderNothingBecauseTemplatesHaveNoLibrary() throws {
        #expect(try renderText("a{{> other}}b", json("{}")) == "ab")
    }
}
