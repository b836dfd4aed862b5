import Testing

@testable import KvittoTemplates

@Suite struct SMSEncodingTests {
    @Test func swedishTextIsGSM7() {
        let result = SMSEncoding.analyse("Hej Åsa! Din order #1001 är skickad. Spåra: https://t.se/a?ö=1")
        #expect(result.encoding == .gsm7)
        #expect(result.units == 62)
        #expect(result.segments == 1)
    }

    @Test func extensionCharactersCountTwice() {
        let result = SMSEncoding.analyse("Pris: 12€ [rea] {x} ~ | ^ \\")
        #expect(result.encoding == .gsm7)
        #expect(result.units == 27 + 9)
    }

    /// 128 code points, one of them the escape to the extension table, which is no character.
    @Test func alphabetHasOneHundredAndTwentySevenCharacters() {
        #expect(SMSEncoding.basicCharacters.count == 127)
        #expect(!SMSEncoding.basicCharacters.contains("ç") && !SMSEncoding.basicCharacters.contains("`"))
    }

    @Test func gsm7Boundaries() {
        #expect(SMSEncoding.analyse(String(repeating: "a", count: 160)).segments == 1)
        #expect(SMSEncoding.analyse(String(repeating: "a", count: 161)).segments == 2)
        #expect(SMSEncoding.analyse(String(repeating: "ä", count: 306)).segments == 2)
        #expect(SMSEncoding.analyse(String(repeating: "ö", count: 307)).segments == 3)
        #expect(SMSEncoding.analyse("").segments == 0)
    }

    @Test func extensionCharacterIsNotSplitAcrossParts() {
        // 152 septets, then `€` (2): it does not fit the first part's 153 and moves whole.
        let text = String(repeating: "a", count: 152) + "€" + String(repeating: "a", count: 152)
        let result = SMSEncoding.analyse(text)
        #expect(result.units == 306)
        #expect(result.segments == 3)
        // 160 septets exactly with an extension character is still one message.
        #expect(SMSEncoding.analyse(String(repeating: "a", count: 158) + "€").segments == 1)
        #expect(SMSEncoding.analyse(String(repeating: "a", count: 159) + "€").segments == 2)
    }

    @Test func ucs2Boundaries() {
        let seventy = String(repeating: "ł", count: 70)
        #expect(SMSEncoding.analyse(seventy).encoding == .ucs2)
        #expect(SMSEncoding.analyse(seventy).segments == 1)
        #expect(SMSEncoding.analyse(seventy + "ł").segments == 2)
        #expect(SMSEncoding.analyse(String(repeating: "ł", count: 134)).segments == 2)
        #expect(SMSEncoding.analyse(String(repeating: "ł", count: 135)).segments == 3)
    }

    @Test func emojiAreSurrogatePairsNeverSplit() {
        let result = SMSEncoding.analyse("Tack! 😀")
        #expect(result.encoding == .ucs2)
        #expect(result.units == 8)
        #expect(result.segments == 1)
        // 66 units, then an emoji (2): the pair moves whole to the second part.
        let split = SMSEncoding.analyse(String(repeating: "a", count: 66) + "😀" + String(repeating: "a", count: 66))
        #expect(split.units == 134)
        #expect(split.segments == 3)
        #expect(SMSEncoding.analyse(String(repeating: "a", count: 68) + "😀").segments == 1)
        #expect(SMSEncoding.analyse(String(repeating: "a", count: 69) + "😀").segments == 2)
    }
}
