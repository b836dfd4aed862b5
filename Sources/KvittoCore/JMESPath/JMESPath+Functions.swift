extension JMESPath.Interpreter {
    typealias Node = JMESPath.Node
    typealias Function = JMESPath.Function
    typealias NumberMath = JMESPath.NumberMath

    /// Calls a built-in function: evaluates the arguments in order, then runs the function, which checks
    /// their types as the specification requires. Argument counts were checked when compiling.
    mutating func call(_ function: Function, _ arguments: [Node], _ current: JSONValue) throws(JMESPathError) -> JSONValue {
        var values: [Call.Argument] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments {
            if case .expressionReference(let expression) = argument {
                values.append(.reference(expression))
            } else {
                values.append(.value(try evaluate(argument, current)))
            }
        }
        return try Self.implementation(of: function)(&self, Call(function: function, arguments: values))
    }

    private typealias Implementation = (inout JMESPath.Interpreter, Call) throws(JMESPathError) -> JSONValue

    /// The method implementing `function` (see JMESPath+BuiltIns.swift). Looked up rather than called from
    /// a `switch` for the same reason as `evaluate`'s handlers: this frame repeats per nested call.
    private static func implementation(of function: Function) -> Implementation {
        switch function {
        case .abs: { interpreter, call throws(JMESPathError) in try interpreter.absolute(call) }
        case .avg: { interpreter, call throws(JMESPathError) in try interpreter.average(call) }
        case .ceil: { interpreter, call throws(JMESPathError) in try interpreter.rounded(call, up: true) }
        case .floor: { interpreter, call throws(JMESPathError) in try interpreter.rounded(call, up: false) }
        case .contains: { interpreter, call throws(JMESPathError) in try interpreter.contains(call) }
        case .endsWith: { interpreter, call throws(JMESPathError) in try interpreter.affixMatches(call, atStart: false) }
        case .startsWith: { interpreter, call throws(JMESPathError) in try interpreter.affixMatches(call, atStart: true) }
        case .join: { interpreter, call throws(JMESPathError) in try interpreter.joined(call) }
        case .keys: { interpreter, call throws(JMESPathError) in try interpreter.members(call, keys: true) }
        case .values: { interpreter, call throws(JMESPathError) in try interpreter.members(call, keys: false) }
        case .length: { interpreter, call throws(JMESPathError) in try interpreter.length(call) }
        case .map: { interpreter, call throws(JMESPathError) in try interpreter.mapped(call) }
        case .max: { interpreter, call throws(JMESPathError) in try interpreter.extreme(call, largest: true) }
        case .min: { interpreter, call throws(JMESPathError) in try interpreter.extreme(call, largest: false) }
        case .maxBy: { interpreter, call throws(JMESPathError) in try interpreter.extremeBy(call, largest: true) }
        case .minBy: { interpreter, call throws(JMESPathError) in try interpreter.extremeBy(call, largest: false) }
        case .merge: { interpreter, call throws(JMESPathError) in try interpreter.merged(call) }
        case .notNull: { interpreter, call throws(JMESPathError) in try interpreter.firstNonNull(call) }
        case .reverse: { interpreter, call throws(JMESPathError) in try interpreter.reversed(call) }
        case .sort: { interpreter, call throws(JMESPathError) in try interpreter.sorted(call) }
        case .sortBy: { interpreter, call throws(JMESPathError) in try interpreter.sortedBy(call) }
        case .sum: { interpreter, call throws(JMESPathError) in try interpreter.summed(call) }
        case .toArray: { interpreter, call throws(JMESPathError) in try interpreter.toArray(call) }
        case .toNumber: { interpreter, call throws(JMESPathError) in try interpreter.toNumber(call) }
        case .toString: { interpreter, call throws(JMESPathError) in try interpreter.toString(call) }
        case .type: { _, call throws(JMESPathError) in .string(try call.value(0).typeName) }
        }
    }

    /// The evaluated arguments of one function call, read with the type checks the function's signature implies.
    struct Call {
        enum Argument {
            case value(JSONValue)
            /// `&expression`, left unevaluated for the function to apply.
            case reference(Node)
        }

        let function: Function
        let arguments: [Argument]

        var count: Int { arguments.count }

        func value(_ index: Int) throws(JMESPathError) -> JSONValue {
            guard case .value(let value) = arguments[index] else {
                throw JMESPathError(.invalidType, "\(function.rawValue)() argument \(index + 1) cannot be an expression reference")
            }
            return value
        }

        func expressionReference(_ index: Int) throws(JMESPathError) -> Node {
            guard case .reference(let expression) = arguments[index] else {
                throw JMESPathError(.invalidType, "\(function.rawValue)() argument \(index + 1) must be an expression reference (&...)")
            }
            return expression
        }

        func number(_ index: Int) throws(JMESPathError) -> JSONNumber {
            let value = try value(index)
            guard case .number(let number) = value else { throw typeError(index, expected: "a number", got: value) }
            return number
        }

        func string(_ index: Int) throws(JMESPathError) -> String {
            let value = try value(index)
            guard case .string(let string) = value else { throw typeError(index, expected: "a string", got: value) }
            return string
        }

        func array(_ index: Int) throws(JMESPathError) -> [JSONValue] {
            let value = try value(index)
            guard case .array(let items) = value else { throw typeError(index, expected: "an array", got: value) }
            return items
        }

        func object(_ index: Int) throws(JMESPathError) -> JSONObject {
            let value = try value(index)
            guard case .object(let object) = value else { throw typeError(index, expected: "an object", got: value) }
            return object
        }

        func numbers(_ index: Int) throws(JMESPathError) -> [JSONNumber] {
            let value = try value(index)
            guard case .array(let items) = value else { throw typeError(index, expected: "an array of numbers", got: value) }
            var numbers: [JSONNumber] = []
            numbers.reserveCapacity(items.count)
            for item in items {
                guard case .number(let number) = item else {
                    throw typeError(index, expected: "an array of numbers", got: value, element: item)
                }
                numbers.append(number)
            }
            return numbers
        }

        func strings(_ index: Int) throws(JMESPathError) -> [String] {
            let value = try value(index)
            guard case .array(let items) = value else { throw typeError(index, expected: "an array of strings", got: value) }
            var strings: [String] = []
            strings.reserveCapacity(items.count)
            for item in items {
                guard case .string(let string) = item else {
                    throw typeError(index, expected: "an array of strings", got: value, element: item)
                }
                strings.append(string)
            }
            return strings
        }

        /// `sort`, `max` and `min` take an array of numbers or an array of strings, not a mix.
        func sortable(_ index: Int) throws(JMESPathError) -> [JSONValue] {
            let items = try array(index)
            guard let first = items.first else { return items }
            for item in items {
                switch (first, item) {
                case (.number, .number), (.string, .string): continue
                default:
                    throw typeError(index, expected: "an array of numbers or an array of strings", got: .array(items), element: item)
                }
            }
            return items
        }

        func typeError(_ index: Int, expected: String, got value: JSONValue, element: JSONValue? = nil) -> JMESPathError {
            let actual = element.map { "an array containing \($0.typeName.withArticle)" } ?? value.typeName.withArticle
            return JMESPathError(.invalidType, "\(function.rawValue)() argument \(index + 1) must be \(expected), got \(actual)")
        }
    }
}

extension JMESPath {
    /// Ordering for values already known to be both numbers or both strings (strings by code point).
    static func precedes(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.number(let l), .number(let r)): NumberMath.compare(l, r) < 0
        case (.string(let l), .string(let r)): l.utf8.lexicographicallyPrecedes(r.utf8)
        default: false
        }
    }
}

extension JSONValue {
    /// The type name `type()` returns and error messages use.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension String {
    /// "a string", "an array": for error messages.
    fileprivate var withArticle: String {
        (first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + self
    }
}
