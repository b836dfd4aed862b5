extension JMESPath {
    struct Token {
        enum Kind: Equatable {
            case unquotedIdentifier(String)
            case quotedIdentifier(String)
            case number(Int)
            /// A backtick JSON literal or a raw string literal.
            case literal(JSONValue)
            case dot, star, comma, colon, current, expressionReference
            case leftBracket, rightBracket, leftBrace, rightBrace, leftParen, rightParen
            /// `[?`
            case filter
            /// `[]`
            case flatten
            case pipe, or, and, not
            case comparator(Comparator)
            case end
        }

        let kind: Kind
        /// UTF-8 byte offset of the token's first character.
        let offset: Int
    }

    /// Splits an expression into tokens. Works on UTF-8 bytes: every token delimiter is ASCII, and the
    /// content of strings and literals is decoded only once its extent is known.
    struct Lexer {
        private let bytes: [UInt8]
        private var index = 0

        private init(_ expression: String) { bytes = Array(expression.utf8) }

        static func tokenize(_ expression: String) throws(JMESPathError) -> [Token] {
            var lexer = Lexer(expression)
            var tokens: [Token] = []
            while let token = try lexer.next() { tokens.append(token) }
            tokens.append(Token(kind: .end, offset: lexer.bytes.count))
            return tokens
        }

        private func peek(_ distance: Int = 1) -> UInt8? {
            index + distance < bytes.count ? bytes[index + distance] : nil
        }

        private mutating func next() throws(JMESPathError) -> Token? {
            while index < bytes.count, Self.isWhitespace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return nil }
            let start = index
            let byte = bytes[index]
            func single(_ kind: Token.Kind) -> Token { Token(kind: kind, offset: start) }

            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
                while index < bytes.count, Self.isIdentifierByte(bytes[index]) { index += 1 }
                return single(.unquotedIdentifier(String(decoding: bytes[start..<index], as: UTF8.self)))
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                return single(.number(try number()))
            case UInt8(ascii: "\""):
                return single(.quotedIdentifier(try quotedIdentifier()))
            case UInt8(ascii: "'"):
                return single(.literal(.string(try rawString())))
            case UInt8(ascii: "`"):
                return single(.literal(try jsonLiteral()))
            default:
                break
            }

            // Operators: try the two-byte form first.
            let two: Token.Kind?
            switch (byte, peek()) {
            case (UInt8(ascii: "["), UInt8(ascii: "?")): two = .filter
            case (UInt8(ascii: "["), UInt8(ascii: "]")): two = .flatten
            case (UInt8(ascii: "|"), UInt8(ascii: "|")): two = .or
            case (UInt8(ascii: "&"), UInt8(ascii: "&")): two = .and
            case (UInt8(ascii: "="), UInt8(ascii: "=")): two = .comparator(.equal)
            case (UInt8(ascii: "!"), UInt8(ascii: "=")): two = .comparator(.notEqual)
            case (UInt8(ascii: "<"), UInt8(ascii: "=")): two = .comparator(.lessOrEqual)
            case (UInt8(ascii: ">"), UInt8(ascii: "=")): two = .comparator(.greaterOrEqual)
            default: two = nil
            }
            if let two {
                index += 2
                return single(two)
            }
            let one: Token.Kind
            switch byte {
            case UInt8(ascii: "."): one = .dot
            case UInt8(ascii: "*"): one = .star
            case UInt8(ascii: ","): one = .comma
            case UInt8(ascii: ":"): one = .colon
            case UInt8(ascii: "@"): one = .current
            case UInt8(ascii: "&"): one = .expressionReference
            case UInt8(ascii: "["): one = .leftBracket
            case UInt8(ascii: "]"): one = .rightBracket
            case UInt8(ascii: "{"): one = .leftBrace
            case UInt8(ascii: "}"): one = .rightBrace
            case UInt8(ascii: "("): one = .leftParen
            case UInt8(ascii: ")"): one = .rightParen
            case UInt8(ascii: "|"): one = .pipe
            case UInt8(ascii: "!"): one = .not
            case UInt8(ascii: "<"): one = .comparator(.less)
            case UInt8(ascii: ">"): one = .comparator(.greater)
            case UInt8(ascii: "="): throw .syntax("'=' is not an operator; did you mean '=='?", at: start)
            default: throw .syntax("unexpected character", at: start)
            }
            index += 1
            return single(one)
        }

        private mutating func number() throws(JMESPathError) -> Int {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            let digitsStart = index
            while index < bytes.count, Self.isDigit(bytes[index]) { index += 1 }
            guard index > digitsStart else { throw .syntax("'-' must be followed by digits", at: start) }
            // Indices and slice bounds beyond any real array are clamped rather than rejected: they select
            // the same elements, and clamping keeps later index arithmetic far from overflow.
            let bound = 1 << 53
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            guard let value = Int(text) else { return text.hasPrefix("-") ? -bound : bound }
            return Swift.max(-bound, Swift.min(bound, value))
        }

        /// Consumes a delimited body starting after the opening `delimiter`. `\` always takes the next byte
        /// with it (so an escaped delimiter does not end the body); `unescape` decides what such a pair
        /// contributes. Returns the body bytes; `index` ends after the closing delimiter.
        private mutating func delimited(
            by delimiter: UInt8, unescape: (UInt8) -> [UInt8]
        ) throws(JMESPathError) -> [UInt8] {
            let start = index
            index += 1
            var body: [UInt8] = []
            while index < bytes.count {
                let byte = bytes[index]
                if byte == delimiter {
                    index += 1
                    return body
                }
                if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    body.append(contentsOf: unescape(bytes[index + 1]))
                    index += 2
                } else {
                    body.append(byte)
                    index += 1
                }
            }
            throw .syntax("unterminated \(Character(Unicode.Scalar(delimiter)))", at: start)
        }

        /// `"..."`: the body uses JSON string escapes, so it is decoded by the JSON parser.
        private mutating func quotedIdentifier() throws(JMESPathError) -> String {
            let start = index
            var json = [UInt8(ascii: "\"")]
            json += try delimited(by: UInt8(ascii: "\"")) { [UInt8(ascii: "\\"), $0] }
            json.append(UInt8(ascii: "\""))
            guard case .string(let name)? = try? JSONParser.parse(json) else {
                throw .syntax("invalid quoted identifier", at: start)
            }
            return name
        }

        /// `'...'`: only `\'` is an escape; every other backslash is kept as written.
        private mutating func rawString() throws(JMESPathError) -> String {
            let body = try delimited(by: UInt8(ascii: "'")) { escaped in
                escaped == UInt8(ascii: "'") ? [escaped] : [UInt8(ascii: "\\"), escaped]
            }
            return String(decoding: body, as: UTF8.self)
        }

        /// `` `...` ``: JSON text in which `` \` `` stands for a backtick.
        private mutating func jsonLiteral() throws(JMESPathError) -> JSONValue {
            let start = index
            let body = try delimited(by: UInt8(ascii: "`")) { escaped in
                escaped == UInt8(ascii: "`") ? [escaped] : [UInt8(ascii: "\\"), escaped]
            }
            do {
                return try JSONParser.parse(body)
            } catch {
                throw .syntax("invalid JSON literal: \(error.reason)", at: start)
            }
        }

        private static func isWhitespace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }

        private static func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }

        private static func isIdentifierByte(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                return true
            default:
                return false
            }
        }
    }
}

extension JMESPath.Token.Kind {
    var bindingPower: Int {
        switch self {
        case .pipe: 1
        case .or: 2
        case .and: 3
        case .comparator: 5
        case .flatten: 9
        case .star: 20
        case .filter: 21
        case .dot: 40
        case .not: 45
        case .leftBrace: 50
        case .leftBracket: 55
        case .leftParen: 60
        default: 0
        }
    }

    /// How the token reads in an error message.
    var summary: String {
        switch self {
        case .unquotedIdentifier(let name): "identifier '\(name)'"
        case .quotedIdentifier(let name): "quoted identifier \"\(name)\""
        case .number(let value): "number \(value)"
        case .literal: "literal"
        case .dot: "'.'"
        case .star: "'*'"
        case .comma: "','"
        case .colon: "':'"
        case .current: "'@'"
        case .expressionReference: "'&'"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .filter: "'[?'"
        case .flatten: "'[]'"
        case .pipe: "'|'"
        case .or: "'||'"
        case .and: "'&&'"
        case .not: "'!'"
        case .comparator: "comparison operator"
        case .end: "end of expression"
        }
    }
}
