/// The built-in functions, one method each (dispatched from `call` in JMESPath+Functions.swift). Every
/// function charges the step budget for work proportional to its input, so no single call can do
/// unbounded work for one step.
extension JMESPath.Interpreter {
    mutating func absolute(_ call: Call) throws(JMESPathError) -> JSONValue {
        let number = try call.number(0)
        try charge(digitsOf: number)
        return .number(NumberMath.abs(number))
    }

    mutating func average(_ call: Call) throws(JMESPathError) -> JSONValue {
        let numbers = try call.numbers(0)
        try charge(numbers.count)
        for number in numbers { try charge(digitsOf: number) }
        return numbers.isEmpty ? .null : .number(NumberMath.average(numbers))
    }

    mutating func rounded(_ call: Call, up: Bool) throws(JMESPathError) -> JSONValue {
        let number = try call.number(0)
        try charge(digitsOf: number)
        return .number(NumberMath.round(number, up: up))
    }

    mutating func contains(_ call: Call) throws(JMESPathError) -> JSONValue {
        let subject = try call.value(0)
        let search = try call.value(1)
        switch subject {
        case .array(let items):
            for item in items where try equal(item, search) { return .bool(true) }
            return .bool(false)
        case .string(let text):
            guard case .string(let needle) = search else { return .bool(false) }
            // Substring search can compare every position against the whole needle.
            try charge(bytes: text.utf8.count * Swift.max(1, needle.utf8.count))
            return .bool(needle.isEmpty || text.utf8.firstRange(of: needle.utf8) != nil)
        default:
            throw call.typeError(0, expected: "an array or a string", got: subject)
        }
    }

    /// `starts_with` and `ends_with`, comparing code points (not canonically equivalent characters).
    mutating func affixMatches(_ call: Call, atStart: Bool) throws(JMESPathError) -> JSONValue {
        let text = try call.string(0)
        let affix = try call.string(1)
        try charge(bytes: affix.utf8.count)
        guard affix.utf8.count <= text.utf8.count else { return .bool(false) }
        let candidate = atStart ? text.utf8.prefix(affix.utf8.count) : text.utf8.suffix(affix.utf8.count)
        return .bool(candidate.elementsEqual(affix.utf8))
    }

    mutating func joined(_ call: Call) throws(JMESPathError) -> JSONValue {
        let glue = try call.string(0)
        let parts = try call.strings(1)
        let length = parts.reduce(glue.utf8.count * Swift.max(0, parts.count - 1)) { $0 + $1.utf8.count }
        // Charged before building, so doubling a string in a loop stops at the budget, not at memory.
        try charge(parts.count)
        try charge(bytes: length)
        var joined = ""
        joined.reserveCapacity(length)
        for (index, part) in parts.enumerated() {
            if index > 0 { joined += glue }
            joined += part
        }
        return .string(joined)
    }

    /// `keys` and `values`, in the object's key order.
    mutating func members(_ call: Call, keys: Bool) throws(JMESPathError) -> JSONValue {
        let object = try call.object(0)
        try charge(object.count)
        return .array(keys ? object.keys.map { .string($0) } : object.values)
    }

    mutating func length(_ call: Call) throws(JMESPathError) -> JSONValue {
        switch try call.value(0) {
        case .string(let text):
            try charge(bytes: text.utf8.count)
            // Code points, as the specification counts them (not grapheme clusters).
            return .number(JSONNumber(text.unicodeScalars.count))
        case .array(let items): return .number(JSONNumber(items.count))
        case .object(let object): return .number(JSONNumber(object.count))
        case let other: throw call.typeError(0, expected: "a string, an array or an object", got: other)
        }
    }

    mutating func mapped(_ call: Call) throws(JMESPathError) -> JSONValue {
        let expression = try call.expressionReference(0)
        let items = try call.array(1)
        var mapped: [JSONValue] = []
        mapped.reserveCapacity(items.count)
        // Unlike a projection, `map` keeps null results.
        for item in items { mapped.append(try evaluate(expression, item)) }
        return .array(mapped)
    }

    /// `max` and `min`; null for an empty array.
    mutating func extreme(_ call: Call, largest: Bool) throws(JMESPathError) -> JSONValue {
        let items = try call.sortable(0)
        try chargeForOrdering(items, sorting: false)
        guard var best = items.first else { return .null }
        for item in items.dropFirst() {
            // Strictly better only: ties keep the earlier element.
            let better = largest ? JMESPath.precedes(best, item) : JMESPath.precedes(item, best)
            if better { best = item }
        }
        return best
    }

    /// `max_by` and `min_by`; null for an empty array.
    mutating func extremeBy(_ call: Call, largest: Bool) throws(JMESPathError) -> JSONValue {
        let items = try call.array(0)
        let keys = try sortKeys(for: items, by: try call.expressionReference(1), call)
        try chargeForOrdering(keys, sorting: false)
        guard var best = keys.indices.first else { return .null }
        for index in keys.indices.dropFirst() {
            let better = largest ? JMESPath.precedes(keys[best], keys[index]) : JMESPath.precedes(keys[index], keys[best])
            if better { best = index }
        }
        return items[best]
    }

