import Foundation
import Hummingbird
import KvittoCore
import MultipartKit
import NIOCore
import Synchronization

/// A submitted HTML form: the first value of each field, and the files of a `multipart/form-data` form.
struct AdminForm: Sendable {
    /// An uploaded file as the browser sent it.
    struct File: Sendable {
        let fileName: String?
        let contentType: String
        let bytes: [UInt8]
    }

    let fields: [String: String]
    var files: [String: File] = [:]

    subscript(_ name: String) -> String? { fields[name] }

    /// The body of `request` as a form: url-encoded (at most 64 KiB: no admin form is longer) or multipart with
    /// files (at most a bonus-check file's limit).
    static func read(_ request: Request) async throws -> AdminForm {
        let type = request.headers[.contentType] ?? ""
        if type.lowercased().hasPrefix("multipart/form-data") {
            guard let boundary = type.firstMatch(of: /boundary="?([^";]+)"?/)?.output.1 else {
                throw KvittoError(code: .malformed, detail: "a multipart form without its boundary")
            }
            let buffer = try await request.readBody(limit: VoucherUpload.maximumFile + (64 << 10), describedAs: "the upload")
            return try multipart(buffer, boundary: String(boundary))
        }
        let buffer = try await request.readBody(limit: 64 << 10, describedAs: "the form")
        return AdminForm(encoded: String(buffer: buffer))
    }

    init(encoded: String) {
        var fields: [String: String] = [:]
        for pair in encoded.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        self.fields = fields
    }

    /// Fields as a query string, in name order (a link that keeps a list's filters).
    static func encode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }.map { name, value in
            (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "=" + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }

    init(fields: [String: String], files: [String: File]) {
        self.fields = fields
        self.files = files
    }

    /// A multipart form (RFC 7578), parsed with MultipartKit: a part with a file name is a file, any other a field.
    static func multipart(_ buffer: ByteBuffer, boundary: String) throws -> AdminForm {
        let parser = MultipartParser(boundary: boundary)
        var fields: [String: String] = [:], files: [String: File] = [:]
        var headers: [String: String] = [:], body = ByteBuffer()
        parser.onHeader = { name, value in headers[name.lowercased()] = value }
        parser.onBody = { chunk in body.writeBuffer(&chunk) }
        parser.onPartComplete = {
            let disposition = headers["content-disposition"] ?? ""
            if let name = disposition.firstMatch(of: /\bname="([^"]*)"/).map({ String($0.output.1) }) {
                if let fileName = disposition.firstMatch(of: /filename="([^"]*)"/).map({ String($0.output.1) }) {
                    files[name] = File(fileName: fileName, contentType: headers["content-type"] ?? "application/octet-stream",
                                       bytes: Array(body.readableBytesView))
                } else if fields[name] == nil {
                    fields[name] = String(buffer: body)
                }
            }
            headers = [:]
            body = ByteBuffer()
        }
        do {
            try parser.execute(buffer)
        } catch {
            throw KvittoError(code: .malformed, detail: "the multipart form does not parse: \(error)")
        }
        return AdminForm(fields: fields, files: files)
    }
}

/// Sign-in attempts that failed, per address: after `limit` failures within `window`, that address may not
/// try again until `window` has passed since its last failure. Kept in the process (a restart forgets, which
/// a guesser cannot force).
final class LoginThrottle: Sendable {
    static let limit = 5
    static let window: TimeInterval = 15 * 60
    private let failures = Mutex<[String: [Date]]>([:])

    /// When `key` may try again, if it may not now.
    func blockedUntil(_ key: String, now: Date) -> Date? {
        failures.withLock { table in
            let recent = (table[key] ?? []).filter { now.timeIntervalSince($0) < Self.window }
            table[key] = recent.isEmpty ? nil : recent
            guard recent.count >= Self.limit, let last = recent.last else { return nil }
            return last.addingTimeInterval(Self.window)
        }
    }

    /// The most addresses remembered: past it, those whose failures have all aged out are forgotten, so
    /// sign-ins with endless made-up addresses cannot fill the memory.
    static let remembered = 10_000

    func failed(_ key: String, at now: Date) {
        failures.withLock { table in
            table[key, default: []].append(now)
            if table.count > Self.remembered {
                table = table.filter { $0.value.contains { now.timeIntervalSince($0) < Self.window } }
            }
        }
    }

    func succeeded(_ key: String) { _ = failures.withLock { $0.removeValue(forKey: key) } }

    /// How many addresses are remembered (for tests).
    var count: Int { failures.withLock { $0.count } }
}
