import Foundation
import KvittoApp
import Testing

@Suite("Configuration from KVITTO_* variables")
struct ConfigurationTests {
    @Test func unsetOrEmptyVariablesLeaveTheDefaults() throws {
        let configuration = try KvittoConfiguration.fromEnvironment(["KVITTO_PORT": "", "HOME": "/root"])
        #expect(configuration.port == 8080)
        #expect(configuration.role == .all)
        #expect(configuration.retrySchedule == nil)
        #expect(configuration.databaseWriters == 2)
    }

    @Test func wellFormedValuesAreTaken() throws {
        let configuration = try KvittoConfiguration.fromEnvironment([
            "KVITTO_PORT": "9090", "KVITTO_ROLE": "worker", "KVITTO_LOG_LEVEL": "debug", "KVITTO_DATABASE_WRITERS": "3",
            "KVITTO_RETRY_SCHEDULE": "0.2, 1,30", "KVITTO_DELIVERY_LEASE": "30", "KVITTO_KEY_CACHE_TTL": "0",
            "KVITTO_PUBLIC_URL": "https://kvitto.example.com/", "KVITTO_LOG_FORMAT": "json",
        ])
        #expect(configuration.port == 9090)
        #expect(configuration.role == .worker)
        #expect("\(configuration.logLevel)" == "debug")
        #expect(configuration.databaseWriters == 3)
        #expect(configuration.retrySchedule == [0.2, 1, 30])
        #expect(configuration.deliveryLease == 30)
        #expect(configuration.keyCacheTTL == 0)
        #expect(configuration.publicURL == "https://kvitto.example.com")
        #expect(configuration.logFormat == .json)
    }

    /// A malformed value stops the process with the variable's name and what it takes, instead of the
    /// default running silently (`KVITTO_PORT=eighty` used to serve on 8080).
    @Test(arguments: [
        ("KVITTO_PORT", "eighty"), ("KVITTO_PORT", "70000"), ("KVITTO_ROLE", "everything"), ("KVITTO_LOG_LEVEL", "loud"),
        ("KVITTO_DATABASE_WRITERS", "0"), ("KVITTO_DELIVERY_CONCURRENCY", "many"), ("KVITTO_RETRY_SCHEDULE", "5,soon,60"),
        ("KVITTO_DELIVERY_LEASE", "-1"), ("KVITTO_SHUTDOWN_TIMEOUT", "forever"), ("KVITTO_KEY_CACHE_TTL", "nan"),
        ("KVITTO_PUBLIC_URL", "kvitto.example.com"), ("KVITTO_LOG_FORMAT", "xml"),
    ])
    func malformedValuesAreRefusedByName(variable: String, value: String) throws {
        do {
            _ = try KvittoConfiguration.fromEnvironment([variable: value])
            Issue.record("\(variable)=\(value) was accepted")
        } catch let error as KvittoConfiguration.MalformedSetting {
            #expect(error.variable == variable)
            #expect("\(error)".hasPrefix("\(variable)=\(value) is not "), "\(error)")
        }
    }

    /// The settings table `kvitto serve --help` prints covers every variable the configuration reads, and the
    /// README's configuration table lists each with the same default.
    @Test func everyVariableIsInTheHelpAndInTheReadme() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let source = try String(contentsOf: root.appendingPathComponent("Sources/KvittoApp/KvittoConfiguration.swift"), encoding: .utf8)
        let body = try #require(source.range(of: "public static func fromEnvironment").map { String(source[$0.lowerBound...]) })
        let read = Set(body.matches(of: /"(KVITTO_[A-Z_]+)"/).map { String($0.output.1) })
        let listed = KvittoConfiguration.settings.map(\.variable)
        #expect(read == Set(listed), "read but not listed: \(read.subtracting(listed)); listed but not read: \(Set(listed).subtracting(read))")
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for setting in KvittoConfiguration.settings {
            let row = readme.split(separator: "\n").first { $0.contains("| `\(setting.variable)` |") }
            #expect(row != nil, "the README's configuration table lists \(setting.variable)")
            if let row, setting.defaultValue != "none", !setting.defaultValue.contains(" ") {
                #expect(row.contains("`\(setting.defaultValue)`"), "the README gives \(setting.variable)'s default \(setting.defaultValue): \(row)")
            }
        }
        let help = KvittoConfiguration.settingsHelp
        for setting in KvittoConfiguration.settings {
            #expect(help.contains(setting.variable) && help.contains("default \(setting.defaultValue)"))
        }
    }
}
