import Foundation
import KvittoConnectors
import KvittoCore
import KvittoStorage
import Logging

/// `POST /v1/connections/{id}/backfills` and `kvitto backfill` as a request describes them.
public struct BackfillRequest: Sendable {
    public var since: Date?
    public var until: Date?
    public var allStates = false
    public var fireTriggers = false

    public init() {}

    public static func read(_ json: JSONValue) throws(KvittoError) -> BackfillRequest {
        let log = FieldErrorLog()
        guard var r = ObjectReader.make(json, at: "", log: log) else { throw KvittoError.invalid(log.errors) }
        var request = BackfillRequest()
        request.since = r.timestamp("since")
        request.until = r.timestamp("until")
        request.allStates = r.bool("all_states") ?? false
        request.fireTriggers = r.bool("fire_triggers") ?? false
        r.finish()
        if let since = request.since, let until = request.until, since >= until { log.add("/until", "must be after since") }
        if !log.isEmpty { throw KvittoError.invalid(log.errors) }
        return request
    }
}

/// Progress of a running import, for the command's progress bar.
public struct BackfillProgress: Sendable {
    public var backfill: Backfill
    /// Orders in the whole range, where the platform says.
    public var total: Int?
    public var elapsed: TimeInterval

    public init(backfill: Backfill, total: Int?, elapsed: TimeInterval) {
        self.backfill = backfill; self.total = total; self.elapsed = elapsed
    }
}

/// Runs historical imports (SPEC §7): page by page, each page and the checkpoint after it committed in
/// one transaction, so that a crash loses at most the page in flight and a restart goes on from the
/// checkpoint; orders are upserts by (connection, external id), so nothing is imported twice. Events get
/// origin `backfill` and fire triggers only when the backfill asked for it.
///
/// A run holds the backfill's lease (see `StoreWriter.leaseBackfill`) from its first page to its end,
/// renewing it with every page and every `leaseRenewal`, so two processes never import the same backfill
/// side by side; a process that dies holding it is taken over once the lease has run out.
public struct BackfillRunner: Sendable {
    /// How long a lease lasts unrenewed: how soon another process takes over from one that died.
    public static let lease: TimeInterval = 30
    /// How often a run renews its lease while it waits for the platform.
    let leaseRenewal: Duration

    /// The run's lease was taken over (it had run out, e.g. while this process was stalled): the page in
    /// hand is not written, and the run stops; the process that holds the lease goes on.
    struct LeaseTakenOver: Error {}

    let store: any KvittoStore
    let secrets: SecretBox
    let http: PlatformHTTP
    let clock: any KvittoClock
    let logger: Logger

    public init(store: any KvittoStore, secrets: SecretBox, http: PlatformHTTP, clock: any KvittoClock = SystemClock(),
                leaseRenewal: Duration = .seconds(10), logger: Logger) {
        self.store = store; self.secrets = secrets; self.http = http; self.clock = clock; self.leaseRenewal = leaseRenewal
        self.logger = logger
    }

    /// Records a new backfill of `connectionID` (defaults: the connection's import window up to now). The
    /// caller runs it with `run`. While another import of the connection is running (or queued), the new
    /// one is `queued` behind it (`queueBehindRunning`, what the API asks), or the running one is returned
    /// to be resumed (the command line's `kvitto backfill`, which finishes what a crash left running).
    public func create(connectionID: String, account: String?, request: BackfillRequest, queueBehindRunning: Bool = false) async throws -> Backfill {
        let now = clock.now()
        let secrets = self.secrets, http = self.http
        return try await store.write { w -> Backfill in
            let found = try account.map { try w.connection(account: $0, id: connectionID) } ?? w.connection(id: connectionID)
            guard let connection = found, connection.kind != .api else { throw KvittoError.notFound("connection \(connectionID)") }
            // Fails early (422) when the credentials an import needs are missing.
            _ = try PlatformClients.client(for: connection, credentials: try Connections.credentials(of: connection, secrets: secrets),
                                           http: http)
            let unfinished = try w.unfinishedBackfills().filter { $0.connectionID == connection.id }
            if !queueBehindRunning, let running = unfinished.first(where: { $0.status == .running }) { return running }
            let since = request.since ?? now.addingTimeInterval(-Double(connection.settings.importWindowDays) * 86400)
            var backfill = Backfill(id: KvittoID.make(.job, at: now), accountID: connection.accountID, connectionID: connection.id,
                                    since: since, until: request.until ?? now, allStates: request.allStates,
                                    fireTriggers: request.fireTriggers, createdAt: now)
            if queueBehindRunning, !unfinished.isEmpty { backfill.status = .queued }
            try w.insertBackfill(backfill)
            return backfill
        }
    }

