import KvittoCore
import Mustache

/// What the Mustache renderer may still spend during one `PostbackTemplate.render`, shared by all its
/// `$template` directives.
///
/// swift-mustache has no limits of its own: nested sections over arrays multiply (`{{#a}}{{#a}}{{#a}}…`),
/// and `{{.}}` repeated writes the whole input each time. The renderer cannot be interrupted either, so
/// the context objects below charge this budget for every element they hand out and every value they
/// render, and once it is spent they hand out nothing more. The renderer then runs out of work within one
/// pass over the text, and the caller sees `exhausted` and fails the render.
///
/// A class because the context values the renderer copies around must all charge the same counter. It is
/// not `Sendable` and needs not be: one is made per render call and never leaves the calling thread.
final class RenderBudget {
    /// Bytes of text the renderer may still produce or walk through.
    private(set) var remaining: Int
    private(set) var exhausted = false
    /// What each element of a section is charged: the length of the text being rendered, which bounds the
    /// literal text one pass over any section of it can emit.
    var passCost = 1

    init(_ limit: Int) { remaining = limit }

    /// Takes `cost` from the budget; `false`, and exhausted from then on, when it does not fit.
    func charge(_ cost: Int) -> Bool {
        guard !exhausted else { return false }
        remaining -= cost
        if remaining < 0 { exhausted = true }
        return !exhausted
    }

    /// `value` as compact JSON, charged; empty once the budget is spent.
    func json(_ value: JSONValue) -> String {
        guard !exhausted else { return "" }
        let text = JSONWriter.string(value)
        return charge(text.utf8.count) ? text : ""
    }
}

/// The Mustache rendering context for a `JSONValue`: small wrappers that answer swift-mustache's
/// protocols by looking straight into the JSON, so a render never converts the input into
/// `[String: Any]` dictionaries. Only the values a template actually names are ever wrapped.
///
/// - Objects resolve dotted names member by member (`MustacheParent`) and render as compact JSON.
/// - Arrays iterate in sections (`MustacheSequence`), take numeric indexes (`lines.0.sku`) and render as
///   compact JSON.
/// - Numbers render as their exact JSON text (`299.00`, `820982911946154508`), never through a `Double`.
/// - Strings render as they are; `null` renders as nothing and counts as false in sections, like a
///   missing name, but stops the lookup of a name at the object that holds it.
/// - Booleans are handed over as `Bool`, which the renderer treats as section conditions.
///
/// Every wrapper is a `MustacheParent`, including scalars, so the renderer never falls back to `Mirror`
/// reflection, which would expose the wrappers' own stored properties as if they were data.
enum MustacheJSON {
    /// The member or element `name` names in `value`: an object's member, or an array's element when
    /// `name` is an index. The one definition of name lookup, shared with `TextTemplate`'s fast path.
    static func child(of value: JSONValue, named name: String) -> JSONValue? {
        switch value {
        case .object(let object): return object[name]
        case .array(let items):
            guard let index = Int(name), items.indices.contains(index) else { return nil }
            return items[index]
        default: return nil
        }
    }

    /// How `{{name}}` renders `value`, charged to `budget`. The one definition of rendering, shared with
    /// `TextTemplate`'s fast path.
    static func text(of value: JSONValue, _ budget: RenderBudget) -> String {
        switch value {
        case .null: return ""
        case .bool(let bool): return bool ? "true" : "false"
        case .number(let number): return budget.charge(number.text.utf8.count) ? number.text : ""
        case .string(let string): return budget.charge(string.utf8.count) ? string : ""
        case .array, .object: return budget.json(value)
        }
    }

    static func wrap(_ value: JSONValue, _ budget: RenderBudget) -> Any {
        switch value {
        case .null: return Null()
        case .bool(let bool): return bool
        case .number(let number): return Number(number: number, budget: budget)
        case .string(let string): return Text(string: string, budget: budget)
        case .array(let items): return List(items: items, budget: budget)
        case .object(let object): return Object(object: object, budget: budget)
        }
    }

    struct Object: MustacheParent, MustacheCustomRenderable, MustacheTransformable {
        let object: JSONObject
        let budget: RenderBudget

