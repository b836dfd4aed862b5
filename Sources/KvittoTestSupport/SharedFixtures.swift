import Foundation
import KvittoCore
import Testing

/// The shared folder with the platform fixtures and signature vectors: `$KVITTO_SHARED`, or `shared`
/// beside the package root (`../shared` from the project root, however `swift test` was started).
///
/// Tests that read it carry ``SharedFixtures/required``: locally a missing folder skips them with a message;
/// on CI (`CI=true`) they run and fail, so the checks cannot silently vanish.
public enum SharedFixtures {
    public static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    public static var directory: URL {
        if let shared = ProcessInfo.processInfo.environment["KVITTO_SHARED"], !shared.isEmpty {
            return URL(fileURLWithPath: shared)
        }
        // This file is <root>/Sources/KvittoTestSupport/SharedFixtures.swift.
        let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return packageRoot.appendingPathComponent("../shared").standardizedFileURL
    }

    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("fixtures").path)
    }

    public static let required = ConditionTrait.enabled(
        if: isAvailable || isCI,
        "shared fixtures not found (set KVITTO_SHARED or check out ../shared beside the project)"
    )

    public struct Missing: Error, CustomStringConvertible {
        let path: String
        public var description: String { "\(path) not found; set KVITTO_SHARED to the shared folder" }
    }

    /// The exact bytes of a file, by its path inside the shared folder (`fixtures/cartum/…`).
    public static func bytes(_ relativePath: String) throws -> [UInt8] {
        let url = directory.appendingPathComponent(relativePath)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Missing(path: url.path) }
        return Array(data)
    }

    public static func json(_ relativePath: String) throws -> JSONValue {
        try JSONParser.parse(try bytes(relativePath))
    }
}

extension JSONValue {
    /// The value with members of its top-level object replaced (`nil` removes one): status variants of a
    /// published sample are made this way instead of keeping edited copies.
    public func editing(_ changes: [String: JSONValue?]) -> JSONValue {
        guard case .object(var object) = self else { return self }
        for (key, value) in changes { object[key] = value }
        return .object(object)
    }
}