    /// The currency of the shop these credentials reach, where the platform's API tells it (Shopify,
    /// WooCommerce); nil where it does not, where the credentials allow no API call, or where the shop does
    /// not answer (then nothing can be said, and nothing is refused for it).
    public func shopCurrency(kind: Connection.Kind, credentials: [String: String]) async -> String? {
        guard kind == .shopify || kind == .woocommerce,
              let client = try? PlatformClients.client(kind: kind, credentials: credentials, http: http) else { return nil }
        do {
            return try await client.shopCurrency()?.uppercased()
        } catch {
            logger.info("could not read the shop's currency", metadata: ["platform": "\(kind.rawValue)", "error": "\(error)"])
            return nil
        }
    }

    /// The oldest queued import of `connectionID`, now running, once none of the connection's runs; nil
    /// when there is none (or one runs still).
    public func startNextQueued(connectionID: String) async throws -> Backfill? {
        let now = clock.now()
        return try await store.write { w -> Backfill? in
            let unfinished = try w.unfinishedBackfills().filter { $0.connectionID == connectionID }
            guard !unfinished.contains(where: { $0.status == .running }),
                  var next = unfinished.first(where: { $0.status == .queued }) else { return nil }
            next.status = .running
            next.updatedAt = now
            try w.updateBackfill(next)
            return next
        }
    }

    /// Runs (or resumes) a backfill to its end. Errors after the platform's retries are recorded on the
    /// backfill (status `failed`, resumable by starting it again) and rethrown.
    ///
    /// Throws a conflict, without running it, when another run (in this process or another) holds the
    /// backfill's lease.
    @discardableResult
    public func run(_ backfill: Backfill, progress: @Sendable (BackfillProgress) -> Void = { _ in }) async throws -> Backfill {
        let token = LeaseToken.make()
        let (store, clock) = (self.store, self.clock)
        let renew: @Sendable () async throws -> Bool = {
            let now = clock.now()
            return try await store.write { w in
                try w.leaseBackfill(account: backfill.accountID, id: backfill.id, token: token,
                                    until: now.addingTimeInterval(Self.lease), now: now)
            }
        }
        guard try await renew() else {
            throw KvittoError(code: .conflict, detail: "backfill \(backfill.id) is being run by another process")
        }
        // As the lease's previous holder left it: its checkpoint may be past the one this run was handed.
        let backfill = try await store.read { r in try r.backfill(account: backfill.accountID, id: backfill.id) } ?? backfill
        if backfill.pages > 0 { logger.info("resuming backfill", metadata: ["backfill": "\(backfill.id)", "pages": "\(backfill.pages)"]) }
        let leaseRenewal = self.leaseRenewal
        let renewing = Task {
            while !Task.isCancelled {
                try await Task.sleep(for: leaseRenewal)
                // A renewal refused means the lease was taken over; the next page's write finds out too.
                guard try await renew() else { return }
            }
        }
        // Renewing stops, and a renewal under way ends, before the lease is given up: a renewal committed after
        // the release would take the free lease again, and hold it from the next run for a whole lease.
        let stopRenewing = {
            renewing.cancel()
            _ = try? await renewing.value
        }
        do {
            let job = try await run(backfill, token: token, progress: progress)
            await stopRenewing()
            try? await store.write { w in try w.releaseBackfill(account: backfill.accountID, id: backfill.id, token: token) }
            return job
        } catch is LeaseTakenOver {
            await stopRenewing()
            logger.warning("another process took the backfill over; this run stops", metadata: ["backfill": "\(backfill.id)"])
            return try await store.read { r in try r.backfill(account: backfill.accountID, id: backfill.id) } ?? backfill
        } catch {
            await stopRenewing()
            try? await store.write { w in try w.releaseBackfill(account: backfill.accountID, id: backfill.id, token: token) }
            throw error
        }
    }

