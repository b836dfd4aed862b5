import FuzzDriver
import KvittoCore
import KvittoTemplates

/// An e-mail or SMS template (Mustache) as a merchant writes it, rendered against a sample event's context:
/// it compiles and renders, or says why, whatever the text. The input is the subject, HTML and text,
/// separated by NUL bytes; without them it is an SMS text.
@_cdecl("fuzz_message_template_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzMessageTemplate(fuzzBytes(data, size))
}

func fuzzMessageTemplate(_ bytes: [UInt8]) -> CInt {
    let parts = bytes.split(separator: 0, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    let source: MessageTemplateSource = parts.count >= 3
        ? .email(subject: parts[0], html: parts[1], text: parts[2...].joined(separator: "\n"))
        : .sms(text: parts.joined(separator: "\n"))
    guard let template = try? MessageTemplate(source) else { return 0 }
    _ = try? template.render(context)
    return 0
}

let context = MessageContext.make(event: EventSamples.event(.orderShipped),
                                  formatting: .defaults(currency: "SEK", country: "SE"), accountName: "Butiken")
