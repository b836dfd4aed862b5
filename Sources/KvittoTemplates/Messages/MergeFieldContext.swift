import KvittoCore
import Mustache

/// The Mustache rendering context of a message: the JSON wrappers of `MustacheJSON`, extended to find
/// merge fields that are missing, so a merchant learns that `{{contact.fields.Sitoo-Contact.member_number}}`
/// rendered empty because the contact has no such field.
///
/// swift-mustache resolves `{{a.b.c}}` by asking each frame of its context stack, top first, for `a` until
/// one has it, then asking each value found for the next name; a miss anywhere gives nothing, and its parsed
/// tokens are not public. So the wrappers answer a miss themselves:
///
/// - A frame above the root (a section's object, an element of a section's list) answers `nil` for a name
///   it lacks, so the renderer goes on down the stack as Mustache requires.
/// - The root, the bottom frame, and any value asked for a *later* name answer with a `Missing` value
///   carrying the path. Rendered as a variable, `Missing` writes nothing and records the path as a warning.
///   As a section or inverted section it is a `null`, exactly what `nil` would have been, and records
///   nothing: a section (`{{#shipping.tracking_url}}…`) is how a template asks whether a value is there.
///
/// A value becomes a frame when the renderer is about to push it: it always asks `isNull` of a section's
/// value first, and iterates lists through `makeIterator`; both mark the wrapper's serial in the recorder.
/// Present-but-`null` values are not missing, and neither is anything under them.
///
/// Paths are data paths (`contact.fields.Sitoo-Contact.member_number`); a first name missing on every frame
/// is reported as written (`{{nme}}` → `nme`), and a list's elements share their list's path, so a name
/// missing on every line is one warning (`order.lines.colour`). Names that start with a dot (`{{.sku}}`)
/// skip the stack walk and are not reported.
enum MergeFieldContext {
    /// The root frame of a render over `value`.
    static func root(_ value: JSONValue, budget: RenderBudget, recorder: MergeFieldRecorder) -> Any {
        wrap(value, path: "", serial: MergeFieldRecorder.rootSerial, Shared(budget: budget, recorder: recorder))
    }

    /// What every wrapper of one render shares: the work budget and the recorder.
    struct Shared {
        let budget: RenderBudget
        let recorder: MergeFieldRecorder
    }

    static func wrap(_ value: JSONValue, path: String, serial: Int, _ shared: Shared) -> Any {
        switch value {
        case .null: return Null()
        case .bool(let bool): return bool
        case .array(let items): return List(items: items, path: path, serial: serial, shared: shared)
        case .number, .string, .object: return Value(value: value, path: path, serial: serial, shared: shared)
        }
    }

    /// A present object, string or number.
    struct Value: MustacheParent, MustacheCustomRenderable, MustacheTransformable {
        let value: JSONValue
        let path: String
        let serial: Int
        let shared: Shared

        func child(named name: String) -> Any? {
            guard !shared.budget.exhausted else { return nil }
            let childPath = MergeFieldPath.appending(path, name)
            if let found = MustacheJSON.child(of: value, named: name) {
                return wrap(found, path: childPath, serial: shared.recorder.serial(), shared)
            }
            if serial == MergeFieldRecorder.rootSerial { return Missing(path: name, recorder: shared.recorder) }
            return shared.recorder.isFrame(serial) ? nil : Missing(path: childPath, recorder: shared.recorder)
        }

        var renderText: String { MustacheJSON.text(of: value, shared.budget) }

        var isNull: Bool {
            shared.recorder.markFrame(serial)
            return false
        }

        func transform(_ name: String) -> Any? {
            switch value {
            case .object(let object): return objectTransform(name, object)
            case .string(let string):
                switch string.transform(name) {
                case let text as String: return Value(value: .string(text), path: path, serial: shared.recorder.serial(), shared: shared)
                case let text as Substring: return Value(value: .string(String(text)), path: path, serial: shared.recorder.serial(), shared: shared)
                case let other: return other
                }
            case .number(let number):
                // Only the parity tests: `plusone`/`minusone` would do integer arithmetic on an amount's text.
                guard let integer = number.int64, ["even", "odd", "equalzero"].contains(name) else { return nil }
                return integer.transform(name)
            case .null, .bool, .array: return nil
            }
        }

        /// `count`, `empty`, and `enumerated` (`{key, value}` pairs, to list a group of custom fields).
        private func objectTransform(_ name: String, _ object: JSONObject) -> Any? {
            switch name {
            case "count": return object.count
            case "empty": return object.isEmpty
            case "enumerated":
                guard shared.budget.charge(object.count) else { return nil }
                let pairs: [JSONValue] = object.map { .object(JSONObject([("key", .string($0.key)), ("value", $0.value)])) }
                return List(items: pairs, path: path, serial: shared.recorder.serial(), shared: shared)
            default: return nil
            }
        }
    }

