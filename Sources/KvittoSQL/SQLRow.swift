import Foundation
import KvittoCore
import KvittoStorage

/// Strict readers of one result row of `SQLExecutor.query`, columns in select order.
///
/// Every reader names the column it reads, qualified by its table (`"accounts.created_at"`), and throws
/// `StoreError.backend` naming that column when the value is missing, NULL where the schema says NOT NULL,
/// of the wrong type or unparsable. A damaged row has to fail loudly: read leniently it would come back
/// as an empty string, a 1970-01-01 date or a null document, and the damage would spread to whatever is
/// written from it next. The `optional…` readers are for nullable columns only: NULL is `nil` there, but a
/// value of the wrong type or that does not parse is still an error.
extension Array where Element == SQLValue {
    /// The cell at `index`; a row shorter than the select list is an error rather than a crash.
    func cell(_ index: Int, _ column: String) throws -> SQLValue {
        guard indices.contains(index) else { throw rowError(column, "no value at position \(index) of a row of \(count)") }
        return self[index]
    }

    /// The text of a NOT NULL text column.
    func text(_ index: Int, _ column: String) throws -> String {
        guard let text = try optionalText(index, column) else { throw rowError(column, "NULL") }
        return text
    }

    /// The text of a nullable text column; an integer there is an error.
    func optionalText(_ index: Int, _ column: String) throws -> String? {
        switch try cell(index, column) {
        case .null: return nil
        case .text(let text): return text
        case .int(let value): throw rowError(column, "not text: \(value)")
        }
    }

    /// The value of a NOT NULL integer column.
    func int(_ index: Int, _ column: String) throws -> Int64 {
        guard let value = try optionalInt(index, column) else { throw rowError(column, "NULL") }
        return value
    }

    /// The value of a nullable integer column; text there is an error.
    func optionalInt(_ index: Int, _ column: String) throws -> Int64? {
        switch try cell(index, column) {
        case .null: return nil
        case .int(let value): return value
        case .text(let text): throw rowError(column, "not an integer: \(quoted(text))")
        }
    }

    /// A boolean, stored as 0 or 1 (`SQLValue.bool`); any other number is an error, not `false`.
    func bool(_ index: Int, _ column: String) throws -> Bool {
        switch try int(index, column) {
        case 0: return false
        case 1: return true
        case let other: throw rowError(column, "not a boolean: \(other)")
        }
    }

    /// A NOT NULL timestamp column (RFC 3339 text, `Timestamp.format`).
    func timestamp(_ index: Int, _ column: String) throws -> Date {
        guard let date = try optionalTimestamp(index, column) else { throw rowError(column, "NULL") }
        return date
    }

    /// A nullable timestamp column; text that is not a timestamp is an error.
    func optionalTimestamp(_ index: Int, _ column: String) throws -> Date? {
        guard let text = try optionalText(index, column) else { return nil }
        guard let date = Timestamp.parse(text) else { throw rowError(column, "not a timestamp: \(quoted(text))") }
        return date
    }

    /// An enumerated NOT NULL column: a raw value this version does not know is an error, never a default.
    func value<T: RawRepresentable>(_ index: Int, _ column: String, as type: T.Type) throws -> T where T.RawValue == String {
        guard let value = try optionalValue(index, column, as: type) else { throw rowError(column, "NULL") }
        return value
    }

    /// An enumerated nullable column.
    func optionalValue<T: RawRepresentable>(_ index: Int, _ column: String, as type: T.Type) throws -> T? where T.RawValue == String {
        guard let text = try optionalText(index, column) else { return nil }
        guard let value = T(rawValue: text) else { throw rowError(column, "not a \(T.self): \(quoted(text))") }
        return value
    }

    /// A NOT NULL column holding a comma-separated list of raw values ("" is the empty list). An unknown
    /// value is an error unless `skippingUnknown`, which a caller sets only where ignoring a value that a
    /// newer version wrote is safe, and says why.
    func list<T: RawRepresentable>(_ index: Int, _ column: String, of type: T.Type, skippingUnknown: Bool = false) throws -> [T]
    where T.RawValue == String {
        try text(index, column).split(separator: ",").compactMap { (part: Substring) throws -> T? in
            if let value = T(rawValue: String(part)) { return value }
            if skippingUnknown { return nil }
            throw rowError(column, "not a \(T.self): \(quoted(String(part)))")
        }
    }

