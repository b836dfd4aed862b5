import Crypto
import Foundation
import KvittoConnectors
import KvittoCore
import KvittoTestSupport
import Testing

@Suite("Platform signatures")
struct PlatformSignatureTests {
    static let hmacAlgorithm = "base64(HMAC-SHA256(secret, raw_body_bytes))"
    static let fapiAlgorithm = "sha1(time . invoice.id . invoice.number . concat(md5(item.id . item.name)))"

    /// Every vector of `conformance/platform-hmac-vectors.json`, over the exact bytes of its file: the value we
    /// compute is the expected one, it verifies, and a one-byte change of the body (or, for FAPI, of a signed
    /// invoice field or of the security value) is refused.
    @Test(SharedFixtures.required)
    func everySharedVectorMatchesAndAOneByteChangeFails() throws {
        let document = try SharedFixtures.json("conformance/platform-hmac-vectors.json")
        let vectors = try #require(document["vectors"]?.arrayValue)
        try #require(vectors.count >= 7, "expected at least the seven published vectors, found \(vectors.count)")
        var checked = 0
        for (index, vector) in vectors.enumerated() {
            let label = "vector \(index) (\(vector["platform"]?.stringValue ?? "?"))"
            switch vector["platform"]?.stringValue {
            case "shopify", "woocommerce":
                try checkHMACVector(vector, label: label)
            case "fapi":
                try checkFAPIVector(vector, label: label)
            default:
                Issue.record("\(label): unknown platform; this test must learn it")
                continue
            }
            checked += 1
        }
        #expect(checked == vectors.count)
    }

    func checkHMACVector(_ vector: JSONValue, label: String) throws {
        if let algorithm = vector["algorithm"]?.stringValue {
            #expect(algorithm == Self.hmacAlgorithm, "\(label): an algorithm this check does not implement")
        }
        let header = try #require(vector["header"]?.stringValue, "\(label): header")
        #expect([PlatformSignature.shopifyHeader, PlatformSignature.wooCommerceHeader].contains(header), "\(label): header \(header)")
        let secret = try #require(vector["secret"]?.stringValue, "\(label): secret")
        let expected = try #require(vector["expected"]?.stringValue, "\(label): expected")
        var body: [UInt8]
        if let file = vector["file"]?.stringValue {
            body = try SharedFixtures.bytes(file)
        } else {
            body = Array(try #require(vector["inline_body"]?.stringValue, "\(label): no file and no inline body").utf8)
        }
        if let length = vector["body_length"]?.numberValue?.int64 {
            #expect(Int64(body.count) == length, "\(label): the fixture's bytes changed")
        }
        if let digest = vector["body_sha256_hex"]?.stringValue {
            #expect(SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined() == digest, "\(label): the fixture's bytes changed")
        }

        #expect(PlatformSignature.base64HMAC(body: body, secret: secret) == expected, "\(label)")
        #expect(PlatformSignature.isValidBase64HMAC(expected, body: body, secret: secret), "\(label)")
        #expect(!PlatformSignature.isValidBase64HMAC(expected, body: body, secret: secret + "x"), "\(label): another secret")
        body[body.count / 2] ^= 0x01
        #expect(!PlatformSignature.isValidBase64HMAC(expected, body: body, secret: secret), "\(label): one byte changed")
    }

    func checkFAPIVector(_ vector: JSONValue, label: String) throws {
        let algorithm = try #require(vector["algorithm"]?.stringValue, "\(label): algorithm")
        #expect(algorithm.hasPrefix(Self.fapiAlgorithm), "\(label): an algorithm this check does not implement")
        let file = try #require(vector["invoice_file"]?.stringValue, "\(label): invoice_file")
        let time = try #require(vector["time"]?.numberValue?.text, "\(label): time")
        let expected = try #require(vector["expected_security"]?.stringValue, "\(label): expected_security")
        var bytes = try SharedFixtures.bytes(file)
        let invoice = try JSONParser.parse(bytes)
        let invoiceID = try #require(invoice["id"]?.numberValue?.text)

        #expect(PlatformSignature.fapiSecurity(invoice: invoice, time: time) == expected, "\(label)")
        let notification = FAPINotification(invoiceID: invoiceID, time: time, security: expected)
        #expect(PlatformSignature.isValidFAPINotification(notification, invoice: invoice), "\(label)")

        var forged = notification
        forged.security = String(expected.dropLast()) + (expected.hasSuffix("0") ? "1" : "0")
        #expect(!PlatformSignature.isValidFAPINotification(forged, invoice: invoice), "\(label): one byte of security changed")
        var otherTime = notification
        otherTime.time = String((Int64(time) ?? 0) + 1)
        #expect(!PlatformSignature.isValidFAPINotification(otherTime, invoice: invoice), "\(label): another time")

        // One byte of the invoice's number, a signed field, changed in the raw file.
        let number = try #require(invoice["number"]?.stringValue)
        let quoted = Array("\"number\":\"\(number)\"".utf8)
        let start = try #require(bytes.indices.first { bytes[$0...].starts(with: quoted) }, "\(label): number not found in the file")
        bytes[start + quoted.count - 2] ^= 0x01
        let tampered = try JSONParser.parse(bytes)
        #expect(!PlatformSignature.isValidFAPINotification(notification, invoice: tampered), "\(label): one byte of the invoice changed")
    }

    /// The synthetic notification form in the FAPI fixtures names the vector's invoice and verifies against it.
    @Test(SharedFixtures.required)
    func fapiNotificationFormParsesAndVerifiesAgainstItsInvoice() throws {
        let notification = try FAPINotification(formBody: try SharedFixtures.bytes("fixtures/fapi/notification_invoice_paid.SYNTHETIC.form"))
        #expect(notification == FAPINotification(invoiceID: "185993812", time: "1599572000",
                                                 security: "e63d982281b92fd45edebb528a398f78ef5fa53d"))
        let invoice = try SharedFixtures.json("fixtures/fapi/api_invoice_get_185993812.json")
        #expect(PlatformSignature.isValidFAPINotification(notification, invoice: invoice))

