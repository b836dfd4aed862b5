import Foundation
import KvittoStorage
import NIOSSL
import PostgresNIO

extension PostgresStore {
    /// Where to connect and how, parsed from `postgres://user:password@host:port/database?sslmode=…`.
    ///
    /// `sslmode` follows libpq: `disable`; `prefer` (the default: TLS when the server offers it, without
    /// checking its certificate); `require` (TLS or no connection, certificate not checked); `verify-ca`
    /// (the certificate must chain to a trusted root); `verify-full` (and name the host connected to).
    /// `sslrootcert=PATH` names the PEM file of trusted roots for the two verifying modes; without it the
    /// system's roots are trusted.
    public struct Location: Sendable {
        public enum TLSMode: String, Sendable, CaseIterable {
            case disable, prefer, require
            case verifyCA = "verify-ca"
            case verifyFull = "verify-full"
        }

        public var host: String
        public var port: Int
        public var username: String
        public var password: String?
        public var database: String
        public var tlsMode: TLSMode
        public var rootCertificatePath: String?
        /// Built once: a TLS context loads its trust roots when it is made.
        let tls: PostgresConnection.Configuration.TLS
        /// The same for the pool, which makes its own contexts from it; nil for `disable`.
        let tlsConfiguration: TLSConfiguration?

        public init(url: String) throws {
            guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
                  let host = components.host, !host.isEmpty
            else { throw StoreError.backend("not a postgres:// URL: \(Self.redacted(url))") }
            self.host = host
            self.port = components.port ?? 5432
            self.username = components.user ?? "postgres"
            self.password = components.password
            let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
            self.database = path.isEmpty ? username : path
            let query = components.queryItems ?? []
            let mode = query.last { $0.name == "sslmode" }?.value ?? TLSMode.prefer.rawValue
            guard let tlsMode = TLSMode(rawValue: mode) else {
                throw StoreError.backend("sslmode=\(mode) is not one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            self.tlsMode = tlsMode
            self.rootCertificatePath = query.last { $0.name == "sslrootcert" }?.value
            self.tlsConfiguration = try Self.tlsConfiguration(tlsMode, rootCertificatePath: rootCertificatePath)
            self.tls = try tlsConfiguration.map { configuration in
                let context = try NIOSSLContext(configuration: configuration)
                return tlsMode == .prefer ? .prefer(context) : .require(context)
            } ?? .disable
        }

        /// How postgres-nio connects there. The certificate is checked against `host` (postgres-nio's default
        /// server name), so `verify-full` needs the name the certificate carries, e.g. `localhost`.
        var configuration: PostgresConnection.Configuration {
            PostgresConnection.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
        }

        /// The pool's configuration: `connections` at most, `warm` of them kept open while idle.
        func clientConfiguration(connections: Int, warm: Int) -> PostgresClient.Configuration {
            let tls: PostgresClient.Configuration.TLS = tlsConfiguration.map { tlsMode == .prefer ? .prefer($0) : .require($0) } ?? .disable
            var configuration = PostgresClient.Configuration(host: host, port: port, username: username, password: password,
                                                             database: database, tls: tls)
            configuration.options.maximumConnections = connections
            configuration.options.minimumConnections = min(warm, connections - 1)
            return configuration
        }

        static func tlsConfiguration(_ mode: TLSMode, rootCertificatePath: String?) throws -> TLSConfiguration? {
            if mode == .disable { return nil }
            var tls = TLSConfiguration.makeClientConfiguration()
            switch mode {
            case .disable, .prefer, .require: tls.certificateVerification = .none
            case .verifyCA: tls.certificateVerification = .noHostnameVerification
            case .verifyFull: tls.certificateVerification = .fullVerification
            }
            if let rootCertificatePath {
                guard FileManager.default.isReadableFile(atPath: rootCertificatePath) else {
                    throw StoreError.backend("sslrootcert \(rootCertificatePath) cannot be read")
                }
                tls.trustRoots = .file(rootCertificatePath)
            }
            return tls
        }

        /// The URL without its password, for error messages and logs.
        static func redacted(_ url: String) -> String {
            guard var components = URLComponents(string: url), components.password != nil else { return url }
            components.password = "…"
            return components.string ?? "postgres://…"
        }
    }
}
