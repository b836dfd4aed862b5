import Foundation

/// The server reads a request member that is `null` as if it were left out (`ObjectReader.value`), so the
/// document says so: in every schema only requests use, a member that is not required also accepts `null`.
/// Written as one pass over the finished document rather than by hand in each schema, so that no new input
/// member can forget it. Schemas that responses use too (the enumerations, an automation's steps) keep their
/// exact shape: an answer never carries such a `null`.
enum NullMeansAbsent {
    static func apply(to document: DocumentJSON) -> DocumentJSON {
        guard case .object(var root) = document, case .object(let paths)? = root["paths"],
              case .object(var components)? = root["components"], case .object(var schemas)? = components["schemas"] else {
            return document
        }
        let requestOnly = reachable(from: paths, part: "requestBody", schemas: schemas)
            .subtracting(reachable(from: paths, part: "responses", schemas: schemas))
        for name in requestOnly { schemas[name] = schemas[name].map(nullable) }
        var newPaths = paths
        for (path, item) in paths {
            guard case .object(var operations) = item else { continue }
            for (method, operation) in operations {
                guard case .object(var fields) = operation, let body = fields["requestBody"] else { continue }
                fields["requestBody"] = body.mapSchemas(nullable)
                operations[method] = .object(fields)
            }
            newPaths[path] = .object(operations)
        }
        components["schemas"] = .object(schemas)
        root["components"] = .object(components)
        root["paths"] = .object(newPaths)
        return .object(root)
    }

    /// The component schemas the given part of any operation refers to, directly or through other schemas.
    private static func reachable(from paths: [String: DocumentJSON], part: String, schemas: [String: DocumentJSON]) -> Set<String> {
        var found: Set<String> = []
        var pending = paths.values.flatMap { item -> [DocumentJSON] in
            guard case .object(let operations) = item else { return [] }
            return operations.values.compactMap { if case .object(let fields) = $0 { fields[part] } else { nil } }
        }
        while let node = pending.popLast() {
            for name in node.schemaReferences where !found.contains(name) {
                found.insert(name)
                if let schema = schemas[name] { pending.append(schema) }
            }
        }
        return found
    }

    /// `schema` with each optional member of each object in it (not behind a `$ref`) also accepting `null`.
    static func nullable(_ schema: DocumentJSON) -> DocumentJSON {
        guard case .object(var fields) = schema else { return schema }
        for key in ["items", "additionalProperties", "not"] { fields[key] = fields[key].map(nullable) }
        for key in ["anyOf", "oneOf", "allOf"] {
            if case .array(let members)? = fields[key] { fields[key] = .array(members.map(nullable)) }
        }
        if case .object(let properties)? = fields["properties"] {
            let required: Set<String> = if case .array(let names)? = fields["required"] {
                Set(names.compactMap { if case .string(let name) = $0 { name } else { nil } })
            } else { [] }
            var changed = properties
            for (name, property) in properties {
                let inner = nullable(property)
                changed[name] = required.contains(name) || inner.acceptsNull ? inner : orNull(inner)
            }
            fields["properties"] = .object(changed)
        }
        return .object(fields)
    }
}

extension NullMeansAbsent {
    /// `schema` also accepting null: `"type": ["string", "null"]` where it has one type and no list of values,
    /// else `anyOf` it and null.
    static func orNull(_ schema: DocumentJSON) -> DocumentJSON {
        if case .object(var fields) = schema, case .string(let type)? = fields["type"], fields["enum"] == nil, fields["const"] == nil {
            fields["type"] = .array([.string(type), .string("null")])
            return .object(fields)
        }
        return .object(["anyOf": .array([schema, .object(["type": .string("null")])])])
    }
}

/// A JSON value as `JSONEncoder` reads and writes it, for passes over the encoded document.
indirect enum DocumentJSON: Codable, Equatable {
    case null, bool(Bool), integer(Int), number(Double), string(String), array([DocumentJSON]), object([String: DocumentJSON])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([DocumentJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: DocumentJSON].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .integer(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The names of the component schemas this node refers to, at any depth.
    var schemaReferences: [String] {
        switch self {
        case .object(let fields):
            let own: [String] = if case .string(let target)? = fields["$ref"], target.hasPrefix("#/components/schemas/") {
                [String(target.dropFirst("#/components/schemas/".count))]
            } else { [] }
            return own + fields.values.flatMap(\.schemaReferences)
        case .array(let items): return items.flatMap(\.schemaReferences)
        default: return []
        }
    }

    /// Whether this schema already admits `null` (a `null` type, or a `null` member of its `anyOf`/`oneOf`).
    var acceptsNull: Bool {
        guard case .object(let fields) = self else { return false }
        if fields["type"] == .string("null") { return true }
        if case .array(let types)? = fields["type"], types.contains(.string("null")) { return true }
        for key in ["anyOf", "oneOf"] {
            if case .array(let members)? = fields[key], members.contains(where: \.acceptsNull) { return true }
        }
        return false
    }

    /// This request body (or media type map) with every `schema` in it passed through `transform`.
    func mapSchemas(_ transform: (DocumentJSON) -> DocumentJSON) -> DocumentJSON {
        switch self {
        case .object(var fields):
            for (key, value) in fields { fields[key] = key == "schema" ? transform(value) : value.mapSchemas(transform) }
            return .object(fields)
        case .array(let items): return .array(items.map { $0.mapSchemas(transform) })
        default: return self
        }
    }
}
