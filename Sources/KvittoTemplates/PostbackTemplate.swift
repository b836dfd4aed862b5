import KvittoCore

/// A compiled postback template (SPEC §5): a JSON document whose values may be directives.
///
/// - `{"$expr": "data.order.lines[].{sku: sku, qty: quantity}"}` is replaced by the JMESPath
///   expression's result against the input.
/// - `{"$template": "Shipped with {{data.order.shipping.carrier}}"}` is replaced by the Mustache text
///   rendered against the input, as a string. Nothing is HTML-escaped: the output is JSON, not HTML.
/// - `{"$literal": …}` is replaced by its value exactly as written, even if that looks like a directive.
///
/// Directives may stand at any depth, in objects and in arrays, and at the root. A directive is an object
/// with exactly one member; an object with a `$`-key beside other members, or with a `$`-key that is not
/// one of the three, is an error (wrap such keys in `$literal` to send them).
///
/// Compile once, render many times: the compiled form is immutable and `Sendable`, so one instance can
/// serve every delivery concurrently. Parts without directives are kept as they are and shared by every
/// rendered document rather than rebuilt.
public struct PostbackTemplate: Sendable {
    /// The template document as it was compiled.
    public let body: JSONValue
    public let limits: TemplateLimits
    /// How many directives the template holds.
    public let directiveCount: Int

    let root: Node
    /// The size of everything in the output that does not come from a directive, measured once here.
    let fixedSize: OutputSize

    /// Compiles `body`: every JMESPath expression and Mustache text is parsed now, so rendering can fail
    /// only on the input.
    ///
    /// Throws a `TemplateError` of kind `invalid` listing every problem found, each with a JSON pointer to
    /// the directive (`/out/$expr`), or of kind `limitExceeded` when the template alone passes the output
    /// limits.
    public init(_ body: JSONValue, limits: TemplateLimits = .default) throws(TemplateError) {
        var compiler = Compiler(limits: limits)
        let root = compiler.compile(body, at: "", depth: 0)
        if !compiler.errors.isEmpty { throw TemplateError(.invalid, errors: compiler.errors) }
        var budget = OutputBudget(limits)
        guard let fixedSize = root.fixedSize(within: &budget) else {
            throw TemplateError(.limitExceeded, errors: [
                FieldError("", "the template alone is larger than the output limit of \(limits.maxOutputBytes) bytes or \(limits.maxOutputNodes) values"),
            ])
        }
        self.body = body
        self.limits = limits
        self.directiveCount = compiler.directiveCount
        self.root = root
        self.fixedSize = fixedSize
    }

    /// Compiles `body` with the default template limits and these expression limits.
    public init(_ body: JSONValue, limits expressionLimits: JMESPathLimits) throws(TemplateError) {
        try self.init(body, limits: TemplateLimits(expression: expressionLimits))
    }

    /// Renders the template against `input` (an event envelope, or any JSON document).
    ///
    /// Throws a `TemplateError` of kind `evaluation` listing every directive that failed on this input
    /// (a JMESPath function given a value of the wrong type), or of kind `limitExceeded`, pointing at the
    /// directive that passed a limit: an expression's evaluation steps, the Mustache rendering work, or the
    /// output size (`limits.maxOutputBytes` / `limits.maxOutputNodes` for the whole document).
    public func render(_ input: JSONValue) throws(TemplateError) -> JSONValue {
        var renderer = Renderer(input: input, limits: limits, fixedSize: fixedSize)
        let output = try renderer.render(root)
        if !renderer.errors.isEmpty { throw TemplateError(.evaluation, errors: renderer.errors) }
        return output
    }

    /// The problems `body` has as a template, each with a pointer to its directive; empty when it compiles.
    public static func validate(_ body: JSONValue, limits: TemplateLimits = .default) -> [FieldError] {
        do {
            _ = try PostbackTemplate(body, limits: limits)
            return []
        } catch {
            return error.errors
        }
    }

    /// Compiles `body` and renders it against `input` once: what `POST /v1/mappings/preview` does.
    public static func preview(_ body: JSONValue, against input: JSONValue, limits: TemplateLimits = .default)
        throws(TemplateError) -> JSONValue
    {
        try PostbackTemplate(body, limits: limits).render(input)
    }
}

extension PostbackTemplate {
    /// The directive keys. Any other key starting with `$` is rejected, so new directives can be added
    /// later without changing what existing templates mean.
    enum Directive: String, CaseIterable {
        case expression = "$expr"
        case template = "$template"
        case literal = "$literal"
    }

    /// The compiled template. Containers keep a prototype of themselves with every fixed member in place
    /// and `null` where a directive's result goes, so rendering copies the prototype and fills in only
    /// the directives.
    ///
    /// `indirect` so that a node is a single reference: rendering copies nodes out of their containers,
    /// and copying an inline payload (a compiled expression, a pointer, a prototype) costs a retain per
    /// field. Measured: about 10 % of a typical render.
    indirect enum Node: Sendable {
        case constant(JSONValue)
        case object(prototype: JSONObject, members: [Member])
        case array(prototype: [JSONValue], elements: [Element])
        case expression(JMESPathExpression, pointer: String)
        /// An expression that is a plain field path, evaluated without the interpreter.
        case path(FieldPath, pointer: String)
        case text(TextTemplate, pointer: String)
    }

    /// A directive among an object's members: its place in the prototype's members (set by position, since
    /// looking the key up again on every render cost a fifth of rendering a 20-field postback).
    struct Member: Sendable {
        let position: Int
        let node: Node
    }

    struct Element: Sendable {
        let index: Int
        let node: Node
    }
}
