import Foundation

/// The ESMTP extensions a server announced in its EHLO reply.
public struct SMTPCapabilities: Sendable, Hashable {
    /// Upper-cased keyword (`PIPELINING`, `AUTH`, …) mapped to its parameters.
    public let extensions: [String: String]

    /// What a server that only answered HELO supports: nothing beyond RFC 5321.
    static let none = SMTPCapabilities(extensions: [:])

    init(extensions: [String: String]) {
        self.extensions = extensions
    }

    /// Reads the lines after the greeting line of a 250 EHLO reply.
    init(ehloReply: SMTPReply) {
        var extensions: [String: String] = [:]
        for line in ehloReply.lines.dropFirst() {
            // "AUTH=PLAIN LOGIN" is the pre-standard spelling some servers still send.
            let keywordEnd = line.firstIndex(where: { $0 == " " || $0 == "=" }) ?? line.endIndex
            let keyword = line[..<keywordEnd].uppercased()
            let parameters = line[keywordEnd...].dropFirst().trimmingCharacters(in: .whitespaces)
            guard !keyword.isEmpty else { continue }
            if let existing = extensions[keyword], !existing.isEmpty {
                extensions[keyword] = parameters.isEmpty ? existing : "\(existing) \(parameters)"
            } else {
                extensions[keyword] = parameters
            }
        }
        self.extensions = extensions
    }

    public var supportsPipelining: Bool { extensions["PIPELINING"] != nil }
    public var supportsStartTLS: Bool { extensions["STARTTLS"] != nil }
    public var authMechanisms: Set<String> {
        Set((extensions["AUTH"] ?? "").uppercased().split(separator: " ").map(String.init))
    }
}
