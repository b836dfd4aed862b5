import Foundation
import Hummingbird
import KvittoCore
import NIOCore
import Synchronization

/// A submitted HTML form (`application/x-www-form-urlencoded`): the first value of each field.
struct AdminForm: Sendable {
    let fields: [String: String]

    subscript(_ name: String) -> String? { fields[name] }

    /// The body of `request` as a form; at most 64 KiB (no admin form is longer).
    static func read(_ request: Request) async throws -> AdminForm {
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
