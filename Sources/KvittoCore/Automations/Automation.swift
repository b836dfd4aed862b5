import Foundation

/// A flow a contact walks through (SPEC §6): what starts it, and its steps in order.
public struct Automation: Sendable, Equatable {
    /// What makes a contact enter.
    public enum Entry: Sendable, Equatable {
        /// An event of this type, if `filter` (JMESPath over the event envelope) is truthy.
        case event(EventType, filter: String?)
        /// The tag was added to the contact (`contact.tag_added` with this tag).
        case tag(String)
        /// N days after each new order of the contact (thank-you, retention).
        case daysAfterOrder(Int)
        /// N days after the contact's latest order, unless another order comes first (winback): each new
        /// order cancels the waiting run and starts the count again.
        case daysWithoutOrder(Int)

        public var json: JSONValue {
            switch self {
            case .event(let type, let filter):
                var object: JSONObject = ["event_type": .string(type.rawValue)]
                if let filter { object["filter"] = .string(filter) }
                return .object(object)
            case .tag(let tag): return ["tag": .string(tag)]
            case .daysAfterOrder(let days): return ["days_after_order": .number(JSONNumber(days))]
            case .daysWithoutOrder(let days): return ["days_without_order": .number(JSONNumber(days))]
            }
        }

        public init?(stored json: JSONValue) {
            if let type = json["event_type"]?.stringValue.flatMap(EventType.init(rawValue:)) {
                self = .event(type, filter: json["filter"]?.stringValue)
            } else if let tag = json["tag"]?.stringValue {
                self = .tag(tag)
            } else if let days = json["days_after_order"]?.numberValue?.int64 {
                self = .daysAfterOrder(Int(days))
            } else if let days = json["days_without_order"]?.numberValue?.int64 {
                self = .daysWithoutOrder(Int(days))
            } else {
                return nil
            }
        }
    }

    /// One thing a run does.
    public enum Step: Sendable, Equatable {
        /// Queue a message to the contact; `active` false skips it (the step stays in the flow).
        case email(templateID: String, active: Bool)
        case sms(templateID: String, active: Bool)
        case wait(ISODuration)
        case addTag(String)
        case removeTag(String)
        /// Queue a postback of the run's event to this trigger.
        case postback(triggerID: String)

        public var type: String {
            switch self {
            case .email: "email"
            case .sms: "sms"
            case .wait: "wait"
            case .addTag: "add_tag"
            case .removeTag: "remove_tag"
            case .postback: "postback"
            }
        }

        public var json: JSONValue {
            switch self {
            case .email(let id, let active), .sms(let id, let active):
                return ["type": .string(type), "template_id": .string(id), "active": .bool(active)]
            case .wait(let duration): return ["type": "wait", "duration": .string(duration.text)]
            case .addTag(let tag), .removeTag(let tag): return ["type": .string(type), "tag": .string(tag)]
            case .postback(let id): return ["type": "postback", "trigger_id": .string(id)]
            }
        }

        public init?(stored json: JSONValue) {
            switch json["type"]?.stringValue {
            case "email": self = .email(templateID: json["template_id"]?.stringValue ?? "", active: json["active"]?.boolValue ?? true)
            case "sms": self = .sms(templateID: json["template_id"]?.stringValue ?? "", active: json["active"]?.boolValue ?? true)
            case "wait":
                guard let duration = json["duration"]?.stringValue.flatMap(ISODuration.init) else { return nil }
                self = .wait(duration)
            case "add_tag": self = .addTag(json["tag"]?.stringValue ?? "")
            case "remove_tag": self = .removeTag(json["tag"]?.stringValue ?? "")
            case "postback": self = .postback(triggerID: json["trigger_id"]?.stringValue ?? "")
            default: return nil
            }
        }
    }

