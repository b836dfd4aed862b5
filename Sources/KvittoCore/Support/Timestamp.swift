import Foundation

/// RFC 3339 timestamps: Kvitto writes UTC with milliseconds and reads any offset.
public enum Timestamp {
    /// `date` at the millisecond precision Kvitto stores, so a value reads back equal to what was written.
    public static func truncated(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    public static func format(_ date: Date) -> String {
        var seconds = time_t(floor(date.timeIntervalSince1970))
        let millis = Int((date.timeIntervalSince1970 - Double(seconds)) * 1000 + 0.0005) % 1000
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let year = Int(parts.tm_year) + 1900
        guard (0...9999).contains(year) else { return formatted(parts, millis: millis) }
        // `YYYY-MM-DDTHH:MM:SS.mmmZ` written digit by digit: every order, event, contact and timeline entry
        // carries a few, and as seven padded strings they were 2 % of ingest's CPU.
        return String(unsafeUninitializedCapacity: 24) { buffer in
            var end = 0
            func put(_ value: Int, width: Int, then separator: UInt8) {
                var rest = value
                for position in stride(from: end + width - 1, through: end, by: -1) {
                    buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
                buffer[end + width] = separator
                end += width + 1
            }
            put(year, width: 4, then: UInt8(ascii: "-"))
            put(Int(parts.tm_mon) + 1, width: 2, then: UInt8(ascii: "-"))
            put(Int(parts.tm_mday), width: 2, then: UInt8(ascii: "T"))
            put(Int(parts.tm_hour), width: 2, then: UInt8(ascii: ":"))
            put(Int(parts.tm_min), width: 2, then: UInt8(ascii: ":"))
            put(Int(parts.tm_sec), width: 2, then: UInt8(ascii: "."))
            put(millis, width: 3, then: UInt8(ascii: "Z"))
            return end
        }
    }

    /// The general way, for years outside 0…9999.
    static func formatted(_ parts: tm, millis: Int) -> String {
        func pad(_ value: Int32, _ width: Int) -> String {
            let s = String(value)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(millis), 3))Z"
    }

    /// Parses `2026-11-01T10:00:00Z`, `…10:00:00.5+01:00`, a space instead of `T`, or a bare date.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= b.count else { return nil }
            var value = 0
            for i in start..<start + count {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                value = value * 10 + Int(b[i] - 48)
            }
            return value
        }
        guard let year = digits(0, 4), b.count >= 10, b[4] == 45, let month = digits(5, 2), b[7] == 45,
              let day = digits(8, 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offsetSeconds = 0
        var i = 10
        if b.count > 10 {
            guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: "t") || b[10] == 32,
                  let h = digits(11, 2), b.count > 13, b[13] == 58, let m = digits(14, 2)
            else { return nil }
            hour = h; minute = m; i = 16
            if i < b.count, b[i] == 58 {
                guard let s = digits(17, 2) else { return nil }
                second = s; i = 19
            }
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                var scale = 0.1
                let start = i
                while i < b.count, b[i] >= 48, b[i] <= 57 { fraction += Double(b[i] - 48) * scale; scale /= 10; i += 1 }
                guard i > start else { return nil }
            }
            if i < b.count {
                if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
                    i += 1
                } else if b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") {
                    let sign = b[i] == UInt8(ascii: "+") ? 1 : -1
                    guard let oh = digits(i + 1, 2) else { return nil }
                    var j = i + 3
                    if j < b.count, b[j] == 58 { j += 1 }
                    guard let om = digits(j, 2) else { return nil }
                    offsetSeconds = sign * (oh * 3600 + om * 60)
                    i = j + 2
                } else { return nil }
            }
            guard i == b.count, hour < 24, minute < 60, second < 61 else { return nil }
        }
        var parts = tm()
        parts.tm_year = Int32(year - 1900); parts.tm_mon = Int32(month - 1); parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour); parts.tm_min = Int32(minute); parts.tm_sec = Int32(second)
        let epoch = timegm(&parts)
        return Date(timeIntervalSince1970: Double(epoch - offsetSeconds) + fraction)
    }
}
