import Foundation

public struct Address: Sendable, Equatable {
    public var name: String?
    public var line1: String?
    public var line2: String?
    public var postalCode: String?
    public var city: String?
    public var region: String?
    public var country: String?

    public init(name: String? = nil, line1: String? = nil, line2: String? = nil, postalCode: String? = nil,
                city: String? = nil, region: String? = nil, country: String? = nil) {
        self.name = name; self.line1 = line1; self.line2 = line2; self.postalCode = postalCode
        self.city = city; self.region = region; self.country = country
    }

    public var json: JSONValue {
        var o = JSONObject()
        if let name { o["name"] = .string(name) }
        o["line1"] = .string(line1); o["line2"] = .string(line2); o["postal_code"] = .string(postalCode)
        o["city"] = .string(city); o["region"] = .string(region); o["country"] = .string(country)
        return .object(o)
    }

    /// Reads an address of a request; `allowName` for shipping addresses, which name a recipient.
    public static func read(_ reader: inout ObjectReader, allowName: Bool) -> Address {
        var address = Address()
        if allowName { address.name = reader.string("name") }
        address.line1 = reader.string("line1"); address.line2 = reader.string("line2")
        address.postalCode = reader.string("postal_code"); address.city = reader.string("city")
        address.region = reader.string("region"); address.country = reader.string("country", maxLength: 2)
        reader.finish()
        return address
    }

    /// Reads an address that Kvitto wrote itself.
    public init(stored json: JSONValue) {
        name = json["name"]?.stringValue; line1 = json["line1"]?.stringValue; line2 = json["line2"]?.stringValue
        postalCode = json["postal_code"]?.stringValue; city = json["city"]?.stringValue
        region = json["region"]?.stringValue; country = json["country"]?.stringValue
    }
}

/// A person a merchant knows, found by e-mail key or E.164 phone.
public struct Contact: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var email: String?
    public var emailKey: String?
    public var phone: String?
    public var phoneRaw: String?
    public var firstName: String?
    public var lastName: String?
    public var address: Address?
    public var tags: [String]
    public var fields: FieldGroups
    public var consent: Bool?
    public var blacklisted: Bool
    /// When the contact last unsubscribed from marketing (the one-click link in an e-mail); nil: never.
    public var unsubscribedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, accountID: String, createdAt: Date) {
        self.id = id; self.accountID = accountID; self.tags = []; self.fields = [:]; self.blacklisted = false
        self.createdAt = createdAt; self.updatedAt = createdAt
    }

    /// Why a marketing message must not go to this contact, or nil when it may (SPEC §6: blacklisted,
    /// consent false or unknown, unsubscribed). Transactional messages ignore this.
    public var marketingRefusal: String? {
        if blacklisted { return "the contact is blacklisted" }
        if unsubscribedAt != nil { return "the contact unsubscribed" }
        if consent != true { return consent == false ? "the contact did not consent to marketing" : "the contact's consent to marketing is unknown" }
        return nil
    }

    /// The contact as the API shows it and as it is stored.
    public var json: JSONValue {
        [
            "id": .string(id), "email": .string(email), "phone": .string(phone), "phone_raw": .string(phoneRaw),
            "first_name": .string(firstName), "last_name": .string(lastName), "address": address?.json ?? .null,
            "tags": .array(tags.map { .string($0) }), "fields": fields.json, "consent": consent.map { .bool($0) } ?? .null,
            "blacklisted": .bool(blacklisted), "unsubscribed_at": .string(unsubscribedAt.map(Timestamp.format)), "created_at": .string(Timestamp.format(createdAt)),
            "updated_at": .string(Timestamp.format(updatedAt)),
        ]
    }

    /// As stored (`json`; the account is a column beside it). Strict: see `StoredDocument`.
    public init(stored json: JSONValue, accountID: String) throws {
        let doc = try StoredDocument(json, what: "contact")
        self.init(id: try doc.string("id"), accountID: accountID, createdAt: try doc.timestamp("created_at"))
        email = try doc.optionalString("email")
        emailKey = email.flatMap(EmailKey.make)
        phone = try doc.optionalString("phone"); phoneRaw = try doc.optionalString("phone_raw")
        firstName = try doc.optionalString("first_name"); lastName = try doc.optionalString("last_name")
        if let a = json["address"], !a.isNull { address = Address(stored: a) }
        tags = try doc.array("tags").map { tag in
            guard let text = tag.stringValue else { throw doc.problem("tags", "holds a value that is not a string") }
            return text
        }
        fields = try doc.fieldGroups("fields")
        consent = try doc.optionalBool("consent")
        blacklisted = try doc.bool("blacklisted", absent: false)
        unsubscribedAt = try doc.optionalTimestamp("unsubscribed_at")
        updatedAt = try doc.timestamp("updated_at")
    }
}

/// A contact as a request describes it (`POST /v1/contacts`, an order's `customer`).
public struct ContactInput: Sendable, Equatable {
    public var email: String?
    public var phone: String?
    public var firstName: String?
    public var lastName: String?
    public var address: Address?
    public var tags: [String]?
    public var fields: FieldGroups?
    public var consent: Bool?
    public var blacklisted: Bool?

    public init(email: String? = nil, phone: String? = nil, firstName: String? = nil, lastName: String? = nil) {
        self.email = email; self.phone = phone; self.firstName = firstName; self.lastName = lastName
    }

    public static func read(_ reader: inout ObjectReader) -> ContactInput {
        var input = ContactInput()
        input.email = reader.string("email", maxLength: 254)
        input.phone = reader.string("phone", maxLength: 40)
        input.firstName = reader.string("first_name"); input.lastName = reader.string("last_name")
        if var a = reader.object("address") { input.address = Address.read(&a, allowName: false) }
        input.tags = reader.stringArray("tags")
        if let f = reader.value("fields") { input.fields = FieldGroups.read(f, at: reader.path("fields"), log: reader.log) }
        input.consent = reader.bool("consent"); input.blacklisted = reader.bool("blacklisted")
        reader.finish()
        return input
    }
}
