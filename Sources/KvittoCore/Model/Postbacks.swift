import Foundation

/// A stored template. `postback` templates shape postback bodies: a JSON document whose values may be
/// `$expr`, `$template` or `$literal` directives (SPEC §5). `email` and `sms` templates are messages: their
/// body holds Mustache text per part (`subject`, `html`, `text` for e-mail; `text` for SMS, SPEC §6).
/// Compiled and rendered by `KvittoTemplates`.
public struct Template: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable { case postback, email, sms }

    /// Whether a message may go to anyone (order, shipping and delivery confirmations, receipts) or only to
    /// contacts who agreed to marketing and did not unsubscribe.
    public enum Purpose: String, Sendable, CaseIterable { case transactional, marketing }

    public var id: String
    public var accountID: String
    public var name: String
    public var kind: Kind
    public var body: JSONValue
    /// Messages only: see `Purpose`.
    public var purpose: Purpose?
    /// The stable key of a standard template (`order_confirmation.sv`), by which integrations find it; nil
    /// for templates the merchant created.
    public var key: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, accountID: String, name: String, kind: Kind, body: JSONValue, purpose: Purpose? = nil,
                key: String? = nil, createdAt: Date) {
        self.id = id; self.accountID = accountID; self.name = name; self.kind = kind; self.body = body
        self.purpose = purpose; self.key = key
        self.createdAt = createdAt; self.updatedAt = createdAt
    }

    public var isMessage: Bool { kind != .postback }

    public var json: JSONValue {
        var object: JSONObject = ["id": .string(id), "name": .string(name), "kind": .string(kind.rawValue)]
        if isMessage {
            object["purpose"] = .string((purpose ?? .marketing).rawValue)
            object["key"] = .string(key)
        }
        object["body"] = body
        object["created_at"] = .string(Timestamp.format(createdAt))
        object["updated_at"] = .string(Timestamp.format(updatedAt))
        return .object(object)
    }

    /// As stored (`json`; the account is a column beside it). Strict: see `StoredDocument`.
    public init(stored json: JSONValue, accountID: String) throws {
        let doc = try StoredDocument(json, what: "template")
        guard let body = json["body"] else { throw doc.problem("body", "missing") }
        self.init(id: try doc.string("id"), accountID: accountID, name: try doc.string("name"),
                  kind: try doc.value("kind", as: Kind.self), body: body,
                  purpose: try doc.optionalValue("purpose", as: Purpose.self), key: try doc.optionalString("key"),
                  createdAt: try doc.timestamp("created_at"))
        updatedAt = try doc.timestamp("updated_at")
    }
}

/// A postback trigger: which events, which filter, where to, signed with which secret.
public struct Trigger: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable { case post = "POST", put = "PUT" }

    public var id: String
    public var accountID: String
    public var name: String
    public var eventTypes: [EventType]
    /// A JMESPath expression over the event envelope that must be truthy.
    public var filter: String?
    /// Where the postback goes: an http(s) URL, or (`email` set, `url` empty) an e-mail address.
    public var url: String
    /// An e-mail destination: the payload is sent as the text of an e-mail through the account's SMTP server.
    public var email: String?
    public var method: Method
    public var templateID: String?
    public var retry: Bool
    public var active: Bool
    /// The signing secret, sealed with the process's secret key (`SecretBox`); never returned after creation.
    public var sealedSecret: String
    /// The secret before the last rotation, which keeps signing alongside the new one until `previousSecretExpiresAt`.
    public var sealedPreviousSecret: String?
    public var previousSecretExpiresAt: Date?
    /// Set when Kvitto switched the trigger off (410 Gone, five days of failures), with the reason.
    public var disabledAt: Date?
    public var disabledReason: String?
    /// Since when every attempt to this endpoint has failed; cleared by a success.
    public var failingSince: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, accountID: String, name: String, eventTypes: [EventType], url: String, method: Method,
                sealedSecret: String, createdAt: Date) {
        self.id = id; self.accountID = accountID; self.name = name; self.eventTypes = eventTypes; self.url = url
        self.method = method; self.retry = true; self.active = true; self.sealedSecret = sealedSecret
        self.createdAt = createdAt; self.updatedAt = createdAt
    }

    /// The trigger as the API shows it: secrets are never part of it.
    public var json: JSONValue {
        [
            "id": .string(id), "name": .string(name), "event_types": .array(eventTypes.map { .string($0.rawValue) }),
            "filter": .string(filter), "url": email == nil ? .string(url) : .null, "email": .string(email),
            "method": .string(method.rawValue), "format": "json",
            "template_id": .string(templateID), "retry": .bool(retry), "active": .bool(active),
            "previous_secret_expires_at": .string(previousSecretExpiresAt.map(Timestamp.format)),
            "disabled_at": .string(disabledAt.map(Timestamp.format)), "disabled_reason": .string(disabledReason),
            "failing_since": .string(failingSince.map(Timestamp.format)),
            "created_at": .string(Timestamp.format(createdAt)), "updated_at": .string(Timestamp.format(updatedAt)),
        ]
    }

    /// Stored form: the API form plus the sealed secrets.
    public var storedJSON: JSONValue {
        var object = json.objectValue!
        object["sealed_secret"] = .string(sealedSecret)
        object["sealed_previous_secret"] = .string(sealedPreviousSecret)
        return .object(object)
    }

    /// As stored (`storedJSON`; the account is a column beside it). Strict: see `StoredDocument`.
    public init(stored json: JSONValue, accountID: String) throws {
        let doc = try StoredDocument(json, what: "trigger")
        // An event type this version does not know was written by a newer one: the trigger still fires for
        // the types it knows, as it did there.
        let eventTypes = try doc.array("event_types").compactMap { type -> EventType? in
            guard let name = type.stringValue else { throw doc.problem("event_types", "holds a value that is not a string") }
            return EventType(rawValue: name)
        }
        self.init(id: try doc.string("id"), accountID: accountID, name: try doc.string("name"), eventTypes: eventTypes,
                  url: try doc.optionalString("url") ?? "", method: try doc.optionalValue("method", as: Method.self) ?? .post,
                  sealedSecret: try doc.string("sealed_secret"), createdAt: try doc.timestamp("created_at"))
        filter = try doc.optionalString("filter"); templateID = try doc.optionalString("template_id"); email = try doc.optionalString("email")
        retry = try doc.bool("retry", absent: true); active = try doc.bool("active", absent: true)
        sealedPreviousSecret = try doc.optionalString("sealed_previous_secret")
        previousSecretExpiresAt = try doc.optionalTimestamp("previous_secret_expires_at")
        disabledAt = try doc.optionalTimestamp("disabled_at"); disabledReason = try doc.optionalString("disabled_reason")
        failingSince = try doc.optionalTimestamp("failing_since")
        updatedAt = try doc.timestamp("updated_at")
    }
}

