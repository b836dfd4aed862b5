import Foundation
import Logging

/// How a `kvitto` process is set up. Every key has a command-line flag and an environment variable;
/// the flag wins.
public struct KvittoConfiguration: Sendable {
    /// Which parts of Kvitto a process runs (`--role`, `KVITTO_ROLE`; default `all`).
    public enum Role: String, Sendable, CaseIterable { case all, api, worker }

    /// Interface to listen on (`--host`, `KVITTO_HOST`; default `127.0.0.1`, loopback only).
    public var host = "127.0.0.1"
    /// Port to listen on (`--port`, `KVITTO_PORT`; default `8080`; `0` picks a free one).
    public var port = 8080
    /// `sqlite:PATH` (default `sqlite:./kvitto.sqlite`) or `postgres://user:password@host:port/database`
    /// (`--database`, `KVITTO_DATABASE`).
    public var database = "sqlite:./kvitto.sqlite"
    public var role = Role.all
    /// swift-log level (`--log-level`, `KVITTO_LOG_LEVEL`; default `info`).
    public var logLevel = Logger.Level.info
    /// How long an API key stays trusted in the in-process cache, in seconds (`KVITTO_KEY_CACHE_TTL`; default 1).
    /// A revoke in the same process takes effect at once regardless.
    public var keyCacheTTL: TimeInterval = 1

    public init() {}

    /// The defaults overridden by `KVITTO_*` environment variables.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> KvittoConfiguration {
        var configuration = KvittoConfiguration()
        if let v = environment["KVITTO_HOST"] { configuration.host = v }
        if let v = environment["KVITTO_PORT"].flatMap(Int.init) { configuration.port = v }
        if let v = environment["KVITTO_DATABASE"] { configuration.database = v }
        if let v = environment["KVITTO_ROLE"].flatMap(Role.init(rawValue:)) { configuration.role = v }
        if let v = environment["KVITTO_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) { configuration.logLevel = v }
        if let v = environment["KVITTO_KEY_CACHE_TTL"].flatMap(Double.init) { configuration.keyCacheTTL = v }
        return configuration
    }
}
