import ArgumentParser
import Foundation
import KvittoApp
import KvittoCore
import KvittoImport

@main
struct Kvitto: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kvitto",
        abstract: "A self-hosted commerce event hub.",
        version: BuildInfo.versionLine,
        subcommands: [Serve.self, Migrate.self, Backup.self, Accounts.self, Keys.self, Users.self, Backfill.self, Demo.self]
    )
}

/// `--database`, shared by every command that touches storage; `KVITTO_DATABASE` when the flag is absent.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "sqlite:PATH (default sqlite:./kvitto.sqlite) or postgres://user:password@host:port/database. Env: KVITTO_DATABASE.")
    var database: String?

    func resolved() throws -> String {
        try database ?? KvittoConfiguration.fromEnvironment().database
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP API, and (role all or worker) the delivery worker, the inbox, imports and the scheduler.",
        discussion: KvittoConfiguration.settingsHelp)

    @OptionGroup var storage: DatabaseOptions
    @Option(help: "Interface to listen on. Env: KVITTO_HOST (default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on. Env: KVITTO_PORT (default 8080).") var port: Int?
    @Option(help: "all | api | worker. Env: KVITTO_ROLE (default all).") var role: String?
    @Option(help: "trace | debug | info | notice | warning | error | critical. Env: KVITTO_LOG_LEVEL (default info).") var logLevel: String?
    @Option(help: "text | json (one object per line). Env: KVITTO_LOG_FORMAT (default text).") var logFormat: String?
    @Option(help: "Comma-separated CIDRs postbacks may reach although private or loopback, e.g. 127.0.0.1/32. Env: KVITTO_ALLOW_OUTBOUND.")
    var allowOutbound: String?

    func run() async throws {
        var configuration = try KvittoConfiguration.fromEnvironment()
        configuration.database = try storage.resolved()
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        if let allowOutbound { configuration.allowOutbound = allowOutbound }
        if let role {
            guard let parsed = KvittoConfiguration.Role(rawValue: role) else { throw ValidationError("--role must be all, api or worker") }
            configuration.role = parsed
        }
        if let logLevel {
            guard let parsed = Logger.Level(rawValue: logLevel) else { throw ValidationError("unknown --log-level \(logLevel)") }
            configuration.logLevel = parsed
        }
        if let logFormat {
            guard let parsed = KvittoConfiguration.LogFormat(rawValue: logFormat) else { throw ValidationError("--log-format must be text or json") }
            configuration.logFormat = parsed
        }
        try await KvittoCommands.serve(configuration)
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema, then exit.")
    @OptionGroup var storage: DatabaseOptions
    @Flag(help: "Say which migrations would be applied, and change nothing.") var dryRun = false

    func run() async throws {
        if dryRun {
            for line in try await KvittoCommands.migrationPlan(database: storage.resolved()) { print(line) }
            return
        }
        try await KvittoCommands.migrate(database: storage.resolved())
        print("migrated \(KvittoCommands.redacted(try storage.resolved()))")
    }
}

struct Backup: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy a SQLite database, consistently, while a server goes on using it.",
        discussion: "The copy is the database as of one commit, with its key file (FILE.key) beside it. PostgreSQL: use pg_dump.")
    @OptionGroup var storage: DatabaseOptions
    @Option(help: "The new file to write (never overwritten).") var to: String

    func run() async throws {
        let bytes = try KvittoCommands.backup(database: try storage.resolved(), to: to)
        print("backed up \(KvittoCommands.redacted(try storage.resolved())) to \(to) (\(bytes) bytes)")
    }
}

struct Accounts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage accounts (merchants).", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an account and its first admin key.")
        @OptionGroup var storage: DatabaseOptions
        @Option(help: "The merchant's name.") var name: String
        @Option(help: "ISO 4217 currency; orders in another currency are rejected.") var currency: String
        @Option(help: "Default country for phone numbers (SE, DK, NO, FI, CZ, SK, PL, DE, GB, UA, US, …).") var country: String
        @Flag(help: "Print {\"account_id\": …, \"admin_key\": …} as JSON.") var json = false

        func run() async throws {
            let created = try await KvittoCommands.createAccount(database: try storage.resolved(), name: name, currency: currency, country: country)
            if json {
                print(#"{"account_id": "\#(created.accountID)", "admin_key": "\#(created.adminKey)"}"#)
            } else {
                print("account   \(created.accountID)")
                print("admin key \(created.adminKey)")
                print("The key is shown once; store it now.")
            }
        }
    }
}

struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage API keys.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a named key with scopes; the secret is shown once.")
        @OptionGroup var storage: DatabaseOptions
        @Option(help: "The account the key belongs to.") var account: String
        @Option(help: "A name to tell the key by.") var name: String
        @Option(help: "Comma-separated: admin, ingest, read, pos.") var scopes: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            let created = try await KvittoCommands.createKey(database: try storage.resolved(), account: account, name: name, scopes: scopes)
            if json {
                print(#"{"key_id": "\#(created.keyID)", "key": "\#(created.secret)"}"#)
            } else {
                print("key id \(created.keyID)")
                print("key    \(created.secret)")
                print("The key is shown once; store it now.")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List an account's keys (never their secrets).")
        @OptionGroup var storage: DatabaseOptions
        @Option(help: "The account.") var account: String

        func run() async throws {
            for line in try await KvittoCommands.listKeys(database: try storage.resolved(), account: account) { print(line) }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a key; it stops working at once.")
        @OptionGroup var storage: DatabaseOptions
        @Argument(help: "The key id (key_…).") var keyID: String

        func run() async throws {
            try await KvittoCommands.revokeKey(database: try storage.resolved(), keyID: keyID)
            print("revoked \(keyID)")
        }
    }
}

struct Users: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Manage the users who sign in to the admin.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user of the admin (/admin/login).",
            discussion: "Without --password-stdin a password is generated and shown once.")
        @OptionGroup var storage: DatabaseOptions
        @Option(help: "The account the user works in.") var account: String
        @Option(help: "The e-mail address the user signs in with.") var email: String
        @Option(help: "The user's name, as the audit log shows it.") var name = ""
        @Option(help: "owner | admin | staff | viewer.") var role = "owner"
        @Flag(help: "Read the password (at least 12 characters) from the first line of standard input.") var passwordStdin = false

        func run() async throws {
            let password = passwordStdin ? readLine(strippingNewline: true) : nil
            let (user, generated) = try await KvittoCommands.createUser(database: try storage.resolved(), account: account, email: email,
                                                                        name: name, role: role, password: password)
            print("user     \(user.id) (\(user.role.rawValue))")
            print("email    \(user.email)")
            if let generated {
                print("password \(generated)")
                print("The password is shown once; store it now.")
            }
        }
    }
}

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start Kvitto with a demo account, an admin user and a demo shop that sends orders.",
        discussion: "Prints the admin's address and sign-in. Ctrl-C stops everything and deletes the temporary database.")
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Keep the demo database here instead of in a temporary directory (sqlite:PATH).") var database: String?
    @Option(help: "Seconds between the demo shop's orders.") var every = 5

    func run() async throws {
        try await KvittoCommands.demo(database: database, port: port, interval: .seconds(max(1, every)))
    }
}

import Logging

struct Backfill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a connection's order history (default: its import window, without finished orders).",
        discussion: "Progress is drawn on stderr. Started again after a crash, it resumes from the last page committed; run twice, it imports nothing twice.")

    @OptionGroup var storage: DatabaseOptions
    @Option(help: "The connection to import from (cnx_…).") var connection: String
    @Option(help: "RFC 3339 start (default: now minus the connection's import window).") var since: String?
    @Option(help: "RFC 3339 end (default: now).") var until: String?
    @Flag(help: "Import orders in every state, finished ones included.") var allStates = false
    @Flag(help: "Let the imported events fire postback triggers (off by default).") var fireTriggers = false
    @Option(help: "Comma-separated CIDRs the platform's API may be at although private or loopback, e.g. 127.0.0.1/32. Env: KVITTO_ALLOW_OUTBOUND.")
    var allowOutbound: String?

    func run() async throws {
        var request = BackfillRequest()
        if let since { guard let date = Timestamp.parse(since) else { throw ValidationError("--since is not an RFC 3339 timestamp") }; request.since = date }
        if let until { guard let date = Timestamp.parse(until) else { throw ValidationError("--until is not an RFC 3339 timestamp") }; request.until = date }
        request.allStates = allStates
        request.fireTriggers = fireTriggers
        let interactive = isatty(STDERR_FILENO) == 1
        let finished = try await KvittoCommands.backfill(database: try storage.resolved(), allowOutbound: allowOutbound, connectionID: connection, request: request) { progress in
            let line = KvittoCommands.progressLine(progress)
            FileHandle.standardError.write(Data(((interactive ? "\r\u{1B}[K" : "") + line + (interactive ? "" : "\n")).utf8))
        }
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
        print(JSONWriter.string(finished.json))
    }
}
