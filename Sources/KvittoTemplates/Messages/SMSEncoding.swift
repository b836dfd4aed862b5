/// How an SMS text travels and what it costs: its encoding, its length in that encoding's units and the
/// number of message parts (segments) it is sent as, which is what an SMS gateway bills.
///
/// A text is GSM-7 when every character is in the 3GPP TS 23.038 default alphabet or its extension table
/// (an extension character, such as `€` or `[`, is an escape plus the character: two septets). Anything else
/// makes the whole text UCS-2, counted in UTF-16 code units. A single message holds 160 septets or 70
/// units; a longer text is split into parts of 153 septets or 67 units, the rest going to the
/// concatenation header. Parts never split a character: an extension character's two septets, or a
/// surrogate pair's two units, move whole to the next part, which can add a part.
public struct SMSEncoding: Sendable, Hashable {
    public enum Encoding: String, Sendable, Hashable, CaseIterable { case gsm7 = "gsm-7", ucs2 = "ucs-2" }

    public let encoding: Encoding
    /// Septets for GSM-7, UTF-16 code units for UCS-2.
    public let units: Int
    /// Message parts the text is sent as; 0 for the empty text.
    public let segments: Int

    public static let gsm7SingleLimit = 160
    public static let gsm7PartLimit = 153
    public static let ucs2SingleLimit = 70
    public static let ucs2PartLimit = 67

    /// Analyses `text` as a gateway would send it.
    public static func analyse(_ text: String) -> SMSEncoding {
        if let septets = gsm7Widths(of: text) {
            return SMSEncoding(encoding: .gsm7, units: septets.reduce(0, +),
                               segments: segments(septets, single: gsm7SingleLimit, part: gsm7PartLimit))
        }
        // One entry per Unicode scalar: 1 unit, or 2 for a surrogate pair.
        let widths = text.unicodeScalars.map { $0.utf16.count }
        return SMSEncoding(encoding: .ucs2, units: widths.reduce(0, +),
                           segments: segments(widths, single: ucs2SingleLimit, part: ucs2PartLimit))
    }

    /// The septets of each character, or `nil` when a character is outside GSM-7.
    static func gsm7Widths(of text: String) -> [Int]? {
        var widths: [Int] = []
        widths.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if basicCharacters.contains(scalar) {
                widths.append(1)
            } else if extensionCharacters.contains(scalar) {
                widths.append(2)
            } else {
                return nil
            }
        }
        return widths
    }

    /// Parts needed for characters of `widths` units each, none split across parts.
    static func segments(_ widths: [Int], single: Int, part: Int) -> Int {
        let total = widths.reduce(0, +)
        guard total > 0 else { return 0 }
        guard total > single else { return 1 }
        var count = 1, used = 0
        for width in widths {
            if used + width > part {
                count += 1
                used = 0
            }
            used += width
        }
        return count
    }

    /// The GSM 03.38 default alphabet (one septet each), as Unicode scalars. `\n` and `\r` are in it;
    /// `Ç` stands at 0x09 where the specification's table prints the capital, which phones show as `ç`.
    static let basicCharacters: Set<Unicode.Scalar> = Set(
        ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà").unicodeScalars
    )

    /// The extension table: each written as the escape septet and itself. Form feed (page break) included.
    static let extensionCharacters: Set<Unicode.Scalar> = Set("^{}\\[~]|€\u{0C}".unicodeScalars)
}
