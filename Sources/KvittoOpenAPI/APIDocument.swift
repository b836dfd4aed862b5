import Foundation
import KvittoCore
import OpenAPIKit

/// The OpenAPI 3.1 document of the Kvitto API (`Sources/KvittoHTTP/openapi.json`, served at `GET /openapi.json`).
///
/// Written with OpenAPIKit; every list the code also has (event types, scopes, problem codes, statuses and the
/// other enumerations, the retry schedule) is read from the Swift types, so the document cannot fall behind
/// them. The router is checked against it both ways in `OpenAPIDocumentTests`.
public enum APIDocument {
    /// The document.
    public static func build() -> OpenAPI.Document {
        OpenAPI.Document(
            openAPIVersion: .v3_1_0,
            info: OpenAPI.Document.Info(title: "Kvitto", description: infoDescription, version: KvittoVersion.number),
            servers: [OpenAPI.Server(urlTemplate: localServer)], paths: paths,
            components: .direct(
                schemas: schemas, responses: responses, parameters: parameters,
                securitySchemes: [
                    "bearer": .http(scheme: "bearer", description: "`Authorization: Bearer <key>` with an API key (`kvt_…`)."),
                    "basic": .http(scheme: "basic", description: "HTTP Basic for POS systems: any user name, the API key as the password."),
                ]
            ),
            security: [[.component(named: "bearer"): []], [.component(named: "basic"): []]],
            tags: Tag.allCases.map { OpenAPI.Tag(name: $0.rawValue, description: $0.description) }
        )
    }

    /// The document as the bytes of `openapi.json`: keys sorted, pretty-printed, slashes unescaped and a final
    /// newline, so that the same document is always the same file.
    public static func encoded(_ document: OpenAPI.Document = build()) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let written = try JSONDecoder().decode(DocumentJSON.self, from: try encoder.encode(document))
        return try encoder.encode(NullMeansAbsent.apply(to: written)) + Data("\n".utf8)
    }

    /// Where `kvitto serve` listens by default.
    private static var localServer: URLTemplate {
        guard let template = URLTemplate(rawValue: "http://127.0.0.1:8080") else { preconditionFailure("a valid server URL") }
        return template
    }

    static var schemas: OpenAPI.ComponentDictionary<JSONSchema> {
        merged([
            basicSchemas, contactSchemas, orderSchemas, eventAndKeySchemas, templateSchemas, settingsSchemas,
            triggerSchemas, deliverySchemas, connectionSchemas, backfillAndHookSchemas, automationSchemas,
            listSchemas, mergeCandidateSchemas, posSchemas, voucherAndEngagementSchemas, pageSchemas,
        ])
    }

    static var paths: OpenAPI.PathItem.Map {
        merged([
            operationPaths, contactPaths, mergeCandidatePaths, orderPaths, templatePaths, triggerPaths, listPaths, posPaths,
            engagementAndAutomationPaths, deliveryPaths, connectionPaths, hookPaths,
        ])
    }

    /// The parts of a map written in several files, as one; a key written twice is a mistake.
    private static func merged<Key: Hashable, Value>(_ parts: [OrderedDictionary<Key, Value>]) -> OrderedDictionary<Key, Value> {
        var all = OrderedDictionary<Key, Value>()
        for part in parts {
            for (key, value) in part {
                precondition(all[key] == nil, "\(key) is written twice")
                all[key] = value
            }
        }
        return all
    }
}

extension OpenAPI.ContentType {
    static let problemJSON = named("application/problem+json")
    static let tsv = named("text/tab-separated-values")
    static let xlsx = named("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

    private static func named(_ rawValue: String) -> Self {
        guard let type = Self(rawValue: rawValue) else { preconditionFailure("\(rawValue) is a content type") }
        return type
    }
}
