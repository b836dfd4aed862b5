extension JMESPath {
    /// Evaluates a syntax tree against a document. One instance per `evaluate` call: it carries the step
    /// budget, which every node visit and every unit of work inside a function draws from.
    struct Interpreter {
        private(set) var remainingSteps: Int
        private let stepBudget: Int

        init(stepBudget: Int) {
            self.stepBudget = stepBudget
            remainingSteps = stepBudget
        }

        /// Draws `steps` from the budget.
        mutating func charge(_ steps: Int) throws(JMESPathError) {
            remainingSteps -= steps
            if remainingSteps < 0 {
                throw JMESPathError(.limitExceeded, "evaluation needs more than \(stepBudget) steps")
            }
        }

        /// Charges for scanning or building a string of `byteCount` bytes.
        mutating func charge(bytes byteCount: Int) throws(JMESPathError) {
            try charge(1 + byteCount >> 4)
        }

        /// Charges for arithmetic on a number's digits. Numbers short enough for the 64-bit fast path are
        /// free; a document can, however, hold numbers with millions of digits, which an expression could
        /// otherwise compare over and over for one step each.
        mutating func charge(digitsOf number: JSONNumber) throws(JMESPathError) {
            let length = number.text.utf8.count
            if length > 32 { try charge(bytes: length) }
        }

        /// The interpreter's one recursive entry point.
        ///
        /// Leaves are handled inline; every other node goes through a handler looked up in `handler(for:)`.
        /// That indirection is about stack, not speed: this frame repeats once per nesting level, and a
        /// `switch` with a call per case gives it a slot for every case's temporaries (about 3 KB per level
        /// in debug builds, where 512 KB thread stacks then overflow within the nesting limit).
        mutating func evaluate(_ node: Node, _ value: JSONValue) throws(JMESPathError) -> JSONValue {
            try charge(1)
            switch node {
            case .current:
                return value
            case .literal(let literal):
                return literal
            case .field(let name):
                guard case .object(let object) = value else { return .null }
                return object[name] ?? .null
            default:
                return try Self.handler(for: node)(&self, node, value)
            }
        }

        /// Evaluates one kind of compound node: unpacks `node` (which is always of the handler's kind) and
        /// applies it to the value.
        private typealias Handler = (inout Interpreter, Node, JSONValue) throws(JMESPathError) -> JSONValue

        // The closures capture nothing, so returning them allocates nothing.
        private static func handler(for node: Node) -> Handler {
            switch node {
            case .current, .literal, .field:
                // Evaluated inline by `evaluate`, never dispatched here.
                return { _, node, _ in mismatch(node) }
            case .subexpression, .indexExpression:
                return { interpreter, node, value throws(JMESPathError) in
                    switch node {
                    case .subexpression(let chain), .indexExpression(let chain): return try interpreter.chained(chain, value)
                    default: mismatch(node)
                    }
                }
            case .index:
                return { _, node, value in
                    guard case .index(let index) = node else { mismatch(node) }
                    return element(index, of: value)
                }
            case .slice:
                return { interpreter, node, value throws(JMESPathError) in
                    guard case .slice(let start, let stop, let step) = node else { mismatch(node) }
                    return try interpreter.slice(value, start: start, stop: stop, step: step)
                }
            case .projection:
                return { interpreter, node, value throws(JMESPathError) in
                    guard case .projection(let left, let right) = node else { mismatch(node) }
                    guard case .array(let items) = try interpreter.evaluate(left, value) else { return .null }
                    return .array(try interpreter.project(items, through: right))
                }
            case .valueProjection:
                return { interpreter, node, value throws(JMESPathError) in
                    guard case .valueProjection(let left, let right) = node else { mismatch(node) }
                    guard case .object(let object) = try interpreter.evaluate(left, value) else { return .null }
                    return .array(try interpreter.project(object.values, through: right))
                }
            case .filterProjection:
                return { interpreter, node, value throws(JMESPathError) in
                    guard case .filterProjection(let left, let right, let condition) = node else { mismatch(node) }
                    guard case .array(let items) = try interpreter.evaluate(left, value) else { return .null }
                    return .array(try interpreter.filter(items, where: condition, through: right))
                }
            case .flatten:
                return { interpreter, node, value throws(JMESPathError) in
                    guard case .flatten(let child) = node else { mismatch(node) }
                    guard case .array(let items) = try interpreter.evaluate(child, value) else { return .null }
                    return .array(try interpreter.flatten(items))
                }
            case .comparison:
                return { interpreter, node, value throws(JMESPathError) in
                    guard case .comparison(let comparator, let left, let right) = node else { mismatch(node) }
                    let lhs = try interpreter.evaluate(left, value)
                    return try interpreter.compare(lhs, comparator, try interpreter.evaluate(right, value))
                }
            case .or:
                return { interpreter, node, value throws(JMESPathError) in
                    guard case .or(let left, let right) = node else { mismatch(node) }
                    let first = try interpreter.evaluate(left, value)
                    return first.isTruthy ? first : try interpreter.evaluate(right, value)
                }
            case .and:
                return { interpreter, node, value throws(JMESPathError) in
                    guard case .and(let left, let right) = node else { mismatch(node) }
                    let first = try interpreter.evaluate(left, value)
                    return first.isTruthy ? try interpreter.evaluate(right, value) : first
                }
            case .not:
                return { interpreter, node, value throws(JMESPathError) in
                    guard case .not(let child) = node else { mismatch(node) }
                    return .bool(!(try interpreter.evaluate(child, value).isTruthy))
                }
            case .multiSelectList:
                return { interpreter, node, value throws(JMESPathError) in
                    guard case .multiSelectList(let items) = node else { mismatch(node) }
                    if case .null = value { return .null }
                    return .array(try interpreter.multiSelect(items, value))
                }
            case .multiSelectHash:
                return { interpreter, node, value throws(JMESPathError) in
                    guard case .multiSelectHash(let pairs) = node else { mismatch(node) }
                    if case .null = value { return .null }
                    return .object(try interpreter.multiSelect(pairs, value))
                }
            case .pipe:
                return { interpreter, node, value throws(JMESPathError) in
                    guard case .pipe(let left, let right) = node else { mismatch(node) }
                    return try interpreter.evaluate(right, try interpreter.evaluate(left, value))
                }
            case .function:
                return { interpreter, node, value throws(JMESPathError) in
                    guard case .function(let function, let arguments) = node else { mismatch(node) }
                    return try interpreter.call(function, arguments, value)
                }
            case .expressionReference:
                return { _, _, _ throws(JMESPathError) in
                    throw JMESPathError(.invalidType, "an expression reference (&...) can only be a function argument")
                }
            }
        }

        /// A handler was given a node of another kind: a bug in `handler(for:)`, never caused by input.
        private static func mismatch(_ node: Node) -> Never {
            preconditionFailure("JMESPath interpreter: handler does not match node \(node)")
        }

        private static func element(_ index: Int, of value: JSONValue) -> JSONValue {
            guard case .array(let items) = value else { return .null }
            let position = index < 0 ? items.count + index : index
            return items.indices.contains(position) ? items[position] : .null
        }

        private mutating func chained(_ chain: [Node], _ value: JSONValue) throws(JMESPathError) -> JSONValue {
            var result = value
            for link in chain {
                // Field links (`a.b.c`, the common case) are resolved here rather than through `evaluate`.
                if case .field(let name) = link {
                    try charge(1)
                    if case .object(let object) = result {
                        result = object[name] ?? .null
                    } else {
                        result = .null
                    }
                } else {
                    result = try evaluate(link, result)
                }
            }
            return result
        }

        private mutating func project(_ items: [JSONValue], through right: Node) throws(JMESPathError) -> [JSONValue] {
            var collected: [JSONValue] = []
            collected.reserveCapacity(items.count)
            for item in items {
                let result = try evaluate(right, item)
                if case .null = result { continue }
                collected.append(result)
            }
            return collected
        }

        private mutating func filter(
            _ items: [JSONValue], where condition: Node, through right: Node
        ) throws(JMESPathError) -> [JSONValue] {
            var collected: [JSONValue] = []
            for item in items where try evaluate(condition, item).isTruthy {
                let result = try evaluate(right, item)
                if case .null = result { continue }
                collected.append(result)
            }
            return collected
        }

        private mutating func flatten(_ items: [JSONValue]) throws(JMESPathError) -> [JSONValue] {
            try charge(items.count)
            var merged: [JSONValue] = []
            merged.reserveCapacity(items.count)
            for item in items {
                if case .array(let inner) = item {
                    try charge(inner.count)
                    merged.append(contentsOf: inner)
                } else {
                    merged.append(item)
                }
            }
            return merged
        }

        private mutating func multiSelect(_ items: [Node], _ value: JSONValue) throws(JMESPathError) -> [JSONValue] {
            var results: [JSONValue] = []
            results.reserveCapacity(items.count)
            for item in items { results.append(try evaluate(item, value)) }
            return results
        }

        private mutating func multiSelect(_ pairs: [KeyedNode], _ value: JSONValue) throws(JMESPathError) -> JSONObject {
            var object = JSONObject()
            for pair in pairs { object[pair.key] = try evaluate(pair.node, value) }
            return object
        }

        /// Python slice semantics, as the specification defines them.
        private mutating func slice(
            _ value: JSONValue, start: Int?, stop: Int?, step: Int
        ) throws(JMESPathError) -> JSONValue {
            guard case .array(let items) = value else { return .null }
            let count = items.count
            func clamp(_ bound: Int) -> Int {
                if bound < 0 {
                    let adjusted = bound + count
                    return adjusted >= 0 ? adjusted : (step < 0 ? -1 : 0)
                }
                return bound < count ? bound : (step < 0 ? count - 1 : count)
            }
            var index = start.map(clamp) ?? (step < 0 ? count - 1 : 0)
            let end = stop.map(clamp) ?? (step < 0 ? -1 : count)
            var result: [JSONValue] = []
            if step > 0 {
                result.reserveCapacity(Swift.max(0, (end - index + step - 1) / step))
                while index < end {
                    result.append(items[index])
                    index += step
                }
            } else {
                while index > end {
                    result.append(items[index])
                    index += step
                }
            }
            try charge(result.count)
            return .array(result)
        }

        private mutating func compare(
            _ left: JSONValue, _ comparator: Comparator, _ right: JSONValue
        ) throws(JMESPathError) -> JSONValue {
            switch comparator {
            case .equal: return .bool(try equal(left, right))
            case .notEqual: return .bool(!(try equal(left, right)))
            default: break
            }
            // Ordering is defined for numbers only; anything else compares as null.
            guard case .number(let lhs) = left, case .number(let rhs) = right else { return .null }
            try charge(digitsOf: lhs)
            try charge(digitsOf: rhs)
            let order = NumberMath.compare(lhs, rhs)
            switch comparator {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        }

        /// JSON equality (numbers by value, objects regardless of key order), charging one step per value
        /// compared so that comparing huge shared structures cannot stall. Iterative, because values built
        /// by an expression can nest deeper than any parsed document.
        mutating func equal(_ left: JSONValue, _ right: JSONValue) throws(JMESPathError) -> Bool {
            var pending: [(JSONValue, JSONValue)] = []
            var pair = (left, right)
            while true {
                try charge(1)
                switch pair {
                case (.null, .null):
                    break
                case (.bool(let l), .bool(let r)):
                    if l != r { return false }
                case (.number(let l), .number(let r)):
                    try charge(digitsOf: l)
                    try charge(digitsOf: r)
                    if NumberMath.compare(l, r) != 0 { return false }
                case (.string(let l), .string(let r)):
                    try charge(bytes: l.utf8.count)
                    // Code point equality: Swift's `==` would also equate canonically equivalent strings.
                    if !l.utf8.elementsEqual(r.utf8) { return false }
                case (.array(let l), .array(let r)):
                    guard l.count == r.count else { return false }
                    pending.append(contentsOf: zip(l, r))
                case (.object(let l), .object(let r)):
                    guard l.count == r.count else { return false }
                    for (key, value) in l {
                        try charge(bytes: key.utf8.count)  // hashing an input key
                        guard let other = r[key] else { return false }
                        pending.append((value, other))
                    }
                default:
                    return false
                }
                guard let next = pending.popLast() else { return true }
                pair = next
            }
        }
    }
}

extension JSONValue {
    /// JMESPath truthiness: false, null and empty strings, arrays and objects are false; every number,
    /// zero included, is true.
    var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .number: true
        case .string(let value): !value.isEmpty
        case .array(let items): !items.isEmpty
        case .object(let object): !object.isEmpty
        }
    }
}
