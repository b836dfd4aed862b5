import Foundation
import KvittoCore
@testable import KvittoImport
import KvittoStorage

/// An in-memory store with one account in USD and a Shopify connection with the defaults.
enum ShopifyTestShop {
    static func make(now: Date) async throws -> (MemoryStore, Connection, Account) {
        let store = MemoryStore()
        let (account, connection) = try await store.write { w -> (Account, Connection) in
            let account = try Accounts.create(name: "Shop", currency: "USD", country: "US", in: w, now: now).account
            var input = ConnectionInput()
            input.kind = .shopify
            input.name = "Shop"
            input.credentials = ["webhook_secret": "s", "access_token": "t", "base_url": "http://127.0.0.1:1"]
            let (connection, _) = try Connections.create(input, account: account, secrets: SecretBox(keyMaterial: "k"),
                                                         addresses: OutboundAddressPolicy(allowList: [CIDRRange("127.0.0.1/32")!]), in: w, now: now)
            return (account, connection)
        }
        return (store, connection, account)
    }
}
