import KvittoCore
import OpenAPIKit

/// Shorthands for the schemas the document is made of, so that each schema reads like the JSON Schema it
/// becomes. OpenAPIKit marks every schema it builds *required*; only `object(required:…)` below decides which
/// members of an object are, from its `required` list, so build objects with it and not with OpenAPIKit's own
/// `.object(properties:)`.
extension JSONSchema {
    /// `{"$ref": "#/components/schemas/<name>"}`, with the siblings JSON Schema 2020-12 allows beside it.
    static func ref(_ name: String, description: String? = nil, default defaultValue: AnyCodable? = nil) -> JSONSchema {
        let reference = JSONSchema.reference(.component(named: name), description: description)
        return defaultValue.map { reference.with(defaultValue: $0) } ?? reference
    }

    /// A member that is always present and may be null: `anyOf: [schema, {"type": "null"}]`. (Typed schemas say
    /// the same with `nullable: true`, which OpenAPIKit writes as `"type": [type, "null"]`.)
    static func orNull(_ schema: JSONSchema) -> JSONSchema {
        .any(of: [schema, .null()])
    }

    /// An object. Exactly the members named in `required` are required: the others are optional, and a
    /// required name that `properties` does not describe is added as an empty schema (OpenAPIKit keeps
    /// requiredness on each member, so it cannot list a name without one).
    static func object(
        required: [String], description: String? = nil, nullable: Bool = false,
        properties: OrderedDictionary<String, JSONSchema> = [:], additionalProperties: Either<Bool, JSONSchema>? = nil,
        minProperties: Int? = nil, examples: [AnyCodable] = []
    ) -> JSONSchema {
        var members = properties.mapValues { $0.optionalSchemaObject() }
        for name in required {
            members[name] = members[name]?.requiredSchemaObject() ?? .fragment
        }
        return .object(
            nullable: nullable, description: description, minProperties: minProperties, properties: members,
            additionalProperties: additionalProperties, examples: examples
        )
    }

    /// An object used as a dictionary: member names of `keyLength` characters, every member matching `values`.
    /// (JSON Schema says this with `propertyNames`, which OpenAPIKit 6.4 cannot write; a pattern on the names
    /// with no other members allowed says the same.)
    static func dictionary(
        keyLength: ClosedRange<Int>, values: JSONSchema, description: String? = nil, examples: [AnyCodable] = []
    ) -> JSONSchema {
        .object(
            description: description, patternProperties: [#"^[\s\S]{\#(keyLength.lowerBound),\#(keyLength.upperBound)}$"#: values],
            additionalProperties: .boolean(false), examples: examples
        )
    }

    /// A string that is one of `values` (`null` too with `orNull`). A single value is written as `const`.
    static func enumeration(
        _ values: [String], orNull: Bool = false, description: String? = nil, default defaultValue: String? = nil
    ) -> JSONSchema {
        .string(
            nullable: orNull, description: description,
            allowedValues: values.map { AnyCodable($0) } + (orNull ? [nil] : []),
            defaultValue: defaultValue.map { AnyCodable($0) }
        )
    }

    /// A string that is one of the raw values of a Swift enumeration, in its declaration order: the list the
    /// code parses and writes, so the document cannot fall behind it.
    static func enumeration<Value: CaseIterable & RawRepresentable>(
        _ type: Value.Type, orNull: Bool = false, description: String? = nil, default defaultValue: Value? = nil
    ) -> JSONSchema where Value.RawValue == String {
        enumeration(type.allCases.map(\.rawValue), orNull: orNull, description: description, default: defaultValue?.rawValue)
    }

    /// An integer of at least `minimum` (and at most `maximum`).
    static func integer(
        atLeast minimum: Int, atMost maximum: Int? = nil, description: String? = nil, default defaultValue: Int? = nil
    ) -> JSONSchema {
        .integer(
            description: description, maximum: maximum.map { ($0, exclusive: false) }, minimum: (minimum, exclusive: false),
            defaultValue: defaultValue.map { AnyCodable($0) }
        )
    }

    /// A number greater than `minimum`.
    static func number(greaterThan minimum: Double) -> JSONSchema {
        .number(minimum: (minimum, exclusive: true))
    }

    static func anyOf(_ schemas: [JSONSchema], description: String? = nil, examples: [AnyCodable] = []) -> JSONSchema {
        .any(of: schemas, core: .init(description: description, examples: examples))
    }

    static func oneOf(_ schemas: [JSONSchema], description: String? = nil, examples: [AnyCodable] = []) -> JSONSchema {
        .one(of: schemas, core: .init(description: description, examples: examples))
    }

    static func allOf(_ schemas: [JSONSchema], description: String? = nil, examples: [AnyCodable] = []) -> JSONSchema {
        .all(of: schemas, core: .init(description: description, examples: examples))
    }

    /// An RFC 3339 time as Kvitto writes it.
    static var timestamp: JSONSchema {
        .string(
            format: .dateTime, description: "RFC 3339, UTC, millisecond precision.",
            examples: ["2026-11-01T10:00:00.000Z"]
        )
    }

    /// An RFC 3339 time, or null.
    static var nullableTimestamp: JSONSchema {
        nullableTimestamp(description: "RFC 3339, UTC, millisecond precision, or null.")
    }

    static func nullableTimestamp(description: String) -> JSONSchema {
        .string(format: .dateTime, nullable: true, description: description)
    }

    static var nullableString: JSONSchema { .string(nullable: true) }
}

extension [AnyCodable] {
    /// Examples written as JSON values (objects and arrays, which `AnyCodable` has no literals for).
    static func json(_ values: JSONValue...) -> [AnyCodable] {
        values.map(\.anyCodable)
    }
}

extension JSONValue {
    /// The value as OpenAPIKit encodes examples. Numbers keep their digits: integers stay integers (so a 64-bit
    /// platform id is written exactly), other numbers become doubles.
    var anyCodable: AnyCodable {
        AnyCodable(sendable)
    }

    private var sendable: (any Sendable)? {
        switch self {
        case .null: nil
        case .bool(let value): value
        case .string(let value): value
        case .number(let number): number.int64.map { Int($0) } ?? number.double
        case .array(let items): items.map(\.sendable)
        case .object(let object): Dictionary(object.map { ($0.key, $0.value.sendable) }, uniquingKeysWith: { _, last in last })
        }
    }

    /// This object with `other`'s members added or replaced (`{**base, …}`).
    func merging(_ other: JSONValue) -> JSONValue {
        guard case .object(var object) = self, case .object(let additions) = other else { return other }
        for (key, value) in additions { object[key] = value }
        return .object(object)
    }
}
