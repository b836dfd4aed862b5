import KvittoCore
import Testing

@testable import KvittoTemplates

/// The render fast paths (plain field paths without the JMESPath interpreter, plain Mustache texts
/// without swift-mustache) must give exactly what the general paths give.
@Suite("Fast paths give what the general paths give")
struct FastPathEquivalenceTests {
    static let input: JSONValue = [
        "x": "X & <y> \"q\"", "o": ["a": [1, 2], "b": ["c": "deep"]], "n": .number(JSONNumber(validatedText: "299.00")),
        "l": ["p", ["k": "v"]], "t": true, "f": false, "z": nil, "e": "", "null": "named null",
        "big": .number(JSONNumber(validatedText: "820982911946154508")),
    ]

    /// Deterministic pseudo-random numbers (SplitMix64), so a failure reproduces.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces = [
        "a", "Order ", " ", "  ", "\t", "\n", "\r\n", "é", "{", "}", "}}", "{ {", "{{x}}", "{{ x }}", "{{\tx\n}}", "{{{x}}}",
        "{{{ o.a }}}", "{{& x}}", "{{&o.b.c}}", "{{o}}", "{{o.a}}", "{{o.b.c}}", "{{.}}", "{{ . }}", "{{n}}", "{{big}}",
        "{{missing}}", "{{missing.deeper}}", "{{l.1}}", "{{l.1.k}}", "{{l.7}}", "{{t}}", "{{f}}", "{{z}}", "{{z.a}}",
        "{{e}}", "{{null}}", "{{x.length}}", "{{o..a}}", "{{o.a.}}", "{{.o.b.c}}", "{{-}}", "{{a?b*}}", "{{}}",
    ]

    func renderBothWays(_ source: String) throws -> (fast: String, general: String)? {
        let template = try TextTemplate(source)
        guard let segments = template.segments else { return nil }
        let fast = TextTemplate.render(segments, Self.input, budget: RenderBudget(1 << 20))
        let general = template.renderWithMustache(Self.input, budget: RenderBudget(1 << 20))
        return (fast, general)
    }

    @Test func plainTextsRenderTheSameBothWays() throws {
        var generator = SplitMix(state: 20_261_123)
        var compared = 0
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...8, using: &generator)
            let source = (0..<count).map { _ in Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &generator)] }.joined()
            guard let result = try? renderBothWays(source) else { continue }
            #expect(result.fast == result.general, "text: \(source.debugDescription)")
            compared += 1
        }
        #expect(compared > 2_000)
    }

    @Test(arguments: [
        "", " ", "  \t ", "\n", "a\n", "a\n  ", "a\n \t", "{{x}}\n  ", "{{x}}  ", "  {{x}}", "a\r\n  ", "a\r  ",
        "line\n  \nnext", "Order {{data.order.number}}", "x{{x}}y{{{x}}}z{{& x}}", "{{.}}", "tail{{x}}\n\t\n",
    ])
    func edgeTextsRenderTheSameBothWays(source: String) throws {
        let result = try #require(try renderBothWays(source), "expected \(source.debugDescription) to take the fast path")
        #expect(result.fast == result.general)
    }

    @Test(arguments: [
        "{{#l}}x{{/l}}", "{{^z}}none{{/z}}", "{{! note }}", "{{> partial}}", "{{=<% %>=}}", "{{%CONTENT_TYPE:HTML}}",
        "{{uppercased(x)}}", "{{$block}}{{/block}}", "{{<parent}}{{/parent}}",
    ])
    func textsWithOtherTagsUseSwiftMustache(source: String) throws {
        #expect(try TextTemplate(source).segments == nil)
    }

    @Test(arguments: [
        "x", "o", "o.a", "o.b.c", "o.b.c.d", "l", "l.k", "t", "z", "z.a", "null", "missing", "missing.x", "n", "big", "_a1",
        "e.x", "o.b", "x.length",
    ])
    func fieldPathsEvaluateAsJMESPathDoes(expression: String) throws {
        let path = try #require(PostbackTemplate.FieldPath(expression))
        let reference = try JMESPathExpression(expression).evaluate(Self.input)
        #expect(path.evaluate(Self.input) == reference)
        #expect(path.evaluate(.array([Self.input])) == (try JMESPathExpression(expression).evaluate(.array([Self.input]))))
    }

    @Test(arguments: ["", "a..b", "a.", ".a", "a b", " a", "a[0]", "\"a\"", "a.0", "0a", "a-b", "@", "a.*", "`1`", "a || b", "é"])
    func otherExpressionsAreLeftToTheInterpreter(expression: String) {
        #expect(PostbackTemplate.FieldPath(expression) == nil)
    }

    @Test func fieldPathResultsObeyTheExpressionOutputLimit() throws {
        let limits = TemplateLimits(expression: JMESPathLimits(maxOutputNodes: 5))
        let viaPath = try PostbackTemplate(["a": ["$expr": "l"]], limits: limits)
        let viaInterpreter = try PostbackTemplate(["a": ["$expr": "l[]"]], limits: limits)
        let input: JSONValue = ["l": [1, 2, 3, 4, 5, 6]]
        #expect(throws: TemplateError.self) { try viaPath.render(input) }
        #expect(throws: TemplateError.self) { try viaInterpreter.render(input) }
        #expect(try viaPath.render(["l": [1, 2, 3]]) == ["a": [1, 2, 3]])
    }
}

@Suite("The no-escaping pragma changes nothing but escaping")
struct TextPragmaTests {
    static let pieces = [
        "a", " ", "  ", "\t", "\n", "\r\n", "{{x}}", "{{#l}}", "{{/l}}", "{{^l}}", "{{! c }}", "{{#t}}", "{{/t}}",
        "{{=<% %>=}}", "<%x%>", "<%={{ }}=%>", "{{> p}}", "{{.}}", "{{#o}}", "{{/o}}", "{{k}}", "{{{x}}}",
    ]

    /// Undoes the HTML escaping swift-mustache applies without the pragma.
    func unescaped(_ html: String) -> String {
        var text = html
        for (entity, character) in [("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.split(separator: entity, omittingEmptySubsequences: false).joined(separator: character)
        }
        return text
    }

    @Test func generatedTextsRenderAlikeWithAndWithoutThePragma() throws {
        let input: JSONValue = ["x": "X <&>", "l": ["p", "q"], "t": true, "o": ["k": "v"], "k": "K"]
        var generator = FastPathEquivalenceTests.SplitMix(state: 7)
        var compared = 0
        for _ in 0..<5_000 {
            let count = Int.random(in: 0...10, using: &generator)
            let source = (0..<count).map { _ in Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &generator)] }.joined()
            let plain = TextTemplate.renderUnmodified(source, input)
            let compiled = try? TextTemplate(source)
            #expect((plain == nil) == (compiled == nil), "parses differently: \(source.debugDescription)")
            guard let plain, let compiled else { continue }
            let rendered = compiled.renderWithMustache(input, budget: RenderBudget(1 << 20))
            #expect(unescaped(plain) == rendered, "text: \(source.debugDescription)")
            compared += 1
        }
        #expect(compared > 1_000)
    }
}
