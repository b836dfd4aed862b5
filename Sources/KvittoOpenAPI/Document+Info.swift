import Foundation
import KvittoCore
import OpenAPIKit

extension APIDocument {
    /// The document's introduction. The retry schedule, the jitter, the 5-day rule and the rotation overlap are
    /// read from the policies the delivery worker applies.
    static var infoDescription: String {
        let retry = RetryPolicy.standard
        let waits = retry.schedule.map(shortDuration)
        let overlapHours = Int(WebhookSecret.rotationOverlap / 3600)
        return """
            Kvitto is a self-hosted commerce event hub. Shops, point-of-sale and invoicing systems send it their orders, \
            customers and products; Kvitto keeps one clean contact and order record per merchant account, records every \
            change as an event in a per-account feed, and keeps every refused input in a rejection log. The API speaks \
            JSON with `snake_case` members under `/v1`; money is always a decimal string such as `"299.00"`; ids are \
            prefixed and opaque (`con_…`, `ord_…`); lists are cursor-paginated, newest first unless stated. Request \
            bodies are at most 1 MiB, unknown members are an error, and `null` for an optional member is the same as \
            leaving it out. Every error is an RFC 9457 problem \
            (`application/problem+json`). A 2xx answer to a write means it is durably committed; a request that fails \
            stores nothing. Authenticate with `Authorization: Bearer <key>` (or HTTP Basic with the key as password); \
            each operation names the scope it needs (`\(Scope.admin.rawValue)` implies every scope).

            **Postbacks.** A trigger sends matching events to a URL, shaped by an optional template (`$expr` JMESPath, \
            `$template` Mustache text, `$literal`). Postbacks follow [Standard Webhooks](https://www.standardwebhooks.com/): \
            each request carries `webhook-id` (the delivery id, stable across retries and replays), `webhook-timestamp` \
            (Unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of id.timestamp.body>` keyed with the \
            trigger's `\(WebhookSecret.prefix)…` secret; during the \(overlapHours) hours after a rotation it carries one \
            entry per secret, separated by a space). A 2xx answer is a success; anything else, including a 3xx \
            (redirects are never followed), is a failure. Connect timeout 5 s, whole request 15 s. With *retry on \
            failure* switched on, a failed delivery is tried again after \(listed(waits, last: " and ")) \
            (\(retry.maxAttempts) attempts in all), each wait moved by ±\(Int((retry.jitter * 100).rounded())) % jitter; \
            a receiver's `Retry-After` is honoured within 1×–2× of the scheduled wait. Then the delivery is `failed` \
            and can be replayed. A `410 Gone` answer disables the trigger at once, and so does an endpoint that has \
            failed continuously for \(Int(retry.disableAfter / 86_400)) days (a `trigger.disabled` notice is \
            recorded); setting the trigger `active` again re-enables it.

            **Connections.** A connection is one Shopify, WooCommerce, Cartum, FAPI or Sitoo account of the merchant. \
            Its credentials are sealed at rest and never returned; making one answers with the webhook URL to paste \
            into the platform and, once, the secrets Kvitto generated. Platform webhooks (`/hooks/…`) need no API key: \
            each is checked by the platform's own signature or token before anything is parsed (a bad one is a 401 \
            that stores nothing), stored raw in the connection's 14-day inbox, answered, and then mapped under the \
            platform's rules; a repeated delivery is applied once. A backfill imports past orders from the platform's \
            API page by page, resumes from its checkpoint after a restart, and fires no triggers unless asked.
            """
    }

    /// Values as the descriptions quote them: "`a`, `b`, `c`" (with `last` before the final one).
    static func codes(_ values: [String], last: String = ", ") -> String {
        listed(values.map { "`\($0)`" }, last: last)
    }

    /// The raw values of a Swift enumeration as the server lists them in messages: "a, b, c".
    static func rawValues<Value: CaseIterable & RawRepresentable>(_ type: Value.Type) -> String where Value.RawValue == String {
        type.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// "a, b, c", or "a, b and c" with `last: " and "`.
    static func listed(_ items: [String], last: String = ", ") -> String {
        guard let final = items.last, items.count > 1 else { return items.joined() }
        return items.dropLast().joined(separator: ", ") + last + final
    }

    /// A wait as the descriptions write it: `5 s`, `5 min`, `2 h`.
    static func shortDuration(_ seconds: TimeInterval) -> String {
        let whole = Int(seconds)
        if whole < 60 || whole % 60 != 0 { return "\(whole) s" }
        if whole < 3600 || whole % 3600 != 0 { return "\(whole / 60) min" }
        return "\(whole / 3600) h"
    }
}