    public var id: String
    public var accountID: String
    public var name: String
    public var active: Bool
    public var entry: Entry
    public var steps: [Step]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, accountID: String, name: String, active: Bool, entry: Entry, steps: [Step], createdAt: Date) {
        self.id = id; self.accountID = accountID; self.name = name; self.active = active; self.entry = entry
        self.steps = steps; self.createdAt = createdAt; self.updatedAt = createdAt
    }

    public var json: JSONValue {
        ["id": .string(id), "name": .string(name), "active": .bool(active), "trigger": entry.json,
         "steps": .array(steps.map(\.json)), "created_at": .string(Timestamp.format(createdAt)),
         "updated_at": .string(Timestamp.format(updatedAt))]
    }

    /// As stored (`json`; the account is a column beside it). Strict: see `StoredDocument`. A trigger or
    /// step this version cannot read is an error, not an automation that silently does less.
    public init(stored json: JSONValue, accountID: String) throws {
        let doc = try StoredDocument(json, what: "automation")
        guard let entry = json["trigger"].flatMap(Entry.init(stored:)) else { throw doc.problem("trigger", "missing or not a trigger") }
        let steps = try doc.array("steps").enumerated().map { index, step in
            guard let read = Step(stored: step) else { throw doc.problem("steps", "step \(index + 1) is not a step") }
            return read
        }
        self.init(id: try doc.string("id"), accountID: accountID, name: try doc.string("name"),
                  active: try doc.bool("active", absent: false), entry: entry, steps: steps, createdAt: try doc.timestamp("created_at"))
        updatedAt = try doc.timestamp("updated_at")
    }
}

/// One contact's walk through one automation, started by one event. Stored, so waits survive restarts;
/// unique per automation and event, so an event processed twice starts one run.
public struct AutomationRun: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        /// Due at `dueAt` to go on with step `nextStep`.
        case waiting
        /// Every step ran.
        case completed
        /// Stopped before its end: the automation was switched off or deleted, the contact ordered again
        /// (winback) or was erased.
        case cancelled
    }

    /// What happened at one step, as the run's log shows it.
    public struct LogEntry: Sendable, Equatable {
        public var at: Date
        public var step: Int
        public var outcome: String
        /// The delivery a message or postback step queued.
        public var deliveryID: String?

        public init(at: Date, step: Int, outcome: String, deliveryID: String? = nil) {
            self.at = at; self.step = step; self.outcome = outcome; self.deliveryID = deliveryID
        }

        public var json: JSONValue {
            ["at": .string(Timestamp.format(at)), "step": .number(JSONNumber(step)), "outcome": .string(outcome),
             "delivery_id": .string(deliveryID)]
        }

        init(stored doc: StoredDocument) throws {
            self.init(at: try doc.timestamp("at"), step: try doc.int("step"), outcome: try doc.string("outcome"),
                      deliveryID: try doc.optionalString("delivery_id"))
        }
    }

    public var id: String
    public var accountID: String
    public var automationID: String
    public var contactID: String?
    /// The event that started the run; message steps render it.
    public var eventID: String
    public var status: Status
    /// The index of the step to run when the run is next due.
    public var nextStep: Int
    public var dueAt: Date?
    public var log: [LogEntry]
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, accountID: String, automationID: String, contactID: String?, eventID: String, dueAt: Date, createdAt: Date) {
        self.id = id; self.accountID = accountID; self.automationID = automationID; self.contactID = contactID
        self.eventID = eventID; self.status = .waiting; self.nextStep = 0; self.dueAt = dueAt; self.log = []
        self.createdAt = createdAt; self.updatedAt = createdAt
    }

    public var json: JSONValue {
        ["id": .string(id), "automation_id": .string(automationID), "contact_id": .string(contactID), "event_id": .string(eventID),
         "status": .string(status.rawValue), "next_step": .number(JSONNumber(nextStep)),
         "due_at": .string(dueAt.map(Timestamp.format)), "log": .array(log.map(\.json)),
         "created_at": .string(Timestamp.format(createdAt)), "updated_at": .string(Timestamp.format(updatedAt))]
    }

    /// As stored (`json`; the account is a column beside it). Strict: see `StoredDocument`.
    public init(stored json: JSONValue, accountID: String) throws {
        let doc = try StoredDocument(json, what: "automation run")
        let createdAt = try doc.timestamp("created_at")
        self.init(id: try doc.string("id"), accountID: accountID, automationID: try doc.string("automation_id"),
                  contactID: try doc.optionalString("contact_id"), eventID: try doc.string("event_id"),
                  dueAt: createdAt, createdAt: createdAt)
        status = try doc.value("status", as: Status.self)
        nextStep = try doc.int("next_step")
        dueAt = try doc.optionalTimestamp("due_at")
        log = try doc.array("log").map { try LogEntry(stored: doc.nested("log", $0)) }
        updatedAt = try doc.timestamp("updated_at")
    }
}
