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
}