        // A valid security of this invoice proves nothing about another one.
        let otherInvoice = invoice.editing(["id": .number(JSONNumber(validatedText: "185993795"))])
        var renamed = notification
        renamed.invoiceID = "185993795"
        #expect(!PlatformSignature.isValidFAPINotification(renamed, invoice: otherInvoice))
    }

    @Test func fapiNotificationWithMissingOrMalformedFieldsIsInvalidWithPointers() {
        #expect(throws: KvittoError.invalid([FieldError("/time", "must be a decimal number"),
                                             FieldError("/security", "must be a 40-digit hexadecimal SHA-1")])) {
            try FAPINotification(formBody: Array("id=1&time=soon&security=abc".utf8))
        }
    }

    /// Shopify's synthetic delivery envelope: its header verifies over the body file it names.
    @Test(SharedFixtures.required)
    func shopifyDeliveryEnvelopeHeaderVerifies() throws {
        let envelope = try SharedFixtures.json("fixtures/shopify/webhook_delivery_example.SYNTHETIC.json")
        let body = try SharedFixtures.bytes("fixtures/shopify/" + (try #require(envelope["body_file"]?.stringValue)))
        let header = envelope["headers"]?[PlatformSignature.shopifyHeader]?.stringValue
        #expect(PlatformSignature.isValidBase64HMAC(header, body: body, secret: try #require(envelope["secret"]?.stringValue)))
        #expect(!PlatformSignature.isValidBase64HMAC(nil, body: body, secret: "shpss_test_secret_do_not_use"))
        #expect(!PlatformSignature.isValidBase64HMAC("not base64!", body: body, secret: "shpss_test_secret_do_not_use"))
    }

    /// WooCommerce signs the PHP wire bytes (`\/`); the pretty REST copy of the same order has another signature.
    @Test(SharedFixtures.required)
    func wooCommerceSignatureHoldsForWireBytesOnly() throws {
        let envelope = try SharedFixtures.json("fixtures/woocommerce/webhook_delivery_example.SYNTHETIC.json")
        let secret = try #require(envelope["secret"]?.stringValue)
        let header = envelope["headers"]?[PlatformSignature.wooCommerceHeader]?.stringValue
        let wire = try SharedFixtures.bytes("fixtures/woocommerce/webhook_order_created.wire_body.json")
        let pretty = try SharedFixtures.bytes("fixtures/woocommerce/rest_v3_order_retrieve_727.json")
        #expect(PlatformSignature.isValidBase64HMAC(header, body: wire, secret: secret))
        #expect(!PlatformSignature.isValidBase64HMAC(header, body: pretty, secret: secret))
    }

    @Test func cartumURLTokenMatchesOnlyTheExactSecret() {
        #expect(PlatformSignature.isValidURLToken("c4rtum-s3cret", expected: "c4rtum-s3cret"))
        #expect(!PlatformSignature.isValidURLToken("c4rtum-s3creT", expected: "c4rtum-s3cret"))
        #expect(!PlatformSignature.isValidURLToken("c4rtum-s3cret-and-more", expected: "c4rtum-s3cret"))
        #expect(!PlatformSignature.isValidURLToken("", expected: ""), "a connection without a token accepts nothing")
    }
}
