import Foundation
import KvittoCore
import Testing

/// Where the JMESPath compliance suite lives: `$KVITTO_SHARED/conformance/jmespath`, or
/// `../shared/conformance/jmespath` relative to the working directory (the project root under `swift test`).
enum JMESPathConformance {
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    static var directory: URL {
        if let shared = ProcessInfo.processInfo.environment["KVITTO_SHARED"], !shared.isEmpty {
            return URL(fileURLWithPath: shared).appendingPathComponent("conformance/jmespath")
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            .appendingPathComponent("../shared/conformance/jmespath").standardizedFileURL
    }

    static var isAvailable: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The suite's files, sorted so failures are reported in a stable order.
    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}

@Suite struct JMESPathComplianceTests {
    /// Runs every case of the official compliance suite. Locally a missing suite skips the test; on CI
    /// (`CI=true`) it fails, so the suite cannot silently stop running.
    @Test(.enabled(
        if: JMESPathConformance.isAvailable || JMESPathConformance.isCI,
        "JMESPath compliance suite not found (set KVITTO_SHARED or check out ../shared)"
    ))
    func everyComplianceCasePasses() throws {
        guard JMESPathConformance.isAvailable else {
            Issue.record("JMESPath compliance suite not found at \(JMESPathConformance.directory.path); set KVITTO_SHARED")
            return
        }
        let files = try JMESPathConformance.files()
        try #require(!files.isEmpty, "no .json files in \(JMESPathConformance.directory.path)")

        var total = 0
        var failures = 0
        for file in files {
            let data = try Data(contentsOf: file)
            guard case .array(let groups) = try JSONParser.parse(data) else {
                Issue.record("\(file.lastPathComponent): top level is not an array")
                failures += 1
                continue
            }
            for group in groups {
                let given = group["given"] ?? .null
                for testCase in group["cases"]?.arrayValue ?? [] {
                    total += 1
                    if let failure = Self.run(testCase, given: given) {
                        failures += 1
                        let comment = testCase["comment"]?.stringValue.map { " (\($0))" } ?? ""
                        Issue.record("\(file.lastPathComponent)\(comment): \(failure)")
                    }
                }
            }
        }
        #expect(total >= 908, "the compliance suite should have at least 908 cases, found \(total)")
        #expect(failures == 0, "\(failures) of \(total) JMESPath compliance cases failed")
    }

    /// Runs one case; returns a description of the failure, or `nil` when it passed.
    private static func run(_ testCase: JSONValue, given: JSONValue) -> String? {
        guard let source = testCase["expression"]?.stringValue else { return "case without an expression" }
        let expression = "expression \(JSONWriter.string(.string(source)))"
        let outcome: Result<JSONValue, JMESPathError>
        do {
            outcome = .success(try JMESPathExpression(source).evaluate(given))
        } catch {
            outcome = .failure(error)
        }
        switch (outcome, testCase["result"], testCase["error"]?.stringValue) {
        case (.success(let actual), let expected?, _):
            return actual == expected ? nil
                : "\(expression): expected \(JSONWriter.string(expected)), got \(JSONWriter.string(actual))"
        case (.failure(let error), let expected?, _):
            return "\(expression): expected \(JSONWriter.string(expected)), got error \(error)"
        case (.failure(let error), nil, let expected?):
            return error.kind.rawValue == expected ? nil : "\(expression): expected error \(expected), got \(error)"
        case (.success(let actual), nil, let expected?):
            return "\(expression): expected error \(expected), got \(JSONWriter.string(actual))"
        case (.success, nil, nil):
            // Benchmark cases that only state an expression must compile and evaluate.
            return nil
        case (.failure(let error), nil, nil):
            return "\(expression): expected to evaluate, got \(error)"
        }
    }
}

@Suite struct JMESPathLimitTests {
    private let document: JSONValue = ["a": [1, 2, 3], "s": "abcdefgh"]