    /// Runs `backfill` under the lease `token` holds.
    private func run(_ backfill: Backfill, token: String, progress: @Sendable (BackfillProgress) -> Void) async throws -> Backfill {
        let started = clock.now()
        var job = backfill
        let loaded = try await store.read { r -> (Connection?, Account?) in
            (try r.connection(account: backfill.accountID, id: backfill.connectionID), try r.account(backfill.accountID))
        }
        guard let connection = loaded.0, let account = loaded.1 else {
            job.status = .failed
            job.error = "the connection was deleted"
            try await save(job)
            return job
        }
        let client = try PlatformClients.client(for: connection, credentials: try Connections.credentials(of: connection, secrets: secrets), http: http)
        let mapping = Connections.statusMapping(of: connection)
        let window = ImportWindow(since: job.since, until: job.until)
        var total: Int?
        do {
            // The next page is fetched while the current one is written: the platform's latency and Kvitto's
            // writing overlap. Only the write moves the checkpoint, so a crash refetches at most the page ahead.
            var page: ImportPage? = job.status == .running ? try await client.page(after: job.checkpoint, window: window) : nil
            while let current = page, job.status == .running {
                total = current.total ?? total
                async let ahead = Self.fetch(after: current.next, from: client, window: window)
                let now = clock.now()
                let before = job
                job = try await store.write { w -> Backfill in
                    guard try w.leaseBackfill(account: before.accountID, id: before.id, token: token,
                                              until: now.addingTimeInterval(Self.lease), now: now) else { throw LeaseTakenOver() }
                    return try Postbacks.$backfillFiresTriggers.withValue(before.fireTriggers) {
                        try Self.apply(current, to: before, connection: connection, account: account, mapping: mapping,
                                       topic: client.topic, in: w, now: now)
                    }
                }
                progress(BackfillProgress(backfill: job, total: total, elapsed: clock.now().timeIntervalSince(started)))
                page = try await ahead
            }
        } catch let taken as LeaseTakenOver {
            throw taken
        } catch where Task.isCancelled {
            // Shutdown, not failure: the backfill stays running at its last checkpoint, for the next process.
            logger.notice("backfill paused at shutdown; the next process resumes it", metadata: ["backfill": "\(job.id)", "pages": "\(job.pages)"])
            return job
        } catch {
            job.status = .failed
            job.error = "\(error)"
            job.updatedAt = clock.now()
            logger.error("backfill failed", metadata: ["backfill": "\(job.id)", "error": "\(error)"])
            do {
                try await save(job)
            } catch let saveError {
                logger.error("could not record the backfill's failure; it stays running and resumes in the next process",
                             metadata: ["backfill": "\(job.id)", "error": "\(saveError)"])
            }
            throw error
        }
        logger.info("backfill completed", metadata: ["backfill": "\(job.id)", "imported": "\(job.imported)", "rejected": "\(job.rejected)"])
        return job
    }

    /// The page at `checkpoint`, or nothing after the last page.
    static func fetch(after checkpoint: JSONValue?, from client: any PlatformImportClient, window: ImportWindow) async throws -> ImportPage? {
        guard let checkpoint else { return nil }
        return try await client.page(after: checkpoint, window: window)
    }

    /// One page and the checkpoint after it, in the caller's transaction.
    static func apply(_ page: ImportPage, to backfill: Backfill, connection: Connection, account: Account, mapping: StatusMapping,
                      topic: String, in writer: any StoreWriter, now: Date) throws -> Backfill {
        var job = backfill
        for (payload, fetched) in page.items {
            let change: PlatformChange
            do {
                change = try PlatformImport.change(for: connection, topic: topic, payload: payload, fetched: fetched)
            } catch {
                try Orders.recordRejection(PlatformImport.unmappable(error), payload: payload, source: connection.name, externalID: nil,
                                           account: account.id, in: writer, now: now)
                job.rejected += 1
                continue
            }
            if case .order(let order) = change {
                // Platforms that filter by their shop's local time are asked for a day more on each side
                // (their zone and its daylight saving are guesses); the window itself is applied here, exactly.
                let outsideWindow = order.input.createdAt.map { $0 < backfill.since || $0 > backfill.until } ?? false
                if outsideWindow || (!job.allStates && mapping.isFinished(order.platformStatus)) {
                    job.skipped += 1
                    continue
                }
            }
            switch try PlatformImport.apply(change, connection: connection, account: account, origin: .backfill, payload: payload,
                                            in: writer, now: now) {
            case .rejected: job.rejected += 1
            case .ignored: job.skipped += 1
            default: job.imported += 1
            }
        }
        job.pages += 1
        job.updatedAt = now
        if let next = page.next {
            job.checkpoint = next
        } else {
            job.status = .completed
            job.finishedAt = now
        }
        try writer.updateBackfill(job)
        return job
    }

    func save(_ job: Backfill) async throws {
        try await store.write { w in try w.updateBackfill(job) }
    }
}
