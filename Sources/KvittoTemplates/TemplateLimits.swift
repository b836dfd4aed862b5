import KvittoCore

/// Bounds on what one postback template may cost, so that one account's mapping can never stall the
/// server or exhaust its memory, whatever the template and the event look like.
public struct TemplateLimits: Sendable, Hashable {
    /// Limits for each `$expr` expression: length, nesting, evaluation steps and result size.
    public var expression: JMESPathLimits
    /// Longest accepted `$template` text, in UTF-8 bytes.
    public var maxTextLength: Int
    /// Deepest nesting of sections in a `$template` text. swift-mustache parses and renders sections
    /// recursively, with large stack frames; this keeps a hostile text far from a thread's stack limit.
    public var maxTextNesting: Int
    /// Most directives in one template; each costs work on every render.
    public var maxDirectives: Int
    /// Deepest accepted nesting of the template document. Compiling recurses over it.
    public var maxDepth: Int
    /// Largest rendered document, in bytes of compact JSON, counting each string's UTF-8 bytes once
    /// (escape sequences are not counted, so the written text can be somewhat longer).
    public var maxOutputBytes: Int
    /// Most JSON values (each scalar, array and object counts as one) in the rendered document.
    public var maxOutputNodes: Int

    public init(
        expression: JMESPathLimits = .default,
        maxTextLength: Int = 16_384,
        maxTextNesting: Int = 16,
        maxDirectives: Int = 1_000,
        maxDepth: Int = 64,
        maxOutputBytes: Int = 1 << 20,
        maxOutputNodes: Int = 100_000
    ) {
        self.expression = expression
        self.maxTextLength = maxTextLength
        self.maxTextNesting = maxTextNesting
        self.maxDirectives = maxDirectives
        self.maxDepth = maxDepth
        self.maxOutputBytes = maxOutputBytes
        self.maxOutputNodes = maxOutputNodes
    }

    public static let `default` = TemplateLimits()

    /// How much text the Mustache renderer may produce or walk through in one render, all `$template`
    /// directives together. Larger than the output limit because a section's text is charged in full for
    /// every element it iterates over (the renderer gives no finer view), which overestimates.
    var textWork: Int { maxOutputBytes.multipliedReportingOverflow(by: 8).overflow ? .max : maxOutputBytes * 8 }
}
