extension JMESPath.Interpreter {
    typealias Measured = (value: JSONValue, size: Int)

    /// Evaluates the root of an expression like `evaluate`, also measuring the result: its number of JSON
    /// values, counting shared values once per occurrence, as serialising it would. Throws `limitExceeded`
    /// past `outputCap`.
    ///
    /// The nodes that shape a result (multi-selects, projections, pipes into them) are evaluated here so
    /// that what they build is measured while it is built; only values they take from elsewhere (the
    /// input, literals, function results) are walked. A template such as `{id: id, items: lines[].{sku: sku}}`
    /// is then measured without a single dictionary lookup. The semantics must stay those of `evaluate`'s
    /// handlers for the same nodes.
    mutating func evaluateMeasured(_ node: Node, _ value: JSONValue, outputCap cap: Int) throws(JMESPathError) -> Measured {
        // Each case is a single call, keeping this recursive frame small (see `evaluate`).
        switch node {
        case .multiSelectHash(let pairs):
            return try measuredHash(pairs, value, outputCap: cap)
        case .multiSelectList(let items):
            return try measuredList(items, value, outputCap: cap)
        case .projection(let left, let right):
            return try measuredProjection(left, where: nil, through: right, value, outputCap: cap)
        case .filterProjection(let left, let right, let condition):
            return try measuredProjection(left, where: condition, through: right, value, outputCap: cap)
        case .pipe(let left, let right):
            return try measuredPipe(left, right, value, outputCap: cap)
        default:
            return try measuredOther(node, value, outputCap: cap)
        }
    }

    private mutating func measuredHash(
        _ pairs: [JMESPath.KeyedNode], _ value: JSONValue, outputCap cap: Int
    ) throws(JMESPathError) -> Measured {
        try charge(1)
        if case .null = value { return (.null, 1) }
        var object = JSONObject()
        var size = 1
        for pair in pairs {
            let member = try evaluateMeasured(pair.node, value, outputCap: cap)
            size = try Self.add(member.size, to: size, cap: cap)
            object[pair.key] = member.value
        }
        return (.object(object), size)
    }

    private mutating func measuredList(
        _ items: [Node], _ value: JSONValue, outputCap cap: Int
    ) throws(JMESPathError) -> Measured {
        try charge(1)
        if case .null = value { return (.null, 1) }
        var results: [JSONValue] = []
        results.reserveCapacity(items.count)
        var size = 1
        for item in items {
            let element = try evaluateMeasured(item, value, outputCap: cap)
            size = try Self.add(element.size, to: size, cap: cap)
            results.append(element.value)
        }
        return (.array(results), size)
    }

    private mutating func measuredProjection(
        _ left: Node, where condition: Node?, through right: Node, _ value: JSONValue, outputCap cap: Int
    ) throws(JMESPathError) -> Measured {
        try charge(1)
        guard case .array(let items) = try evaluate(left, value) else { return (.null, 1) }
        var collected: [JSONValue] = []
        var size = 1
        for item in items {
            if let condition, !(try evaluate(condition, item).isTruthy) { continue }
            let result = try evaluateMeasured(right, item, outputCap: cap)
            if case .null = result.value { continue }
            size = try Self.add(result.size, to: size, cap: cap)
            collected.append(result.value)
        }
        return (.array(collected), size)
    }

    private mutating func measuredPipe(
        _ left: Node, _ right: Node, _ value: JSONValue, outputCap cap: Int
    ) throws(JMESPathError) -> Measured {
        try charge(1)
        return try evaluateMeasured(right, try evaluate(left, value), outputCap: cap)
    }

    /// Any other node: evaluated normally, its result walked if it is a container.
    private mutating func measuredOther(_ node: Node, _ value: JSONValue, outputCap cap: Int) throws(JMESPathError) -> Measured {
        let result = try evaluate(node, value)
        switch result {
        case .array, .object:
            return (result, try Self.add(JMESPath.nodeCount(of: result, cappedAt: cap), to: 0, cap: cap))
        default:
            return (result, 1)
        }
    }

    private static func add(_ size: Int, to total: Int, cap: Int) throws(JMESPathError) -> Int {
        let sum = total + size
        guard sum <= cap else { throw JMESPathError(.limitExceeded, "result has more than \(cap) JSON values") }
        return sum
    }
}
