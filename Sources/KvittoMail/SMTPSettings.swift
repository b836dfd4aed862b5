/// Where and how to reach the SMTP server.
public struct SMTPSettings: Sendable {
    public enum Security: Sendable, Hashable {
        /// Plain TCP. Only sensible for a relay on localhost or a trusted network.
        case none
        /// Plain TCP upgraded with STARTTLS (submission, port 587). Required: if the
        /// server does not offer STARTTLS the connection fails instead of silently
        /// continuing in clear text, which is what a downgrade attacker would want.
        case startTLS
        /// TLS from the first byte (port 465).
        case implicitTLS
    }

    public struct Credentials: Sendable, Hashable, CustomStringConvertible {
        public var username: String
        public var password: String

        public init(username: String, password: String) {
            self.username = username
            self.password = password
        }

        /// Keeps the password out of logs that print settings.
        public var description: String { "Credentials(username: \(username), password: <redacted>)" }
    }

    public var host: String
    /// Where to connect instead of looking `host` up (an address checked beforehand); TLS still names `host`.
    public var connectAddress: String?
    public var port: Int
    public var security: Security
    /// Without credentials no AUTH is attempted.
    public var credentials: Credentials?
    /// The name this client announces in EHLO/HELO; many servers want a resolvable FQDN.
    public var heloName: String
    /// A PEM file of CA certificates trusted in addition to the system roots,
    /// for servers with a private CA (and the tests' self-signed one).
    public var additionalTrustedRootsPEMPath: String?
    /// Whether the certificate must match `host`. The chain is verified either way.
    public var verifiesHostname: Bool
    public var connectTimeout: Duration
    /// How long to wait for each server reply before the connection is given up.
    public var commandTimeout: Duration

    public init(
        host: String,
        port: Int,
        security: Security,
        credentials: Credentials? = nil,
        heloName: String = "localhost",
        additionalTrustedRootsPEMPath: String? = nil,
        verifiesHostname: Bool = true,
        connectTimeout: Duration = .seconds(10),
        commandTimeout: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.heloName = heloName
        self.additionalTrustedRootsPEMPath = additionalTrustedRootsPEMPath
        self.verifiesHostname = verifiesHostname
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
    }
}