    /// A NOT NULL document column, parsed strictly (see `SQLDocument.init(parsing:column:)`).
    func document(_ index: Int, _ column: String) throws -> JSONValue {
        try fields(index, column).json
    }

    /// A NOT NULL document column, for strict reads of its members and of the model it stores.
    func fields(_ index: Int, _ column: String) throws -> SQLDocument {
        try SQLDocument(parsing: text(index, column), column: column)
    }

    /// A nullable document column: NULL is `nil`, but text that is not a JSON object is an error.
    func optionalDocument(_ index: Int, _ column: String) throws -> JSONValue? {
        try optionalText(index, column).map { try SQLDocument(parsing: $0, column: column).json }
    }
}

/// A JSON document read from a `doc` column, with strict readers of its members.
///
/// Members the code has always written (ids, types, timestamps) are read with the required readers and a
/// missing or JSON-null one is an error; the `optional…` readers take absent or null as `nil`. Either kind
/// throws when a member is present but of the wrong type or does not parse, so a damaged document is
/// reported instead of read back as empty strings and 1970-01-01 dates.
struct SQLDocument {
    let json: JSONValue
    /// The column the document came from, for error messages (`"events.doc"`).
    let column: String

    /// Wraps a document already parsed strictly (by `document(_:_:)` or `init(parsing:column:)`).
    init(_ json: JSONValue, column: String) {
        self.json = json
        self.column = column
    }

    /// Parses the text of a document column. Every document Kvitto writes is a JSON object, so text that
    /// is not JSON, and JSON that is not an object (a `null` document included), is an error.
    init(parsing text: String, column: String) throws {
        let json: JSONValue
        do {
            json = try JSONParser.parse(text)
        } catch {
            // The reason and offset, not the text: documents hold personal data and sealed credentials.
            throw rowError(column, "malformed JSON document: \(error)")
        }
        guard case .object = json else { throw rowError(column, "not a JSON object") }
        self.init(json, column: column)
    }

    func string(_ key: String) throws -> String { try member { try $0.string(key) } }
    func optionalString(_ key: String) throws -> String? { try member { try $0.optionalString(key) } }
    func int(_ key: String) throws -> Int64 { Int64(try member { try $0.int(key) }) }
    /// An integer member; a fraction or a number past 64 bits is an error.
    func optionalInt(_ key: String) throws -> Int64? { try member { try $0.optionalInt(key) }.map(Int64.init) }
    func timestamp(_ key: String) throws -> Date { try member { try $0.timestamp(key) } }
    func optionalTimestamp(_ key: String) throws -> Date? { try member { try $0.optionalTimestamp(key) } }
    /// An enumerated member: a raw value this version does not know is an error, never a default.
    func value<T: RawRepresentable>(_ key: String, as type: T.Type) throws -> T where T.RawValue == String {
        try member { try $0.value(key, as: type) }
    }

    /// KvittoCore's strict readers, their errors naming this column.
    private func member<T>(_ read: (StoredDocument) throws -> T) throws -> T {
        do {
            return try read(StoredDocument(json, what: "document"))
        } catch let error as MalformedRecord {
            throw rowError(column, error.member.map { "member '\($0)': \(error.problem)" } ?? error.problem)
        }
    }

    /// Builds a model with one of the failable `init?(stored:…)` initialisers of KvittoCore; a document it
    /// refuses (a required member missing) is an error instead of a row that silently disappears.
    func decode<T>(_ make: (JSONValue) -> T?) throws -> T {
        guard let model = make(json) else { throw rowError(column, "not a stored \(T.self)") }
        return model
    }
}

/// `column accounts.created_at: not a timestamp: 'xyz'`.
private func rowError(_ column: String, _ problem: String) -> StoreError {
    .backend("column \(column): \(problem)")
}

/// A stored value quoted for an error message, cut short so that a long value cannot flood a log.
private func quoted(_ text: String) -> String {
    text.count <= 64 ? "'\(text)'" : "'\(text.prefix(64))…'"
}
