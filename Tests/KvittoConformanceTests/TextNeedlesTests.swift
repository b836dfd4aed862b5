import KvittoStorage
import Testing

/// The many-needle search an erasure runs over the rejection log and the inbox: the same answers as asking
/// `contains` of each needle in turn, for texts of every shape.
@Suite("Erasure: searching many texts at once")
struct TextNeedlesTests {
    @Test func itFindsWhatContainsFindsWhateverTheCase() {
        let needles = TextNeedles(["Ingrid_U@Example.se", "+46701234567", "070-123 45 67", "abc", "Åsa.Öberg@exempel.se"])
        #expect(needles.texts.count == 4, "shorter than five bytes is left out: \(needles.texts)")
        #expect(needles.found(in: #"{"customer":{"email":"INGRID_U@EXAMPLE.SE"}}"#))
        #expect(needles.found(in: "+46701234567"), "a whole text")
        #expect(needles.found(in: "call 070-123 45 67 after six"))
        #expect(needles.found(in: "ÅSA.ÖBERG@EXEMPEL.SE"), "upper case beyond ASCII")
        #expect(!needles.found(in: "ingridxu@example.se"), "_ is a character, not a wildcard")
        #expect(!needles.found(in: "+4670123456"), "a prefix is not the needle")
        #expect(!needles.found(in: "abc abc"), "nor a needle too short to search for")
        #expect(!needles.found(in: ""))
        #expect(!TextNeedles([]).found(in: "anything at all"))
    }

    @Test func itAgreesWithContainsOnManyNeedlesAndTexts() {
        var generator = SeededGenerator(seed: 42)
        let alphabet = Array("ab@.+0 12_")
        func text(_ length: Int) -> String { String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }) }
        let texts = (0..<300).map { _ in text(5 + Int(generator.next() % 6)) }
        let needles = TextNeedles(texts)
        for _ in 0..<2000 {
            let haystack = text(Int(generator.next() % 60))
            #expect(needles.found(in: haystack) == needles.texts.contains { haystack.contains($0) }, "\(haystack)")
        }
    }
}

/// A small deterministic generator (xorshift), so that a failure repeats.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }
    mutating func next() -> UInt64 {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state
    }
}
