import AsyncHTTPClient
import Foundation
import Hummingbird
import KvittoCore
import KvittoDelivery
import KvittoHTTP
import KvittoImport
import KvittoMail
import KvittoPostgres
import KvittoSQLite
import KvittoSQL
import KvittoStorage
import Logging
import ServiceLifecycle
import UnixSignals

/// What the `kvitto` commands do, kept out of the executable so tests can call it.
public enum KvittoCommands {
    /// - Parameter extra: services that run beside Kvitto's own, given the open store (`kvitto demo`'s shop).
    public static func serve(_ configuration: KvittoConfiguration, demoInbox: DemoInbox? = nil,
                             extra: @escaping @Sendable (any KvittoStore, Logger) -> [any Service] = { _, _ in [] }) async throws {
        var configuration = configuration
        LogOutput.bootstrapOnce(configuration.logFormat)
        let lock = try ServerLock.take(database: configuration.database)
        defer { lock?.release() }
        configuration.secretKey = try SecretKeyFile.resolve(configuration)
        let logger = KvittoApp.makeLogger(configuration.logLevel)
        let served = try StoreFactory.served(configuration.database, writers: configuration.databaseWriters, logger: logger)
        let running = RunningServices()
        let configured = configuration
        // The application is built once the store is open, which (on PostgreSQL) needs the connection pool
        // already running as a service of the same group.
        let application = ServiceBody {
            let store = try await served.open()
            logger.info("storage ready", metadata: ["database": "\(redacted(configured.database))", "role": "\(configured.role.rawValue)"])
            let app: any ApplicationProtocol
            do {
                app = try KvittoApp.buildApplication(configuration: configured, store: store, logger: logger, running: running,
                                                     demoInbox: demoInbox, extraServices: extra(store, logger))
            } catch {
                try? await store.close()
                throw error
            }
            try await app.run()
        }
        ShutdownWatchdog.arm(limit: .milliseconds(Int(configuration.shutdownTimeout * 1000)), running: running, logger: logger)
        let group = ServiceGroup(configuration: .init(services: served.services + [application],
                                                      gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// `kvitto backup`: SQLite only (PostgreSQL has pg_dump).
    public static func backup(database: String, to destination: String) throws -> Int64 {
        guard let path = DatabaseLocation(database).sqlitePath else {
            throw KvittoError.invalid([FieldError("/database", "backup copies a SQLite database; back PostgreSQL up with pg_dump")])
        }
        return try SQLiteBackup.copy(from: path, to: destination)
    }

    /// What `kvitto migrate` would do to `database`, in lines to print; changes nothing. A database a newer
    /// version migrated throws, as opening it does.
    public static func migrationPlan(database: String) async throws -> [String] {
        let applied: Set<Int64>?
        let dialect: SQLDialect
        switch DatabaseLocation(database) {
        case .postgres(let url):
            applied = try await PostgresStore.appliedMigrations(url: url, logger: KvittoApp.makeLogger(.warning))
            dialect = .postgres
        case .sqlite(let path):
            applied = try SQLiteStore.appliedMigrations(path: path)
            dialect = .sqlite
        case .memory:
            return ["an in-memory database is made afresh each time: nothing to migrate"]
        }
        let pending = try SQLMigrator.pending(applied: applied ?? [], dialect: dialect)
        guard !pending.isEmpty else { return ["\(redacted(database)) is up to date: nothing would change"] }
        let head = applied == nil
            ? "\(redacted(database)) does not exist yet; migrate would create it with \(pending.count) migrations:"
            : "\(redacted(database)) would get \(pending.count) migration\(pending.count == 1 ? "" : "s"):"
        return [head] + pending.map { "  \($0.version < 1000 ? "schema" : "data") \($0.version): \($0.summary)" }
    }

    public static func migrate(database: String) async throws {
        let store = try await StoreFactory.open(database, logger: KvittoApp.makeLogger(.warning))
        try await store.close()
    }

    public static func createAccount(database: String, name: String, currency: String, country: String) async throws -> (accountID: String, adminKey: String) {
        try await withStore(database) { store in
            let created = try await store.write { w in
                try KvittoStorage.Accounts.create(name: name, currency: currency.uppercased(), country: country, in: w, now: SystemClock().now())
            }
            return (created.account.id, created.adminKey)
        }
    }

    public static func createKey(database: String, account: String, name: String, scopes: String) async throws -> (keyID: String, secret: String) {
        let parsed = try APIKeySecret.parseScopes(scopes)
        return try await withStore(database) { store in
            let (key, secret) = try await store.write { w in
                try KvittoStorage.Accounts.createKey(account: account, name: name, scopes: parsed, in: w, now: SystemClock().now())
            }
            return (key.id, secret)
        }
    }

    /// `kvitto users create`: a user of the admin. Without a password one is generated (and returned, to be
    /// shown once).
    public static func createUser(database: String, account: String, email: String, name: String, role: String,
                                  password: String?) async throws -> (user: AdminUser, generatedPassword: String?) {
        guard let role = AdminUser.Role(rawValue: role) else {
            throw KvittoError.invalid([FieldError("/role", "one of " + AdminUser.Role.allCases.map(\.rawValue).joined(separator: ", "))])
        }
        let generated = password == nil ? String(APIKeySecret.generate().secret.dropFirst(4).prefix(20)) : nil
        let chosen = password ?? generated ?? ""
        let hash = try AdminUsers.hash(chosen)
        return try await withStore(database) { store in
            let user = try await store.write { w in
                try AdminUsers.create(AdminUsers.NewUser(email: email, name: name, role: role, password: chosen), passwordHash: hash,
                                      account: account, in: w, now: SystemClock().now())
            }
            return (user, generated)
        }
    }

    public static func listKeys(database: String, account: String) async throws -> [String] {
        try await withStore(database) { store in
            let keys = try await store.read { r in try r.apiKeys(account: account) }
            return keys.map { key in
                [key.id, key.prefix + "…", key.name, key.scopes.sorted().map(\.rawValue).joined(separator: ","),
                 "created " + Timestamp.format(key.createdAt), "last used " + (key.lastUsedAt.map(Timestamp.format) ?? "never"),
                 key.revokedAt.map { "REVOKED " + Timestamp.format($0) } ?? "active"].joined(separator: "  ")
            }
        }
    }

    public static func revokeKey(database: String, keyID: String) async throws {
        try await withStore(database) { store in
            let revoked = try await store.write { w in try w.revokeAPIKey(account: nil, id: keyID, at: SystemClock().now()) }
            if !revoked { throw KvittoError.notFound("active API key \(keyID)") }
        }
    }

    /// `kvitto demo`: a fresh SQLite database in a temporary directory (unless `database` is given) with a
    /// demo account, its API key and an owner user; a demo shop that sends an order every few seconds; a
    /// mail catcher and a postback sink whose catch the admin shows (Demo inbox), with automations that
    /// send the order and shipping confirmations and a postback of the orders' events; and the server.
    /// Ctrl-C stops it all and deletes the temporary directory.
    public static func demo(database: String?, port: Int, interval: Duration = .seconds(5)) async throws {
        var directory: URL?
        let chosen: String
        if let database {
            chosen = database
        } else {
            let made = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-demo-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: made, withIntermediateDirectories: true)
            directory = made
            chosen = "sqlite:" + made.appendingPathComponent("kvitto.sqlite").path
        }
        defer { if let directory { try? FileManager.default.removeItem(at: directory) } }
        var configuration = try KvittoConfiguration.fromEnvironment()
        configuration.database = chosen
        configuration.port = port
        // The sink and the catcher are on this machine, which the outbound guard otherwise refuses.
        configuration.allowOutbound = [configuration.allowOutbound, "127.0.0.1/32"].filter { !$0.isEmpty }.joined(separator: ",")
        let inbox = DemoInbox()
        let catcher = try await MailCatcher.start { mail in inbox.add(mail) }
        do {
            let created = try await createAccount(database: chosen, name: "Demobutiken", currency: "SEK", country: "SE")
            let user = try await createUser(database: chosen, account: created.accountID, email: "demo@example.se", name: "Demo",
                                            role: AdminUser.Role.owner.rawValue, password: nil)
            configuration.secretKey = try SecretKeyFile.resolve(configuration)
            try await withStore(chosen) { store in
                try await DemoSetUp.run(store: store, accountID: created.accountID, secrets: SecretBox(keyMaterial: configuration.secretKey),
                                        addresses: OutboundAddressPolicy(allowList: try OutboundAddressPolicy.parseAllowList(configuration.allowOutbound)),
                                        mailPort: catcher.port, sinkURL: "http://127.0.0.1:\(port)/demo/postbacks")
            }
            print("""
            Kvitto demo on http://127.0.0.1:\(port) (database \(chosen))
              admin     http://127.0.0.1:\(port)/admin/login
              sign in   demo@example.se  password \(user.generatedPassword ?? "")
              API key   \(created.adminKey)

            The demo shop sends an order every \(interval.components.seconds) s and ships and delivers earlier ones;
            watch them arrive under Orders and Contacts. Kvitto e-mails the order and shipping confirmations and
            posts the orders' events; nothing leaves this machine: see them under Demo inbox (the mail catcher
            listens on 127.0.0.1:\(catcher.port)). Ctrl-C stops everything.

            With curl:
              export KEY=\(created.adminKey)
              curl -s "http://127.0.0.1:\(port)/v1/orders" -H "Authorization: Bearer $KEY"
              curl -s "http://127.0.0.1:\(port)/v1/events?after=0" -H "Authorization: Bearer $KEY"
            """)
            // Standard output into a pipe or a file is buffered: without this the sign-in would appear only at the end.
            fflush(nil)  // every output stream; `stdout` itself is not concurrency-safe to name
            let accountID = created.accountID
            try await serve(configuration, demoInbox: inbox) { store, logger in
                [DemoShop(store: store, accountID: accountID, interval: interval, logger: logger)]
            }
        } catch {
            await catcher.stop()
            throw error
        }
        await catcher.stop()
    }

    /// `kvitto backfill`: runs a connection's historical import in this process, drawing progress on
    /// stderr; a backfill of the connection left running (a crash) is resumed from its checkpoint.
    public static func backfill(database: String, allowOutbound: String?, connectionID: String, request: BackfillRequest,
                                progress: @escaping @Sendable (BackfillProgress) -> Void) async throws -> Backfill {
        var configuration = try KvittoConfiguration.fromEnvironment()
        configuration.database = database
        if let allowOutbound { configuration.allowOutbound = allowOutbound }
        let secrets = SecretBox(keyMaterial: try SecretKeyFile.resolve(configuration))
        let logger = KvittoApp.makeLogger(.warning)
        let outbound = OutboundGuard(policy: OutboundAddressPolicy(allowList: try OutboundAddressPolicy.parseAllowList(configuration.allowOutbound)))
        let client = PinnedHTTPClients(configuration: PlatformHTTP.clientConfiguration)
        return try await withStore(database) { store in
            let http = PlatformHTTP(client: { host in try await outbound.client(for: host, from: client) })
            let runner = BackfillRunner(store: store, secrets: secrets, http: http, logger: logger)
            do {
                let backfill = try await runner.create(connectionID: connectionID, account: nil, request: request)
                // A backfill left running by a process that was killed is still leased to it for up to
                // `BackfillRunner.lease`: wait that out (and a little more) instead of refusing at once.
                let giveUp = Date().addingTimeInterval(BackfillRunner.lease + 5)
                var told = false
                while true {
                    do {
                        let finished = try await runner.run(backfill, progress: progress)
                        try await client.shutdown()
                        return finished
                    } catch let error as KvittoError where error.code == .conflict && Date() < giveUp {
                        if !told {
                            FileHandle.standardError.write(Data(("\(backfill.id) is held by another run (or by a process that stopped); "
                                + "waiting up to \(Int(BackfillRunner.lease + 5)) s for its lease to run out\n").utf8))
                            told = true
                        }
                        try await Task.sleep(for: .seconds(2))
                    }
                }
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
    }

    /// One line of progress: pages, orders imported, rejected, rate and (where the total is known) ETA.
    public static func progressLine(_ p: BackfillProgress) -> String {
        let done = p.backfill.imported + p.backfill.rejected + p.backfill.skipped
        let rate = p.elapsed > 0 ? Double(done) / p.elapsed : 0
        var line = "\(p.backfill.id)  pages \(p.backfill.pages)  imported \(p.backfill.imported)  rejected \(p.backfill.rejected)"
            + "  skipped \(p.backfill.skipped)  \(Int(rate)) orders/s"
        if let total = p.total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let width = 24, filled = Int(fraction * Double(width))
            line = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
                + "\(Int(fraction * 100))%  " + line
            if rate > 0, done < total { line += "  ETA \(Int(Double(total - done) / rate)) s" }
        }
        return line
    }

    static func withStore<T>(_ database: String, _ body: (any KvittoStore) async throws -> T) async throws -> T {
        let store = try await StoreFactory.open(database, logger: KvittoApp.makeLogger(.warning))
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }

    /// A database URL without its password, for logs and output: the password of `user:password@host` (up to
    /// the last `@`, so one with an unescaped `@` or `/` goes whole) and a `password=` query parameter. Text,
    /// not URL parsing: a URL too malformed to parse must not come out with its password.
    public static func redacted(_ database: String) -> String {
        var text = database
        if let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@"),
           let colon = text[scheme.upperBound..<at].firstIndex(of: ":") {
            text.replaceSubrange(text.index(after: colon)..<at, with: "***")
        }
        return text.replacing(/([?&]password=)[^&]*/) { "\($0.output.1)***" }
    }
}

/// A service that runs a closure: the application, built once what it needs runs.
struct ServiceBody: Service {
    let body: @Sendable () async throws -> Void

    func run() async throws { try await body() }
}
