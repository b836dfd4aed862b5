import Foundation
import KvittoCore

/// Appends events to an account's log. Runs inside the write that made the change, so an event exists
/// exactly when its change was committed.
public enum EventLog {
    @discardableResult
    public static func emit(_ type: EventType, account: String, origin: EventOrigin, order: Order?, contact: Contact?,
                            extra: [(String, JSONValue)] = [], in writer: any StoreWriter, now: Date) throws -> Event {
        try emit(type, account: account, origin: origin, orderDocument: order?.json, contactDocument: contact?.json,
                 extra: extra, in: writer, now: now)
    }

    /// As `emit(_:account:origin:order:contact:…)`, with the documents the caller already built.
    @discardableResult
    /// - Parameter startsOrder: the event is the first of a new order (what automations' time rules count from).
    public static func emit(_ type: EventType, account: String, origin: EventOrigin, orderDocument: JSONValue?,
                            contactDocument: JSONValue?, extra: [(String, JSONValue)] = [], startsOrder: Bool = false,
                            in writer: any StoreWriter, now: Date) throws -> Event {
        var data = JSONObject(extra)
        if let orderDocument { data["order"] = orderDocument }
        data["contact"] = contactDocument ?? .null
        var event = Event(id: KvittoID.make(.event, at: now), accountID: account, sequence: 0, type: type,
                          occurredAt: now, origin: origin, data: .object(data))
        // 0 until numbered: a backend that numbers at commit leaves it so, and trigger filters see it so.
        if let sequence = try writer.appendEvent(event) { event.sequence = sequence }
        try Postbacks.fanOut(event, in: writer, fireBackfill: Postbacks.backfillFiresTriggers)
        try Automations.enter(event, startsOrder: startsOrder, in: writer, fireBackfill: Postbacks.backfillFiresTriggers)
        return event
    }

    public static func note(_ kind: TimelineEntry.Kind, on subjectID: String, account: String, text: String,
                            data: JSONValue = .null, in writer: any StoreWriter, now: Date) throws {
        try writer.insertTimeline(TimelineEntry(id: KvittoID.make(.timeline, at: now), accountID: account,
                                                subjectID: subjectID, kind: kind, at: now, text: text, data: data))
    }
}

/// Custom field groups: created on first write with an inferred type; later values must fit that type.
public enum FieldRegistry {
    /// Checks `groups` against the account's definitions, creating the missing ones.
    /// - Parameter pointer: where the groups sit in the request, for error messages.
    public static func register(_ groups: FieldGroups, account: String, pointer: String, in writer: any StoreWriter) throws {
        var errors: [FieldError] = []
        for group in groups.keys.sorted() {
            for (name, value) in groups[group]!.sorted(by: { $0.key < $1.key }) where !value.isNull {
                if let definition = try writer.fieldDefinition(account: account, group: group, name: name) {
                    if !definition.type.accepts(value) {
                        errors.append(FieldError("\(pointer)/\(group)/\(name)",
                                                 "field \(group).\(name) is of type \(definition.type.rawValue); this value is not"))
                    }
                } else {
                    try writer.insertFieldDefinition(FieldDefinition(group: group, name: name, type: FieldType.infer(value)), account: account)
                }
            }
        }
        if !errors.isEmpty { throw KvittoError.invalid(errors) }
    }
}