    /// `merge`: later objects win; keys keep the position where they first appeared.
    mutating func merged(_ call: Call) throws(JMESPathError) -> JSONValue {
        var merged = JSONObject()
        for index in 0..<call.count {
            let object = try call.object(index)
            try charge(object.count)
            for (key, value) in object {
                try charge(bytes: key.utf8.count)  // hashing an input key
                merged[key] = value
            }
        }
        return .object(merged)
    }

    mutating func firstNonNull(_ call: Call) throws(JMESPathError) -> JSONValue {
        var values: [JSONValue] = []
        for index in 0..<call.count { values.append(try call.value(index)) }
        return values.first { !$0.isNull } ?? .null
    }

    mutating func reversed(_ call: Call) throws(JMESPathError) -> JSONValue {
        switch try call.value(0) {
        case .string(let text):
            try charge(bytes: text.utf8.count)
            // By code point, consistent with `length`.
            var reversed = String.UnicodeScalarView()
            reversed.append(contentsOf: text.unicodeScalars.reversed())
            return .string(String(reversed))
        case .array(let items):
            try charge(items.count)
            return .array(items.reversed())
        case let other:
            throw call.typeError(0, expected: "a string or an array", got: other)
        }
    }

    mutating func sorted(_ call: Call) throws(JMESPathError) -> JSONValue {
        let items = try call.sortable(0)
        try chargeForOrdering(items, sorting: true)
        return .array(items.sorted(by: JMESPath.precedes))
    }

    mutating func sortedBy(_ call: Call) throws(JMESPathError) -> JSONValue {
        let items = try call.array(0)
        let keys = try sortKeys(for: items, by: try call.expressionReference(1), call)
        try chargeForOrdering(keys, sorting: true)
        // Sorting positions with the position as tie-breaker keeps equal keys in input order: the
        // specification requires a stable sort.
        let order = keys.indices.sorted { a, b in
            JMESPath.precedes(keys[a], keys[b]) || (!JMESPath.precedes(keys[b], keys[a]) && a < b)
        }
        return .array(order.map { items[$0] })
    }

    mutating func summed(_ call: Call) throws(JMESPathError) -> JSONValue {
        let numbers = try call.numbers(0)
        try charge(numbers.count)
        for number in numbers { try charge(digitsOf: number) }
        return .number(NumberMath.sum(numbers))
    }

    mutating func toArray(_ call: Call) throws(JMESPathError) -> JSONValue {
        let value = try call.value(0)
        if case .array = value { return value }
        return .array([value])
    }

    mutating func toNumber(_ call: Call) throws(JMESPathError) -> JSONValue {
        switch try call.value(0) {
        case .number(let number): return .number(number)
        case .string(let text):
            try charge(bytes: text.utf8.count)
            return NumberMath.parse(text).map { .number($0) } ?? .null
        default: return .null
        }
    }

    mutating func toString(_ call: Call) throws(JMESPathError) -> JSONValue {
        let value = try call.value(0)
        if case .string = value { return value }
        // Serialising walks the whole value, which may be far larger than its shared storage: measure
        // it against the remaining budget first.
        try charge(JMESPath.nodeCount(of: value, cappedAt: Swift.max(0, remainingSteps)))
        let text = JSONWriter.string(value)
        try charge(bytes: text.utf8.count)
        return .string(text)
    }

    /// Charges for sorting (or scanning for the extreme of) `keys`: about log n comparisons per key, each
    /// costing in proportion to the key's length.
    private mutating func chargeForOrdering(_ keys: [JSONValue], sorting: Bool) throws(JMESPathError) {
        let comparisons = sorting ? Swift.max(1, Int.bitWidth - keys.count.leadingZeroBitCount) : 1
        var bytes = 0
        for key in keys {
            switch key {
            case .string(let text): bytes += text.utf8.count
            case .number(let number) where number.text.utf8.count > 32: bytes += number.text.utf8.count
            default: break
            }
        }
        try charge(keys.count * comparisons + (bytes >> 4) * comparisons)
    }

    /// Evaluates a `*_by` key for every element; keys must be all numbers or all strings.
    private mutating func sortKeys(
        for items: [JSONValue], by expression: Node, _ call: Call
    ) throws(JMESPathError) -> [JSONValue] {
        var keys: [JSONValue] = []
        keys.reserveCapacity(items.count)
        for item in items {
            let key = try evaluate(expression, item)
            switch (key, keys.first) {
            case (.number, nil), (.string, nil), (.number, .number?), (.string, .string?):
                keys.append(key)
            default:
                let expected = keys.first.map { "a \($0.typeName) like the first" } ?? "a number or a string"
                throw JMESPathError(
                    .invalidType,
                    "\(call.function.rawValue)() expression must give \(expected) for every element, got \(key.typeName)"
                )
            }
        }
        return keys
    }
}
