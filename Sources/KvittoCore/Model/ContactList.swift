import Foundation

/// A named list of contacts (SPEC §6). A contact may be in several lists, or in none ("no list": where
/// contacts synced with their orders land until someone sorts them).
public struct ContactList: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var name: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, accountID: String, name: String, createdAt: Date) {
        self.id = id; self.accountID = accountID; self.name = name; self.createdAt = createdAt; self.updatedAt = createdAt
    }

    public var json: JSONValue {
        ["id": .string(id), "name": .string(name), "created_at": .string(Timestamp.format(createdAt)),
         "updated_at": .string(Timestamp.format(updatedAt))]
    }

    /// As stored (`json`; the account is a column beside it). Strict: see `StoredDocument`.
    public init(stored json: JSONValue, accountID: String) throws {
        let doc = try StoredDocument(json, what: "list")
        self.init(id: try doc.string("id"), accountID: accountID, name: try doc.string("name"), createdAt: try doc.timestamp("created_at"))
        updatedAt = try doc.timestamp("updated_at")
    }
}

/// Which contacts a list of contacts shows: all, those in no list, or those in one list.
public enum ListMembership: Sendable, Equatable {
    case any
    case noList
    case inList(String)
}