    /// A present array: in a section the renderer iterates it, pushing each element as a frame; as a
    /// variable it renders as compact JSON; numeric names index it (`order.lines.0.sku`).
    struct List: MustacheSequence, MustacheParent, MustacheCustomRenderable, MustacheTransformable {
        let items: [JSONValue]
        let path: String
        let serial: Int
        let shared: Shared

        /// Hands out elements while the budget lasts, each charged one pass over the text, each a frame.
        /// The list itself becomes a frame too: an inverted section over an empty list pushes it.
        func makeIterator() -> Iterator {
            shared.recorder.markFrame(serial)
            return Iterator(list: self)
        }

        struct Iterator: IteratorProtocol {
            let list: List
            var index = 0

            mutating func next() -> Any? {
                let shared = list.shared
                guard index < list.items.count, shared.budget.charge(shared.budget.passCost) else { return nil }
                defer { index += 1 }
                let serial = shared.recorder.serial()
                shared.recorder.markFrame(serial)
                return wrap(list.items[index], path: list.path, serial: serial, shared)
            }
        }

        func child(named name: String) -> Any? {
            guard !shared.budget.exhausted else { return nil }
            if let found = MustacheJSON.child(of: .array(items), named: name) {
                return wrap(found, path: MergeFieldPath.appending(path, name), serial: shared.recorder.serial(), shared)
            }
            return shared.recorder.isFrame(serial) ? nil : Missing(path: MergeFieldPath.appending(path, name), recorder: shared.recorder)
        }

        var renderText: String { MustacheJSON.text(of: .array(items), shared.budget) }
        var isNull: Bool { false }

        /// `first`, `last`, `count`, `empty` and `reversed`, as swift-mustache offers them for arrays.
        func transform(_ name: String) -> Any? {
            switch name {
            case "first": return items.first.map { wrap($0, path: path, serial: shared.recorder.serial(), shared) }
            case "last": return items.last.map { wrap($0, path: path, serial: shared.recorder.serial(), shared) }
            case "count": return items.count
            case "empty": return items.isEmpty
            case "reversed":
                guard shared.budget.charge(items.count) else { return nil }
                return List(items: items.reversed(), path: path, serial: shared.recorder.serial(), shared: shared)
            default: return nil
            }
        }
    }

    /// A merge field that is not there: renders nothing, and records its path when rendered as a variable.
    struct Missing: MustacheParent, MustacheCustomRenderable, MustacheTransformable {
        let path: String
        let recorder: MergeFieldRecorder

        /// Names under a missing value are missing too, and reported by their full path.
        func child(named name: String) -> Any? { Missing(path: MergeFieldPath.appending(path, name), recorder: recorder) }

        var renderText: String {
            recorder.recordMissing(path)
            return ""
        }

        var isNull: Bool { true }

        /// A transform of a missing value is still missing, so `{{uppercased(x)}}` is reported like `{{x}}`.
        func transform(_ name: String) -> Any? { self }
    }

    /// A present `null`: renders nothing, is false in sections, and has no members; not a warning.
    struct Null: MustacheParent, MustacheCustomRenderable {
        func child(named name: String) -> Any? { nil }
        var renderText: String { "" }
        var isNull: Bool { true }
    }
}

/// What one render learns about merge fields. A class because every wrapper the renderer copies around must
/// report to the same recorder; not `Sendable`, and needs not be: one is made per render and never leaves
/// the calling thread, like `RenderBudget`.
final class MergeFieldRecorder {
    static let rootSerial = 0

    /// Paths of missing variables, each once, in the order the render met them.
    private(set) var missing: [String] = []
    private var reported: Set<String> = []
    private var frames: Set<Int> = [rootSerial]
    private var nextSerial = rootSerial + 1

    /// A fresh identity for a value handed to the renderer.
    func serial() -> Int {
        defer { nextSerial += 1 }
        return nextSerial
    }

    func markFrame(_ serial: Int) { frames.insert(serial) }
    func isFrame(_ serial: Int) -> Bool { frames.contains(serial) }

    func recordMissing(_ path: String) {
        if reported.insert(path).inserted { missing.append(path) }
    }
}

/// Dotted merge-field paths, as templates write them.
enum MergeFieldPath {
    static func appending(_ path: String, _ name: String) -> String { path.isEmpty ? name : path + "." + name }
}
