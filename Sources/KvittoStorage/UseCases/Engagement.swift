import Foundation
import KvittoCore
import KvittoTemplates

/// Engagement (SPEC §6): every contact with purchases gets RFM quintile scores and one of eleven segments,
/// stored in its `Engagement` field group; a contact whose segment changes emits `contact.segment_changed`
/// (not on its first computation, which only records). Runs weekly per account (Sunday 18:00 in the
/// account's time zone) and on demand.
///
/// It streams: pass 1 reads per-contact order totals a page at a time and keeps three numbers a contact;
/// pass 2 reads them again, with the contacts, a page per transaction, and writes only what changed.
public enum Engagement {
    public static let group = "Engagement"
    public static let job = "engagement"
    static let page = 2000

    /// What one recompute did.
    public struct Run: Sendable, Equatable {
        public var startedAt: Date
        /// Wall-clock time the recompute took.
        public var durationMilliseconds = 0
        public var contacts = 0
        public var changed = 0
        public var segmentChanges = 0
        public var segments: [String: Int] = [:]

        public var json: JSONValue {
            ["started_at": .string(Timestamp.format(startedAt)), "duration_ms": .number(JSONNumber(durationMilliseconds)),
             "contacts": .number(JSONNumber(contacts)), "changed": .number(JSONNumber(changed)),
             "segment_changes": .number(JSONNumber(segmentChanges)),
             "segments": .object(JSONObject(segments.sorted { $0.key < $1.key }.map { ($0.key, .number(JSONNumber($0.value))) }))]
        }
    }

    public static func recompute(account: Account, store: any KvittoStore, now: Date) async throws -> Run {
        let started = DispatchTime.now().uptimeNanoseconds
        var run = try await scoreAndStore(account: account, store: store, now: now)
        run.durationMilliseconds = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        return run
    }

    static func scoreAndStore(account: Account, store: any KvittoStore, now: Date) async throws -> Run {
        // Pass 1: the three columns.
        var recency: [Double] = [], frequency: [Double] = [], monetary: [Double] = []
        var after: String?
        repeat {
            let cursor = after
            let totals = try await store.read { r in try r.orderTotals(account: account.id, afterContact: cursor, limit: page) }
            for total in totals {
                recency.append(RFM.daysSinceLastOrder(total.lastOrderAt, now: now))
                frequency.append(Double(total.orderCount))
                monetary.append(Double(total.monetaryMinor))
            }
            after = totals.count == page ? totals.last?.contactID : nil
        } while after != nil
        var run = Run(startedAt: now)
        guard !recency.isEmpty else { return run }
        let quintiles = RFMQuintiles(recencyDays: recency, frequency: frequency, monetary: monetary)
        recency = []; frequency = []; monetary = []

        // Pass 2: score, compare, write what changed.
        after = nil
        let computedAt = Timestamp.format(now)
        var registered = false
        repeat {
            let cursor = after
            let register = !registered
            let (seen, last, page) = try await store.write { w -> (Int, String?, Run) in
                let totals = try w.orderTotals(account: account.id, afterContact: cursor, limit: Self.page)
                var page = Run(startedAt: now)
                let contacts = Dictionary(uniqueKeysWithValues: try w.contacts(account: account.id, ids: totals.map(\.contactID)).map { ($0.id, $0) })
                for total in totals {
                    guard var contact = contacts[total.contactID] else { continue }
                    let score = quintiles.score(total, now: now)
                    let segment = EngagementSegment.segment(score)
                    page.contacts += 1
                    page.segments[segment.rawValue, default: 0] += 1
                    let previous = contact.fields[group]
                    var fields: [String: JSONValue] = [
                        "recency": .number(JSONNumber(score.recency)), "frequency": .number(JSONNumber(score.frequency)),
                        "monetary": .number(JSONNumber(score.monetary)), "rfm": .string(score.code), "segment": .string(segment.rawValue),
                        "segment_key": .string(segment.key),
                    ]
                    if register {
                        try FieldRegistry.register([group: fields.merging(["computed_at": .string(computedAt)]) { $1 }], account: account.id,
                                                   pointer: "/fields", in: w)
                    }
                    // Unchanged scores are not written again: a weekly run touches only who moved.
                    guard previous?.filter({ $0.key != "computed_at" }) != fields else { continue }
                    fields["computed_at"] = .string(computedAt)
                    contact.fields[group] = fields
                    contact.updatedAt = now
                    try w.updateContact(contact)
                    page.changed += 1
                    let before = previous?["segment"]?.stringValue
                    if let before, before != segment.rawValue {
                        try EventLog.emit(.contactSegmentChanged, account: account.id, origin: .api, order: nil, contact: contact,
                                          extra: [("segment", .string(segment.rawValue)), ("previous_segment", .string(before))], in: w, now: now)
                        page.segmentChanges += 1
                    }
                }
                return (totals.count, totals.last?.contactID, page)
            }
            registered = true
            run.contacts += page.contacts
            run.changed += page.changed
            run.segmentChanges += page.segmentChanges
            run.segments.merge(page.segments) { $0 + $1 }
            after = seen == Self.page ? last : nil
        } while after != nil
        return run
    }

