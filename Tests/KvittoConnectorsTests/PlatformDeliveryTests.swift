import Crypto
import Foundation
import KvittoConnectors
import KvittoCore
import KvittoTestSupport
import Testing

@Suite("Platform delivery ids")
struct PlatformDeliveryTests {
    static func headers(of envelope: JSONValue) -> [String: String] {
        Dictionary(uniqueKeysWithValues: (envelope["headers"]?.objectValue ?? JSONObject()).compactMap { key, value in
            value.stringValue.map { (key, $0) }
        })
    }

    @Test(SharedFixtures.required)
    func shopifyDeliveryIdIsTheWebhookIdHeader() throws {
        let envelope = try SharedFixtures.json("fixtures/shopify/webhook_delivery_example.SYNTHETIC.json")
        let body = try SharedFixtures.bytes("fixtures/shopify/webhooks/orders_create.2026-07.json")
        #expect(PlatformDelivery.id(for: .shopify, headers: Self.headers(of: envelope), body: body) == "b54557e4-7ab1-4c4a-9c9c-2f9a1c0a1e10")
        #expect(PlatformDelivery.id(for: .shopify, headers: ["x-shopify-webhook-id": "abc"], body: body) == "abc",
                "header names compare case-insensitively")
    }

    @Test(SharedFixtures.required)
    func wooCommerceDeliveryIdIsTheDeliveryIdHeaderAndItsPingIsRecognised() throws {
        let envelope = try SharedFixtures.json("fixtures/woocommerce/webhook_delivery_example.SYNTHETIC.json")
        let body = try SharedFixtures.bytes("fixtures/woocommerce/webhook_order_created.wire_body.json")
        #expect(PlatformDelivery.id(for: .woocommerce, headers: Self.headers(of: envelope), body: body) == "36e520ebabc2fa725092ff4a47acedf2")

        let ping = try #require(envelope["ping_on_creation"]?["body"]?.stringValue)
        #expect(PlatformDelivery.wooCommercePingWebhookID(body: Array(ping.utf8)) == "3")
        #expect(PlatformDelivery.wooCommercePingWebhookID(body: body) == nil, "an order body is no ping")
        #expect(PlatformDelivery.wooCommercePingWebhookID(body: Array("webhook_id=3&x=1".utf8)) == nil)
        #expect(PlatformDelivery.wooCommercePingWebhookID(body: Array("webhook_id=".utf8)) == nil)
    }

    /// Cartum, FAPI and Sitoo send no delivery id: it is the SHA-256 of the raw body, the same for a retry.
    @Test(SharedFixtures.required, arguments: [
        (Connection.Kind.cartum, "fixtures/cartum/webhook_order_created.SYNTHETIC.json"),
        (.fapi, "fixtures/fapi/notification_invoice_paid.SYNTHETIC.form"),
        (.sitoo, "fixtures/sitoo/events_spi_POST_events.SYNTHETIC.json"),
    ])
    func platformsWithoutDeliveryIdsGetTheBodyHash(kind: Connection.Kind, file: String) throws {
        var body = try SharedFixtures.bytes(file)
        let id = PlatformDelivery.id(for: kind, headers: ["Content-Type": "application/json"], body: body)
        #expect(id == "sha256:" + SHA256.hash(data: body).map { String(format: "%02x", $0) }.joined())
        #expect(PlatformDelivery.id(for: kind, headers: [:], body: body) == id, "a retry has the same id")
        body[0] ^= 0x01
        #expect(PlatformDelivery.id(for: kind, headers: [:], body: body) != id)
    }

    @Test func requestMissingItsDeliveryHeaderFallsBackToTheBodyHash() {
        let body = Array("{}".utf8)
        #expect(PlatformDelivery.id(for: .shopify, headers: [:], body: body)
            == "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
    }
}
