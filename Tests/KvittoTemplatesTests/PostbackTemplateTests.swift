import KvittoCore
import KvittoTemplates
import Testing

/// Parses a JSON text written in a test; a typo there should fail the test, not crash it.
func json(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

@Suite("Postback templates: directives")
struct PostbackTemplateTests {
    @Test func specExampleMapsShippedOrderToReferenceItemsAndNote() throws {
        let template = try PostbackTemplate(json("""
            {"orderRef": {"$expr": "data.order.number"},
             "items": {"$expr": "data.order.lines[].{sku: sku, qty: quantity}"},
             "note": {"$template": "Shipped with {{data.order.shipping.carrier}}"}}
            """))
        let output = try template.render(EventSamples.sample(for: .orderShipped))
        #expect(output == (try json("""
            {"orderRef": "#1001",
             "items": [{"sku": "MUG-HOST-03", "qty": 2}, {"sku": "FILT-ULL-GRA", "qty": 1}, {"sku": "SERV-LIN-4", "qty": 1}],
             "note": "Shipped with PostNord"}
            """)))
        // Keys keep the template's order in the written document.
        #expect(JSONWriter.string(output).hasPrefix(##"{"orderRef":"#1001","items":[{"sku":"MUG-HOST-03","qty":2}"##))
    }

    @Test func previewExampleRendersOrderNumber() throws {
        let output = try PostbackTemplate.preview(
            json(#"{"out": {"$expr": "order.number"}}"#), against: json(#"{"order": {"number": "1001"}}"#))
        #expect(output == ["out": "1001"])
    }

    @Test func unparsableExpressionIsReportedAtItsDirective() throws {
        let error = #expect(throws: TemplateError.self) {
            try PostbackTemplate(json(#"{"out": {"$expr": "order.[number"}}"#))
        }
        #expect(error?.kind == .invalid)
        #expect(error?.errors.map(\.pointer) == ["/out/$expr"])
        #expect(error?.errors.first?.detail.contains("JMESPath") == true)
        #expect(error?.kvittoError.code == .invalid)
        #expect(error?.kvittoError.fieldErrors.first?.pointer == "/out/$expr")
    }

    @Test func everyInvalidDirectiveIsReportedAtOnce() throws {
        let errors = PostbackTemplate.validate(try json("""
            {"a": {"$expr": "foo("}, "b": [1, {"$template": "{{#open}}never closed"}],
             "c": {"d": {"$expr": 42}}, "e": {"$expr": "length(@, @)"}, "ok": {"$expr": "x"}}
            """))
        #expect(errors.map(\.pointer) == ["/a/$expr", "/b/1/$template", "/c/d/$expr", "/e/$expr"])
        #expect(errors[1].detail.contains("not closed"))
        #expect(errors[2].detail.contains("takes a string, not a number"))
    }

    @Test func validTemplateValidatesWithoutErrors() throws {
        #expect(PostbackTemplate.validate(try json(#"{"a": {"$expr": "x"}, "b": {"$template": "{{x}}"}}"#)).isEmpty)
    }

    @Test func pointersEscapeTildeAndSlashInKeys() throws {
        let errors = PostbackTemplate.validate(try json(#"{"a/b": {"c~d": {"$expr": "]"}}}"#))
        #expect(errors.map(\.pointer) == ["/a~1b/c~0d/$expr"])
    }

    @Test func directivesRenderInsideNestedArraysAndObjects() throws {
        let template = try PostbackTemplate(json("""
            {"batch": [{"id": {"$expr": "id"}, "tags": [{"$expr": "tags[0]"}, "fixed", {"$template": "n={{n}}"}]},
                       [[{"$expr": "n"}]], {"$literal": [1, 2]}]}
            """))
        let output = try template.render(json(#"{"id": "ord_1", "tags": ["vip"], "n": 3}"#))
        #expect(output == (try json(#"{"batch": [{"id": "ord_1", "tags": ["vip", "fixed", "n=3"]}, [[3]], [1, 2]]}"#)))
        #expect(template.directiveCount == 4)
    }

    @Test func directiveAtTheRootReplacesTheWholeDocument() throws {
        let template = try PostbackTemplate(json(#"{"$expr": "data.order.totals"}"#))
        let output = try template.render(EventSamples.sample(for: .orderReceived))
        #expect(output["total"] == "1145.00")
    }

    @Test func literalPassesDirectiveLookalikesThroughUntouched() throws {
        let template = try PostbackTemplate(json("""
            {"raw": {"$literal": {"$expr": "x"}}, "deep": {"$literal": [{"$template": "{{x}}"}, {"$unknown": 1, "k": 2}]}}
            """))
        let output = try template.render(json(#"{"x": "evaluated"}"#))
        #expect(output == (try json("""
            {"raw": {"$expr": "x"}, "deep": [{"$template": "{{x}}"}, {"$unknown": 1, "k": 2}]}
            """)))
        #expect(template.directiveCount == 0)
    }

    @Test func directiveBesideOtherKeysIsRejectedWithPointer() throws {
        let errors = PostbackTemplate.validate(try json(#"{"out": {"$expr": "a", "extra": 1}}"#))
        #expect(errors.map(\.pointer) == ["/out/$expr"])
        #expect(errors.first?.detail.contains("only member") == true)
        #expect(errors.first?.detail.contains("\"extra\"") == true)
    }

    @Test func twoDirectivesInOneObjectAreBothRejected() throws {
        let errors = PostbackTemplate.validate(try json(#"{"out": {"$expr": "a", "$template": "b"}}"#))
        #expect(errors.map(\.pointer) == ["/out/$expr", "/out/$template"])
    }

    @Test func unknownDirectiveIsRejectedAndLiteralIsSuggested() throws {
        let errors = PostbackTemplate.validate(try json(#"{"out": {"$exp": "a"}, "schema": {"$id": "x", "type": "y"}}"#))
        #expect(errors.map(\.pointer) == ["/out/$exp", "/schema/$id"])
        #expect(errors.allSatisfy { $0.detail.contains("$literal") })
    }

    @Test func directivesInsideARejectedObjectAreStillChecked() throws {
        let errors = PostbackTemplate.validate(try json(#"{"$expr": "a", "x": {"$expr": "("}}"#))
        #expect(errors.map(\.pointer) == ["/$expr", "/x/$expr"])
    }

    @Test func emptyExpressionIsRejected() throws {
        let errors = PostbackTemplate.validate(try json(#"{"a": {"$expr": "  "}}"#))
        #expect(errors.map(\.pointer) == ["/a/$expr"])
    }

    @Test func runtimeExpressionErrorPointsAtItsDirectiveAndOthersStillReport() throws {
        let template = try PostbackTemplate(json(#"{"a": {"$expr": "length(n)"}, "b": [{"$expr": "abs(s)"}], "c": {"$expr": "s"}}"#))
        let error = #expect(throws: TemplateError.self) { try template.render(json(#"{"n": 5, "s": "text"}"#)) }
        #expect(error?.kind == .evaluation)
        #expect(error?.errors.map(\.pointer) == ["/a/$expr", "/b/0/$expr"])
        #expect(error?.errors.first?.detail.contains("invalid-type") == true)
    }

    @Test func missingValuesRenderAsNull() throws {
        let output = try PostbackTemplate(json(#"{"a": {"$expr": "nope.nothing"}, "b": {"$template": "[{{nope.nothing}}]"}}"#))
            .render(json("{}"))
        #expect(output == (try json(#"{"a": null, "b": "[]"}"#)))
    }

    @Test func exactNumbersSurviveExpressionsAndTemplates() throws {
        let input = try json(#"{"id": 820982911946154508, "price": 299.00, "big": 1e400, "tiny": 0.10000000000000000001}"#)
        let template = try PostbackTemplate(json("""
            {"id": {"$expr": "id"}, "price": {"$expr": "price"}, "pair": {"$expr": "[id, price, big, tiny]"},
             "text": {"$template": "{{id}} {{price}} {{big}} {{tiny}}"}}
            """))
        let written = JSONWriter.string(try template.render(input))
        #expect(written == #"{"id":820982911946154508,"price":299.00,"pair":[820982911946154508,299.00,1e400,0.10000000000000000001],"#
            + #""text":"820982911946154508 299.00 1e400 0.10000000000000000001"}"#)
    }

    @Test func moneyStringsOfTheSampleOrderStayExact() throws {
        let output = try PostbackTemplate(json(#"{"t": {"$expr": "data.order.totals.total"}, "p": {"$expr": "data.order.lines[0].unit_price"}}"#))
            .render(EventSamples.sample(for: .orderDelivered))
        #expect(output == ["t": "1145.00", "p": "149.00"])
    }

    @Test func constantPartsArePassedThroughWithoutDirectives() throws {
        let body = try json(#"{"version": 2, "meta": {"source": "kvitto", "n": [1, 2.50, null, true]}}"#)
        let template = try PostbackTemplate(body)
        #expect(try template.render(.null) == body)
        #expect(template.directiveCount == 0)
    }

    @Test func expressionsCompileUnderTheGivenJMESPathLimits() throws {
        let tight = JMESPathLimits(maxExpressionLength: 8)
        let errors = PostbackTemplate.validate(try json(#"{"a": {"$expr": "data.order.number"}}"#), limits: TemplateLimits(expression: tight))
        #expect(errors.map(\.pointer) == ["/a/$expr"])
        #expect(throws: TemplateError.self) { try PostbackTemplate(json(#"{"a": {"$expr": "data.order.number"}}"#), limits: tight) }
    }
}
