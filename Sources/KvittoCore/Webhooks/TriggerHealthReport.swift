import Foundation

/// What a process's workers saw of one trigger's endpoint since they last wrote its health down.
///
/// Health is written apart from each delivery's result, a few times a second at most: with a flaky endpoint
/// nearly every result flips `failing_since`, and writing it in every completion made processes on
/// PostgreSQL queue (and deadlock) on the trigger's row. The report keeps exactly what the 5-day rule
/// needs: when the current run of failures began, and whether a success ended an earlier one.
public struct TriggerHealthReport: Sendable, Equatable {
    /// The latest success seen.
    public private(set) var lastSuccess: Date?
    /// The first failure after `lastSuccess` (after nothing, when no success was seen).
    public private(set) var firstFailure: Date?
    /// Set when an outcome called for switching the trigger off (410 Gone, five days of failures).
    public private(set) var disable: Disable?

    public struct Disable: Sendable, Equatable {
        public var reason: TriggerDisableReason
        public var at: Date
    }

    public init() {}

    public var isEmpty: Bool { lastSuccess == nil && firstFailure == nil && disable == nil }

    public mutating func recordSuccess(at time: Date) {
        lastSuccess = max(lastSuccess ?? time, time)
        firstFailure = nil
    }

    public mutating func recordFailure(at time: Date) {
        if firstFailure == nil { firstFailure = time }
    }

    public mutating func recordDisable(_ reason: TriggerDisableReason, at time: Date) {
        recordFailure(at: time)
        if disable == nil { disable = Disable(reason: reason, at: time) }
    }

    /// This report followed by `later` (a report that could not be written is put back before the newer one).
    public func followed(by later: TriggerHealthReport) -> TriggerHealthReport {
        var merged = later
        if later.lastSuccess == nil {
            merged.lastSuccess = lastSuccess
            merged.firstFailure = firstFailure ?? later.firstFailure
        }
        merged.disable = disable ?? later.disable
        return merged
    }

    /// The trigger's `failing_since` once this report is applied to the stored one: a success starts the
    /// count again; failures alone continue the stored run, or begin one.
    public func failingSince(stored: Date?) -> Date? {
        lastSuccess == nil ? (stored ?? firstFailure) : firstFailure
    }
}
