import Foundation

/// One webhook delivery as a platform sent it, stored before it is answered (SPEC §7) and kept 14 days.
/// The platform's delivery id makes a repeated delivery recognisable: it is stored once and applied once.
public struct InboxItem: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Stored and answered, not yet mapped (or the process stopped before it was).
        case pending
        /// Mapped and applied: `outcome` names what changed.
        case applied
        /// Mapped, but refused by a rule or unmappable: kept with a rejection record.
        case rejected
        /// A topic Kvitto does not act on (a ping, a delete).
        case ignored
    }

    public var id: String
    public var accountID: String
    public var connectionID: String
    /// The platform's delivery id (`X-Shopify-Webhook-Id`, …) or a digest of the body where there is none.
    public var deliveryKey: String
    public var topic: String
    public var receivedAt: Date
    public var status: Status
    /// The request headers that say what the delivery is (topic, ids, signature), as received.
    public var headers: [String: String]
    /// The raw body, as text (every platform sends UTF-8 JSON or a URL-encoded form).
    public var body: String
    /// What the platform API returned when the webhook only carries ids (FAPI, Sitoo).
    public var fetched: JSONValue
    public var outcome: String?
    public var processedAt: Date?

    public init(id: String, accountID: String, connectionID: String, deliveryKey: String, topic: String, receivedAt: Date,
                headers: [String: String], body: String, fetched: JSONValue = .null) {
        self.id = id; self.accountID = accountID; self.connectionID = connectionID; self.deliveryKey = deliveryKey
        self.topic = topic; self.receivedAt = receivedAt; self.status = .pending; self.headers = headers; self.body = body
        self.fetched = fetched
    }

    public var json: JSONValue {
        .object([
            "id": .string(id), "connection_id": .string(connectionID), "delivery_id": .string(deliveryKey), "topic": .string(topic),
            "received_at": .string(Timestamp.format(receivedAt)), "status": .string(status.rawValue),
            "headers": .object(JSONObject(headers.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            "body": .string(body), "fetched": fetched, "outcome": .string(outcome),
            "processed_at": .string(processedAt.map(Timestamp.format)),
        ])
    }

    public init?(stored json: JSONValue, accountID: String) {
        guard let id = json["id"]?.stringValue, let connectionID = json["connection_id"]?.stringValue,
              let key = json["delivery_id"]?.stringValue,
              let receivedAt = json["received_at"]?.stringValue.flatMap(Timestamp.parse) else { return nil }
        var headers: [String: String] = [:]
        for (name, value) in json["headers"]?.objectValue ?? JSONObject() { headers[name] = value.stringValue }
        self.init(id: id, accountID: accountID, connectionID: connectionID, deliveryKey: key, topic: json["topic"]?.stringValue ?? "",
                  receivedAt: receivedAt, headers: headers, body: json["body"]?.stringValue ?? "", fetched: json["fetched"] ?? .null)
        status = json["status"]?.stringValue.flatMap(Status.init(rawValue:)) ?? .pending
        outcome = json["outcome"]?.stringValue
        processedAt = json["processed_at"]?.stringValue.flatMap(Timestamp.parse)
    }
}

/// A historical import of one connection (SPEC §7): it checkpoints after every page, so a restart goes on
/// from the page after the last one committed, and its orders are upserts, so running it twice imports
/// nothing twice.
public struct Backfill: Sendable, Equatable {
    /// `queued`: asked for while another import of the connection ran; it runs when that one ends.
    public enum Status: String, Sendable, CaseIterable { case queued, running, completed, failed }

    public var id: String
    public var accountID: String
    public var connectionID: String
    public var since: Date
    public var until: Date
    /// Every state, finished ones included (the FAPI/SmartEmailing behaviour).
    public var allStates: Bool
    /// Whether its events fire triggers (by default a historical import fires nothing).
    public var fireTriggers: Bool
    public var status: Status
    /// The platform's position after the last committed page (a cursor URL, a page number, an offset).
    public var checkpoint: JSONValue
    public var pages: Int
    public var imported: Int
    public var rejected: Int
    /// Orders in excluded (finished) states that the import left out.
    public var skipped: Int
    public var error: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?

    public init(id: String, accountID: String, connectionID: String, since: Date, until: Date, allStates: Bool,
                fireTriggers: Bool, createdAt: Date) {
        self.id = id; self.accountID = accountID; self.connectionID = connectionID; self.since = since; self.until = until
        self.allStates = allStates; self.fireTriggers = fireTriggers; self.status = .running; self.checkpoint = .null
        self.pages = 0; self.imported = 0; self.rejected = 0; self.skipped = 0
        self.createdAt = createdAt; self.updatedAt = createdAt
    }

    public var json: JSONValue {
        .object([
            "id": .string(id), "connection_id": .string(connectionID), "status": .string(status.rawValue),
            "since": .string(Timestamp.format(since)), "until": .string(Timestamp.format(until)),
            "all_states": .bool(allStates), "fire_triggers": .bool(fireTriggers),
            "progress": .object(["pages": .number(JSONNumber(pages)), "imported": .number(JSONNumber(imported)),
                                 "rejected": .number(JSONNumber(rejected)), "skipped": .number(JSONNumber(skipped))]),
            "checkpoint": checkpoint, "error": .string(error),
            "created_at": .string(Timestamp.format(createdAt)), "updated_at": .string(Timestamp.format(updatedAt)),
            "finished_at": .string(finishedAt.map(Timestamp.format)),
        ])
    }

    public init?(stored json: JSONValue, accountID: String) {
        guard let id = json["id"]?.stringValue, let connectionID = json["connection_id"]?.stringValue,
              let since = json["since"]?.stringValue.flatMap(Timestamp.parse), let until = json["until"]?.stringValue.flatMap(Timestamp.parse),
              let createdAt = json["created_at"]?.stringValue.flatMap(Timestamp.parse) else { return nil }
        self.init(id: id, accountID: accountID, connectionID: connectionID, since: since, until: until,
                  allStates: json["all_states"]?.boolValue ?? false, fireTriggers: json["fire_triggers"]?.boolValue ?? false,
                  createdAt: createdAt)
        status = json["status"]?.stringValue.flatMap(Status.init(rawValue:)) ?? .running
        checkpoint = json["checkpoint"] ?? .null
        let progress = json["progress"]
        func count(_ name: String) -> Int { progress?[name]?.numberValue?.int64.map { Int($0) } ?? 0 }
        pages = count("pages"); imported = count("imported"); rejected = count("rejected"); skipped = count("skipped")
        error = json["error"]?.stringValue
        updatedAt = json["updated_at"]?.stringValue.flatMap(Timestamp.parse) ?? createdAt
        finishedAt = json["finished_at"]?.stringValue.flatMap(Timestamp.parse)
    }
}
