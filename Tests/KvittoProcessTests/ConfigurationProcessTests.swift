import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import KvittoCore
import KvittoTestSupport
import Testing

@Suite("Process: configuration")
struct ConfigurationProcessTests {
    /// `KVITTO_PORT=eighty kvitto serve` stops at once with a message that names the variable, instead of
    /// serving on the default port.
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func aMalformedVariableStopsServeWithItsName() async throws {
        let binary = try #require(kvittoBinary, "CI must run the configuration test: KVITTO_BIN is not set")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ran = try await ChildProcess.outcome(binary, ["serve"], environment: [
            "KVITTO_PORT": "eighty", "KVITTO_DATABASE": "sqlite:" + directory.appendingPathComponent("k.sqlite").path,
        ])
        #expect(ran.exitCode != 0, "serve stopped with a failure status")
        #expect(ran.errors.contains("KVITTO_PORT=eighty is not a port number"), "the message names the variable: \(ran.errors)")
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("k.sqlite").path), "nothing was opened")
    }

    /// `kvitto serve --help` lists every setting with its default.
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func serveHelpListsEverySettingWithItsDefault() async throws {
        let binary = try #require(kvittoBinary, "CI must run the configuration test: KVITTO_BIN is not set")
        let help = try await KvittoProcess.run(binary, ["serve", "--help"])
        for (variable, defaultValue) in [("KVITTO_PORT", "8080"), ("KVITTO_DATABASE", "sqlite:./kvitto.sqlite"), ("KVITTO_SECRET_KEY", "a key file"),
                                         ("KVITTO_RETRY_SCHEDULE", "5,300,1800"), ("KVITTO_SHUTDOWN_TIMEOUT", "45"), ("KVITTO_KEY_CACHE_TTL", "1")] {
            let line = help.split(separator: "\n").first { $0.contains(variable) }
            #expect(line?.contains("default \(defaultValue)") == true, "\(variable): \(line ?? "missing")")
        }
        #expect(help.split(separator: "\n").filter { $0.contains("KVITTO_") && $0.contains("default ") }.count >= 15)
    }

    /// `kvitto users create` makes a user of the admin: with a generated password shown once, or one read from
    /// standard input; an address in use or a short password is refused with the reason.
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func usersCreateMakesAnAdminUser() async throws {
        let binary = try #require(kvittoBinary, "CI must run the users test: KVITTO_BIN is not set")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-users-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = "sqlite:" + directory.appendingPathComponent("k.sqlite").path
        let created = try JSONParser.parse(try await KvittoProcess.run(binary, ["accounts", "create", "--database", database, "--name", "Butiken",
                                                                                "--currency", "SEK", "--country", "SE", "--json"]))
        let account = try #require(created["account_id"]?.stringValue)
        let generated = try await KvittoProcess.run(binary, ["users", "create", "--database", database, "--account", account,
                                                             "--email", "owner@butiken.se"])
        #expect(generated.contains("(owner)") && generated.contains("password ") && generated.contains("shown once"), "\(generated)")
        let chosen = try await ChildProcess.outcome(binary, ["users", "create", "--database", database, "--account", account,
                                                             "--email", "staff@butiken.se", "--role", "staff", "--password-stdin"],
                                                    input: "correct horse battery\n")
        #expect(chosen.exitCode == 0 && chosen.output.contains("(staff)") && !chosen.output.contains("password "), "\(chosen)")
        let taken = try await ChildProcess.outcome(binary, ["users", "create", "--database", database, "--account", account,
                                                            "--email", "OWNER@butiken.se", "--password-stdin"], input: "correct horse battery\n")
        #expect(taken.exitCode != 0 && taken.errors.contains("exists already"), "\(taken)")
        let short = try await ChildProcess.outcome(binary, ["users", "create", "--database", database, "--account", account,
                                                            "--email", "new@butiken.se", "--password-stdin"], input: "short\n")
        #expect(short.exitCode != 0 && short.errors.contains("at least 12 characters"), "\(short)")
    }

    /// One server owns a SQLite file: a second `kvitto serve` on it stops with a message naming the first,
    /// while the CLI's commands keep working beside the running server; once it stops, a new one starts.
    @Test(.enabled(if: kvittoBinary != nil || runningInCI, "needs KVITTO_BIN (scripts/test sets it)"))
    func aSecondServerOnOneSQLiteFileIsRefusedAndTheCLIKeepsWorking() async throws {
        let binary = try #require(kvittoBinary, "CI must run the configuration test: KVITTO_BIN is not set")
        let (database, cleanup) = LifecycleTests.scratchSQLite("owner")
        defer { cleanup() }
        _ = try await KvittoProcess.run(binary, ["accounts", "create", "--database", database, "--name", "Butiken", "--currency", "SEK",
                                                 "--country", "SE"])
        let first = try KvittoProcess(binary: binary, database: database)
        try await KvittoProcess.withClient(stopping: [first]) { client in
            try await first.start(client: client)
            let second = try await ChildProcess.outcome(binary, ["serve", "--database", database, "--port", String(try WebhookReceiver.freePort())])
            #expect(second.exitCode != 0, "the second server stops")
            #expect(second.errors.contains("is in use by another kvitto serve") && second.errors.contains("(process "),
                    "and says why, naming the process: \(second.errors)")
            let created = try await ChildProcess.outcome(binary, ["accounts", "create", "--database", database, "--name", "Andra",
                                                                  "--currency", "SEK", "--country", "SE"])
            #expect(created.exitCode == 0, "the CLI works beside the server: \(created.errors)")
            let health = try await client.execute(HTTPClientRequest(url: first.baseURL + "/health"), timeout: .seconds(5))
            #expect(health.status == .ok, "the first server goes on")
        }
        let again = try KvittoProcess(binary: binary, database: database)
        try await KvittoProcess.withClient(stopping: [again]) { client in
            try await again.start(client: client)
        }
    }
}
