import Foundation

/// The type a custom field is given on its first write; later writes must fit it.
public enum FieldType: String, Sendable, CaseIterable {
    case text, number, date, datetime, json, multiple

    /// What a first value says about its field: `"2026-11-01"` is a date, `[…strings]` is multiple.
    public static func infer(_ value: JSONValue) -> FieldType {
        switch value {
        case .number: return .number
        case .string(let s):
            if isDate(s) { return .date }
            if s.count >= 16, Timestamp.parse(s) != nil { return .datetime }
            return .text
        case .array(let items): return items.allSatisfy { $0.stringValue != nil } ? .multiple : .json
        case .object, .bool, .null: return .json
        }
    }

    /// Whether a later value fits a field of this type. Text takes any string; the others their own shape.
    public func accepts(_ value: JSONValue) -> Bool {
        switch (self, value) {
        case (_, .null): return true
        case (.text, .string): return true
        case (.number, .number): return true
        case (.date, .string(let s)): return FieldType.isDate(s)
        case (.datetime, .string(let s)): return Timestamp.parse(s) != nil
        case (.multiple, .array(let items)): return items.allSatisfy { $0.stringValue != nil }
        case (.json, .object), (.json, .array), (.json, .bool): return true
        default: return false
        }
    }

    static func isDate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        return b.count == 10 && b[4] == 45 && b[7] == 45 && Timestamp.parse(s) != nil
    }
}

/// Custom fields as groups of named values (`Sitoo-Contact.member_number`).
public typealias FieldGroups = [String: [String: JSONValue]]

public struct FieldDefinition: Sendable, Equatable {
    public var group: String
    public var name: String
    public var type: FieldType
    public init(group: String, name: String, type: FieldType) { self.group = group; self.name = name; self.type = type }
}

extension FieldGroups {
    /// Reads `{"Group": {"field": value}}`, checking names only; types are checked against definitions.
    public static func read(_ value: JSONValue, at pointer: String, log: FieldErrorLog) -> FieldGroups? {
        guard case .object(let groups) = value else { log.add(pointer, "must be an object of field groups"); return nil }
        var result: FieldGroups = [:]
        for (group, fields) in groups {
            let groupPointer = pointer + "/" + group
            guard !group.isEmpty, group.count <= 100 else { log.add(groupPointer, "group names are 1–100 characters"); continue }
            guard case .object(let members) = fields else { log.add(groupPointer, "must be an object of fields"); continue }
            var values: [String: JSONValue] = [:]
            for (name, fieldValue) in members {
                guard !name.isEmpty, name.count <= 100 else { log.add(groupPointer + "/" + name, "field names are 1–100 characters"); continue }
                values[name] = fieldValue
            }
            result[group] = values
        }
        return result
    }

    public var json: JSONValue {
        .object(JSONObject(keys.sorted().map { group in
            (group, .object(JSONObject(self[group]!.keys.sorted().map { ($0, self[group]![$0]!) })))
        }))
    }

    /// Merges `update` into these fields: a value replaces, a null removes.
    public mutating func merge(_ update: FieldGroups) {
        for (group, fields) in update {
            var current = self[group] ?? [:]
            for (name, value) in fields { current[name] = value.isNull ? nil : value }
            self[group] = current.isEmpty ? nil : current
        }
    }
}
