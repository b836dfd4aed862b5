import KvittoCore
import Testing

/// The one decode step every request body goes through.
@Suite("Input: decoding a request body")
struct ObjectReaderDecodeTests {
    static func readName(_ r: inout ObjectReader) -> String? {
        let name = r.string("name", required: true, maxLength: 10)
        if name == "admin" { r.fail("/name", "is reserved") }
        return name
    }

    @Test func aGoodBodyGivesTheInput() throws {
        #expect(try ObjectReader.decode(["name": "Anna"], Self.readName) == "Anna")
    }

    /// Every mistake comes back at once, each at its pointer: unknown members too, and each error once even
    /// when a reader finishes a nested object itself.
    @Test func everyMistakeIsReportedOnceWithItsPointer() throws {
        let error = try #require(throws: KvittoError.self) {
            try ObjectReader.decode(["name": "a name far too long", "colour": "red"], Self.readName)
        }
        #expect(error.code == .invalid)
        #expect(error.fieldErrors.map(\.pointer) == ["/name", "/colour"])
        let rule = try #require(throws: KvittoError.self) { try ObjectReader.decode(["name": "admin"], Self.readName) }
        #expect(rule.fieldErrors == [FieldError("/name", "is reserved")])
        let twice = try #require(throws: KvittoError.self) {
            try ObjectReader.decode(["name": "Anna", "extra": 1]) { r -> String? in
                let name = r.string("name")
                r.finish()  // as readers of nested objects do; decode finishes again
                return name
            }
        }
        #expect(twice.fieldErrors == [FieldError("/extra", "is not a known field")])
    }

    @Test func aBodyThatIsNotAnObjectIsRefusedAtTheRoot() throws {
        let error = try #require(throws: KvittoError.self) { try ObjectReader.decode(["a", "b"], Self.readName) }
        #expect(error.fieldErrors == [FieldError("", "must be an object")])
    }

    /// `required` names a missing member only when nothing else was wrong, so one mistake is not reported twice.
    @Test func aMissingMemberIsRequired() throws {
        let missing = try #require(throws: KvittoError.self) {
            try ObjectReader.decode([:]) { r in r.required(r.stringArray("tags"), "tags") }
        }
        #expect(missing.fieldErrors == [FieldError("/tags", "is required")])
        let wrongType = try #require(throws: KvittoError.self) {
            try ObjectReader.decode(["tags": 3]) { r in r.required(r.stringArray("tags"), "tags") }
        }
        #expect(wrongType.fieldErrors.count == 1 && wrongType.fieldErrors[0].pointer == "/tags")
    }
}
