import Foundation
import Synchronization

/// Prefixed, time-ordered, opaque identifiers (`ord_01JD…`): 48 bits of milliseconds then 80 random bits,
/// Crockford base32. Within one millisecond the random part counts up, so ids from one process sort in
/// creation order, which is what cursor pagination relies on.
public enum KvittoID {
    public enum Prefix: String, Sendable {
        case account = "acc", apiKey = "key", contact = "con", order = "ord", product = "prd", category = "cat"
        case event = "evt", trigger = "trg", template = "tpl", automation = "aut", delivery = "dlv"
        case voucher = "vch", connection = "cnx", job = "job", rejection = "rej", timeline = "tle", inbox = "inb"
        case run = "run", list = "lst", lookup = "lku", user = "usr", audit = "aud", mergeCandidate = "mrg"
    }

    private struct State { var lastMillis: UInt64 = 0; var high: UInt16 = 0; var low: UInt64 = 0 }
    private static let state = Mutex(State())
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    public static func make(_ prefix: Prefix, at date: Date = Date()) -> String {
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        let (ms, high, low) = state.withLock { s -> (UInt64, UInt16, UInt64) in
            if millis > s.lastMillis {
                s.lastMillis = millis
                s.high = UInt16.random(in: 0...UInt16.max) & 0x7FFF  // headroom so increments rarely carry out
                s.low = UInt64.random(in: 0...UInt64.max)
            } else {
                s.low &+= 1
                if s.low == 0 { s.high &+= 1 }
            }
            return (s.lastMillis, s.high, s.low)
        }
        // 128 bits: 48 ms | 16 high | 64 low → 26 base32 characters (the first carries 3 bits).
        var bytes = [UInt8](repeating: 0, count: 26)
        var hi = (ms << 16) | UInt64(high)
        var lo = low
        for i in stride(from: 25, through: 0, by: -1) {
            bytes[i] = alphabet[Int(lo & 31)]
            lo = (lo >> 5) | ((hi & 31) << 59)
            hi >>= 5
        }
        return prefix.rawValue + "_" + String(decoding: bytes, as: UTF8.self)
    }

    /// Whether `id` has the shape of an id with this prefix (cheap check before a database look-up).
    /// The smallest id `make` can give at `date`: ids made at or after it sort at or above it, earlier ones
    /// below, so a time range of records is a range of ids (and of the index on them).
    public static func floor(_ prefix: Prefix, at date: Date) -> String {
        let millis = UInt64(max(0, date.timeIntervalSince1970 * 1000))
        var bytes = [UInt8](repeating: alphabet[0], count: 26)
        var ms = millis
        // The 48 bits of milliseconds are the first ten characters (the first carries 3 bits); the rest is zero.
        for i in stride(from: 9, through: 0, by: -1) {
            bytes[i] = alphabet[Int(ms & 31)]
            ms >>= 5
        }
        return prefix.rawValue + "_" + String(decoding: bytes, as: UTF8.self)
    }

    /// The time in an id (the millisecond `make` was at); nil when `id` is not one.
    public static func date(of id: String) -> Date? {
        guard let separator = id.firstIndex(of: "_") else { return nil }
        let digits = id[id.index(after: separator)...].utf8.prefix(10)
        guard digits.count == 10 else { return nil }
        var millis: UInt64 = 0
        for digit in digits {
            guard let value = alphabet.firstIndex(of: digit) else { return nil }
            millis = millis << 5 | UInt64(value)
        }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    public static func isWellFormed(_ id: String, _ prefix: Prefix) -> Bool {
        id.utf8.count == prefix.rawValue.utf8.count + 27 && id.hasPrefix(prefix.rawValue + "_")
    }
}
