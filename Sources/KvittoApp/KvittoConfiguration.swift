import Foundation
import Logging

/// How a `kvitto` process is set up. Every key has a command-line flag and an environment variable;
/// the flag wins.
public struct KvittoConfiguration: Sendable {
    /// Which parts of Kvitto a process runs (`--role`, `KVITTO_ROLE`; default `all`).
    public enum Role: String, Sendable, CaseIterable { case all, api, worker }
    public enum LogFormat: String, Sendable, CaseIterable { case text, json }

    /// Interface to listen on (`--host`, `KVITTO_HOST`; default `127.0.0.1`, loopback only).
    public var host = "127.0.0.1"
    /// Port to listen on (`--port`, `KVITTO_PORT`; default `8080`; `0` picks a free one).
    public var port = 8080
    /// `sqlite:PATH` (default `sqlite:./kvitto.sqlite`) or `postgres://user:password@host:port/database`
    /// (`--database`, `KVITTO_DATABASE`).
    public var database = "sqlite:./kvitto.sqlite"
    public var role = Role.all
    /// PostgreSQL transactions a process writes API changes in, side by side (`KVITTO_DATABASE_WRITERS`;
    /// default 2), each on a pooled connection. Each groups concurrent requests into shared transactions:
    /// fewer side by side make larger groups, and a transaction's own cost is shared by more orders (on two
    /// cores, 2 took 30 % less CPU an order than 4, for 18 % more orders a second; BENCHMARKS.md).
    /// SQLite always has one writer.
    public var databaseWriters = 2
    /// swift-log level (`--log-level`, `KVITTO_LOG_LEVEL`; default `info`).
    public var logLevel = Logger.Level.info
    /// `text` lines, or `json` (one object per line) (`--log-format`, `KVITTO_LOG_FORMAT`; default `text`).
    public var logFormat = LogFormat.text
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
    /// Seconds a client connection may sit without a request in progress — idle between requests, or still
    /// sending the head of one — before it is closed (`KVITTO_IDLE_TIMEOUT`; default 75). A client that trickles
    /// its headers in cannot hold a connection open longer than this. The default outlasts the 60 s for which
    /// load balancers and HTTP client pools (AsyncHTTPClient's among them) keep an idle connection, so the
    /// client closes it first: a server closing it first can race a request the client is just sending on it.
    public var idleTimeout: TimeInterval = 75
    /// Requests a second one API key may make, on average (`KVITTO_RATE_LIMIT`; default 0: no limit), and the
    /// burst it may make at once (`KVITTO_RATE_BURST`; default twice the rate).
    public var rateLimit: Double = 0
    public var rateBurst: Double?

    public init() {}

    /// One setting as an operator sees it: the flag (if any), the variable, the default and what it does.
    public struct Setting: Sendable {
        public let flag: String?
        public let variable: String
        public let defaultValue: String
        public let meaning: String
    }

    /// Every setting of `kvitto serve`, for `--help` (and checked against the README by a test).
    public static let settings: [Setting] = [
        Setting(flag: "--database", variable: "KVITTO_DATABASE", defaultValue: "sqlite:./kvitto.sqlite",
                meaning: "sqlite:PATH or postgres://user:password@host:port/database"),
        Setting(flag: "--host", variable: "KVITTO_HOST", defaultValue: "127.0.0.1", meaning: "interface to listen on (0.0.0.0 to expose)"),
        Setting(flag: "--port", variable: "KVITTO_PORT", defaultValue: "8080", meaning: "port to listen on (0 picks a free one)"),
        Setting(flag: "--role", variable: "KVITTO_ROLE", defaultValue: "all", meaning: "all, api (no workers) or worker"),
        Setting(flag: "--log-level", variable: "KVITTO_LOG_LEVEL", defaultValue: "info",
                meaning: "trace, debug, info, notice, warning, error or critical"),
        Setting(flag: "--log-format", variable: "KVITTO_LOG_FORMAT", defaultValue: "text",
                meaning: "text, or json: one object per line with time, level, message and metadata"),
        Setting(flag: "--allow-outbound", variable: "KVITTO_ALLOW_OUTBOUND", defaultValue: "none",
                meaning: "CIDRs postbacks may reach although private or loopback"),
        Setting(flag: nil, variable: "KVITTO_SECRET_KEY", defaultValue: "a key file PATH.key beside a SQLite database",
                meaning: "seals secrets at rest; required (the same everywhere) on PostgreSQL"),
        Setting(flag: nil, variable: "KVITTO_DATABASE_WRITERS", defaultValue: "2", meaning: "PostgreSQL transactions one process writes in side by side"),
        Setting(flag: nil, variable: "KVITTO_DELIVERY_CONCURRENCY", defaultValue: "64", meaning: "deliveries one process sends at once"),
        Setting(flag: nil, variable: "KVITTO_DELIVERY_LEASE", defaultValue: "60", meaning: "seconds a worker's claim lasts without a heartbeat"),
        Setting(flag: nil, variable: "KVITTO_RETRY_SCHEDULE", defaultValue: "5,300,1800,7200,18000,36000,36000",
                meaning: "seconds between postback retries"),
        Setting(flag: nil, variable: "KVITTO_SMTP_CA_FILE", defaultValue: "none", meaning: "PEM certificates trusted for SMTP TLS besides the system's"),
        Setting(flag: nil, variable: "KVITTO_PUBLIC_URL", defaultValue: "http://HOST:PORT",
                meaning: "the address platforms and mail readers reach Kvitto at"),
        Setting(flag: nil, variable: "KVITTO_SHUTDOWN_TIMEOUT", defaultValue: "45",
                meaning: "seconds a stopping process may take before it exits 1"),
        Setting(flag: nil, variable: "KVITTO_KEY_CACHE_TTL", defaultValue: "1", meaning: "seconds a resolved API key is cached"),
        Setting(flag: nil, variable: "KVITTO_IDLE_TIMEOUT", defaultValue: "75",
                meaning: "seconds a connection may sit idle or sending a request head before it is closed"),
        Setting(flag: nil, variable: "KVITTO_RATE_LIMIT", defaultValue: "0 (none)", meaning: "requests a second each API key may make, on average"),
        Setting(flag: nil, variable: "KVITTO_RATE_BURST", defaultValue: "twice the rate", meaning: "requests an API key may make at once"),
    ]

