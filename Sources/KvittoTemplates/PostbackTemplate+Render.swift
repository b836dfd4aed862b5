import KvittoCore

extension PostbackTemplate {
    /// One render: fills the compiled template's directives in from `input`, measuring what each adds to
    /// the output against the limits as it goes.
    struct Renderer {
        let input: JSONValue
        let limits: TemplateLimits
        var budget: OutputBudget
        var errors: [FieldError] = []
        /// Created on the first `$template` directive; shared by all of them (see `RenderBudget`).
        var textBudget: RenderBudget?

        init(input: JSONValue, limits: TemplateLimits, fixedSize: OutputSize) {
            self.input = input
            self.limits = limits
            self.budget = OutputBudget(limits)
            // The fixed part was measured within the same limits at compile time, so this cannot fail.
            _ = budget.take(fixedSize)
        }

        mutating func render(_ node: Node) throws(TemplateError) -> JSONValue {
            switch node {
            case .constant(let value):
                return value
            case .object(let prototype, let members):
                var object = prototype
                // The prototype already holds every fixed member in order; only directives are set.
                for i in members.indices {
                    object.setValue(try render(members[i].node), atPosition: members[i].position)
                }
                return .object(object)
            case .array(let prototype, let elements):
                var items = prototype
                for i in elements.indices {
                    items[elements[i].index] = try render(elements[i].node)
                }
                return .array(items)
            case .expression(let expression, let pointer):
                return try evaluate(expression, at: pointer)
            case .path(let path, let pointer):
                return try select(path, at: pointer)
            case .text(let text, let pointer):
                return try renderText(text, at: pointer)
            }
        }

        private mutating func evaluate(_ expression: JMESPathExpression, at pointer: String) throws(TemplateError) -> JSONValue {
            let result: JSONValue
            do {
                result = try expression.evaluate(input)
            } catch {
                if error.kind == .limitExceeded {
                    throw TemplateError(.limitExceeded, errors: [FieldError(pointer, "the expression \(error.message)")])
                }
                // Other directives still render, so one answer lists every directive that failed.
                errors.append(FieldError(pointer, "the expression failed on this input: \(error.description)"))
                return .null
            }
            guard budget.take(result) else { throw outputTooLarge(at: pointer) }
            return result
        }

        /// A field path's value, under the same result-size limit the interpreter applies to expressions.
        private mutating func select(_ path: FieldPath, at pointer: String) throws(TemplateError) -> JSONValue {
            let result = path.evaluate(input)
            switch result {
            case .array, .object:
                var expressionBudget = OutputBudget(nodes: limits.expression.maxOutputNodes, bytes: .max)
                guard expressionBudget.take(result) else {
                    throw TemplateError(.limitExceeded, errors: [FieldError(
                        pointer, "the expression result has more than \(limits.expression.maxOutputNodes) JSON values"
                    )])
                }
            default: break
            }
            guard budget.take(result) else { throw outputTooLarge(at: pointer) }
            return result
        }

        private mutating func renderText(_ text: TextTemplate, at pointer: String) throws(TemplateError) -> JSONValue {
            let work: RenderBudget
            if let textBudget { work = textBudget } else {
                work = RenderBudget(limits.textWork)
                textBudget = work
            }
            let string = text.render(input, budget: work)
            if work.exhausted {
                throw TemplateError(.limitExceeded, errors: [FieldError(
                    pointer, "the Mustache text needs more rendering work than the limits allow (sections over large arrays, "
                        + "or large values repeated); the output may hold at most \(limits.maxOutputBytes) bytes"
                )])
            }
            guard budget.take(OutputSize(nodes: 1, bytes: string.utf8.count + 2)) else { throw outputTooLarge(at: pointer) }
            return .string(string)
        }

        private func outputTooLarge(at pointer: String) -> TemplateError {
            TemplateError(.limitExceeded, errors: [FieldError(
                pointer, "with this directive's result the output passes the limit of \(limits.maxOutputBytes) bytes "
                    + "or \(limits.maxOutputNodes) JSON values"
            )])
        }
    }
}

/// A size in the output: JSON values, and bytes of compact JSON (string contents counted unescaped).
struct OutputSize: Sendable, Hashable {
    var nodes = 0
    var bytes = 0
}

/// What the rendered document may still take.
struct OutputBudget {
    private(set) var nodes: Int
    private(set) var bytes: Int

    init(_ limits: TemplateLimits) {
        nodes = limits.maxOutputNodes
        bytes = limits.maxOutputBytes
    }

    init(nodes: Int, bytes: Int) {
        self.nodes = nodes
        self.bytes = bytes
    }

    mutating func take(_ size: OutputSize) -> Bool {
        nodes -= size.nodes
        bytes -= size.bytes
        return nodes >= 0 && bytes >= 0
    }

    /// Takes `value`'s size, walking it iteratively and stopping as soon as the budget is spent: results
    /// may share storage (`[@, @, @]`) and be far larger written out than in memory, so a walk that ran
    /// to the end could itself take unbounded time.
    mutating func take(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return take(OutputSize(nodes: 1, bytes: 4))
        case .bool(let bool): return take(OutputSize(nodes: 1, bytes: bool ? 4 : 5))
        case .number(let number): return take(OutputSize(nodes: 1, bytes: number.text.utf8.count))
        case .string(let string): return take(OutputSize(nodes: 1, bytes: string.utf8.count + 2))
        case .array, .object: break
        }
        var pending: [JSONValue] = [value]
        while let next = pending.popLast() {
            nodes -= 1
            switch next {
            case .null: bytes -= 4
            case .bool(let bool): bytes -= bool ? 4 : 5
            case .number(let number): bytes -= number.text.utf8.count
            case .string(let string): bytes -= string.utf8.count + 2
            case .array(let items):
                bytes -= 2 + max(0, items.count - 1)
                pending.append(contentsOf: items)
            case .object(let object):
                bytes -= 2 + max(0, object.count - 1)
                for (key, member) in object {
                    bytes -= key.utf8.count + 3
                    pending.append(member)
                }
            }
            if nodes < 0 || bytes < 0 { return false }
        }
        return true
    }
}

extension PostbackTemplate.Node {
    /// The size of this node's output that does not depend on the input: everything but the directives'
    /// results, and the commas and keys around them. `nil` when it alone passes the limits.
    func fixedSize(within budget: inout OutputBudget) -> OutputSize? {
        let before = budget
        guard accumulateFixedSize(into: &budget) else { return nil }
        return OutputSize(nodes: before.nodes - budget.nodes, bytes: before.bytes - budget.bytes)
    }

    private func accumulateFixedSize(into budget: inout OutputBudget) -> Bool {
        switch self {
        case .constant(let value):
            return budget.take(value)
        case .object(let prototype, let members):
            // The prototype holds a `null` (one value, four bytes) where each directive's result goes.
            guard budget.take(.object(prototype)),
                  budget.take(OutputSize(nodes: -members.count, bytes: -4 * members.count))
            else { return false }
            return members.allSatisfy { $0.node.accumulateFixedSize(into: &budget) }
        case .array(let prototype, let elements):
            guard budget.take(.array(prototype)),
                  budget.take(OutputSize(nodes: -elements.count, bytes: -4 * elements.count))
            else { return false }
            return elements.allSatisfy { $0.node.accumulateFixedSize(into: &budget) }
        case .expression, .path, .text:
            return true
        }
    }
}