    /// The kind of error `body` throws, `nil` if it succeeds.
    private func errorKind(_ body: () throws -> Void) -> JMESPathError.Kind? {
        do {
            try body()
            return nil
        } catch let error as JMESPathError {
            return error.kind
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func expressionLongerThanTheLimitIsRejected() {
        let long = Array(repeating: "a", count: 5000).joined(separator: ".")
        #expect(errorKind { _ = try JMESPathExpression(long) } == .limitExceeded)
        let limits = JMESPathLimits(maxExpressionLength: 10)
        #expect(errorKind { _ = try JMESPathExpression("a.b.c.d.e.f", limits: limits) } == .limitExceeded)
        #expect(errorKind { _ = try JMESPathExpression("a.b.c", limits: limits) } == nil)
    }

    @Test func nestingDeeperThanTheLimitIsRejectedBeforeEvaluation() {
        let parentheses = String(repeating: "(", count: 1000) + "a" + String(repeating: ")", count: 1000)
        #expect(errorKind { _ = try JMESPathExpression(parentheses) } == .limitExceeded)
        // Left-associative chains nest in the tree without nesting in the parser.
        let ors = Array(repeating: "a", count: 1000).joined(separator: "||")
        #expect(errorKind { _ = try JMESPathExpression(ors) } == .limitExceeded)
        let nots = String(repeating: "!", count: 1000) + "a"
        #expect(errorKind { _ = try JMESPathExpression(nots) } == .limitExceeded)
    }

    @Test func expressionsNestedJustWithinTheLimitEvaluate() throws {
        // Also a guard on stack use: these recurse 127 levels deep in the parser and the interpreter, on the
        // test's thread (512 KB on Apple platforms).
        let depth = 127
        let nested = try JSONParser.parse(String(repeating: #"{"a":["#, count: 120) + "1" + String(repeating: "]}", count: 120))
        let expressions = [
            String(repeating: "[", count: depth) + "@" + String(repeating: "]", count: depth),
            String(repeating: "{a: ", count: depth) + "@" + String(repeating: "}", count: depth),
            String(repeating: "abs(", count: depth) + "`-1`" + String(repeating: ")", count: depth),
            String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth),
            String(repeating: "!", count: depth) + "a",
            Array(repeating: "a", count: depth).joined(separator: " | "),
            String(repeating: "a[*].", count: 120) + "a",
        ]
        for expression in expressions {
            #expect(errorKind { _ = try JMESPathExpression(expression).evaluate(nested) } == nil, "\(expression.prefix(20))")
        }
    }

    @Test func syntaxErrorsTakePrecedenceOverUnknownFunctions() {
        #expect(errorKind { _ = try JMESPathExpression("no_such_function(a) ]") } == .syntax)
        #expect(errorKind { _ = try JMESPathExpression("no_such_function(a)") } == .unknownFunction)
    }

    @Test func exponentialProjectionHitsTheStepLimitQuickly() throws {
        // Every stage multiplies the logical size by ten while sharing storage; flattening must visit it all.
        let stages = Array(repeating: "[@,@,@,@,@,@,@,@,@,@]", count: 10).joined(separator: " | ")
        let expression = try JMESPathExpression(stages + " | " + String(repeating: "[]", count: 9) + " | length(@)")
        let started = ContinuousClock.now
        #expect(errorKind { _ = try expression.evaluate(document) } == .limitExceeded)
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func serialisingAHugeSharedValueHitsTheStepLimit() throws {
        let stages = Array(repeating: "[@,@]", count: 40).joined(separator: " | ")
        let expression = try JMESPathExpression(stages + " | to_string(@) | length(@)")
        #expect(errorKind { _ = try expression.evaluate(document) } == .limitExceeded)
    }

    @Test func doublingAStringHitsTheStepLimit() throws {
        let stages = Array(repeating: "[@,@] | join('', @)", count: 40).joined(separator: " | ")
        let expression = try JMESPathExpression("s | " + stages + " | length(@)")
        #expect(errorKind { _ = try expression.evaluate(document) } == .limitExceeded)
    }

    @Test func longNumbersInTheDocumentAreChargedByTheirDigits() throws {
        // One 100,000-digit number, compared a thousand times through shared copies.
        let document = JSONValue.number(JSONNumber(validatedText: "1" + String(repeating: "0", count: 100_000)))
        let tenfold = "[@,@,@,@,@,@,@,@,@,@]"
        let source = "\(tenfold) | \(tenfold) | \(tenfold) | [][] | [?@ >= `1`] | length(@)"
        let limits = JMESPathLimits(maxEvaluationSteps: 100_000)
        #expect(errorKind { _ = try JMESPathExpression(source, limits: limits).evaluate(document) } == .limitExceeded)
        // Short numbers compare for one step each: the same filter over ordinary numbers stays far below it.
        #expect(try JMESPathExpression(source, limits: limits).evaluate(1) == 1000)
    }

    @Test func resultLargerThanTheOutputLimitIsRejected() throws {
        // 2^20 leaves from twenty cheap steps.
        let stages = Array(repeating: "[@,@]", count: 20).joined(separator: " | ")
        #expect(errorKind { _ = try JMESPathExpression(stages).evaluate(document) } == .limitExceeded)
        let small = JMESPathLimits(maxOutputNodes: 3)
        #expect(errorKind { _ = try JMESPathExpression("a", limits: small).evaluate(document) } == .limitExceeded)
        #expect(errorKind { _ = try JMESPathExpression("a[:2]", limits: small).evaluate(document) } == nil)
    }

    @Test func stepLimitCountsEveryVisitedNode() throws {
        let limits = JMESPathLimits(maxEvaluationSteps: 5)
        #expect(errorKind { _ = try JMESPathExpression("a[*].to_string(@)", limits: limits).evaluate(document) } == .limitExceeded)
        #expect(try JMESPathExpression("a[0]", limits: limits).evaluate(document) == 1)
    }
}

@Suite struct JMESPathBehaviourTests {
    private func evaluate(_ expression: String, _ document: JSONValue) throws -> JSONValue {
        try JMESPathExpression(expression).evaluate(document)
    }

    private func text(_ expression: String, _ document: JSONValue) throws -> String {
        JSONWriter.string(try evaluate(expression, document))
    }

    @Test func integerArithmeticPrintsIntegers() throws {
        #expect(try text("sum(@)", [1, 2]) == "3")
        #expect(try text("sum(@)", try JSONParser.parse("[1.5, 1.5]")) == "3")
        #expect(try text("avg(@)", [1, 2, 3]) == "2")
        #expect(try text("floor(@)", try JSONParser.parse("-1.5")) == "-2")
        #expect(try text("ceil(@)", try JSONParser.parse("-0.5")) == "0")
    }

    @Test func moneyArithmeticIsExact() throws {
        #expect(try text("sum(@)", try JSONParser.parse("[0.1, 0.2]")) == "0.3")
        #expect(try text("avg(@)", try JSONParser.parse("[0.1, 0.2]")) == "0.15")
    }

    @Test func largeIdentifiersCompareExactly() throws {
        // These differ only beyond Double's 53-bit mantissa.
        let document = try JSONParser.parse(#"{"a": 820982911946154509, "b": 820982911946154508}"#)
        #expect(try evaluate("a > b", document) == true)
        #expect(try evaluate("a == b", document) == false)
        #expect(try text("max([a, b])", document) == "820982911946154509")
    }

    @Test func numbersCompareByValueNotSpelling() throws {
        let document = try JSONParser.parse(#"{"a": 1, "b": 1.0, "c": 1e0, "d": 0.10}"#)
        #expect(try evaluate("a == b && b == c", document) == true)
        #expect(try evaluate("d == `0.1`", document) == true)
    }

    @Test func compiledExpressionIsReusableAcrossDocumentsAndTasks() async throws {
        let expression = try JMESPathExpression("items[?price > `10`].name")
        let results = try await withThrowingTaskGroup(of: JSONValue.self) { group in
            for index in 0..<8 {
                group.addTask {
                    let document: JSONValue = ["items": [["name": "a", "price": 5], ["name": "b", "price": .number(JSONNumber(11 + index))]]]
                    return try expression.evaluate(document)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == ["b"] })
    }

    @Test func errorsCarryKindAndOffset() {
        do {
            _ = try JMESPathExpression("foo[?bar ==]")
            Issue.record("expected a syntax error")
        } catch {
            #expect(error.kind == .syntax)
            #expect(error.offset == 11)
        }
    }
}
