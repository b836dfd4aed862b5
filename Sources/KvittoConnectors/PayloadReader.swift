import Foundation
import KvittoCore

/// Reads a platform payload. Unlike the native API's `ObjectReader` it is lenient where platforms are
/// inconsistent — unknown members are ignored, an empty string counts as absent, an amount or an id may be a
/// string or a number — and strict where Kvitto cannot guess: a value of the wrong kind is recorded at its
/// JSON pointer, so one rejected payload lists every problem at once.
///
/// Numbers are read from their JSON text, never through a `Double`: a 64-bit id stays exact, and an id that
/// some tool already rounded (`820982911946154500`) is kept as given rather than "repaired".
struct PayloadReader {
    let value: JSONValue
    let pointer: String
    let log: FieldErrorLog

    init(_ value: JSONValue, at pointer: String = "", log: FieldErrorLog) {
        self.value = value; self.pointer = pointer; self.log = log
    }

    func path(_ key: String) -> String { jsonPointer(pointer, appending: key) }

    /// The member, or `nil` when it is missing or JSON null.
    func member(_ key: String) -> JSONValue? {
        guard let member = value[key], !member.isNull else { return nil }
        return member
    }

    /// Text from a string or a number; surrounding white space is dropped and an empty string is absent.
    func text(_ key: String, required: Bool = false) -> String? {
        let found: String?
        switch member(key) {
        case .string(let s): found = s.trimmedWhitespace
        case .number(let n): found = n.text
        case nil: found = nil
        default:
            log.add(path(key), "must be a string")
            return nil
        }
        guard let found, !found.isEmpty else {
            if required { log.add(path(key), "is required") }
            return nil
        }
        return found
    }

    /// A platform id: a non-empty string or an integer, as its exact text.
    func identifier(_ key: String, required: Bool = false) -> String? {
        switch member(key) {
        case .string(let s) where !s.trimmedWhitespace.isEmpty: return s.trimmedWhitespace
        case .number(let n) where n.isInteger: return n.text
        case nil, .string:
            if required { log.add(path(key), "is required") }
            return nil
        default:
            log.add(path(key), "must be a non-empty string or an integer")
            return nil
        }
    }

    /// An exact amount from a string (`"29.35"`) or a number (`29.35`, `1599`).
    func money(_ key: String, required: Bool = false) -> Money? {
        guard let member = member(key), member.stringValue?.trimmedWhitespace.isEmpty != true else {
            if required { log.add(path(key), "is required") }
            return nil
        }
        let amount: Money?
        if case .string(let s) = member { amount = Money(parsing: s.trimmedWhitespace) } else { amount = Money(json: member) }
        guard let amount else {
            log.add(path(key), "must be a decimal amount")
            return nil
        }
        return amount
    }

    /// A line quantity: required and positive.
    func quantity(_ key: String) -> Money? {
        guard let quantity = money(key, required: true) else { return nil }
        guard quantity.isPositive else {
            log.add(path(key), "must be a positive number")
            return nil
        }
        return quantity
    }

    func bool(_ key: String) -> Bool? {
        switch member(key) {
        case .bool(let b): return b
        case nil: return nil
        default:
            log.add(path(key), "must be true or false")
            return nil
        }
    }

    func object(_ key: String) -> PayloadReader? {
        guard let member = member(key) else { return nil }
        guard case .object = member else {
            log.add(path(key), "must be an object")
            return nil
        }
        return PayloadReader(member, at: path(key), log: log)
    }

    /// The elements of an array member, each with its own pointer; a missing array is empty.
    func array(_ key: String) -> [PayloadReader] {
        guard let member = member(key) else { return [] }
        return PayloadReader(member, at: path(key), log: log).elements()
    }

    /// The elements when the value itself is an array, as a list endpoint's body is.
    func elements() -> [PayloadReader] {
        guard case .array(let items) = value else {
            log.add(pointer, "must be an array")
            return []
        }
        return items.enumerated().map { PayloadReader($1, at: pointer + "/\($0)", log: log) }
    }

    /// An RFC 3339 timestamp. Platforms that write local time without an offset (`2024-05-01 10:15:00`) are
    /// read in `localTimeZone`, the shop's zone; text with `Z` or an offset is read as written.
    func timestamp(_ key: String, localTimeZone: TimeZone = .gmt) -> Date? {
        guard let text = text(key) else { return nil }
        guard let parsed = Timestamp.parse(text) else {
            log.add(path(key), "must be a date and time")
            return nil
        }
        let zoneDesignator = text.utf8.dropFirst(10).contains { $0 == UInt8(ascii: "Z") || $0 == UInt8(ascii: "z") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
        guard !zoneDesignator else { return parsed }
        // `parsed` read the wall-clock time as UTC; shift by the zone's offset at that moment, then once more
        // at the corrected moment so a time near a daylight-saving change lands on the right side of it.
        let first = parsed.addingTimeInterval(-Double(localTimeZone.secondsFromGMT(for: parsed)))
        return parsed.addingTimeInterval(-Double(localTimeZone.secondsFromGMT(for: first)))
    }

    /// Throws everything recorded so far as one `invalid` error.
    func finish() throws(KvittoError) {
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
    }
}
