import KvittoCore

extension PostbackTemplate {
    /// The fast path for the most common expressions: a plain field path such as `data.order.number`.
    ///
    /// Most fields of a postback copy one value from the event. For those the JMESPath interpreter
    /// (setting up an evaluation, counting steps, measuring the result) costs several times the lookups
    /// themselves, and a render has a dozen of them. A path of unquoted identifiers has one meaning in
    /// JMESPath: each identifier selects that member of an object and gives `null` for anything else, so it
    /// is evaluated here by walking the input. The expression is still compiled by `JMESPathExpression`
    /// first, so what is accepted and every error are the interpreter's; the tests evaluate paths both ways
    /// and compare.
    struct FieldPath: Sendable, Equatable {
        let names: [String]

        /// The path `expression` spells, or `nil` unless it is exactly `identifier(.identifier)*` in
        /// JMESPath's unquoted-identifier syntax (`[A-Za-z_][A-Za-z0-9_]*`), without whitespace.
        init?(_ expression: String) {
            var names: [String] = []
            for part in expression.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
                guard let first = part.first, Self.isIdentifierStart(first), part.allSatisfy(Self.isIdentifierByte) else {
                    return nil
                }
                names.append(String(decoding: part, as: UTF8.self))
            }
            guard !names.isEmpty else { return nil }
            self.names = names
        }

        func evaluate(_ input: JSONValue) -> JSONValue {
            var value = input
            for name in names {
                guard case .object(let object) = value, let member = object[name] else { return .null }
                value = member
            }
            return value
        }

        private static func isIdentifierStart(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"): return true
            default: return false
            }
        }

        private static func isIdentifierByte(_ byte: UInt8) -> Bool {
            isIdentifierStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
    }
}