/// One message to one destination, retried until it succeeds or gives up: an event sent to a trigger's
/// URL (its id is the `webhook-id` the receiver sees, stable across retries and replays), an e-mail or
/// SMS an automation queued for a contact, or an order's status written back to its platform.
public struct Delivery: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable { case pending, succeeded, failed }
    public enum Channel: String, Sendable, CaseIterable { case postback, email, sms, platform }

    public var id: String
    public var accountID: String
    public var channel: Channel
    /// Postbacks: the trigger. Messages: empty (see `automationID`).
    public var triggerID: String
    /// Messages: the automation and run that queued it, the template it renders and where it goes
    /// (an e-mail address or an E.164 number, as the contact had it when the message was queued).
    public var automationID: String?
    public var runID: String?
    public var templateID: String?
    public var contactID: String?
    public var recipient: String?
    /// An e-mail Kvitto writes itself (an alert to the account's alert address): `subject` and `text`,
    /// sent as they are instead of a template.
    public var notice: JSONValue?
    /// Status write-backs: the order and the connection (its platform) it is written to.
    public var connectionID: String?
    public var orderID: String?
    public var eventID: String
    public var eventType: EventType
    public var status: Status
    public var attempts: Int
    /// The attempt count when the current round began (0, or the count at the last replay): the retry
    /// schedule restarts with a replay while attempt numbers keep counting.
    public var cycleStart: Int
    public var nextAttemptAt: Date?
    public var lastStatusCode: Int?
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, accountID: String, triggerID: String, eventID: String, eventType: EventType, createdAt: Date) {
        self.id = id; self.accountID = accountID; self.channel = .postback; self.triggerID = triggerID; self.eventID = eventID; self.eventType = eventType
        self.status = .pending; self.attempts = 0; self.cycleStart = 0; self.nextAttemptAt = createdAt; self.createdAt = createdAt; self.updatedAt = createdAt
    }

    /// A message an automation queued: `channel` e-mail or SMS, rendered from `templateID` for `recipient`.
    public static func message(id: String, accountID: String, channel: Channel, automationID: String, runID: String,
                               templateID: String, contactID: String?, recipient: String, event: Event, createdAt: Date) -> Delivery {
        var delivery = Delivery(id: id, accountID: accountID, triggerID: "", eventID: event.id, eventType: event.type, createdAt: createdAt)
        delivery.channel = channel; delivery.automationID = automationID; delivery.runID = runID
        delivery.templateID = templateID; delivery.contactID = contactID; delivery.recipient = recipient
        return delivery
    }

    /// An order's status written back to the platform of `connectionID`. `event` is the status change's
    /// event, nil where the write waited for the order to be locked.
    public static func statusWrite(id: String, accountID: String, connectionID: String, order: Order, event: Event?,
                                   createdAt: Date) -> Delivery {
        var delivery = Delivery(id: id, accountID: accountID, triggerID: "", eventID: event?.id ?? "",
                                eventType: event?.type ?? order.status.eventType, createdAt: createdAt)
        delivery.channel = .platform
        delivery.connectionID = connectionID
        delivery.orderID = order.id
        return delivery
    }

    /// What the queue's `trigger_id` column holds, which `GET /v1/deliveries?trigger_id=` filters by: the
    /// trigger of a postback, the automation of a message, the connection of a status write-back.
    public var sourceID: String {
        switch channel {
        case .postback: triggerID
        case .platform: connectionID ?? ""
        case .email, .sms: automationID ?? (notice != nil ? "alerts" : "")
        }
    }

    /// An e-mail from Kvitto to the account (an alert), queued and retried like any message.
    public static func notice(id: String, accountID: String, to recipient: String, subject: String, text: String, event: Event?,
                              createdAt: Date) -> Delivery {
        var delivery = Delivery(id: id, accountID: accountID, triggerID: "", eventID: event?.id ?? "", eventType: event?.type ?? .contactUpdated,
                                createdAt: createdAt)
        delivery.channel = .email
        delivery.recipient = recipient
        delivery.notice = ["subject": .string(subject), "text": .string(text)]
        return delivery
    }

    public var json: JSONValue {
        var object: JSONObject = [
            "id": .string(id), "channel": .string(channel.rawValue),
            "trigger_id": channel == .postback ? .string(triggerID) : .null,
            "event_id": .string(eventID), "event_type": .string(eventType.rawValue),
            "status": .string(status.rawValue), "attempt_count": .number(JSONNumber(attempts)),
            "cycle_start": .number(JSONNumber(cycleStart)),
            "next_attempt_at": .string(nextAttemptAt.map(Timestamp.format)),
            "last_status_code": lastStatusCode.map { .number(JSONNumber($0)) } ?? .null, "last_error": .string(lastError),
            "created_at": .string(Timestamp.format(createdAt)), "updated_at": .string(Timestamp.format(updatedAt)),
        ]
        if channel == .platform {
            object["connection_id"] = .string(connectionID); object["order_id"] = .string(orderID)
        } else if channel != .postback {
            object["automation_id"] = .string(automationID); object["run_id"] = .string(runID)
            object["template_id"] = .string(templateID); object["contact_id"] = .string(contactID)
            object["recipient"] = .string(recipient)
            if let notice { object["notice"] = notice }
        }
        return .object(object)
    }
}

