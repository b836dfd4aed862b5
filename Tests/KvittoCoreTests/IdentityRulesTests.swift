import Foundation
import KvittoCore
import Testing

@Suite("Identity rules")
struct IdentityRulesTests {
    @Test(arguments: [
        ("070-123 45 67", "SE", "+46701234567"), ("+46 70 123 45 67", "SE", "+46701234567"), ("0046701234567", "DK", "+46701234567"),
        ("+46 (0)70 123 45 67", "SE", "+46701234567"), ("20 12 34 56", "DK", "+4520123456"), ("412 34 567", "NO", "+4741234567"),
        ("040 1234567", "FI", "+358401234567"), ("601 123 456", "CZ", "+420601123456"), ("0905 123 456", "SK", "+421905123456"),
        ("512 345 678", "PL", "+48512345678"), ("0151 23456789", "DE", "+4915123456789"), ("07700 900123", "GB", "+447700900123"),
        ("050 123 4567", "UA", "+380501234567"), ("(212) 555-0123", "US", "+12125550123"),
    ])
    func nationalAndInternationalNumbersBecomeE164(raw: String, country: String, expected: String) {
        #expect(PhoneNumber.normalize(raw, defaultCountry: country) == expected)
    }

    @Test(arguments: ["0000000", "12", "", "not a phone", "070-123 45 67 ext 5", "+0046", "1111111111", "++4670"])
    func valuesThatCannotBePhoneNumbersAreRejected(raw: String) {
        #expect(PhoneNumber.normalize(raw, defaultCountry: "SE") == nil)
    }

    @Test func emailKeyIsTrimmedAndLowerCasedWithoutProviderRewriting() {
        #expect(EmailKey.make("  Anna.Berg+shop@GMail.com ") == "anna.berg+shop@gmail.com")
    }

    @Test(arguments: ["test@test", "", "   ", "no-at-sign", "@example.se", "a b@example.se"])
    func junkEmailsIdentifyNobody(raw: String) {
        #expect(EmailKey.make(raw) == nil)
    }
}

@Suite("Money and JSON")
struct MoneyAndJSONTests {
    @Test func moneyIsReadExactlyFromStringsAndNumbers() throws {
        #expect(Money(json: .string("299.00"))?.description == "299.00")
        #expect(Money(json: try JSONParser.parse("199.9"))?.description == "199.90")
        #expect(Money(json: try JSONParser.parse("0.1"))! + Money(json: try JSONParser.parse("0.2"))! == Money(parsing: "0.3")!)
        #expect(Money(json: .string("1,50")) == nil)
        // A JSON number may have an exponent (JavaScript writes 0.0000001 as 1e-7); it is read exactly, a string may not.
        #expect(Money(json: try JSONParser.parse("1e-7"))?.description == "0.0000001")
        #expect(Money(json: try JSONParser.parse("4.9295E+3"))?.description == "4929.50")
        #expect(Money(json: try JSONParser.parse("-4.929429411444897e+16"))?.description == "-49294294114448970.00")
        #expect(Money(json: try JSONParser.parse("1e40")) == nil)
        #expect(Money(json: .string("1e2")) == nil)
        #expect(Money(json: .string("12.345"))?.description == "12.345")
        #expect((Money(parsing: "299.00")! * Money(2)).description == "598.00")
        #expect((Money(parsing: "19.99")! * Money(parsing: "1.5")!).description == "29.985")
        #expect(Money(parsing: "-0.50")!.description == "-0.50")
        #expect(Money(parsing: "0.05")!.description == "0.05")
        #expect(Money(parsing: "2.00")! == Money(2))
        #expect(Money(parsing: "1e3") == nil && Money(parsing: ".") == nil && Money(parsing: "1.") == nil)
        #expect(Money(parsing: "99999999999999999999") == nil, "overflow is refused, not wrapped")
    }

    @Test func sixtyFourBitIntegersKeepEveryDigitThroughParseAndWrite() throws {
        let json = try JSONParser.parse(#"{"id": 820982911946154508, "price": 1.10}"#)
        #expect(json["id"]?.numberValue?.text == "820982911946154508")
        #expect(JSONWriter.string(json) == #"{"id":820982911946154508,"price":1.10}"#)
    }

    @Test(arguments: ["{", "[1,]", "{\"a\" 1}", "01", "\"\\x\"", "nul", "{\"a\":1}x", "\"\u{01}\""])
    func malformedDocumentsAreRefused(text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(text) }
    }

