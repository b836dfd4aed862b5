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
    }

    @Test func wellFormedValuesAreTaken() throws {
        let configuration = try KvittoConfiguration.fromEnvironment([
            "KVITTO_PORT": "9090", "KVITTO_ROLE": "worker", "KVITTO_LOG_LEVEL": "debug", "KVITTO_DATABASE_WRITERS": "2",
            "KVITTO_RETRY_SCHEDULE": "0.2, 1,30", "KVITTO_DELIVERY_LEASE": "30", "KVITTO_KEY_CACHE_TTL": "0",
            "KVITTO_PUBLIC_URL": "https://kvitto.example.com/",
        ])
        #expect(configuration.port == 9090)
        #expect(configuration.role == .worker)
        #expect("\(configuration.logLevel)" == "debug")
        #expect(configuration.databaseWriters == 2)
        #expect(configuration.retrySchedule == [0.2, 1, 30])
        #expect(configuration.deliveryLease == 30)
        #expect(configuration.keyCacheTTL == 0)
        #expect(configuration.publicURL == "https://kvitto.example.com")
    }

    /// A malformed value stops the process with the variable's name and what it takes, instead of the
    /// default running silently (`KVITTO_PORT=eighty` used to serve on 8080).
    @Test(arguments: [
        ("KVITTO_PORT", "eighty"), ("KVITTO_PORT", "70000"), ("KVITTO_ROLE", "everything"), ("KVITTO_LOG_LEVEL", "loud"),
        ("KVITTO_DATABASE_WRITERS", "0"), ("KVITTO_DELIVERY_CONCURRENCY", "many"), ("KVITTO_RETRY_SCHEDULE", "5,soon,60"),
        ("KVITTO_DELIVERY_LEASE", "-1"), ("KVITTO_SHUTDOWN_TIMEOUT", "forever"), ("KVITTO_KEY_CACHE_TTL", "nan"),
        ("KVITTO_PUBLIC_URL", "kvitto.example.com"),
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
}
