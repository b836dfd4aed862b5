import FuzzDriver
import KvittoCore

/// JMESPath as postback templates use it: the first line is the expression, the rest a JSON document.
/// Parsing and evaluating either succeed or throw, within the limits, whatever the input.
@_cdecl("fuzz_jmespath_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzJMESPath(fuzzBytes(data, size))
}

func fuzzJMESPath(_ bytes: [UInt8]) -> CInt {
    let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
    let source = String(decoding: bytes[..<newline], as: UTF8.self)
    let document = newline < bytes.endIndex ? (try? JSONParser.parse(Array(bytes[(newline + 1)...]))) ?? .null : .null
    guard let expression = try? JMESPathExpression(source) else { return 0 }
    _ = try? expression.evaluate(document)
    return 0
}
