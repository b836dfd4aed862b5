import Foundation
import KvittoCore

/// A timestamp as Kvitto writes it, for readable assertions.
func utc(_ date: Date?) -> String? { date.map(Timestamp.format) }

/// An exact amount from its text; a mistyped literal gives an amount nothing equals, so its test fails.
func money(_ text: String) -> Money { Money(parsing: text) ?? Money(units: .min, scale: 0) }
