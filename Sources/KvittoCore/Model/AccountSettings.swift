import Foundation

/// How an account sends messages and formats them (SPEC §6, `PATCH /v1/settings`). Secrets (the SMTP
/// password, the SMS gateway's auth header) are kept sealed; they are never answered.
public struct AccountSettings: Sendable, Equatable {
    public struct SMTP: Sendable, Equatable {
        public var host: String
        public var port: Int
        /// Upgrade the connection with STARTTLS (and refuse to send without it).
        public var startTLS: Bool
        public var username: String?
        public var sealedPassword: String?
        /// The From header: `Butiken <order@butiken.se>` or a bare address.
        public var from: String

        public init(host: String, port: Int, startTLS: Bool, username: String?, sealedPassword: String?, from: String) {
            self.host = host; self.port = port; self.startTLS = startTLS; self.username = username
            self.sealedPassword = sealedPassword; self.from = from
        }
    }

    public struct SMSGateway: Sendable, Equatable {
        public var url: String
        public var sealedAuthHeader: String?
        /// Mustache text of the request body, with `{{to}}` (E.164) and `{{text}}`.
        public var body: String

        public init(url: String, sealedAuthHeader: String?, body: String) {
            self.url = url; self.sealedAuthHeader = sealedAuthHeader; self.body = body
        }
    }

    public var smtp: SMTP?
    public var smsGateway: SMSGateway?
    /// IANA time zone messages show times in; nil: the account's country's.
    public var timeZone: String?
    /// Language and region of messages (`sv-SE`); nil: the account's country's.
    public var locale: String?
    /// Where Kvitto writes when a trigger is disabled or a sender keeps failing.
    public var alertEmail: String?
    /// When the weekly engagement recompute runs, in the account's time zone: a weekday (1 Sunday … 7 Saturday,
    /// as `Calendar` counts) and an hour; nil: Sunday, 18.
    public var engagementWeekday: Int?
    public var engagementHour: Int?

    /// The loyalty club: whether a customer registered at a till gets a member number, and its form
    /// (`prefix` then a number counting up from `firstMemberNumber`; a number is never issued twice).
    public struct Loyalty: Sendable, Equatable {
        public var issueMemberNumbers = false
        public var memberNumberPrefix = ""
        public var firstMemberNumber: Int64 = 1
        public init() {}
    }
    public var loyalty = Loyalty()

    /// What the tills see. `ownPurchasesOnly`: a customer's purchase history at the till lists only purchases
    /// made at tills, not web orders (some merchants keep web orders from shop staff).
    /// `sectionGroups`: the custom field groups the till shows on the customer card, in this order; nil shows
    /// every group.
    public struct POS: Sendable, Equatable {
        public var ownPurchasesOnly = false
        public var sectionGroups: [String]?
        public init() {}
    }
    public var pos = POS()

    public static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    public var updatedAt: Date?

    public init() {}

    /// What `GET /v1/settings` answers: secrets only as whether they are set.
    public var json: JSONValue {
        var object: JSONObject = [:]
        object["smtp"] = smtp.map { smtp -> JSONValue in
            ["host": .string(smtp.host), "port": .number(JSONNumber(smtp.port)), "starttls": .bool(smtp.startTLS),
             "username": .string(smtp.username), "password_set": .bool(smtp.sealedPassword != nil), "from": .string(smtp.from)]
        } ?? .null
        object["sms_gateway"] = smsGateway.map { gateway -> JSONValue in
            ["url": .string(gateway.url), "auth_header_set": .bool(gateway.sealedAuthHeader != nil), "body": .string(gateway.body)]
        } ?? .null
        object["time_zone"] = .string(timeZone)
        object["locale"] = .string(locale)
        object["alert_email"] = .string(alertEmail)
        object["engagement_schedule"] = ["weekday": .string(Self.weekdays[(engagementWeekday ?? 1) - 1]), "hour": .number(JSONNumber(engagementHour ?? 18))]
        object["loyalty"] = ["issue_member_numbers": .bool(loyalty.issueMemberNumbers), "member_number_prefix": .string(loyalty.memberNumberPrefix),
                             "first_member_number": .number(JSONNumber(loyalty.firstMemberNumber))]
        object["pos"] = ["own_purchases_only": .bool(pos.ownPurchasesOnly),
                         "sections": pos.sectionGroups.map { .array($0.map(JSONValue.string)) } ?? .null]
        object["updated_at"] = .string(updatedAt.map(Timestamp.format))
        return .object(object)
    }

    /// The stored form: as `json`, with the sealed secrets.
    public var storedJSON: JSONValue {
        guard case .object(var object) = json else { return json }
        if let smtp, case .object(var stored)? = object["smtp"] {
            stored["sealed_password"] = .string(smtp.sealedPassword)
            stored["password_set"] = nil
            object["smtp"] = .object(stored)
        }
        if let smsGateway, case .object(var stored)? = object["sms_gateway"] {
            stored["sealed_auth_header"] = .string(smsGateway.sealedAuthHeader)
            stored["auth_header_set"] = nil
            object["sms_gateway"] = .object(stored)
        }
        return .object(object)
    }

    public init(stored json: JSONValue) {
        if let smtp = json["smtp"], smtp.objectValue != nil {
            self.smtp = SMTP(host: smtp["host"]?.stringValue ?? "", port: Int(smtp["port"]?.numberValue?.int64 ?? 587),
                             startTLS: smtp["starttls"]?.boolValue ?? true, username: smtp["username"]?.stringValue,
                             sealedPassword: smtp["sealed_password"]?.stringValue, from: smtp["from"]?.stringValue ?? "")
        }
        if let gateway = json["sms_gateway"], gateway.objectValue != nil {
            smsGateway = SMSGateway(url: gateway["url"]?.stringValue ?? "", sealedAuthHeader: gateway["sealed_auth_header"]?.stringValue,
                                    body: gateway["body"]?.stringValue ?? "")
        }
        timeZone = json["time_zone"]?.stringValue
        locale = json["locale"]?.stringValue
        alertEmail = json["alert_email"]?.stringValue
        if let schedule = json["engagement_schedule"], let day = schedule["weekday"]?.stringValue, let index = Self.weekdays.firstIndex(of: day),
           let hour = schedule["hour"]?.numberValue?.int64 {
            // Stored only when set; the defaults read back as unset.
            if index != 0 || hour != 18 { engagementWeekday = index + 1; engagementHour = Int(hour) }
        }
        if let club = json["loyalty"], club.objectValue != nil {
            loyalty.issueMemberNumbers = club["issue_member_numbers"]?.boolValue ?? false
            loyalty.memberNumberPrefix = club["member_number_prefix"]?.stringValue ?? ""
            loyalty.firstMemberNumber = club["first_member_number"]?.numberValue?.int64 ?? 1
        }
        pos.ownPurchasesOnly = json["pos"]?["own_purchases_only"]?.boolValue ?? false
        pos.sectionGroups = json["pos"]?["sections"]?.arrayValue?.compactMap(\.stringValue)
        updatedAt = json["updated_at"]?.stringValue.flatMap(Timestamp.parse)
    }
}
