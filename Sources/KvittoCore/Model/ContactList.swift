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

    public init(stored json: JSONValue, accountID: String) {
        self.init(id: json["id"]?.stringValue ?? "", accountID: accountID, name: json["name"]?.stringValue ?? "",
                  createdAt: json["created_at"]?.stringValue.flatMap(Timestamp.parse) ?? Date(timeIntervalSince1970: 0))
        updatedAt = json["updated_at"]?.stringValue.flatMap(Timestamp.parse) ?? createdAt
    }
}

/// Which contacts a list of contacts shows: all, those in no list, or those in one list.
public enum ListMembership: Sendable, Equatable {
    case any
    case noList
    case inList(String)
}