        func child(named name: String) -> Any? {
            guard !budget.exhausted, let value = MustacheJSON.child(of: .object(object), named: name) else { return nil }
            return wrap(value, budget)
        }

        var renderText: String { text(of: .object(object), budget) }
        var isNull: Bool { false }

        /// `count`, `empty`, and `enumerated` (a list of `{key, value}` objects, to list custom fields).
        func transform(_ name: String) -> Any? {
            switch name {
            case "count": return object.count
            case "empty": return object.isEmpty
            case "enumerated":
                guard budget.charge(object.count) else { return nil }
                let pairs: [JSONValue] = object.map { .object(JSONObject([("key", .string($0.key)), ("value", $0.value)])) }
                return List(items: pairs, budget: budget)
            default: return nil
            }
        }
    }

    struct List: MustacheSequence, MustacheParent, MustacheCustomRenderable, MustacheTransformable {
        let items: [JSONValue]
        let budget: RenderBudget

        func makeIterator() -> Iterator { Iterator(items: items, budget: budget) }

        /// Hands out elements while the budget lasts, each charged one pass over the text.
        struct Iterator: IteratorProtocol {
            let items: [JSONValue]
            let budget: RenderBudget
            var index = 0

            mutating func next() -> Any? {
                guard index < items.count, budget.charge(budget.passCost) else { return nil }
                defer { index += 1 }
                return wrap(items[index], budget)
            }
        }

        /// Numeric indexes: `{{data.order.lines.0.sku}}`.
        func child(named name: String) -> Any? {
            guard !budget.exhausted, let value = MustacheJSON.child(of: .array(items), named: name) else { return nil }
            return wrap(value, budget)
        }

        var renderText: String { text(of: .array(items), budget) }
        var isNull: Bool { false }

        /// `first`, `last`, `count`, `empty` and `reversed`, as swift-mustache offers them for arrays.
        func transform(_ name: String) -> Any? {
            switch name {
            case "first": return items.first.map { wrap($0, budget) }
            case "last": return items.last.map { wrap($0, budget) }
            case "count": return items.count
            case "empty": return items.isEmpty
            case "reversed":
                guard budget.charge(items.count) else { return nil }
                return List(items: items.reversed(), budget: budget)
            default: return nil
            }
        }
    }

    struct Text: MustacheParent, MustacheCustomRenderable, MustacheTransformable {
        let string: String
        let budget: RenderBudget

        func child(named name: String) -> Any? { nil }
        var renderText: String { text(of: .string(string), budget) }
        var isNull: Bool { false }

        /// swift-mustache's string transforms (`uppercased`, `lowercased`, `capitalized`, `reversed`,
        /// `empty`), with string results wrapped again so that rendering them is charged too.
        func transform(_ name: String) -> Any? {
            switch string.transform(name) {
            case let text as String: return Text(string: text, budget: budget)
            case let text as Substring: return Text(string: String(text), budget: budget)
            case let other: return other
            }
        }
    }

    struct Number: MustacheParent, MustacheCustomRenderable, MustacheTransformable {
        let number: JSONNumber
        let budget: RenderBudget

        func child(named name: String) -> Any? { nil }
        var renderText: String { text(of: .number(number), budget) }
        var isNull: Bool { false }

        /// swift-mustache's integer transforms (`plusone`, `minusone`, `even`, `odd`, `equalzero`) for
        /// numbers that are 64-bit integers.
        func transform(_ name: String) -> Any? {
            guard let integer = number.int64 else { return nil }
            // Done here rather than by swift-mustache's `transform`, whose `+ 1` traps at `Int64.max`.
            let (result, overflow): (Int64, Bool)
            switch name {
            case "plusone": (result, overflow) = integer.addingReportingOverflow(1)
            case "minusone": (result, overflow) = integer.subtractingReportingOverflow(1)
            case "even", "odd", "equalzero": return integer.transform(name)
            default: return nil
            }
            return overflow ? nil : Number(number: JSONNumber(result), budget: budget)
        }
    }

    struct Null: MustacheParent, MustacheCustomRenderable {
        func child(named name: String) -> Any? { nil }
        var renderText: String { "" }
        var isNull: Bool { true }
    }
}
