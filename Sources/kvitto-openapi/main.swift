import Foundation
import KvittoOpenAPI

// Writes the API document: `swift run kvitto-openapi [path]`. Without a path it replaces
// Sources/KvittoHTTP/openapi.json of this checkout, wherever it is run from.
let defaultPath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("KvittoHTTP/openapi.json").path
let path = CommandLine.arguments.dropFirst().first ?? defaultPath

do {
    try APIDocument.encoded().write(to: URL(fileURLWithPath: path), options: .atomic)
    print("wrote \(path)")
} catch {
    FileHandle.standardError.write(Data("kvitto-openapi: \(error)\n".utf8))
    exit(1)
}
