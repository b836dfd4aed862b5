import Foundation

/// The time source the domain asks; tests inject a fixed or stepping clock.
public protocol KvittoClock: Sendable {
    func now() -> Date
}

public struct SystemClock: KvittoClock {
    public init() {}
    public func now() -> Date { Timestamp.truncated(Date()) }
}
