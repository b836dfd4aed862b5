import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoHTTP
import KvittoOpenAPI
import KvittoStorage
import Testing

@Suite("HTTP: the OpenAPI document")
struct OpenAPIDocumentTests {
    /// Routes the document leaves out on purpose, each with the reason.
    static let deliberatelyUndocumented: [Endpoint: String] = [
        Endpoint("POST", "/hooks/cartum/{connection}/{token}"):
            "Cartum's webhook is PUT; POST to the same URL is taken too, which the PUT operation's description says",
    ]

    /// The committed `Sources/KvittoHTTP/openapi.json` (what `GET /openapi.json` serves) is what KvittoOpenAPI
    /// builds now: a change to the generator or to a Swift enumeration it reads must come with the regenerated file.
    @Test func theCommittedDocumentIsTheGeneratedOne() throws {
        let file = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/KvittoHTTP/openapi.json")
        let committed = try JSONParser.parse(Array(try Data(contentsOf: file)))
        let generated = try JSONParser.parse(Array(try APIDocument.encoded()))
        let difference = Self.firstDifference(committed, generated)
        let place = difference.map { $0.isEmpty ? "its root" : $0 } ?? ""
        #expect(
            difference == nil,
            "Sources/KvittoHTTP/openapi.json differs from the generated document at \(place): regenerate it with `swift run kvitto-openapi`"
        )
    }

    /// Every route the router registers is documented with its method, and every documented operation is routed.
    @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsRouted() throws {
        let services = KvittoServices(store: MemoryStore(), secrets: SecretBox(keyMaterial: "openapi-tests"), renderMetrics: { "" })
        // The admin's pages are HTML for a browser, not part of the JSON API the document describes.
        let routed = Set(KvittoAPI.router(services).routes.map { Endpoint($0.method.rawValue, $0.path.description) }
            .filter { !$0.path.hasPrefix("/admin") })
        let documented = try Self.documentedOperations()
        let undocumented = Set(Self.deliberatelyUndocumented.keys)

        for route in routed.subtracting(documented).subtracting(undocumented).sorted() {
            Issue.record("\(route) is routed but not in the API document: describe it in Sources/KvittoOpenAPI (then `swift run kvitto-openapi`)")
        }
        for operation in documented.subtracting(routed).sorted() {
            Issue.record("\(operation) is in the API document but no route answers it")
        }
        for route in undocumented.subtracting(routed).sorted() {
            Issue.record("\(route) is no longer routed: take it off the list of deliberately undocumented routes")
        }
        #expect(routed.count >= documented.count && documented.count >= 80)
    }

    /// Every operation the document describes is routed: none answers "no such endpoint" or 405.
    @Test func everyDocumentedOperationExists() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        try await harness.run { api in
            let document = try await api.call(.get, "/openapi.json").json
            let paths = try #require(document["paths"]?.objectValue)
            var operations = 0
            for (path, item) in paths {
                for method in item.objectValue?.keys ?? [] where ["get", "post", "patch", "delete", "put"].contains(method) {
                    let uri = path.replacingOccurrences(of: #"\{[a-z_]+\}"#, with: "x", options: .regularExpression)
                    let reply = try await api.call(HTTPRequest.Method(method.uppercased())!, uri, key: key, body: method == "get" || method == "delete" ? nil : "{}")
                    #expect(reply.status != .methodNotAllowed, "\(method) \(path) is not routed")
                    #expect(!(reply.json["detail"]?.stringValue?.hasPrefix("no such endpoint") ?? false), "\(method) \(path) is not routed")
                    operations += 1
                }
            }
            #expect(operations >= 25)
        }
    }

    /// A method and a path whose parameters are all written `{}`: the router names them as its handlers read them,
    /// the document as its readers should, and only their places matter.
    struct Endpoint: Hashable, Comparable, CustomStringConvertible {
        let method: String
        let path: String

        init(_ method: String, _ path: String) {
            self.method = method.uppercased()
            self.path = path.replacingOccurrences(of: #"\{[^}/]*\}"#, with: "{}", options: .regularExpression)
        }

        var description: String { "\(method) \(path)" }
        static func < (lhs: Endpoint, rhs: Endpoint) -> Bool { (lhs.path, lhs.method) < (rhs.path, rhs.method) }
    }

    /// The operations of the generated document.
    static func documentedOperations() throws -> Set<Endpoint> {
        let document = try JSONParser.parse(Array(try APIDocument.encoded()))
        let paths = try #require(document["paths"]?.objectValue)
        let methods: Set = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]
        return Set(paths.flatMap { path, item in
            (item.objectValue?.keys ?? []).filter(methods.contains).map { Endpoint($0, path) }
        })
    }

    /// The JSON pointer of the first place where `a` and `b` differ; `nil` when they are the same document.
    static func firstDifference(_ a: JSONValue, _ b: JSONValue, at pointer: String = "") -> String? {
        switch (a, b) {
        case (.object(let left), .object(let right)):
            for key in Set(left.keys).union(right.keys).sorted() {
                let member = pointer + "/" + key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
                guard let l = left[key], let r = right[key] else { return member }
                if let found = firstDifference(l, r, at: member) { return found }
            }
            return nil
        case (.array(let left), .array(let right)):
            guard left.count == right.count else { return pointer }
            for (index, (l, r)) in zip(left, right).enumerated() {
                if let found = firstDifference(l, r, at: "\(pointer)/\(index)") { return found }
            }
            return nil
        default:
            return a == b ? nil : pointer
        }
    }
}
