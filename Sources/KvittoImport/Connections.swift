import Foundation
import KvittoConnectors
import KvittoCore
import KvittoStorage

/// `POST|PATCH /v1/connections` as a request describes it; every member optional on PATCH.
public struct ConnectionInput: Sendable {
    public var kind: Connection.Kind?
    public var name: String?
    /// Platform credentials: string values only, sealed before they are stored.
    public var credentials: [String: String]?
    public var productKey: ProductKey??
    public var requireContactChannel: Bool?
    public var statusMapping: [String: OrderStatus]?
    public var statusSync: Bool?
    public var importWindowDays: Int?
    public var excludedStates: [String]?
    public var sendOrderData: Bool?
    public var statusWriteBack: Bool?
    public var statusWriteMapping: [OrderStatus: String]?

    public init() {}

    public static func read(_ json: JSONValue) throws(KvittoError) -> ConnectionInput {
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(json, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        var input = ConnectionInput()
        input.kind = r.enumeration("kind", Connection.Kind.self)
        input.name = r.string("name", maxLength: 100)
        if input.name?.isEmpty == true { log.add("/name", "must not be empty") }
        if var c = r.object("credentials") {
            var credentials: [String: String] = [:]
            for key in c.object.keys {
                // A credential is replaced, never removed: null is not "leave it out" here but a mistake.
                if c.object[key] == .null { log.add(c.path(key), "must be a string") }
                if let text = c.string(key, maxLength: 2000) { credentials[key] = text }
            }
            input.credentials = credentials
        }
        if var s = r.object("settings") {
            if s.object["product_key"] == .null { input.productKey = .some(nil) }
            if let key = s.enumeration("product_key", ProductKey.self) { input.productKey = .some(key) }
            input.requireContactChannel = s.bool("require_contact_channel")
            if let mapping = s.value("status_mapping") {
                do throws(KvittoError) {
                    input.statusMapping = try StatusMapping(statuses: [:]).overriding(with: mapping, at: s.path("status_mapping")).statuses
                } catch {
                    for e in error.fieldErrors { log.add(e.pointer, e.detail) }
                }
            }
            input.statusSync = s.bool("status_sync")
            if let days = s.value("import_window_days") {
                if let n = days.numberValue?.int64, (1...3650).contains(n) { input.importWindowDays = Int(n) } else {
                    log.add(s.path("import_window_days"), "must be a whole number of days from 1 to 3650")
                }
            }
            input.excludedStates = s.stringArray("excluded_states")
            input.sendOrderData = s.bool("send_order_data")
            input.statusWriteBack = s.bool("status_write_back")
            if let mapping = s.value("status_write_mapping") {
                input.statusWriteMapping = readWriteMapping(mapping, at: s.path("status_write_mapping"), log: log)
            }
            s.finish()
        }
        r.finish()
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        return input
    }

    /// `{"shipped": "wc-shipped"}`: Kvitto status → the platform status to write for it.
    static func readWriteMapping(_ json: JSONValue, at pointer: String, log: FieldErrorLog) -> [OrderStatus: String]? {
        guard case .object(let entries) = json else {
            log.add(pointer, "must be an object of Kvitto status → platform status")
            return nil
        }
        var mapping: [OrderStatus: String] = [:]
        for (name, value) in entries {
            let entryPointer = jsonPointer(pointer, appending: name)
            guard let status = OrderStatus(rawValue: name) else {
                log.add(entryPointer, "is not a Kvitto status; use one of \(OrderStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            guard let raw = value.stringValue?.trimmedWhitespace, !raw.isEmpty, raw.utf8.count <= 100 else {
                log.add(entryPointer, "must be the platform's status, a non-empty text of at most 100 bytes")
                continue
            }
            mapping[status] = raw
        }
        return mapping
    }
}

/// Platform connections (SPEC §7): defaults per platform from seed 004, sealed credentials, webhook tokens.
public enum Connections {
    /// Credentials a platform's webhooks cannot be checked without (the others serve imports).
    static func requiredCredentials(_ kind: Connection.Kind) -> [String] {
        switch kind {
        case .shopify: ["webhook_secret"]
        case .fapi: ["user", "api_key"]  // a FAPI notification is checked against the invoice fetched with them
        case .api, .woocommerce, .cartum, .sitoo: []
        }
    }

    /// A new connection with the platform's defaults (seed 004): the initial import leaves finished orders
    /// out; Shopify keeps orders whose customer data its plan hides and does not sync statuses; WooCommerce
    /// refuses orders without a customer or a contact channel.
    public static func defaults(for kind: Connection.Kind) -> (settings: ConnectionSettings, requireContactChannel: Bool) {
        var settings = ConnectionSettings()
        settings.excludedStates = StatusMapping.defaults(for: kind).finished.sorted()
        settings.statusSync = kind != .shopify
        settings.statusWriteBack = StatusWriteBack.isSupported(kind)
        let requireContact: Bool = switch kind {
        case .api, .woocommerce, .fapi: true
        case .shopify, .cartum, .sitoo: false
        }
        return (settings, requireContact)
    }

    /// Creates a connection. Returns it with its credentials (as given, or generated where Kvitto is the
    /// one that makes the secret: the WooCommerce webhook secret, the Cartum and Sitoo URL tokens), which
    /// the create answer shows once.
    /// - Parameter addresses: the process's outbound policy: a platform address (`base_url`, `site_url`,
    ///   `shop_domain`) that is a literal address it refuses is a 422 here, not only at the first import.
    public static func create(_ input: ConnectionInput, account: Account, secrets: SecretBox,
                              addresses: OutboundAddressPolicy = OutboundAddressPolicy(), in writer: any StoreWriter,
                              now: Date) throws -> (Connection, credentials: [String: String]) {
        var errors: [FieldError] = []
        if input.kind == nil { errors.append(FieldError("/kind", "is required")) }
        if input.name == nil { errors.append(FieldError("/name", "is required")) }
        if input.kind == .api { errors.append(FieldError("/kind", "api connections are made by posting orders with a source label")) }
        guard errors.isEmpty, let kind = input.kind, let name = input.name else { throw KvittoError.invalid(errors) }
        try checkAddresses(input.credentials ?? [:], addresses)
        try checkWriteBack(input, kind: kind)
        var credentials = input.credentials ?? [:]
        if kind == .woocommerce, credentials["webhook_secret"] == nil { credentials["webhook_secret"] = randomToken() }
        let missing = requiredCredentials(kind).filter { credentials[$0]?.isEmpty ?? true }
        if !missing.isEmpty {
            throw KvittoError.invalid(missing.map { FieldError("/credentials/\($0)", "is required for \(kind.rawValue) webhooks") })
        }
        if try writer.connection(account: account.id, kind: kind, name: name) != nil {
            throw KvittoError(code: .conflict, detail: "a \(kind.rawValue) connection named \(name) exists")
        }
        let (defaults, requireContact) = defaults(for: kind)
        var connection = Connection(id: KvittoID.make(.connection, at: now), accountID: account.id, kind: kind, name: name,
                                    requireContactChannel: requireContact, settings: defaults, createdAt: now)
        if kind == .cartum || kind == .sitoo { connection.webhookToken = randomToken() }
        apply(input, to: &connection)
        connection.sealedCredentials = try seal(credentials, secrets: secrets)
        try writer.insertConnection(connection)
        return (connection, credentials)
    }

    public static func update(id: String, with input: ConnectionInput, account: Account, secrets: SecretBox,
                              addresses: OutboundAddressPolicy = OutboundAddressPolicy(), in writer: any StoreWriter,
                              now: Date) throws -> Connection {
        try checkAddresses(input.credentials ?? [:], addresses)
        guard var connection = try writer.connection(account: account.id, id: id), connection.kind != .api else {
            throw KvittoError.notFound("connection \(id)")
        }
        if let kind = input.kind, kind != connection.kind {
            throw KvittoError.invalid([FieldError("/kind", "cannot change; make a new connection")])
        }
        try checkWriteBack(input, kind: connection.kind)
        if let name = input.name, name != connection.name {
            if try writer.connection(account: account.id, kind: connection.kind, name: name) != nil {
                throw KvittoError(code: .conflict, detail: "a \(connection.kind.rawValue) connection named \(name) exists")
            }
            connection.name = name
        }
        apply(input, to: &connection)
        if let changes = input.credentials {
            // Credentials merge: a PATCH that sends only a new token keeps the webhook secret.
            var credentials = try self.credentials(of: connection, secrets: secrets)
            for (key, value) in changes { credentials[key] = value }
            connection.sealedCredentials = try seal(credentials, secrets: secrets)
        }
        connection.updatedAt = now
        try writer.updateConnection(connection)
        return connection
    }

    /// The credentials that name where the platform's API is.
    static let addressCredentials = ["base_url", "site_url", "shop_domain"]

    static func checkAddresses(_ credentials: [String: String], _ addresses: OutboundAddressPolicy) throws {
        let refused = addressCredentials.compactMap { name in
            credentials[name].flatMap { addresses.refusal(destination: $0) }.map { FieldError("/credentials/\(name)", $0) }
        }
        if !refused.isEmpty { throw KvittoError.invalid(refused) }
    }

    public static func credentials(of connection: Connection, secrets: SecretBox) throws -> [String: String] {
        guard let sealed = connection.sealedCredentials else { return [:] }
        guard let opened = try? secrets.open(sealed) else {
            throw KvittoError(code: .conflict, detail: "the credentials of connection \(connection.id) cannot be opened: this process's "
                + "secret key (KVITTO_SECRET_KEY, or the key file beside the SQLite database) is not the one they were sealed with")
        }
        let json = try JSONParser.parse(opened)
        var credentials: [String: String] = [:]
        for (key, value) in json.objectValue ?? JSONObject() { credentials[key] = value.stringValue }
        return credentials
    }

    static func seal(_ credentials: [String: String], secrets: SecretBox) throws -> String {
        try secrets.seal(JSONWriter.string(.object(JSONObject(credentials.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }))))
    }

    static func apply(_ input: ConnectionInput, to connection: inout Connection) {
        if let key = input.productKey { connection.productKey = key }
        if let require = input.requireContactChannel { connection.requireContactChannel = require }
        if let mapping = input.statusMapping { connection.settings.statusMapping = mapping }
        if let sync = input.statusSync { connection.settings.statusSync = sync }
        if let days = input.importWindowDays { connection.settings.importWindowDays = days }
        if let states = input.excludedStates { connection.settings.excludedStates = states }
        if let send = input.sendOrderData { connection.settings.sendOrderData = send }
        if let writeBack = input.statusWriteBack { connection.settings.statusWriteBack = writeBack }
        if let mapping = input.statusWriteMapping { connection.settings.statusWriteMapping = mapping }
    }

    /// Write-back settings only where the platform can be written to (seed 004: Shopify and FAPI cannot).
    static func checkWriteBack(_ input: ConnectionInput, kind: Connection.Kind) throws(KvittoError) {
        guard !StatusWriteBack.isSupported(kind) else { return }
        var errors: [FieldError] = []
        if input.statusWriteBack == true {
            errors.append(FieldError("/settings/status_write_back", "\(kind.rawValue) orders' statuses cannot be written back; only woocommerce and cartum"))
        }
        if let mapping = input.statusWriteMapping, !mapping.isEmpty {
            errors.append(FieldError("/settings/status_write_mapping", "\(kind.rawValue) orders' statuses are not written back"))
        }
        if !errors.isEmpty { throw KvittoError.invalid(errors) }
    }

    /// The connection's status mapping: the platform's defaults with the merchant's overrides.
    public static func statusMapping(of connection: Connection) -> StatusMapping {
        var mapping = StatusMapping.defaults(for: connection.kind)
        for (raw, status) in connection.settings.statusMapping { mapping.statuses[raw.lowercased()] = status }
        mapping.finished = Set(connection.settings.excludedStates.map { $0.lowercased() })
        return mapping
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        // randomElement draws uniformly (no modulo bias) from the system's cryptographically secure generator.
        return String((0..<40).map { _ in alphabet.randomElement(using: &generator)! })
    }
}
