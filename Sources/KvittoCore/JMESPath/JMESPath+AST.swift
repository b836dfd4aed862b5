extension JMESPath {
    /// The syntax tree. Node shapes follow the specification's grammar; chains the grammar builds one link at
    /// a time (`a.b.c`, `[0][1]`) are stored flat so evaluating them needs no recursion per link.
    indirect enum Node: Sendable {
        /// `@`, and the implicit left or right side of projections.
        case current
        case literal(JSONValue)
        case field(String)
        /// `a.b.c`: each child is evaluated against the previous child's result.
        case subexpression([Node])
        /// `[2]`, `[-1]`, applied to the current value.
        case index(Int)
        /// `[start:stop:step]`, applied to the current value; the step is never zero.
        case slice(start: Int?, stop: Int?, step: Int)
        /// `left[..][..]`: like a subexpression, kept separate to mirror the grammar.
        case indexExpression([Node])
        /// `left[*] right`, `left[] right` and slices: `right` applied to each element of the array `left`.
        case projection(Node, Node)
        /// `left.* right`: `right` applied to each value of the object `left`.
        case valueProjection(Node, Node)
        /// `left[?condition] right`.
        case filterProjection(Node, Node, condition: Node)
        /// `child[]`: one level of nested arrays merged.
        case flatten(Node)
        case comparison(Comparator, Node, Node)
        case or(Node, Node)
        case and(Node, Node)
        case not(Node)
        case multiSelectList([Node])
        case multiSelectHash([KeyedNode])
        case pipe(Node, Node)
        case function(Function, [Node])
        /// `&expression`: only meaningful as a function argument.
        case expressionReference(Node)
    }

    struct KeyedNode: Sendable {
        let key: String
        let node: Node
    }

    enum Comparator: Sendable {
        case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
    }

    /// The built-in functions, named as in expressions.
    enum Function: String, Sendable, CaseIterable {
        case abs, avg, ceil, contains, floor, join, keys, length, map, max, merge, min, reverse, sort, sum, type, values
        case endsWith = "ends_with"
        case maxBy = "max_by"
        case minBy = "min_by"
        case notNull = "not_null"
        case sortBy = "sort_by"
        case startsWith = "starts_with"
        case toArray = "to_array"
        case toNumber = "to_number"
        case toString = "to_string"

        /// Accepted argument counts; `nil` upper bound means variadic.
        var arity: (minimum: Int, maximum: Int?) {
            switch self {
            case .abs, .avg, .ceil, .floor, .keys, .length, .max, .min, .reverse, .sort, .sum, .toArray, .toNumber,
                .toString, .type, .values:
                return (1, 1)
            case .contains, .endsWith, .join, .map, .maxBy, .minBy, .sortBy, .startsWith:
                return (2, 2)
            case .merge, .notNull:
                return (1, nil)
            }
        }
    }
}

extension JMESPath.Node {
    /// Whether the tree nests deeper than `limit`. Stops descending at the limit, so the check itself
    /// recurses at most `limit` levels even for a hostile tree.
    func nests(deeperThan limit: Int) -> Bool {
        if limit < 0 { return true }
        let next = limit - 1
        switch self {
        case .current, .literal, .field, .index, .slice:
            return false
        case .subexpression(let chain), .indexExpression(let chain):
            // A chain is evaluated in a loop, but each link can wrap the value once more (`a.[@].[@]`), and
            // whatever later walks the result recursively (JSONWriter, deallocation) goes one frame deeper
            // per level. So each link counts as a level, as in the grammar, where `a.b.c` is `(a.b).c`.
            guard chain.count <= limit else { return true }
            let linkLimit = limit - chain.count
            return chain.contains { $0.nests(deeperThan: linkLimit) }
        case .multiSelectList(let children), .function(_, let children):
            return children.contains { $0.nests(deeperThan: next) }
        case .multiSelectHash(let pairs):
            return pairs.contains { $0.node.nests(deeperThan: next) }
        case .projection(let left, let right), .valueProjection(let left, let right), .comparison(_, let left, let right),
            .or(let left, let right), .and(let left, let right), .pipe(let left, let right):
            return left.nests(deeperThan: next) || right.nests(deeperThan: next)
        case .filterProjection(let left, let right, let condition):
            return left.nests(deeperThan: next) || right.nests(deeperThan: next) || condition.nests(deeperThan: next)
        case .flatten(let child), .not(let child), .expressionReference(let child):
            return child.nests(deeperThan: next)
        }
    }
}
