import Foundation
import KvittoCore

/// Which methods each path of the API answers, read from the API document the server serves: a request
/// with another method on a path that exists is answered 405 with `Allow` (RFC 9110 §15.5.6), not 404.
enum AllowedMethods {
    /// The document's paths as segments (`{id}` matches any one segment) with their methods, upper case.
    static let table: [(segments: [Substring], methods: [String])] = {
        guard let paths = (try? JSONParser.parse(OpenAPIDocument.bytes))?["paths"]?.objectValue else { return [] }
        let known = ["get", "put", "post", "delete", "patch", "head", "options"]
        return paths.map { path, item in
            let methods = known.filter { item[$0] != nil }.map { $0.uppercased() }
            return (path.split(separator: "/"), methods)
        }
    }()

    /// The methods `path` answers, or nil when no path of the API is like it.
    static func methods(for path: String) -> [String]? {
        let segments = path.split(separator: "/")
        for (template, methods) in table where template.count == segments.count {
            let matches = zip(template, segments).allSatisfy { pattern, segment in
                (pattern.hasPrefix("{") && pattern.hasSuffix("}")) || pattern == segment
            }
            if matches {
                // GET answers HEAD too, as every HTTP server does.
                return methods.contains("GET") && !methods.contains("HEAD") ? methods + ["HEAD"] : methods
            }
        }
        return nil
    }
}