    /// The settings as the help of `kvitto serve` lists them (lines short enough not to be wrapped).
    public static var settingsHelp: String {
        "Settings (a flag wins over its variable; an empty variable counts as unset; a malformed value stops the process):\n"
            + settings.map { setting in
                "  \(setting.variable)\(setting.flag.map { " (\($0))" } ?? ""), default \(setting.defaultValue)\n      \(setting.meaning)"
            }.joined(separator: "\n")
    }

    /// A `KVITTO_*` variable whose value is not what it must be: the process stops rather than run on a
    /// default the operator did not choose.
    public struct MalformedSetting: Error, CustomStringConvertible {
        public let variable: String
        public let value: String
        public let expected: String
        public var description: String { "\(variable)=\(value) is not \(expected)" }
    }

    /// The defaults overridden by `KVITTO_*` environment variables. A variable set to a value it cannot
    /// take (`KVITTO_PORT=eighty`) is an error that names it; an empty one counts as unset.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> KvittoConfiguration {
        var configuration = KvittoConfiguration()
        func value(_ name: String) -> String? {
            guard let raw = environment[name]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
            return raw
        }
        func parsed<T>(_ name: String, _ expected: String, _ parse: (String) -> T?) throws -> T? {
            guard let raw = value(name) else { return nil }
            guard let parsed = parse(raw) else { throw MalformedSetting(variable: name, value: raw, expected: expected) }
            return parsed
        }
        func positive(_ name: String) throws -> TimeInterval? {
            try parsed(name, "a positive number of seconds") { Double($0).flatMap { $0 > 0 && $0.isFinite ? $0 : nil } }
        }
        func count(_ name: String) throws -> Int? {
            try parsed(name, "a whole number above 0") { Int($0).flatMap { $0 > 0 ? $0 : nil } }
        }
        if let v = value("KVITTO_HOST") { configuration.host = v }
        if let v = try parsed("KVITTO_PORT", "a port number (0 to 65535)", { Int($0).flatMap { (0...65_535).contains($0) ? $0 : nil } }) {
            configuration.port = v
        }
        if let v = value("KVITTO_DATABASE") { configuration.database = v }
        if let v = try count("KVITTO_DATABASE_WRITERS") { configuration.databaseWriters = v }
        if let v = try parsed("KVITTO_ROLE", "all, api or worker", Role.init(rawValue:)) { configuration.role = v }
        if let v = try parsed("KVITTO_LOG_LEVEL", "trace, debug, info, notice, warning, error or critical", Logger.Level.init(rawValue:)) {
            configuration.logLevel = v
        }
        if let v = try parsed("KVITTO_LOG_FORMAT", "text or json", LogFormat.init(rawValue:)) { configuration.logFormat = v }
        if let v = try parsed("KVITTO_KEY_CACHE_TTL", "a number of seconds (0 or more)", { Double($0).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil } }) {
            configuration.keyCacheTTL = v
        }
        if let v = value("KVITTO_SECRET_KEY") { configuration.secretKey = v }
        if let v = value("KVITTO_ALLOW_OUTBOUND") { configuration.allowOutbound = v }
        if let v = try count("KVITTO_DELIVERY_CONCURRENCY") { configuration.deliveryConcurrency = v }
        if let v = try parsed("KVITTO_RETRY_SCHEDULE", "comma-separated positive numbers of seconds, e.g. 5,300,1800", { raw -> [TimeInterval]? in
            let seconds = raw.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard !seconds.isEmpty, seconds.allSatisfy({ $0.map { $0 > 0 && $0.isFinite } ?? false }) else { return nil }
            return seconds.compactMap { $0 }
        }) {
            configuration.retrySchedule = v
        }
        if let v = try positive("KVITTO_DELIVERY_LEASE") { configuration.deliveryLease = v }
        if let v = try positive("KVITTO_SHUTDOWN_TIMEOUT") { configuration.shutdownTimeout = v }
        if let v = value("KVITTO_SMTP_CA_FILE") { configuration.smtpCAFile = v }
        if let v = try positive("KVITTO_IDLE_TIMEOUT") { configuration.idleTimeout = v }
        if let v = try parsed("KVITTO_RATE_LIMIT", "a number of requests a second (0 for no limit)", { Double($0).flatMap { $0 >= 0 && $0.isFinite ? $0 : nil } }) {
            configuration.rateLimit = v
        }
        if let v = try parsed("KVITTO_RATE_BURST", "a number of requests (1 or more)", { Double($0).flatMap { $0 >= 1 && $0.isFinite ? $0 : nil } }) {
            configuration.rateBurst = v
        }
        if let v = try parsed("KVITTO_PUBLIC_URL", "an http:// or https:// URL", { raw -> String? in
            guard let url = URL(string: raw), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else { return nil }
            return raw.hasSuffix("/") ? String(raw.dropLast()) : raw
        }) {
            configuration.publicURL = v
        }
        return configuration
    }
}
