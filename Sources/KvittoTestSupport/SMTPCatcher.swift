import Foundation
import Subprocess
import Testing

/// Whether the end-to-end tests can run here: they need python3 with aiosmtpd and openssl.
/// Outside CI a missing tool skips them; with `CI=true` they run anyway and fail loudly,
/// so a broken CI image cannot turn the suite green by skipping it.
public enum SMTPTestEnvironment {
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    public static let python3: URL? = executable(named: "python3")
    public static let openssl: URL? = executable(named: "openssl")

    public static let hasAiosmtpd: Bool = {
        guard let python3 else { return false }
        return (try? run(python3, ["-c", "import aiosmtpd"])) != nil
    }()

    public static let shouldRun = isCI || (hasAiosmtpd && openssl != nil)

    /// Walks up from this file to the package root; the catcher lives at the same relative path in every checkout.
    public static let catcherScript = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()
        .appendingPathComponent("scripts/testing/smtp-catcher.py")

    private static func executable(named name: String) -> URL? {
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return searchPath.split(separator: ":")
            .map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs a helper to completion; throws with its stderr when it fails.
    @discardableResult
    public static func run(_ executable: URL, _ arguments: [String], in directory: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw HelperFailure(description: "\(executable.lastPathComponent) \(arguments.joined(separator: " ")) failed: "
                + String(decoding: errorData, as: UTF8.self))
        }
        return String(decoding: outputData, as: UTF8.self)
    }
}

public struct HelperFailure: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

/// A self-signed CA and a server certificate for 127.0.0.1 signed by it, made fresh per test.
public struct TestCertificates {
    public let caCertificate: URL
    public let serverCertificate: URL
    public let serverKey: URL

    public static func generate(in directory: URL) throws -> TestCertificates {
        guard let openssl = SMTPTestEnvironment.openssl else {
            throw HelperFailure(description: "openssl is not on PATH")
        }
        let extensions = directory.appendingPathComponent("server-extensions.cnf")
        try """
        basicConstraints = CA:FALSE
        keyUsage = critical, digitalSignature
        extendedKeyUsage = serverAuth
        subjectAltName = IP:127.0.0.1, DNS:localhost
        """.write(to: extensions, atomically: true, encoding: .utf8)
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try SMTPTestEnvironment.run(openssl, ["req", "-x509"] + curve + [
            "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=Kvitto Test CA",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ], in: directory)
        try SMTPTestEnvironment.run(openssl, ["req"] + curve + [
            "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1",
        ], in: directory)
        try SMTPTestEnvironment.run(openssl, [
            "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", extensions.path,
        ], in: directory)
        return TestCertificates(
            caCertificate: directory.appendingPathComponent("ca.pem"),
            serverCertificate: directory.appendingPathComponent("server.pem"),
            serverKey: directory.appendingPathComponent("server.key")
        )
    }
}

/// What the catcher wrote for one accepted message.
public struct CaughtMessage: Decodable, Sendable {
    public struct Parsed: Decodable, Sendable {
        public struct Part: Decodable, Sendable {
            public let contentType: String
            public let charset: String?
            public let transferEncoding: String?
            public let text: String
        }
        public let subject: String
        public let from: String
        public let to: String
        public let messageId: String
        public let contentType: String
        public let parts: [Part]
        public let defects: [String]
        public let longestLine: Int
        public let bareLineFeeds: Int
    }
    public let mailFrom: String
    public let rcptTos: [String]
    public let data: String
    public let tls: Bool
    public let authMechanism: String?
    public let parsed: Parsed
}

/// The Python SMTP catcher running as a subprocess for the duration of one test. It is started with
/// `--exit-on-stdin-eof`: its standard input is a pipe this test process holds, so it dies with a crashed run.
public final class SMTPCatcher: Sendable {
    public let port: Int
    public let directory: URL
    private let process: ChildProcess
    private let outFile: URL

    public enum TLSMode {
        case startTLS
        case implicit
    }

    /// Starts the catcher, runs `body`, and always stops it and deletes its temp directory.
    /// With a `tls` mode, certificates are generated and the catcher serves them.
    @discardableResult
    public static func withCatcher<Result>(
        arguments: [String] = [],
        tls: TLSMode? = nil,
        _ body: (SMTPCatcher, TestCertificates?) async throws -> Result
    ) async throws -> Result {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("kvitto-smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        let generated = tls == nil ? nil : try TestCertificates.generate(in: directory)
        var catcherArguments = arguments
        if let tls, let generated {
            let option = tls == .startTLS ? "--starttls" : "--implicit-tls"
            catcherArguments += [option, generated.serverCertificate.path, generated.serverKey.path]
        }
        let catcher = try await SMTPCatcher(arguments: catcherArguments, directory: directory)
        do {
            let result = try await body(catcher, generated)
            await catcher.stop()
            return result
        } catch {
            await catcher.stop()
            throw error
        }
    }

    private init(arguments: [String], directory: URL) async throws {
        guard let python3 = SMTPTestEnvironment.python3, SMTPTestEnvironment.hasAiosmtpd else {
            throw HelperFailure(description: "python3 with aiosmtpd is required for the SMTP end-to-end tests")
        }
        self.directory = directory
        outFile = directory.appendingPathComponent("received.jsonl")
        // Its first line says where it listens; its log goes to this test's standard error.
        process = try await ChildProcess.start(python3.path, ["-u", SMTPTestEnvironment.catcherScript.path, "--exit-on-stdin-eof",
                                                              "--out", outFile.path] + arguments)
        let line = process.firstLine
        guard line.hasPrefix("listening on 127.0.0.1:"), let colon = line.lastIndex(of: ":"), let port = Int(line[line.index(after: colon)...]) else {
            process.send(.kill)
            throw HelperFailure(description: "the SMTP catcher did not start: \(line)")
        }
        self.port = port
    }

    /// Every message accepted so far, oldest first.
    public func receivedMessages() throws -> [CaughtMessage] {
        guard let contents = try? String(contentsOf: outFile, encoding: .utf8) else { return [] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        // The catcher appends a line a message while this reads: a last line without its newline is still
        // being written, and is left for the next read.
        var lines = contents.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()
        return try lines.filter { !$0.isEmpty }.map { line in
            try decoder.decode(CaughtMessage.self, from: Data(line.utf8))
        }
    }

    /// SIGTERM first so the catcher shuts down cleanly, SIGKILL if it does not within five seconds.
    private func stop() async {
        _ = try? await process.stop(patience: .seconds(5))
    }
}