    /// Runs the weekly recompute of every account that is due, and schedules accounts that have no run
    /// yet (their first is the next Sunday). Returns the accounts it recomputed.
    public static func runDue(store: any KvittoStore, now: Date) async throws -> [String] {
        var recomputed: [String] = []
        for accountID in try await store.read({ r in try r.accountsDue(job: job, now: now, limit: 100) }) {
            let found = try await store.read { r -> (Account, AccountSettings?, ScheduledJob?)? in
                guard let account = try r.account(accountID) else { return nil }
                return (account, try r.settings(account: accountID), try r.scheduledJob(account: accountID, job: job))
            }
            guard let (account, settings, scheduled) = found else { continue }
            var state = scheduled?.state ?? [:]
            if scheduled != nil {
                let run = try await recompute(account: account, store: store, now: now)
                state = record(run, in: state)
                recomputed.append(accountID)
            }
            let next = ScheduledJob(accountID: accountID, job: job, dueAt: nextRun(after: now, account: account, settings: settings), state: state)
            try await store.write { w in try w.saveScheduledJob(next) }
        }
        return recomputed
    }

    /// Recomputes one account now (`POST /v1/engagement/recompute`) and records the run beside the schedule.
    public static func recomputeNow(account: Account, store: any KvittoStore, now: Date) async throws -> Run {
        let run = try await recompute(account: account, store: store, now: now)
        try await store.write { w in
            let settings = try w.settings(account: account.id)
            let scheduled = try w.scheduledJob(account: account.id, job: job)
            try w.saveScheduledJob(ScheduledJob(accountID: account.id, job: job,
                                                dueAt: scheduled?.dueAt ?? nextRun(after: now, account: account, settings: settings),
                                                state: record(run, in: scheduled?.state ?? [:])))
        }
        return run
    }

    static func record(_ run: Run, in state: JSONValue) -> JSONValue {
        var object = state.objectValue ?? [:]
        object["last_run"] = run.json
        return .object(object)
    }

    /// The next weekly run after `now`: Sunday 18:00 in the account's time zone, unless the settings'
    /// `engagement_schedule` names another weekday and hour.
    public static func nextRun(after now: Date, account: Account, settings: AccountSettings?) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = MessageFormatting.of(account: account, settings: settings).timeZone
        let matching = DateComponents(hour: settings?.engagementHour ?? 18, minute: 0, second: 0, weekday: settings?.engagementWeekday ?? 1)
        return calendar.nextDate(after: now, matching: matching, matchingPolicy: .nextTime) ?? now.addingTimeInterval(7 * 86_400)
    }

    /// After the settings changed: the next run follows the (new) schedule and time zone.
    public static func reschedule(account: Account, settings: AccountSettings?, in writer: any StoreWriter, now: Date) throws {
        guard var scheduled = try writer.scheduledJob(account: account.id, job: job) else { return }
        scheduled.dueAt = nextRun(after: now, account: account, settings: settings)
        try writer.saveScheduledJob(scheduled)
    }
}
