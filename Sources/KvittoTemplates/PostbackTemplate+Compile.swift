import KvittoCore

extension PostbackTemplate {
    /// Walks the template document once, parsing every directive and collecting every error rather than
    /// stopping at the first, so a template editor can show them all.
    struct Compiler {
        let limits: TemplateLimits
        private(set) var errors: [FieldError] = []
        private(set) var directiveCount = 0

        init(limits: TemplateLimits) { self.limits = limits }

        mutating func compile(_ value: JSONValue, at pointer: String, depth: Int) -> Node {
            guard depth <= limits.maxDepth else {
                errors.append(FieldError(pointer, "the template nests deeper than \(limits.maxDepth) levels"))
                return .constant(.null)
            }
            switch value {
            case .object(let object):
                if object.contains(where: { $0.key.hasPrefix("$") }) {
                    return compileDirective(object, at: pointer, depth: depth)
                }
                return compileObject(object, at: pointer, depth: depth)
            case .array(let items):
                return compileArray(items, at: pointer, depth: depth)
            default:
                return .constant(value)
            }
        }

        private mutating func compileObject(_ object: JSONObject, at pointer: String, depth: Int) -> Node {
            var prototype = object
            var members: [Member] = []
            // `prototype` is a copy of `object` whose values alone change, so a member keeps its position in both.
            for (position, (key, value)) in object.enumerated() {
                let node = compile(value, at: jsonPointer(pointer, appending: key), depth: depth + 1)
                switch node {
                case .constant(let constant):
                    // Only differs from `value` for a `$literal`, which is unwrapped here once.
                    prototype.setValue(constant, atPosition: position)
                default:
                    prototype.setValue(.null, atPosition: position)
                    members.append(Member(position: position, node: node))
                }
            }
            return members.isEmpty ? .constant(.object(prototype)) : .object(prototype: prototype, members: members)
        }

        private mutating func compileArray(_ items: [JSONValue], at pointer: String, depth: Int) -> Node {
            var prototype = items
            var elements: [Element] = []
            for (index, item) in items.enumerated() {
                let node = compile(item, at: jsonPointer(pointer, appending: String(index)), depth: depth + 1)
                switch node {
                case .constant(let constant):
                    prototype[index] = constant
                default:
                    prototype[index] = .null
                    elements.append(Element(index: index, node: node))
                }
            }
            return elements.isEmpty ? .constant(.array(prototype)) : .array(prototype: prototype, elements: elements)
        }

        /// An object with a `$`-key: a directive when that key is its only member and a known directive.
        private mutating func compileDirective(_ object: JSONObject, at pointer: String, depth: Int) -> Node {
            if object.count > 1 {
                let others = object.keys.filter { !$0.hasPrefix("$") }
                for key in object.keys where key.hasPrefix("$") {
                    let detail: String
                    if Directive(rawValue: key) != nil {
                        let besides = (others.isEmpty ? object.keys.filter { $0 != key } : others).map { "\"\($0)\"" }
                        detail = "a directive must be the only member of its object, but \(besides.joined(separator: ", ")) "
                            + (besides.count == 1 ? "stands" : "stand") + " beside it"
                    } else {
                        detail = Self.unknownDirective(key)
                    }
                    errors.append(FieldError(jsonPointer(pointer, appending: key), detail))
                }
                // The other members may hold directives of their own; their errors are reported too.
                for (key, value) in object where !key.hasPrefix("$") {
                    _ = compile(value, at: jsonPointer(pointer, appending: key), depth: depth + 1)
                }
                return .constant(.null)
            }
            guard let (key, argument) = object.first(where: { _ in true }) else { return .constant(.object(object)) }
            let at = jsonPointer(pointer, appending: key)
            guard let directive = Directive(rawValue: key) else {
                errors.append(FieldError(at, Self.unknownDirective(key)))
                return .constant(.null)
            }
            if directive == .literal { return .constant(argument) }
            directiveCount += 1
            if directiveCount == limits.maxDirectives + 1 {
                errors.append(FieldError(at, "the template has more than \(limits.maxDirectives) directives"))
            }
            guard case .string(let text) = argument else {
                errors.append(FieldError(at, "\(key) takes a string, not \(Self.typeName(argument))"))
                return .constant(.null)
            }
            switch directive {
            case .expression: return compileExpression(text, at: at)
            case .template: return compileText(text, at: at)
            case .literal: return .constant(argument)
            }
        }

        private mutating func compileExpression(_ text: String, at pointer: String) -> Node {
            guard !text.allSatisfy(\.isWhitespace) else {
                errors.append(FieldError(pointer, "the expression is empty"))
                return .constant(.null)
            }
            do {
                let expression = try JMESPathExpression(text, limits: limits.expression)
                if let path = FieldPath(text) { return .path(path, pointer: pointer) }
                return .expression(expression, pointer: pointer)
            } catch {
                errors.append(FieldError(pointer, Self.describe(error)))
                return .constant(.null)
            }
        }

        private mutating func compileText(_ text: String, at pointer: String) -> Node {
            let length = text.utf8.count
            guard length <= limits.maxTextLength else {
                errors.append(FieldError(pointer, "the text is \(length) bytes, longer than the limit of \(limits.maxTextLength)"))
                return .constant(.null)
            }
            do {
                return .text(try TextTemplate(text, maxNesting: limits.maxTextNesting), pointer: pointer)
            } catch {
                errors.append(FieldError(pointer, "invalid Mustache template: \(error.description)"))
                return .constant(.null)
            }
        }

        static func unknownDirective(_ key: String) -> String {
            "unknown directive \"\(key)\": keys starting with $ are directives ($expr, $template, $literal); "
                + "to send such a key, wrap its object in {\"$literal\": …}"
        }

        static func describe(_ error: JMESPathError) -> String {
            let location = error.offset.map { " at byte \($0)" } ?? ""
            switch error.kind {
            case .syntax: return "invalid JMESPath expression: \(error.message)\(location)"
            case .limitExceeded: return "the expression is too large: \(error.message)"
            default: return "invalid JMESPath expression (\(error.kind.rawValue)): \(error.message)\(location)"
            }
        }

        static func typeName(_ value: JSONValue) -> String {
            switch value {
            case .null: return "null"
            case .bool: return "a boolean"
            case .number: return "a number"
            case .string: return "a string"
            case .array: return "an array"
            case .object: return "an object"
            }
        }
    }
}