    @Test func escapesAndSurrogatePairsRoundTrip() throws {
        let json = try JSONParser.parse(#"["a\"b\\c\/d\n", "\ud83d\ude00", "å"]"#)
        #expect(json == .array([.string("a\"b\\c/d\n"), .string("😀"), .string("å")]))
        #expect(try JSONParser.parse(JSONWriter.string(json)) == json)
    }

    /// The writer copies the runs between escapes whole; the bytes must be exactly the escaped string,
    /// wherever the escapes fall (first, last, adjacent) and however long the string is.
    @Test func stringsAreEscapedExactlyWhereverTheEscapesFall() throws {
        let cases: [(String, String)] = [
            ("plain", #""plain""#), ("", #""""#), ("\"", #""\"""#), ("a\"", #""a\"""#), ("\"a", #""\"a""#),
            ("\\\\", #""\\\\""#), ("tab\there\r\n", #""tab\there\r\n""#), ("\u{01}\u{1f}x", #""\u0001\u001fx""#),
            ("Åsa 😀 \"citat\"", #""Åsa 😀 \"citat\"""#),
        ]
        for (text, written) in cases {
            #expect(JSONWriter.string(.string(text)) == written, "\(text.debugDescription)")
        }
        let long = String(repeating: "abcdefgh", count: 64) + "\n" + String(repeating: "åäö", count: 50)
        #expect(try JSONParser.parse(JSONWriter.string(.string(long))) == .string(long))
        #expect(JSONWriter.string(.number(JSONNumber(validatedText: "-1.50e3"))) == "-1.50e3")
    }

    @Test func timestampsWithOffsetsAreReadAsUTC() throws {
        let date = try #require(Timestamp.parse("2026-11-01T11:30:00.250+01:00"))
        #expect(Timestamp.format(date) == "2026-11-01T10:30:00.250Z")
        #expect(Timestamp.parse("2026-13-01T00:00:00Z") == nil)
        #expect(Timestamp.parse("2026-11-01") != nil)
    }

    @Test func idsArePrefixedAndSortInCreationOrder() {
        let ids = (0..<1000).map { _ in KvittoID.make(.order) }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == 1000)
        #expect(ids.allSatisfy { KvittoID.isWellFormed($0, .order) })
    }
}

@Suite("Order input")
struct OrderInputTests {
    @Test func unknownFieldsAndWrongTypesAreReportedWithAPointerEach() throws {
        let json = try JSONParser.parse(#"{"external_id": "1", "currency": "SEK", "colour": "red", "lines": [{"sku": "A", "quantity": "two", "unit_price": 5}], "customer": {"email": 5}}"#)
        do {
            _ = try OrderInput.read(json)
            Issue.record("expected field errors")
        } catch {
            let pointers = Set(error.fieldErrors.map(\.pointer))
            #expect(pointers == ["/colour", "/lines/0/quantity", "/customer/email"])
            #expect(error.code == .invalid)
        }
    }

    @Test func theSpecOrderReadsCompletely() throws {
        let json = try JSONParser.parse("""
        {"source": "webshop", "external_id": "1001", "number": "#1001", "created_at": "2026-11-01T10:00:00Z", "status": "received",
         "currency": "SEK", "customer": {"email": "Anna@Example.se", "phone": "070-123 45 67", "first_name": "Anna", "last_name": "Berg",
         "address": {"line1": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm", "country": "SE"}},
         "lines": [{"external_id": "p-1", "sku": "HOOD-M", "name": "Hoodie", "description": "Grey, M", "categories": [["Clothing", "Hoodies"]],
                    "quantity": 2, "unit_price": "299.00"}],
         "shipping": {"carrier": "PostNord", "cost": "49.00", "tracking_number": "RR123", "tracking_url": "https://track.example/RR123",
                      "address": {"name": "Anna Berg", "line1": "Storgatan 1", "postal_code": "111 22", "city": "Stockholm", "country": "SE"}},
         "totals": {"subtotal": "598.00", "shipping": "49.00", "tax": "129.40", "total": "647.00"}, "fields": {"Order": {"channel": "web"}}}
        """)
        let order = try OrderInput.read(json)
        #expect(order.lines.first?.categories == [["Clothing", "Hoodies"]])
        #expect(order.shipping?.address?.name == "Anna Berg")
        #expect(order.totals?.tax?.description == "129.40")
        #expect(order.fields?["Order"]?["channel"] == .string("web"))
        #expect(order.status == .received)
    }
}

@Suite("JSON objects")
struct JSONObjectTests {
    @Test(arguments: [3, 16, 17, 40])
    func objectsKeepEveryMemberInOrderAtAnySize(size: Int) throws {
        let text = "{" + (0..<size).map { #""k\#($0)": \#($0)"# }.joined(separator: ",") + "}"
        let object = try #require(try JSONParser.parse(text).objectValue)
        #expect(object.count == size)
        #expect(object.keys == (0..<size).map { "k\($0)" })
        #expect(Array(object).map(\.key) == object.keys)
        #expect(object["k\(size - 1)"] == .number(JSONNumber(size - 1)))
        var changed = object
        changed["k0"] = nil
        changed["new"] = true
        #expect(changed.count == size && changed["k0"] == nil && changed["new"] == true && changed["k\(size - 1)"] != nil)
        #expect(try JSONParser.parse(JSONWriter.string(.object(object))) == .object(object))
    }
}
