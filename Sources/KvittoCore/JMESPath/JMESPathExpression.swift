/// A compiled JMESPath expression (https://jmespath.org/specification.html).
///
/// Compile once and evaluate many times: the syntax tree is immutable and `Sendable`, so one instance can
/// serve every request concurrently. Each evaluation runs under `limits`, which is what makes it safe to
/// evaluate expressions written by account owners against documents sent by third parties.
public struct JMESPathExpression: Sendable, CustomStringConvertible {
    /// The expression text as it was compiled.
    public let source: String
    public let limits: JMESPathLimits
    let root: JMESPath.Node

    /// Compiles `expression`.
    ///
    /// Throws `syntax` for malformed text, `unknownFunction` / `invalidArity` for calls that can never
    /// succeed, `invalidValue` for a zero slice step, and `limitExceeded` when the text is longer or more
    /// deeply nested than `limits` allow.
    public init(_ expression: String, limits: JMESPathLimits = .default) throws(JMESPathError) {
        let length = expression.utf8.count
        guard length <= limits.maxExpressionLength else {
            throw JMESPathError(
                .limitExceeded,
                "expression is \(length) bytes, longer than the limit of \(limits.maxExpressionLength)"
            )
        }
        let tokens = try JMESPath.Lexer.tokenize(expression)
        let parser = JMESPath.Parser(tokens: tokens, maxDepth: limits.maxNestingDepth)
        self.root = try parser.parseRoot()
        self.source = expression
        self.limits = limits
    }

    /// Evaluates the expression against `value`.
    ///
    /// Throws `invalidType` / `invalidValue` when a function receives arguments it cannot handle and
    /// `limitExceeded` when the evaluation needs more steps, or produces a larger result, than `limits` allow.
    public func evaluate(_ value: JSONValue) throws(JMESPathError) -> JSONValue {
        var interpreter = JMESPath.Interpreter(stepBudget: limits.maxEvaluationSteps)
        // Values share storage, so a few steps can build a result that is exponentially large once
        // written out (`[@,@] | [@,@] | ...`); the caller is about to serialise it, so it is measured.
        return try interpreter.evaluateMeasured(root, value, outputCap: limits.maxOutputNodes).value
    }

    public var description: String { source }
}

/// Bounds on the work a single expression may cause. The defaults are generous for templates and
/// projections over real documents while stopping hostile expressions within milliseconds.
public struct JMESPathLimits: Sendable, Hashable {
    /// Longest accepted expression, in UTF-8 bytes.
    public var maxExpressionLength: Int
    /// Deepest accepted nesting, counted both in the parser's recursion and in the syntax tree; bounds the
    /// stack the parser and the interpreter can use.
    public var maxNestingDepth: Int
    /// Most evaluation steps per `evaluate` call. A step is one syntax-tree node visited, or one unit of work
    /// inside a function (an element compared, sorted or copied, 16 bytes of string scanned or built).
    public var maxEvaluationSteps: Int
    /// Most JSON values (each scalar, array and object counts as one) in the result of `evaluate`.
    public var maxOutputNodes: Int

    public init(
        maxExpressionLength: Int = 4096,
        maxNestingDepth: Int = 128,
        maxEvaluationSteps: Int = 1_000_000,
        maxOutputNodes: Int = 100_000
    ) {
        self.maxExpressionLength = maxExpressionLength
        self.maxNestingDepth = maxNestingDepth
        self.maxEvaluationSteps = maxEvaluationSteps
        self.maxOutputNodes = maxOutputNodes
    }

    public static let `default` = JMESPathLimits()
}

/// Namespace for the implementation: lexer, parser, syntax tree, interpreter and built-in functions.
enum JMESPath {
    /// Counts the values in `value`, stopping early once the count passes `cap` so that measuring a
    /// huge (shared) result costs at most `cap` steps. Iterative because results may nest deeper than
    /// parsed documents.
    static func nodeCount(of value: JSONValue, cappedAt cap: Int) -> Int {
        var count = 0
        var pending: [JSONValue] = [value]
        while let next = pending.popLast() {
            count += 1
            if count > cap { return count }
            switch next {
            case .array(let items): pending.append(contentsOf: items)
            case .object(let object): pending.append(contentsOf: object.values)
            default: break
            }
        }
        return count
    }
}
