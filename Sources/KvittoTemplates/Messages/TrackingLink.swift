import Foundation

/// Tracking pages of the carriers Nordic merchants use, so a shipping confirmation has a link even when
/// the shop sent only a carrier and a tracking number.
public enum TrackingLink {
    /// The tracking page for `trackingNumber` at `carrier` (matched by name, ignoring case, spaces and
    /// punctuation: `DB Schenker`, `dbschenker`, `Schenker`), or `nil` for a carrier not in the table.
    /// `region` picks a carrier's country site where it has one (PostNord: SE, DK, NO, FI).
    public static func url(carrier: String, trackingNumber: String, region: String? = nil) -> String? {
        let number = trackingNumber.trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, let encoded = number.addingPercentEncoding(withAllowedCharacters: unreserved) else { return nil }
        let key = String(carrier.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init))
        switch key {
        case "postnord":
            let country = region.flatMap { ["SE", "DK", "NO", "FI"].contains($0) ? $0.lowercased() : nil } ?? "se"
            return "https://tracking.postnord.com/\(country)/?id=\(encoded)"
        case "dhl", "dhlexpress", "dhlfreight", "dhlparcel":
            return "https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?tracking-id=\(encoded)"
        case "bring", "posten", "postennorge":
            return "https://tracking.bring.com/tracking/\(encoded)"
        case "dbschenker", "schenker":
            return "https://www.dbschenker.com/app/tracking-public/?refNumber=\(encoded)"
        case "ups":
            return "https://www.ups.com/track?tracknum=\(encoded)"
        case "gls":
            return "https://gls-group.com/track/\(encoded)"
        case "budbee":
            return "https://tracking.budbee.com/\(encoded)"
        case "instabox":
            return "https://track.instabox.io/\(encoded)"
        default:
            return nil
        }
    }

    /// RFC 3986 unreserved characters: a tracking number is one path segment or query value.
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
