import KvittoCore
import KvittoTemplates
import Testing

@Suite("Postback templates: limits")
struct PostbackTemplateLimitsTests {
    /// An input with `count` strings of `length` bytes each.
    func bulk(count: Int, length: Int) -> JSONValue {
        ["items": .array(Array(repeating: .string(String(repeating: "x", count: length)), count: count))]
    }

    @Test func expressionResultPastTheByteLimitFailsWithAClearError() throws {
        let template = try PostbackTemplate(json(#"{"out": {"all": {"$expr": "items"}}}"#))
        let error = #expect(throws: TemplateError.self) { try template.render(bulk(count: 2_000, length: 1_000)) }
        #expect(error?.kind == .limitExceeded)
        #expect(error?.errors.map(\.pointer) == ["/out/all/$expr"])
        #expect(error?.message.contains("1048576 bytes") == true)
        #expect(error?.kvittoError.code == .tooLarge)
    }

    @Test func outputJustUnderTheLimitRenders() throws {
        let template = try PostbackTemplate(json(#"{"all": {"$expr": "items"}}"#))
        let output = try template.render(bulk(count: 1_000, length: 1_000))
        #expect(JSONWriter.bytes(output).count < 1 << 20)
    }

    @Test func limitCountsTheWholeDocumentNotEachDirective() throws {
        // Each directive alone fits; together they do not.
        let template = try PostbackTemplate(json(#"{"a": {"$expr": "items"}, "b": {"$expr": "items"}}"#))
        let error = #expect(throws: TemplateError.self) { try template.render(bulk(count: 600, length: 1_000)) }
        #expect(error?.errors.map(\.pointer) == ["/b/$expr"])
    }

    @Test func nodeLimitStopsResultsOfManySmallValues() throws {
        let limits = TemplateLimits(maxOutputNodes: 1_000)
        let template = try PostbackTemplate(json(#"{"a": {"$expr": "items"}}"#), limits: limits)
        #expect(throws: TemplateError.self) { try template.render(bulk(count: 1_000, length: 1)) }
        #expect(try template.render(bulk(count: 900, length: 1))["a"]?.arrayValue?.count == 900)
    }

    @Test func sharedValuesAreCountedOncePerOccurrence() throws {
        // Four pipes double a 1 KB string into 16 references of the same storage: small in memory, 16 KB written.
        let limits = TemplateLimits(maxOutputBytes: 10_000)
        let template = try PostbackTemplate(json(#"{"a": {"$expr": "[s, s] | [@, @] | [@, @] | [@, @]"}}"#), limits: limits)
        let error = #expect(throws: TemplateError.self) { try template.render(["s": .string(String(repeating: "y", count: 1_000))]) }
        #expect(error?.kind == .limitExceeded)
    }

    @Test func mustacheTextPastTheByteLimitFails() throws {
        let template = try PostbackTemplate(json(#"{"t": {"$template": "{{#items}}{{.}}{{/items}}"}}"#))
        let error = #expect(throws: TemplateError.self) { try template.render(bulk(count: 1_100, length: 1_000)) }
        #expect(error?.kind == .limitExceeded)
        #expect(error?.errors.map(\.pointer) == ["/t/$template"])
    }

    @Test func nestedSectionsThatMultiplyAreStoppedQuickly() throws {
        // 100^6 iterations if nothing stopped them.
        let nested = String(repeating: "{{#items}}", count: 6) + "{{.}}" + String(repeating: "{{/items}}", count: 6)
        let template = try PostbackTemplate(["t": ["$template": .string(nested)]])
        let clock = ContinuousClock()
        let started = clock.now
        let error = #expect(throws: TemplateError.self) { try template.render(bulk(count: 100, length: 10)) }
        #expect(error?.kind == .limitExceeded)
        #expect(clock.now - started < .seconds(5))
    }

    @Test func repeatingTheWholeInputIsStopped() throws {
        let text = String(repeating: "{{.}}", count: 2_000)
        let template = try PostbackTemplate(["t": ["$template": .string(text)]])
        let error = #expect(throws: TemplateError.self) { try template.render(bulk(count: 100, length: 100)) }
        #expect(error?.kind == .limitExceeded)
    }

    @Test func expressionStepLimitIsReportedAtTheDirective() throws {
        let limits = TemplateLimits(expression: JMESPathLimits(maxEvaluationSteps: 100))
        let template = try PostbackTemplate(json(#"{"x": [{"$expr": "items[].length(@)"}]}"#), limits: limits)
        let error = #expect(throws: TemplateError.self) { try template.render(bulk(count: 500, length: 1)) }
        #expect(error?.kind == .limitExceeded)
        #expect(error?.errors.map(\.pointer) == ["/x/0/$expr"])
    }

    @Test func overlongTextTemplateIsRejectedAtCompileTime() throws {
        let body: JSONValue = ["t": ["$template": .string(String(repeating: "a", count: 20_000))]]
        #expect(PostbackTemplate.validate(body).map(\.pointer) == ["/t/$template"])
    }

    @Test func templateLargerThanTheOutputLimitIsRejectedAtCompileTime() throws {
        let body: JSONValue = ["big": .string(String(repeating: "z", count: 2_000)), "x": ["$expr": "a"]]
        let error = #expect(throws: TemplateError.self) { try PostbackTemplate(body, limits: TemplateLimits(maxOutputBytes: 1_000)) }
        #expect(error?.kind == .limitExceeded)
    }

    @Test func tooManyDirectivesAreRejected() throws {
        let body = JSONValue.array(Array(repeating: ["$expr": "a"], count: 11))
        let errors = PostbackTemplate.validate(body, limits: TemplateLimits(maxDirectives: 10))
        #expect(errors.map(\.pointer) == ["/10/$expr"])
    }

    @Test func tooDeepTemplateIsRejected() throws {
        var body: JSONValue = ["$expr": "a"]
        for _ in 0..<10 { body = ["n": body] }
        let errors = PostbackTemplate.validate(body, limits: TemplateLimits(maxDepth: 5))
        #expect(errors.count == 1)
        #expect(errors.first?.detail.contains("deeper than 5") == true)
    }
}

@Suite("Postback templates: hostile texts")
struct PostbackTemplateHostileTextTests {
    @Test func sectionsNestedToTheLimitCompileAndRender() throws {
        let depth = TemplateLimits.default.maxTextNesting
        let text = String(repeating: "{{#t}}", count: depth) + "x" + String(repeating: "{{/t}}", count: depth)
        let template = try PostbackTemplate(["t": ["$template": .string(text)]])
        #expect(try template.render(["t": true]) == ["t": "x"])
    }

    /// swift-mustache's parser recurses per level; thousands of levels fit in the text-length limit and
    /// would overflow the stack, so they must be refused before parsing.
    @Test(arguments: ["{{#t}}", "{{^t}}", "{{$t}}", "{{<t}}", "{{=<% %>=}}<%#t%>", "{{=| |=}}|#t|"])
    func deeplyNestedSectionsAreRefusedBeforeParsing(open: String) throws {
        let text = String(repeating: open, count: 2_000)
        let errors = PostbackTemplate.validate(["t": ["$template": .string(text)]], limits: TemplateLimits(maxTextLength: 1 << 20))
        #expect(errors.map(\.pointer) == ["/t/$template"])
        #expect(errors.first?.detail.contains("deeper than the limit") == true)
    }

    @Test func sequentialSectionsAreNotNesting() throws {
        let text = String(repeating: "{{#t}}x{{/t}}", count: 100) + "{{! {{#t in a comment }}"
        #expect(try renderText(text, ["t": true]) == String(repeating: "x", count: 100))
    }

    @Test func setDelimiterWithUnicodeWhitespaceIsRefused() throws {
        let errors = PostbackTemplate.validate(["t": ["$template": "{{=<%\u{2003}%>=}}"]])
        #expect(errors.map(\.pointer) == ["/t/$template"])
    }
}
