/// Why an expression could not be compiled or evaluated.
public struct JMESPathError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error classes of the JMESPath specification, plus `limitExceeded` for Kvitto's resource bounds.
    /// The raw values are the names the specification and its compliance suite use.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case syntax
        case invalidType = "invalid-type"
        case invalidValue = "invalid-value"
        case invalidArity = "invalid-arity"
        case unknownFunction = "unknown-function"
        case limitExceeded = "limit-exceeded"
    }

    public let kind: Kind
    public let message: String
    /// UTF-8 byte offset into the expression for errors found while compiling; `nil` for evaluation errors.
    public let offset: Int?

    public init(_ kind: Kind, _ message: String, offset: Int? = nil) {
        self.kind = kind
        self.message = message
        self.offset = offset
    }

    public var description: String {
        if let offset { return "\(kind.rawValue): \(message) at byte \(offset)" }
        return "\(kind.rawValue): \(message)"
    }

    static func syntax(_ message: String, at offset: Int) -> JMESPathError {
        JMESPathError(.syntax, message, offset: offset)
    }
}
