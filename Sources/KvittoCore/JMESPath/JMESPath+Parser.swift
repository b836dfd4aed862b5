extension JMESPath {
    /// A Pratt (top-down operator precedence) parser. Binding powers and the handling of projections follow
    /// the reference implementation (jmespath.py), which is what the compliance suite was written against;
    /// it is stricter than the reference in a few places where that accepted malformed text (`f(a b)`,
    /// `{a: b c: d}`, `[1 2]`), and it turns every slice into a projection, where the reference does not
    /// after an index (`a[0][1:]`).
    ///
    /// A class, used once per compile: as a struct, every property read in its recursive methods copied
    /// the whole parser into a stack temporary in debug builds, several kilobytes per nesting level.
    final class Parser {
        private let tokens: [Token]
        private var position = 0
        private var depth = 0
        private let maxDepth: Int
        /// Unknown functions, wrong argument counts and zero slice steps are reported only after the whole
        /// expression has parsed, so that a syntax error anywhere takes precedence, as the specification
        /// orders them.
        private var semanticError: JMESPathError?

        /// Below this binding power a token ends a projection's right-hand side.
        private static let projectionStop = 10

        init(tokens: [Token], maxDepth: Int) {
            self.tokens = tokens
            self.maxDepth = maxDepth
        }

        func parseRoot() throws(JMESPathError) -> Node {
            let root = try expression(0)
            guard current.kind == .end else { throw unexpected(current) }
            if let semanticError { throw semanticError }
            // Left-associative chains (`a || b || c`, `a | b | c`) are built in a loop, so the parser's
            // recursion check does not see their depth; the interpreter would recurse through it.
            if root.nests(deeperThan: maxDepth) {
                throw JMESPathError(.limitExceeded, "expression nests deeper than \(maxDepth) levels", offset: 0)
            }
            return root
        }

        // MARK: - Token stream

        /// The next unconsumed token; the stream always ends with `.end`, which is never consumed.
        private var current: Token { tokens[position] }

        private func peek(_ distance: Int) -> Token { tokens[Swift.min(position + distance, tokens.count - 1)] }

        private func advance() {
            if position < tokens.count - 1 { position += 1 }
        }

        private func expect(_ kind: Token.Kind) throws(JMESPathError) {
            guard current.kind == kind else { throw unexpected(current) }
            advance()
        }

        private func unexpected(_ token: Token) -> JMESPathError {
            if token.kind == .end { return .syntax("unexpected end of expression", at: token.offset) }
            return .syntax("unexpected \(token.kind.summary)", at: token.offset)
        }

        // MARK: - Expressions

        /// Parses an expression whose operators bind tighter than `rightBindingPower`.
        ///
        /// Operators are parsed by handlers looked up by token kind rather than from one `switch`: this frame
        /// repeats once per nesting level, and a `switch` with a call per case costs a stack slot for every
        /// case's temporaries (kilobytes per level in debug builds, where threads may have 512 KB of stack).
        private func expression(_ rightBindingPower: Int) throws(JMESPathError) -> Node {
            depth += 1
            defer { depth -= 1 }
            if depth > maxDepth { throw tooDeep() }
            var left = try start()
            while rightBindingPower < currentBindingPower {
                let token = current
                advance()
                guard let infix = Self.infix(for: token.kind) else { throw unexpected(token) }
                left = try infix(self, token, left)
            }
            return left
        }

        private var currentBindingPower: Int { tokens[position].kind.bindingPower }

        /// Consumes the token that starts an expression and parses what it begins.
        private func start() throws(JMESPathError) -> Node {
            let token = current
            advance()
            if let leaf = try leaf(token) { return leaf }
            guard let prefix = Self.prefix(for: token.kind) else { throw unexpected(token) }
            return try prefix(self, token)
        }

        private func tooDeep() -> JMESPathError {
            JMESPathError(.limitExceeded, "expression nests deeper than \(maxDepth) levels", offset: current.offset)
        }

        /// The node for a token that is a whole expression by itself (`@`, a name, a literal); `nil` otherwise.
        private func leaf(_ token: Token) throws(JMESPathError) -> Node? {
            switch token.kind {
            case .literal(let value):
                return .literal(value)
            case .unquotedIdentifier(let name):
                return .field(name)
            case .quotedIdentifier(let name):
                if current.kind == .leftParen { throw .syntax("a function name cannot be quoted", at: token.offset) }
                return .field(name)
            case .current:
                return .current
            default:
                return nil
            }
        }

        /// Parses what follows a token that starts an expression (the token is consumed).
        private typealias Prefix = (Parser, Token) throws(JMESPathError) -> Node
        /// Parses what follows a token that continues the expression `left` (the token is consumed).
        private typealias Infix = (Parser, Token, Node) throws(JMESPathError) -> Node

        private static func prefix(for kind: Token.Kind) -> Prefix? {
            switch kind {
            case .star:
                return { parser, _ throws(JMESPathError) in
                    .valueProjection(.current, try parser.rightSide(Token.Kind.star.bindingPower, ofProjection: true))
                }
            case .filter:
                return { parser, _ throws(JMESPathError) in try parser.filter(on: .current) }
            case .flatten:
                return { parser, _ throws(JMESPathError) in
                    .projection(.flatten(.current), try parser.rightSide(Token.Kind.flatten.bindingPower, ofProjection: true))
                }
            case .leftBrace:
                return { parser, _ throws(JMESPathError) in try parser.multiSelectHash() }
            case .leftParen:
                return { parser, _ throws(JMESPathError) in
                    let inner = try parser.expression(0)
                    try parser.expect(.rightParen)
                    return inner
                }
            case .not:
                return { parser, _ throws(JMESPathError) in .not(try parser.expression(Token.Kind.not.bindingPower)) }
            case .expressionReference:
                return { parser, _ throws(JMESPathError) in .expressionReference(try parser.expression(0)) }
            case .leftBracket:
                return { parser, _ throws(JMESPathError) in try parser.leadingBracket() }
            default:
                return nil
            }
        }

        private static func infix(for kind: Token.Kind) -> Infix? {
            switch kind {
            case .dot:
                return { parser, _, left throws(JMESPathError) in try parser.dot(after: left) }
            case .pipe:
                return { parser, token, left throws(JMESPathError) in .pipe(left, try parser.expression(token.kind.bindingPower)) }
            case .or:
                return { parser, token, left throws(JMESPathError) in .or(left, try parser.expression(token.kind.bindingPower)) }
            case .and:
                return { parser, token, left throws(JMESPathError) in .and(left, try parser.expression(token.kind.bindingPower)) }
            case .comparator(let comparator):
                return { parser, token, left throws(JMESPathError) in
                    .comparison(comparator, left, try parser.expression(token.kind.bindingPower))
                }
            case .flatten:
                return { parser, token, left throws(JMESPathError) in
                    .projection(.flatten(left), try parser.rightSide(token.kind.bindingPower, ofProjection: true))
                }
            case .filter:
                return { parser, _, left throws(JMESPathError) in try parser.filter(on: left) }
            case .leftBracket:
                return { parser, _, left throws(JMESPathError) in
                    if parser.startsIndexOrSlice { return try parser.bracketed(on: left) }
                    try parser.expect(.star)
                    try parser.expect(.rightBracket)
                    return .projection(left, try parser.rightSide(Token.Kind.star.bindingPower, ofProjection: true))
                }
            case .leftParen:
                return { parser, token, left throws(JMESPathError) in try parser.functionCall(left, at: token.offset) }
            default:
                return nil
            }
        }

        /// `[` at the start of an expression: an index, a slice, `[*]`, or a multi-select list.
        private func leadingBracket() throws(JMESPathError) -> Node {
            switch current.kind {
            case .number, .colon:
                return try bracketed(on: .current)
            case .star where peek(1).kind == .rightBracket:
                advance()
                advance()
                return .projection(.current, try rightSide(Token.Kind.star.bindingPower, ofProjection: true))
            default:
                return try multiSelectList()
            }
        }

        /// `.` after `left`: `.*`, or a sub-expression (kept as one flat chain).
        private func dot(after left: Node) throws(JMESPathError) -> Node {
            if current.kind == .star {
                advance()
                return .valueProjection(left, try rightSide(Token.Kind.dot.bindingPower, ofProjection: true))
            }
            let right = try rightSide(Token.Kind.dot.bindingPower, ofProjection: false)
            if case .subexpression(var chain) = left {
                chain.append(right)
                return .subexpression(chain)
            }
            return .subexpression([left, right])
        }

        /// Whether the tokens after a `[` are an index or a slice.
        private var startsIndexOrSlice: Bool {
            switch current.kind {
            case .number, .colon: true
            default: false
            }
        }

        /// What follows a `.` or, with `ofProjection`, a projection (`[*]`, `.*`, `[]`, `[?...]`, a slice).
        ///
        /// After `.` comes an identifier, `*`, or a multi-select. A projection's right side is either absent
        /// (the identity, when a weaker operator follows), or starts with `[`, `[?` or `.`. One function
        /// for both, because it lies on the parser's deepest recursion path (`a[*].b[*].c[*]...`).
        private func rightSide(_ bindingPower: Int, ofProjection: Bool) throws(JMESPathError) -> Node {
            if ofProjection {
                if currentBindingPower < Self.projectionStop { return .current }
                switch current.kind {
                case .leftBracket, .filter: return try expression(bindingPower)
                case .dot: advance()
                default: throw unexpected(current)
                }
            }
            switch current.kind {
            case .unquotedIdentifier, .quotedIdentifier, .star:
                return try expression(bindingPower)
            case .leftBracket:
                advance()
                return try multiSelectList()
            case .leftBrace:
                advance()
                return try multiSelectHash()
            default:
                throw unexpected(current)
            }
        }

        /// `[?condition]` after `left`; the `[?` is consumed.
        private func filter(on left: Node) throws(JMESPathError) -> Node {
            let condition = try expression(0)
            try expect(.rightBracket)
            let right: Node
            if current.kind == .flatten {
                right = .current
            } else {
                right = try rightSide(Token.Kind.filter.bindingPower, ofProjection: true)
            }
            return .filterProjection(left, right, condition: condition)
        }

        /// `[number]` or `[start:stop:step]` after `left`; the `[` is consumed.
        private func bracketed(on left: Node) throws(JMESPathError) -> Node {
            if current.kind != .colon, peek(1).kind != .colon {
                guard case .number(let index) = current.kind else { throw unexpected(current) }
                advance()
                try expect(.rightBracket)
                if case .indexExpression(var chain) = left {
                    chain.append(.index(index))
                    return .indexExpression(chain)
                }
                return .indexExpression([left, .index(index)])
            }
            let sliceOffset = current.offset
            var parts: [Int?] = [nil, nil, nil]
            var part = 0
            while current.kind != .rightBracket {
                switch current.kind {
                case .colon where part < 2:
                    part += 1
                case .number(let value) where parts[part] == nil:
                    parts[part] = value
                default:
                    throw unexpected(current)
                }
                advance()
            }
            advance()
            let step = parts[2] ?? 1
            if step == 0 {
                semanticError = semanticError ?? JMESPathError(.invalidValue, "slice step cannot be 0", offset: sliceOffset)
            }
            let slice = Node.indexExpression([left, .slice(start: parts[0], stop: parts[1], step: step)])
            return .projection(slice, try rightSide(Token.Kind.star.bindingPower, ofProjection: true))
        }

        /// `[a, b, ...]`; the `[` is consumed.
        private func multiSelectList() throws(JMESPathError) -> Node {
            var items: [Node] = []
            while true {
                items.append(try expression(0))
                if current.kind == .rightBracket {
                    advance()
                    return .multiSelectList(items)
                }
                try expect(.comma)
            }
        }

        /// `{key: value, ...}`; the `{` is consumed.
        private func multiSelectHash() throws(JMESPathError) -> Node {
            var pairs: [KeyedNode] = []
            while true {
                let key: String
                switch current.kind {
                case .unquotedIdentifier(let name), .quotedIdentifier(let name): key = name
                default: throw unexpected(current)
                }
                advance()
                try expect(.colon)
                pairs.append(KeyedNode(key: key, node: try expression(0)))
                if current.kind == .rightBrace {
                    advance()
                    return .multiSelectHash(pairs)
                }
                try expect(.comma)
            }
        }

        /// `name(arguments)`; the `(` at `offset` is consumed.
        private func functionCall(_ left: Node, at offset: Int) throws(JMESPathError) -> Node {
            // Only a bare identifier directly before the parenthesis names a function: not `a.b(...)`,
            // `@(...)`, or `(name)(...)`.
            guard case .field(let name) = left, position >= 2, case .unquotedIdentifier = tokens[position - 2].kind else {
                throw .syntax("only a function name can be followed by '('", at: offset)
            }
            let nameOffset = tokens[position - 2].offset
            var arguments: [Node] = []
            if current.kind != .rightParen {
                while true {
                    arguments.append(try expression(0))
                    guard current.kind == .comma else { break }
                    advance()
                }
            }
            try expect(.rightParen)
            return resolve(name, arguments, at: nameOffset)
        }

        /// The call node for `name(arguments)`, noting an unknown name or a wrong argument count.
        private func resolve(_ name: String, _ arguments: [Node], at offset: Int) -> Node {
            guard let function = Function(rawValue: name) else {
                semanticError = semanticError ?? JMESPathError(.unknownFunction, "unknown function \(name)()", offset: offset)
                return .literal(.null)
            }
            let arity = function.arity
            if arguments.count < arity.minimum || arguments.count > (arity.maximum ?? .max) {
                let expected = switch arity.maximum {
                case arity.minimum: "\(arity.minimum)"
                case nil: "at least \(arity.minimum)"
                case let maximum?: "\(arity.minimum) to \(maximum)"
                }
                semanticError = semanticError ?? JMESPathError(
                    .invalidArity, "\(name)() takes \(expected) argument(s), got \(arguments.count)", offset: offset
                )
            }
            return .function(function, arguments)
        }
    }
}
