import KvittoCore
import KvittoImport

/// What the HTTP edge needs to receive webhooks and run historical imports.
public struct ImportServices: Sendable {
    /// The address platforms reach this server at, for the webhook URLs shown to merchants
    /// (`KVITTO_PUBLIC_URL`).
    public var publicURL: String
    public var webhooks: PlatformWebhooks
    /// Tells the inbox processor that deliveries were stored.
    public var deliveriesStored: @Sendable () -> Void
    public var backfills: BackfillRunner
    /// Runs a backfill in the background of the serving process.
    public var startBackfill: @Sendable (Backfill) -> Void

    public init(publicURL: String, webhooks: PlatformWebhooks, deliveriesStored: @escaping @Sendable () -> Void,
                backfills: BackfillRunner, startBackfill: @escaping @Sendable (Backfill) -> Void) {
        self.publicURL = publicURL; self.webhooks = webhooks; self.deliveriesStored = deliveriesStored
        self.backfills = backfills; self.startBackfill = startBackfill
    }

    /// Seed 004: the shop's currency must be the account's. Where the platform's API tells it, a connection
    /// to a shop in another currency is refused when it is made, rather than every order of it later.
    func requireShopCurrency(kind: Connection.Kind, credentials: [String: String]?, account: Account) async throws {
        guard let credentials, let currency = await backfills.shopCurrency(kind: kind, credentials: credentials),
              currency != account.currency else { return }
        throw KvittoError.invalid([FieldError("/credentials", "currency-mismatch: the shop sells in \(currency) and the account in \(account.currency); the currencies must match")])
    }

    /// The import "immediately after connecting" (seed 004): the connection's import window, finished
    /// orders left out, no triggers fired, started in the background. Nil when the credentials allow no
    /// import (a connection with webhook credentials only).
    func startInitialImport(_ connection: Connection) async throws -> Backfill? {
        guard connection.kind != .api else { return nil }
        let backfill: Backfill
        do {
            backfill = try await backfills.create(connectionID: connection.id, account: connection.accountID, request: BackfillRequest())
        } catch let error as KvittoError where error.code == .invalid {
            return nil
        }
        startBackfill(backfill)
        return backfill
    }
}
