// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for the parts of Kvitto that read what others send: scripts/fuzz builds them with
// `-sanitize=fuzzer,address` (libFuzzer brings its own main) and runs each. A package of its own, so that the
// normal build never sees them (without the sanitizer they have no main and would not link).
let settings: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]

let package = Package(
    name: "kvitto-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [.package(name: "kvitto", path: "..")],
    targets: [.target(name: "FuzzDriver", swiftSettings: settings)]
        + ["json", "jmespath", "postback-template", "message-template", "mappers", "vouchers"].map { name in
            .executableTarget(
                name: "fuzz-\(name)",
                dependencies: ["FuzzDriver", .product(name: "KvittoReaders", package: "kvitto")],
                path: "Sources/fuzz-\(name)",
                swiftSettings: settings
            )
        }
)
