import FuzzDriver
import KvittoCore
import KvittoTemplates

/// A postback template (JSON with `$expr`, `$template`, `$literal`) as a merchant writes it, rendered
/// against a sample event: it compiles and renders, or says why, whatever the template.
@_cdecl("fuzz_postback_template_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzPostbackTemplate(fuzzBytes(data, size))
}

func fuzzPostbackTemplate(_ bytes: [UInt8]) -> CInt {
    guard let body = try? JSONParser.parse(bytes) else { return 0 }
    _ = PostbackTemplate.validate(body)
    guard let template = try? PostbackTemplate(body) else { return 0 }
    _ = try? template.render(sample)
    return 0
}

let sample = EventSamples.sample(for: .orderShipped)