/// One HTTP attempt of a delivery, as the log shows it.
public struct DeliveryAttempt: Sendable, Equatable {
    public var deliveryID: String
    public var number: Int
    public var at: Date
    public var statusCode: Int?
    public var latencyMilliseconds: Int
    public var responseHeaders: JSONValue
    /// At most 4 KiB of the response body.
    public var responseExcerpt: String?
    public var error: String?
    /// Status write-backs: the platform status the attempt wrote.
    public var platformStatus: String?

    public init(deliveryID: String, number: Int, at: Date, statusCode: Int?, latencyMilliseconds: Int,
                responseHeaders: JSONValue, responseExcerpt: String?, error: String?, platformStatus: String? = nil) {
        self.deliveryID = deliveryID; self.number = number; self.at = at; self.statusCode = statusCode
        self.latencyMilliseconds = latencyMilliseconds; self.responseHeaders = responseHeaders
        self.responseExcerpt = responseExcerpt; self.error = error; self.platformStatus = platformStatus
    }

    public var json: JSONValue {
        var object: JSONObject = [
            "number": .number(JSONNumber(number)), "at": .string(Timestamp.format(at)),
            "status_code": statusCode.map { .number(JSONNumber($0)) } ?? .null,
            "latency_ms": .number(JSONNumber(latencyMilliseconds)), "response_headers": responseHeaders,
            "response_excerpt": .string(responseExcerpt), "error": .string(error),
        ]
        if let platformStatus { object["platform_status"] = .string(platformStatus) }
        return .object(object)
    }

    /// As stored (`json`; the delivery is a column beside it). Strict: see `StoredDocument`.
    public init(stored json: JSONValue, deliveryID: String) throws {
        let doc = try StoredDocument(json, what: "delivery attempt")
        self.init(deliveryID: deliveryID, number: try doc.int("number"), at: try doc.timestamp("at"),
                  statusCode: try doc.optionalInt("status_code"), latencyMilliseconds: try doc.int("latency_ms"),
                  responseHeaders: json["response_headers"] ?? .null, responseExcerpt: try doc.optionalString("response_excerpt"),
                  error: try doc.optionalString("error"), platformStatus: try doc.optionalString("platform_status"))
    }
}
