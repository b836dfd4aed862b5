import KvittoCore
import Mustache

/// A compiled `$template` directive: Mustache text rendered against the JSON input.
///
/// Output is text inside a JSON document, not HTML, so nothing is HTML-escaped: `{{x}}` and `{{{x}}}`
/// render the same (`&`, `<` and quotes stay as they are; `JSONWriter` escapes what JSON needs when the
/// document is written). swift-mustache escapes for HTML unless a template selects another content type,
/// and offers no render option for it, so every text is compiled with the built-in `TEXT` content-type
/// pragma on a line of its own in front of it (see `textPragma`).
struct TextTemplate: Sendable {
    /// The text as the template author wrote it.
    let source: String
    let mustache: MustacheTemplate
    /// The text as literal parts and variables when that is all it holds (see `TextTemplate+Simple`),
    /// rendered without swift-mustache.
    let segments: [Segment]?
    /// What one pass over this text is charged against the render's work budget: the text's length, a
    /// bound on the literal text any section of it emits per element it iterates over.
    let passCost: Int

    /// The content-type pragma that turns HTML escaping off. Standalone on its own line it is removed with
    /// its line break, and the parser then stands at the start of a line exactly as it would at the start
    /// of `source`, so whitespace and standalone-tag handling of the author's text are unchanged; only the
    /// line numbers of parse errors move by one, which `init` corrects. The tests render generated texts
    /// with and without it and compare.
    static let textPragma = "{{%CONTENT_TYPE:TEXT}}\n"

    /// Compiles `source`. Throws a description of the first Mustache syntax error, with its line and column,
    /// or of sections nested deeper than `maxNesting`.
    init(_ source: String, maxNesting: Int = TemplateLimits.default.maxTextNesting) throws(TextTemplateError) {
        guard let depth = Self.sectionDepth(of: source) else {
            throw TextTemplateError(message: "a set-delimiter tag is malformed or uses non-ASCII characters", line: nil, column: nil)
        }
        guard depth <= maxNesting else {
            throw TextTemplateError(message: "sections nest \(depth) levels deep, deeper than the limit of \(maxNesting)", line: nil, column: nil)
        }
        do {
            self.mustache = try MustacheTemplate(string: Self.textPragma + source)
        } catch let error as MustacheTemplate.ParserError {
            throw TextTemplateError(
                message: Self.describe(error.error),
                line: max(1, error.context.lineNumber - 1),
                column: error.context.columnNumber
            )
        } catch {
            throw TextTemplateError(message: "\(error)", line: nil, column: nil)
        }
        self.source = source
        self.passCost = max(1, source.utf8.count)
        self.segments = Self.simpleSegments(of: source)
    }

    /// Renders the text against `input`, charging `budget`. When the budget runs out the context stops
    /// yielding values and elements, so the renderer finishes quickly; the caller checks `budget.exhausted`.
    func render(_ input: JSONValue, budget: RenderBudget) -> String {
        budget.passCost = passCost
        guard budget.charge(passCost) else { return "" }
        if let segments { return Self.render(segments, input, budget: budget) }
        return renderWithMustache(input, budget: budget)
    }

    /// The general path: swift-mustache over the JSON context (`MustacheJSON`).
    func renderWithMustache(_ input: JSONValue, budget: RenderBudget) -> String {
        mustache.render(MustacheJSON.wrap(input, budget))
    }

    static func describe(_ error: any Error) -> String {
        // By case name rather than an exhaustive `switch`, so a case added in a later 2.x release of
        // swift-mustache is reported by its name instead of breaking the build.
        let name = String(describing: error)
        return Self.parserErrors[name] ?? name
    }

    private static let parserErrors: [String: String] = [
        "sectionCloseNameIncorrect": "a section is closed with a different name than it was opened with",
        "unfinishedName": "a tag is not closed, or its name is malformed",
        "expectedSectionEnd": "a section is not closed",
        "invalidSetDelimiter": "a set-delimiter tag is malformed",
        "transformAppliedToInheritanceSection": "a transform cannot apply to an inheritance block",
        "illegalTokenInsideInheritSection": "only blocks may appear inside a parent tag",
        "textInsideInheritSection": "text cannot appear inside a parent tag",
        "invalidConfigVariableSyntax": "a pragma tag is malformed",
        "unrecognisedConfigVariable": "a pragma names an unknown setting",
    ]

    /// `source` rendered by swift-mustache as it is, without the pragma: for the tests that check the
    /// pragma changes nothing but escaping. `nil` when it does not parse.
    static func renderUnmodified(_ source: String, _ input: JSONValue) -> String? {
        (try? MustacheTemplate(string: source))?.render(MustacheJSON.wrap(input, RenderBudget(1 << 20)))
    }
}

/// A Mustache syntax error, located within the text of the directive.
struct TextTemplateError: Error, Sendable {
    let message: String
    let line: Int?
    let column: Int?

    var description: String {
        guard let line, let column else { return message }
        return "\(message) (line \(line), column \(column))"
    }
}
