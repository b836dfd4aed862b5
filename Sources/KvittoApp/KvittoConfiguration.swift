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
    /// PostgreSQL connections a process writes API changes on, side by side (`KVITTO_DATABASE_WRITERS`;
    /// default 4). Each groups concurrent requests into shared transactions. SQLite always has one writer.
    public var databaseWriters = 4
    /// swift-log level (`--log-level`, `KVITTO_LOG_LEVEL`; default `info`).
    public var logLevel = Logger.Level.info
    /// How long an API key stays trusted in the in-process cache, in seconds (`KVITTO_KEY_CACHE_TTL`; default 1).
    /// A revoke in the same process takes effect at once regardless.
    public var keyCacheTTL: TimeInterval = 1
    /// The key signing secrets and credentials are sealed with at rest (`KVITTO_SECRET_KEY`). Without it,
    /// `kvitto serve` on SQLite keeps a generated key in a file beside the database (`PATH.key`, mode 0600);
    /// PostgreSQL deployments must set it, the same in every process.
    public var secretKey = ""
    /// Address ranges postbacks may reach although they are loopback, private, link-local, … (`--allow-outbound`,
    /// `KVITTO_ALLOW_OUTBOUND`, comma-separated CIDRs such as `127.0.0.1/32,10.1.0.0/16`; default none).
    public var allowOutbound = ""
    /// Deliveries one process sends at once (`KVITTO_DELIVERY_CONCURRENCY`; default 64).
    public var deliveryConcurrency = 64
    /// Seconds between postback retries (`KVITTO_RETRY_SCHEDULE`, comma-separated; default SPEC §5:
    /// `5,300,1800,7200,18000,36000,36000`). Shorter schedules are for tests and staging.
    public var retrySchedule: [TimeInterval]?
    /// How long a worker's claim on a delivery lasts without a heartbeat, in seconds (`KVITTO_DELIVERY_LEASE`;
    /// default 60). A killed worker's deliveries are sent by another after at most this long.
    public var deliveryLease: TimeInterval = 60
    /// The address platforms reach this server at, for the webhook URLs shown to merchants
    /// (`KVITTO_PUBLIC_URL`, e.g. `https://kvitto.example.com`; default `http://HOST:PORT`).
    public var publicURL: String?
    /// PEM certificates trusted for SMTP TLS besides the system's (`KVITTO_SMTP_CA_FILE`): a mail relay
    /// inside the merchant's network with a private CA.
    public var smtpCAFile: String?
    /// Seconds a stopping process (SIGTERM, SIGINT) may take to finish what it is doing before it logs the
    /// parts still running and exits with status 1 (`KVITTO_SHUTDOWN_TIMEOUT`; default 45: a postback
    /// being sent takes at most 15).
    public var shutdownTimeout: TimeInterval = 45

    public init() {}

    /// The defaults overridden by `KVITTO_*` environment variables.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> KvittoConfiguration {
        var configuration = KvittoConfiguration()
        if let v = environment["KVITTO_HOST"] { configuration.host = v }
        if let v = environment["KVITTO_PORT"].flatMap(Int.init) { configuration.port = v }
        if let v = environment["KVITTO_DATABASE"] { configuration.database = v }
        if let v = environment["KVITTO_DATABASE_WRITERS"].flatMap(Int.init), v > 0 { configuration.databaseWriters = v }
        if let v = environment["KVITTO_ROLE"].flatMap(Role.init(rawValue:)) { configuration.role = v }
        if let v = environment["KVITTO_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) { configuration.logLevel = v }
        if let v = environment["KVITTO_KEY_CACHE_TTL"].flatMap(Double.init) { configuration.keyCacheTTL = v }
        if let v = environment["KVITTO_SECRET_KEY"], !v.isEmpty { configuration.secretKey = v }
        if let v = environment["KVITTO_ALLOW_OUTBOUND"] { configuration.allowOutbound = v }
        if let v = environment["KVITTO_DELIVERY_CONCURRENCY"].flatMap(Int.init), v > 0 { configuration.deliveryConcurrency = v }
        if let v = environment["KVITTO_RETRY_SCHEDULE"] {
            let seconds = v.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            if !seconds.isEmpty { configuration.retrySchedule = seconds }
        }
        if let v = environment["KVITTO_DELIVERY_LEASE"].flatMap(Double.init), v > 0 { configuration.deliveryLease = v }
        if let v = environment["KVITTO_SHUTDOWN_TIMEOUT"].flatMap(Double.init), v > 0 { configuration.shutdownTimeout = v }
        if let v = environment["KVITTO_SMTP_CA_FILE"], !v.isEmpty { configuration.smtpCAFile = v }
        if let v = environment["KVITTO_PUBLIC_URL"], !v.isEmpty { configuration.publicURL = v.hasSuffix("/") ? String(v.dropLast()) : v }
        return configuration
    }
}
