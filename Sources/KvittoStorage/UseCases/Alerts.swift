import Foundation
import KvittoCore

/// E-mails to the account's alert address (`alert_email` in the settings) when something needs a person: a
/// trigger Kvitto switched off, a sender (SMTP server, SMS gateway) that keeps failing. At most one an hour
/// per cause, so an outage is one e-mail, not thousands. They are queued like any message, through the
/// account's own SMTP server: an alert about that very server waits in the queue until it works again.
public enum Alerts {
    public static let interval: TimeInterval = 3600

    /// Queues the alert in the caller's transaction; `nil` when the account has no alert address or the
    /// same cause was alerted less than an hour ago.
    @discardableResult
    public static func raise(account: String, cause: String, subject: String, text: String, in writer: any StoreWriter,
                             now: Date) throws -> Delivery? {
        guard let address = try writer.settings(account: account)?.alertEmail else { return nil }
        let job = "alert:" + cause
        if let last = try writer.scheduledJob(account: account, job: job), last.dueAt > now { return nil }
        try writer.saveScheduledJob(ScheduledJob(accountID: account, job: job, dueAt: now.addingTimeInterval(interval),
                                                 state: ["subject": .string(subject), "at": .string(Timestamp.format(now))]))
        let delivery = Delivery.notice(id: KvittoID.make(.delivery, at: now), accountID: account, to: address, subject: subject,
                                       text: text, event: nil, createdAt: now)
        try writer.insertDelivery(delivery)
        return delivery
    }
}
