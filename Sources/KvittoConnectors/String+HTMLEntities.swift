extension String {
    /// WordPress stores product and category names HTML-escaped, and WooCommerce's API returns them so
    /// (`Ship Your Idea &ndash; Color: Black`). Names end up in e-mails and SMS as plain text, so the
    /// entities WordPress writes are decoded: numeric ones and the named ones its formatting produces.
    /// Anything else is left as it is rather than guessed at.
    var decodingHTMLEntities: String {
        guard contains("&") else { return self }
        var out = ""
        var rest = self[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let afterAmp = rest.index(after: amp)
            guard let semicolon = rest[afterAmp...].prefix(10).firstIndex(of: ";"),
                  let decoded = Self.entity(rest[afterAmp..<semicolon]) else {
                out.append("&")
                rest = rest[afterAmp...]
                continue
            }
            out.append(decoded)
            rest = rest[rest.index(after: semicolon)...]
        }
        return out + rest
    }

    static let namedEntities: [Substring: Character] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}", "ndash": "–", "mdash": "—",
        "hellip": "…", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "times": "×",
    ]

    static func entity(_ name: Substring) -> Character? {
        if name.hasPrefix("#x") || name.hasPrefix("#X") {
            return UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map(Character.init)
        }
        if name.hasPrefix("#") {
            return UInt32(name.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init).map(Character.init)
        }
        return namedEntities[name]
    }
}
