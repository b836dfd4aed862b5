import FuzzDriver
import KvittoCore

/// The JSON parser every request and platform payload goes through: any bytes either parse or throw, and
/// what parses is written back to JSON that parses to the same value.
@_cdecl("fuzz_json_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzJSON(fuzzBytes(data, size))
}

func fuzzJSON(_ bytes: [UInt8]) -> CInt {
    guard let value = try? JSONParser.parse(bytes) else { return 0 }
    let written = JSONWriter.bytes(value)
    guard let again = try? JSONParser.parse(written), again == value else {
        fatalError("JSON written from a parsed value does not parse back to it: \(String(decoding: written, as: UTF8.self))")
    }
    return 0
}
