import KvittoCore
import Testing

/// JSON strings (escapes, `\u` surrogate pairs, strict UTF-8) and objects (repeated keys, the key index of
/// large ones). The parser makes its strings without the standard library's validating initialiser, and
/// `JSONObject` keeps the index of a large object with one hash a key (both for speed); `String(validating:as:)`
/// and a plain list of members are the oracles here.
@Suite("JSON parser: strings and objects")
struct JSONParserTests {
    static func parsed(_ bytes: [UInt8]) -> JSONValue? { try? JSONParser.parse(bytes) }

    @Test func escapesStandForWhatTheyName() throws {
        #expect(try JSONParser.parse(#""a\"b\\c\/d\be\ff\ng\rh\ti""#) == .string("a\"b\\c/d\u{8}e\u{C}f\ng\rh\ti"))
        #expect(try JSONParser.parse(#""\u00e9\u20AC""#) == .string("é€"))
        #expect(try JSONParser.parse(#""\ud83d\ude00 x""#) == .string("😀 x"))
        #expect(try JSONParser.parse(#""\u0000""#) == .string("\u{0}"))
        #expect(try JSONParser.parse(#"{"k\"ey": ["", "plain", "é😀"]}"#)
                == .object(JSONObject([("k\"ey", .array([.string(""), .string("plain"), .string("é😀")]))])))
    }

    @Test(arguments: [
        #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\ud800x""#, #""\x""#, #""\u12""#, #""\u12g4""#, #""abc"#, #""a\"#,
    ])
    func malformedEscapesAndUnterminatedStringsAreErrors(_ document: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(document) }
    }

    @Test(arguments: [
        [0xFF], [0xC3], [0xC3, 0x28], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0x01], [0x1F],
    ] as [[UInt8]])
    func invalidUTF8AndControlCharactersAreErrors(_ content: [UInt8]) {
        for document in [[0x22] + content + [0x22], [0x22, 0x5C, 0x6E] + content + [0x22], [0x22] + content + [0x5C, 0x74, 0x22]] {
            #expect(Self.parsed(document) == nil, "\(document)")
        }
    }

    /// Random strings of ASCII, escapes, valid multi-byte characters and stray bytes: the parser accepts one
    /// exactly when its unescaped bytes are valid UTF-8 without raw control characters, and answers that string.
    @Test func randomStringsParseExactlyWhenTheirBytesAreValid() {
        var random = SplitMix64(seed: 0x4A53_4F4E)
        let escapes: [(written: String, means: String)] = [(#"\""#, "\""), (#"\\"#, "\\"), (#"\n"#, "\n"), (#"\u00e9"#, "é"),
                                                            (#"\ud83d\ude00"#, "😀"), (#"\/"#, "/"), (#"\u001f"#, "\u{1F}")]
        let characters = ["é", "€", "😀", "ß", "日"]
        var accepted = 0
        for _ in 0..<3000 {
            var written: [UInt8] = [0x22]
            var meant: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &random) {
                switch Int.random(in: 0..<10, using: &random) {
                case 0..<4:
                    let byte = UInt8.random(in: 0x20...0x7E, using: &random)
                    guard byte != 0x22, byte != 0x5C else { continue }
                    written.append(byte); meant.append(byte)
                case 4, 5:
                    let escape = escapes.randomElement(using: &random)!
                    written += Array(escape.written.utf8); meant += Array(escape.means.utf8)
                case 6, 7:
                    let character = Array(characters.randomElement(using: &random)!.utf8)
                    written += character; meant += character
                case 8:
                    let byte = UInt8.random(in: 0x80...0xFF, using: &random)
                    written.append(byte); meant.append(byte)
                default:
                    // Part of a character only: its first byte, or its last.
                    let character = Array(characters.randomElement(using: &random)!.utf8)
                    let part = Bool.random(using: &random) ? [character[0]] : [character[character.count - 1]]
                    written += part; meant += part
                }
            }
            written.append(0x22)
            let expected = String(validating: meant, as: UTF8.self)
            #expect(Self.parsed(written) == expected.map(JSONValue.string), "\(written)")
            if expected != nil { accepted += 1 }
        }
        #expect(accepted > 300 && accepted < 2700, "both kinds were tried: \(accepted) of 3000 valid")
    }

    @Test func aRepeatedKeyKeepsItsFirstPlaceAndTakesTheLastValue() throws {
        let parsed = try #require(try JSONParser.parse(#"{"a": 1, "b": 2, "a": 3}"#).objectValue)
        #expect(parsed.keys == ["a", "b"])
        #expect(parsed["a"] == 3 && parsed["b"] == 2)
    }

    /// Objects of up to 60 members with keys drawn from a small pool (so that many repeat, before and past the
    /// size where an object keeps an index): the parsed object has the keys in the order, and the values, that
    /// a plain list of members gives (a repeated key keeps its place and takes the last value), as does one
    /// built through the subscript, and every key is found.
    @Test func objectsParseAsAPlainListOfMembersHasThem() throws {
        var random = SplitMix64(seed: 0x4F42_4A53)
        let pool = (0..<45).map { "k\($0)" } + ["", "é", "a\"b", "kk"]
        for _ in 0..<500 {
            var expected = JSONObject()
            var plain: [(key: String, value: JSONValue)] = []
            var members: [String] = []
            for n in 0..<Int.random(in: 0...60, using: &random) {
                let key = pool.randomElement(using: &random)!
                expected[key] = .number(JSONNumber(n))
                if let earlier = plain.firstIndex(where: { $0.key == key }) { plain[earlier].value = .number(JSONNumber(n)) } else {
                    plain.append((key, .number(JSONNumber(n))))
                }
                members.append(JSONWriter.string(.string(key)) + ": \(n)")
            }
            let parsed = try #require(try JSONParser.parse("{" + members.joined(separator: ", ") + "}").objectValue)
            #expect(parsed.keys == expected.keys)
            #expect(parsed == expected)
            for key in pool { #expect(parsed[key] == expected[key], "\(key)") }
            #expect(parsed.keys == plain.map(\.key) && expected.keys == plain.map(\.key))
            for member in plain { #expect(parsed[member.key] == member.value && expected[member.key] == member.value, "\(member.key)") }
        }
    }

    /// A compiled postback template fills copies of a prototype in by position: the value lands on the key at
    /// that place, in that place, is found by its key (with and without the index of a large object), and the
    /// prototype keeps its own values.
    @Test(arguments: [5, 30])
    func aValueSetByPositionIsFoundByItsKeyAndLeavesTheOriginalAlone(members: Int) throws {
        let prototype = JSONObject((0..<members).map { ("k\($0)", JSONValue.null) })
        var filled = prototype
        for position in stride(from: 0, to: members, by: 2) {
            filled.setValue(.number(JSONNumber(position)), atPosition: position)
        }
        #expect(filled.keys == prototype.keys)
        for (position, key) in prototype.keys.enumerated() {
            #expect(filled[key] == (position % 2 == 0 ? .number(JSONNumber(position)) : .null), "\(key)")
            #expect(prototype[key] == .null, "\(key)")
        }
    }
}
