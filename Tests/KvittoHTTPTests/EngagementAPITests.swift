import Foundation
import HTTPTypes
import KvittoCore
import Testing

@Suite("HTTP: engagement")
struct EngagementAPITests {
    static func order(_ n: Int, buyer: Int, daysAgo: Int, total: Int, now: Date) -> String {
        """
        {"source": "shop", "external_id": "e\(n)", "currency": "SEK", "created_at": "\(Timestamp.format(now.addingTimeInterval(-Double(daysAgo) * 86_400)))",
         "customer": {"email": "b\(buyer)@example.se"}, "lines": [{"sku": "S", "quantity": 1, "unit_price": "\(total).00"}]}
        """
    }

    /// On demand, and weekly on Sunday 18:00 in the account's time zone: scores stored in the Engagement
    /// fields, and a segment change is an event an automation can start on.
    @Test func recomputedOnDemandAndOnSundayEveningAndAChangedSegmentStartsAnAutomation() async throws {
        let harness = try APIHarness()
        let (_, key) = try await harness.account()
        let clock = ManualClock()
        try await harness.run(clock: clock) { api in
            let automation = try await api.call(.post, "/v1/automations", key: key, body: """
                {"name": "Moved", "trigger": {"event_type": "contact.segment_changed"}, "steps": [{"type": "add_tag", "tag": "Moved"}]}
                """)
            #expect(automation.status == .created, "\(automation.text)")
            let now = clock.now()
            var n = 0
            var buyers: [String] = []
            for buyer in 0..<10 {
                for o in 0...buyer {
                    n += 1
                    let reply = try await api.call(.post, "/v1/orders", key: key, body: Self.order(n, buyer: buyer, daysAgo: buyer * 30 + o, total: 100 + buyer * 50, now: now))
                    if o == 0 { buyers.append(try #require(reply.json["contact_id"]?.stringValue, "\(reply.text)")) }
                }
            }
            let first = try await api.call(.post, "/v1/engagement/recompute", key: key)
            #expect(first.status == .ok && first.json["contacts"] == 10 && first.json["segment_changes"] == 0, "\(first.text)")
            let card = try await api.call(.get, "/v1/contacts/\(buyers[9])", key: key)
            let fields = card.json["fields"]?["Engagement"]
            #expect(fields?["segment"]?.stringValue != nil && fields?["rfm"]?.stringValue?.count == 3, "\(card.text)")
            #expect(fields?["recency"] == 1, "the buyer who ordered longest ago scores lowest on recency: \(String(describing: fields))")

            let status = try await api.call(.get, "/v1/engagement", key: key)
            #expect(status.json["last_run"]?["contacts"] == 10, "\(status.text)")
            let next = try #require(status.json["next_run_at"]?.stringValue.flatMap(Timestamp.parse), "\(status.text)")
            var stockholm = Calendar(identifier: .gregorian)
            stockholm.timeZone = try #require(TimeZone(identifier: "Europe/Stockholm"))
            #expect(stockholm.component(.weekday, from: next) == 1 && stockholm.component(.hour, from: next) == 18,
                    "the weekly run is Sunday 18:00 in Stockholm: \(next)")
            #expect(next > now && next.timeIntervalSince(now) <= 7 * 86_400)

            // The least engaged buyer buys a lot; at Sunday 18:00 the scheduler notices.
            for extra in 0..<12 {
                _ = try await api.call(.post, "/v1/orders", key: key, body: Self.order(500 + extra, buyer: 9, daysAgo: 0, total: 5000, now: now))
            }
            clock.advance(by: next.timeIntervalSince(clock.now()) + 60)
            #expect(try await eventually(20) {
                try await api.call(.get, "/v1/engagement", key: key).json["last_run"]?["started_at"]?.stringValue.flatMap(Timestamp.parse) ?? .distantPast > next
            }, "the weekly run ran")
            let weekly = try await api.call(.get, "/v1/engagement", key: key)
            #expect((weekly.json["last_run"]?["segment_changes"]?.numberValue?.int64 ?? 0) >= 1, "\(weekly.text)")
            #expect(try await eventually {
                try await api.call(.get, "/v1/contacts/\(buyers[9])", key: key).json["tags"]?.arrayValue?.contains("Moved") == true
            }, "the segment change started the automation")
            let later = try #require(weekly.json["next_run_at"]?.stringValue.flatMap(Timestamp.parse))
            #expect(abs(later.timeIntervalSince(next) - 7 * 86_400) < 3_700, "and the next is a week later: \(later)")

            // Another day and hour, in another time zone: the next run moves at once.
            let moved = try await api.call(.patch, "/v1/settings", key: key,
                                           body: #"{"engagement_schedule": {"weekday": "monday", "hour": 6}, "time_zone": "America/New_York"}"#)
            #expect(moved.json["engagement_schedule"]?["weekday"] == "monday" && moved.json["engagement_schedule"]?["hour"] == 6, "\(moved.text)")
            let rescheduled = try #require(try await api.call(.get, "/v1/engagement", key: key).json["next_run_at"]?.stringValue.flatMap(Timestamp.parse))
            var newYork = Calendar(identifier: .gregorian)
            newYork.timeZone = try #require(TimeZone(identifier: "America/New_York"))
            #expect(newYork.component(.weekday, from: rescheduled) == 2 && newYork.component(.hour, from: rescheduled) == 6, "\(rescheduled)")
            let bad = try await api.call(.patch, "/v1/settings", key: key, body: #"{"engagement_schedule": {"weekday": "someday", "hour": 25}}"#)
            #expect(bad.status == .unprocessableContent && bad.json["errors"]?.arrayValue?.count == 2, "\(bad.text)")
        }
    }
}
