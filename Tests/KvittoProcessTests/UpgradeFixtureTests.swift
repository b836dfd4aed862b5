import AsyncHTTPClient
import Crypto
import Foundation
import KvittoCore
import KvittoTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// Databases written by released versions of Kvitto (kept in `Tests/Fixtures/upgrades/VERSION/`, made by
/// `scripts/upgrade-fixture` with that version's binary), opened by this one: it migrates them forward and
/// must answer every read the older version answered with everything it answered then, open the secrets it
/// sealed, accept the API keys it issued, and keep every table's rows and every index.
///
/// A schema change needs nothing new here to be covered: every fixture is migrated through it. A release
/// adds its own fixture (`scripts/upgrade-fixture --backend sqlite|postgres --out Tests/Fixtures/upgrades/VERSION/…`).
@Suite("Process: upgrading databases written by released versions")
struct UpgradeFixtureTests {
    /// Sources of the test → the repository root → `Tests/Fixtures/upgrades`.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/upgrades")
    static let versions = ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []).sorted()

    /// Members whose value changes by being used, not by an upgrade: a key's last use (this test uses the keys).
    static let changesWithUse: Set<String> = ["last_used_at"]

    @Test func theRepositoryKeepsTheFirstReleasedVersionsDatabases() {
        #expect(Self.versions.contains("0.1.0"), "fixtures in \(Self.fixtures.path): \(Self.versions)")
        for version in Self.versions {
            for file in ["sqlite/kvitto.sqlite", "sqlite/kvitto.sqlite.key", "sqlite/manifest.json", "postgres/dump.sql", "postgres/manifest.json"] {
                #expect(FileManager.default.fileExists(atPath: Self.fixtures.appendingPathComponent("\(version)/\(file)").path), "\(version)/\(file)")
            }
        }
    }

    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs the kvitto binary (scripts/test builds it)"), arguments: versions)
    func aSQLiteDatabaseOfAnEarlierVersionUpgradesAndAnswersAsBefore(version: String) async throws {
        let binary = try #require(kvittoBinary)
        let fixture = Self.fixtures.appendingPathComponent("\(version)/sqlite")
        let manifest = try Self.manifest(fixture)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // A copy: the kept file must stay as the older version wrote it. Its key file goes beside it, as it was.
        for file in ["kvitto.sqlite", "kvitto.sqlite.key"] {
            try FileManager.default.copyItem(at: fixture.appendingPathComponent(file), to: directory.appendingPathComponent(file))
        }
        let path = directory.appendingPathComponent("kvitto.sqlite").path
        try await Self.upgradeAndCheck(binary: binary, database: "sqlite:" + path, environment: [:], manifest: manifest) {
            try await Self.sqliteShape(path)
        }
    }

    @Test(.enabled(if: kvittoBinary != nil && (postgresURL != nil || runningInCI), "needs the kvitto binary and PostgreSQL (scripts/test provides both)"),
          arguments: versions)
    func aPostgreSQLDatabaseOfAnEarlierVersionUpgradesAndAnswersAsBefore(version: String) async throws {
        let binary = try #require(kvittoBinary)
        let serverURL = try #require(postgresURL, "CI must run the PostgreSQL process tests")
        let fixture = Self.fixtures.appendingPathComponent("\(version)/postgres")
        let manifest = try Self.manifest(fixture)
        let secretKey = try #require(manifest["secret_key"]?.stringValue)
        let name = "kvitto_upgrade_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        _ = try await KvittoProcess.run("psql", [serverURL, "-q", "-c", "CREATE DATABASE \(name)"])
        var components = try #require(URLComponents(string: serverURL))
        components.path = "/" + name
        let url = try #require(components.string)
        do {
            // The dump as the older version's database was: restored, not migrated; the server migrates it.
            _ = try await KvittoProcess.run("psql", [url, "-q", "-v", "ON_ERROR_STOP=1", "-f", fixture.appendingPathComponent("dump.sql").path])
            try await Self.upgradeAndCheck(binary: binary, database: url, environment: ["KVITTO_SECRET_KEY": secretKey], manifest: manifest) {
                try await Self.postgresShape(url)
            }
        } catch {
            _ = try? await KvittoProcess.run("psql", [serverURL, "-q", "-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
            throw error
        }
        _ = try? await KvittoProcess.run("psql", [serverURL, "-q", "-c", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"])
    }

    /// Indexes of the older version that a later migration drops on purpose (14: the delivery queue's lease index).
    static let droppedByLaterMigrations: Set<String> = ["deliveries_lease"]

    static func manifest(_ fixture: URL) throws -> JSONValue {
        try JSONParser.parse(Array(try Data(contentsOf: fixture.appendingPathComponent("manifest.json"))))
    }

    /// Starts this version on the older database and checks it: first as an API process only, so that no
    /// worker retries the older version's pending deliveries or runs its automations while the answers are
    /// compared; then as a whole server again, whose worker signs with the sealed trigger secret.
    static func upgradeAndCheck(binary: String, database: String, environment: [String: String], manifest: JSONValue,
                                shape: () async throws -> (tables: [String: Int], indexes: Set<String>)) async throws {
        let keys = try Self.keys(manifest)
        let api = try KvittoProcess(binary: binary, database: database, arguments: ["--role", "api"], environment: environment)
        try await KvittoProcess.withClient(stopping: [api]) { client in
            try await api.start(client: client)
            let ready = try await client.json(.GET, api.baseURL + "/ready", key: "")
            #expect(ready.status == 200 && ready.json["migrations"] == "done", "\(JSONWriter.string(ready.json))")

            // Every read answers as the older version answered it (the keys it issued are the keys used).
            let reads = manifest["reads"]?.arrayValue ?? []
            #expect(reads.count >= 30, "the manifest records the older version's answers")
            for read in reads {
                let path = try #require(read["path"]?.stringValue)
                let key = try #require(keys[read["key"]?.stringValue ?? ""], "a key named \(read["key"] ?? .null)")
                let answer = try await client.json(.GET, api.baseURL + path, key: key)
                #expect(answer.status == Self.integer(read["status"]), "GET \(path): \(answer.status) \(JSONWriter.string(answer.json).prefix(300))")
                var missing: [String] = []
                Self.collectMissing(read["body"] ?? .null, in: answer.json, at: "", into: &missing)
                #expect(missing.isEmpty, "GET \(path) lost or changed: \(missing.prefix(8).joined(separator: "; "))")
            }

            // Every row and index is still there (the test's own requests only add rows).
            let (tables, indexes) = try await shape()
            for (table, count) in manifest["tables"]?.objectValue ?? [:] {
                let now = tables[table] ?? -1
                #expect(now >= Self.integer(count) ?? 0, "\(table): \(count) rows before the upgrade, \(now) after")
            }
            // Except those a later migration drops on purpose, which must then be gone.
            let recorded = Set((manifest["indexes"]?.arrayValue ?? []).compactMap(\.stringValue))
            let before = recorded.subtracting(Self.droppedByLaterMigrations)
            #expect(!before.isEmpty && before.isSubset(of: indexes), "indexes lost: \(before.subtracting(indexes).sorted())")
            #expect(indexes.isDisjoint(with: Self.droppedByLaterMigrations), "indexes the upgrade drops: \(indexes.intersection(Self.droppedByLaterMigrations).sorted())")
        }

        let receiver = try await WebhookReceiver()
        defer { receiver.stop() }
        let server = try KvittoProcess(binary: binary, database: database, arguments: ["--allow-outbound", "127.0.0.1/32"], environment: environment)
        try await KvittoProcess.withClient(stopping: [server]) { client in
            try await server.start(client: client)
            // The connection's sealed webhook secret still opens: a new delivery signed with it is accepted, one
            // signed with another secret is refused.
            let webhook = try #require(manifest["webhook"])
            let body = try #require(webhook["body"]?.stringValue).replacingOccurrences(of: "\"id\":5001", with: "\"id\":5002")
                .replacingOccurrences(of: "\"number\":\"5001\"", with: "\"number\":\"5002\"")
            let webhookPath = try #require(webhook["path"]?.stringValue)
            let secret = try #require(webhook["secret"]?.stringValue)
            #expect(try await Self.sendWooCommerce(client, server.baseURL + webhookPath, body: body, secret: secret) == 200,
                    "signed with the secret the older version sealed")
            #expect(try await Self.sendWooCommerce(client, server.baseURL + webhookPath, body: body, secret: secret + "x") == 401,
                    "signed with another secret")

            // The trigger's sealed signing secret still signs: a test send to a receiver that verifies with it.
            let trigger = try #require(manifest["ids"]?["trigger"]?.stringValue)
            let triggerSecret = try #require(manifest["trigger_secret"]?.stringValue)
            try await receiver.start(secrets: [triggerSecret])
            let adminKey = try #require(keys["admin"])
            let moved = try await client.json(.PATCH, server.baseURL + "/v1/triggers/\(trigger)", key: adminKey, body: #"{"url": "\#(receiver.url)"}"#)
            #expect(moved.status == 200, "\(JSONWriter.string(moved.json))")
            let sent = try await client.json(.POST, server.baseURL + "/v1/triggers/\(trigger)/test", key: adminKey)
            #expect(sent.status == 200, "\(JSONWriter.string(sent.json))")
            let stats = try await receiver.stats()
            #expect(stats["verified"] == 1 && stats["unverified"] == 0, "\(JSONWriter.string(stats))")
        }
    }

    static func integer(_ value: JSONValue?) -> Int? {
        if case .number(let number)? = value { return Int(number.text) }
        return nil
    }

    static func keys(_ manifest: JSONValue) throws -> [String: String] {
        var keys = ["admin": try #require(manifest["admin_key"]?.stringValue)]
        for (name, key) in manifest["keys"]?.objectValue ?? [:] { keys[name] = key.stringValue }
        return keys
    }

    /// Adds to `missing` what of `recorded` `actual` lacks: every member of a recorded object must be in the
    /// actual one, containing the recorded value; every element of a recorded array must be contained by an
    /// element of the actual array. A newer version may add members and defaults, and the test's own requests
    /// add rows (a look-up to the audit log); it may not drop or change what was there.
    static func collectMissing(_ recorded: JSONValue, in actual: JSONValue, at path: String, into missing: inout [String]) {
        switch (recorded, actual) {
        case (.object(let want), .object(let have)):
            for (name, value) in want where !changesWithUse.contains(name) {
                guard let found = have[name] else { missing.append("\(path)/\(name) is gone"); continue }
                collectMissing(value, in: found, at: "\(path)/\(name)", into: &missing)
            }
        case (.array(let want), .array(let have)):
            for (index, element) in want.enumerated() {
                let contained = have.contains { candidate in
                    var none: [String] = []
                    collectMissing(element, in: candidate, at: "", into: &none)
                    return none.isEmpty
                }
                if !contained { missing.append("\(path)/\(index) (\(JSONWriter.string(element).prefix(160))) is gone or changed") }
            }
        case (.number(let want), .number(let have)) where want.text == have.text:
            break
        case (.string(let want), .string(let have)):
            // A connection's webhook address names the server it was asked on, and the server runs elsewhere now.
            if Self.serverAddressed(want) != Self.serverAddressed(have) {
                missing.append("\(path) was \(want.prefix(120)), is \(have.prefix(120))")
            }
        default:
            if recorded != actual {
                missing.append("\(path) was \(JSONWriter.string(recorded).prefix(120)), is \(JSONWriter.string(actual).prefix(120))")
            }
        }
    }

    /// `text` with `http://127.0.0.1:PORT` made the same whatever the port.
    static func serverAddressed(_ text: String) -> String {
        text.replacing(/http:\/\/127\.0\.0\.1:[0-9]+/, with: "http://127.0.0.1:PORT")
    }

    static func sendWooCommerce(_ client: HTTPClient, _ url: String, body: String, secret: String) async throws -> Int {
        let signature = Data(HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))).base64EncodedString()
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in [("Content-Type", "application/json"), ("X-WC-Webhook-Topic", "order.created"), ("X-WC-Webhook-Resource", "order"),
                              ("X-WC-Webhook-Event", "created"), ("X-WC-Webhook-Source", "https://shop.example/"),
                              ("X-WC-Webhook-Delivery-ID", "9002"), ("X-WC-Webhook-Signature", signature)] {
            request.headers.add(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    /// Row counts and index names of a SQLite database, read with Python's sqlite3 (the server has it open).
    static func sqliteShape(_ path: String) async throws -> (tables: [String: Int], indexes: Set<String>) {
        let script = """
            from json import dumps
            from sqlite3 import connect
            from sys import argv
            db = connect("file:" + argv[1] + "?mode=ro", uri=True)
            tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            indexes = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'")]
            print(dumps({"tables": {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}, "indexes": indexes}))
            """
        return try shape(try await KvittoProcess.run("python3", ["-c", script, path]))
    }

    static func postgresShape(_ url: String) async throws -> (tables: [String: Int], indexes: Set<String>) {
        let sql = """
            SELECT json_build_object(
              'tables', (SELECT json_object_agg(table_name, (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I', table_name), false, true, '')))[1]::text::int)
                         FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'),
              'indexes', (SELECT json_agg(indexname) FROM pg_indexes WHERE schemaname = 'public'))
            """
        return try shape(try await KvittoProcess.run("psql", [url, "-At", "-c", sql]))
    }

    static func shape(_ output: String) throws -> (tables: [String: Int], indexes: Set<String>) {
        let json = try JSONParser.parse(Array(output.utf8))
        var tables: [String: Int] = [:]
        for (table, count) in json["tables"]?.objectValue ?? [:] { tables[table] = integer(count) }
        return (tables, Set((json["indexes"]?.arrayValue ?? []).compactMap(\.stringValue)))
    }
}
