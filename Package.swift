// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "kvitto",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "kvitto", targets: ["kvitto"]),
        // What reads outside input, for the fuzz targets in Fuzz/ (a package of its own).
        .library(name: "KvittoReaders", targets: ["KvittoCore", "KvittoTemplates", "KvittoConnectors", "KvittoSpreadsheet"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.4.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        // Already in the graph through postgres-nio and async-http-client; named to configure TLS to the database.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
        // Bonus-check files saved from Excel (.xlsx): the ZIP container and the XML inside it.
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder.git", from: "0.18.2"),
        // Tests only: the peers and the kvitto binary as child processes with Swift concurrency (and Sendable
        // values) instead of Foundation's Process; its paths are swift-system's FilePath.
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.4.0"),
        // The admin's file uploads (bonus checks) come as multipart/form-data, which Hummingbird does not parse.
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.0"),
        // The API document is built as typed OpenAPI 3.1 values instead of printed by hand (kvitto-openapi).
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0"),
    ],
    targets: [
        // Domain only, no I/O.
        .target(
            name: "KvittoCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                // PBKDF2 for admin passwords.
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        // Storage protocols, the use cases written against them, and the in-memory backend.
        .target(
            name: "KvittoStorage",
            dependencies: ["KvittoCore", "KvittoTemplates"],
            swiftSettings: swiftSettings
        ),
        // The repositories both SQL backends share, written against a minimal executor.
        .target(
            name: "KvittoSQL",
            dependencies: ["KvittoCore", "KvittoStorage", "KvittoTemplates"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KvittoSQLite",
            dependencies: ["KvittoSQL", "KvittoStorage", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KvittoPostgres",
            dependencies: [
                "KvittoCore", "KvittoSQL", "KvittoStorage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // One suite every storage backend must pass; a plain target the test target drives.
        .target(
            name: "KvittoConformance",
            dependencies: ["KvittoCore", "KvittoStorage"],
            swiftSettings: swiftSettings
        ),
        // Mustache and postback template rendering, and sample events.
        .target(
            name: "KvittoTemplates",
            dependencies: ["KvittoCore", .product(name: "Mustache", package: "swift-mustache")],
            swiftSettings: swiftSettings
        ),
        // Platform payloads → the canonical model: signatures, mappers, status mapping, platform rules. No I/O.
        .target(
            name: "KvittoConnectors",
            dependencies: ["KvittoCore", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        // Platform connections: webhook receiving, the inbox, historical imports and the platform API clients.
        .target(
            name: "KvittoImport",
            dependencies: [
                "KvittoCore", "KvittoStorage", "KvittoConnectors",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // E-mail on SwiftNIO: MIME rendering and an SMTP client (STARTTLS, AUTH, PIPELINING). No SMTP library
        // exists in the package mirror; this depends on nothing of Kvitto's.
        .target(
            name: "KvittoMail",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        // The delivery worker and the signed webhook sender.
        .target(
            name: "KvittoDelivery",
            dependencies: [
                "KvittoCore", "KvittoStorage", "KvittoTemplates", "KvittoMail",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // Only to tell a TLS failure by its type.
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // The first sheet of an Excel workbook as rows of text (imports only; no domain in it).
        .target(
            name: "KvittoSpreadsheet",
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "KvittoHTTP",
            dependencies: [
                "KvittoCore", "KvittoStorage", "KvittoTemplates", "KvittoConnectors", "KvittoImport", "KvittoSpreadsheet", "KvittoMail",
                .product(name: "Hummingbird", package: "hummingbird"),
                // The admin's pages and their file uploads.
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("openapi.json")],
            swiftSettings: swiftSettings
        ),
        // The OpenAPI 3.1 document of the API, built from the Swift enumerations and limits it lists (event types,
        // scopes, problem codes, template limits) so it cannot drift from them. No Hummingbird: the router is checked
        // against it in tests.
        .target(
            name: "KvittoOpenAPI",
            dependencies: ["KvittoCore", "KvittoTemplates", .product(name: "OpenAPIKit", package: "OpenAPIKit")],
            swiftSettings: swiftSettings
        ),
        // The commit scripts/release builds from, handed in as a C macro (see kvitto_build.h).
        .target(name: "CKvittoBuild"),
        .target(
            name: "KvittoApp",
            dependencies: [
                "CKvittoBuild", "KvittoCore", "KvittoStorage", "KvittoTemplates",
                "KvittoHTTP", "KvittoSQL", "KvittoSQLite", "KvittoPostgres", "KvittoDelivery", "KvittoImport", "KvittoMail",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "kvitto",
            dependencies: [
                "KvittoApp", "KvittoImport", "KvittoCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Writes Sources/KvittoHTTP/openapi.json (or the path given): `swift run kvitto-openapi`.
        .executableTarget(
            name: "kvitto-openapi",
            dependencies: ["KvittoOpenAPI"],
            swiftSettings: swiftSettings
        ),
        // Micro-benchmark of postback template rendering (bench/mapping; run it in release).
        .executableTarget(
            name: "bench-mapping",
            dependencies: ["KvittoCore", "KvittoTemplates"],
            path: "bench/mapping",
            swiftSettings: swiftSettings
        ),
        // Real peers for tests: the Python Standard Webhooks receiver. Used by test targets only.
        .target(
            name: "KvittoTestSupport",
            dependencies: [
                "KvittoCore",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KvittoDeliveryTests",
            dependencies: [
                "KvittoDelivery", "KvittoCore", "KvittoStorage", "KvittoImport", "KvittoTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "KvittoCoreTests", dependencies: ["KvittoCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KvittoSpreadsheetTests",
            dependencies: ["KvittoSpreadsheet", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "KvittoMailTests", dependencies: ["KvittoMail", "KvittoTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KvittoImportTests",
            dependencies: ["KvittoImport", "KvittoConnectors", "KvittoCore", "KvittoStorage", "KvittoTestSupport",
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KvittoConnectorsTests",
            dependencies: ["KvittoConnectors", "KvittoCore", "KvittoTestSupport", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "KvittoTemplatesTests", dependencies: ["KvittoTemplates", "KvittoCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "KvittoConformanceTests",
            dependencies: [
                "KvittoConformance", "KvittoCore", "KvittoStorage", "KvittoSQLite", "KvittoPostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Upgrade tests write rows as an older version's SQL did.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // Runs the real `kvitto` executable as a process: crash and restart.
        .testTarget(
            name: "KvittoProcessTests",
            dependencies: [
                "KvittoCore", "KvittoTestSupport",
                // HMAC for the platform webhooks the upgrade test signs.
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "KvittoHTTPTests",
            dependencies: [
                "KvittoApp", "KvittoCore", "KvittoStorage", "KvittoSQLite", "KvittoConnectors", "KvittoImport", "KvittoTestSupport",
                "KvittoHTTP", "KvittoOpenAPI", "KvittoDelivery",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
