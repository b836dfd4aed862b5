import KvittoCore

/// Amounts as a customer reads them in the account's locale: `647,00 kr` (sv-SE), `€12.50` (en-GB),
/// `1 234,00 Kč` (cs-CZ).
///
/// Built from `Money`'s exact integer units, never from a `Double`, and from the tables below rather than
/// ICU, so the same amount reads the same on every machine. Spaces in the output — between digit groups
/// and between the number and a symbol or code written after it — are U+00A0 NO-BREAK SPACE, so a mail
/// client never breaks `647,00 kr` across two lines.
public enum MoneyText {
    /// The no-break space used for grouping and around symbols.
    public static let noBreakSpace = "\u{00A0}"

    /// `amount` in `currency` (ISO 4217, any case) for `formatting`'s locale.
    ///
    /// Decimals are padded to the currency's minor units (two for most, none for `JPY`, `ISK`…); further
    /// non-zero decimals the amount carries are kept rather than rounded away, since an amount on a receipt
    /// must never change. A currency the tables do not know is written as its code after the number
    /// (`12,50 XYZ`); a currency whose symbol is only understood at home (`kr`, `Kč`) is written as its code
    /// in other languages (`647.00 SEK` in English).
    public static func format(_ amount: Money, currency: String, _ formatting: MessageFormatting) -> String {
        let code = currency.uppercased()
        let rules = NumberRules.rules(for: formatting.language)
        let number = digits(of: amount, minimumDecimals: minorUnits[code] ?? 2, rules)
        let sign = amount.units < 0 ? "-" : ""
        guard let symbol = symbol(of: code, language: formatting.language, region: formatting.region) else {
            return sign + number + noBreakSpace + code
        }
        switch rules.symbolPlacement {
        case .beforeNumber: return sign + symbol + number
        case .afterNumber: return sign + number + noBreakSpace + symbol
        }
    }

    /// The grouped and padded digits of `amount`'s magnitude, without sign or symbol.
    static func digits(of amount: Money, minimumDecimals: Int, _ rules: NumberRules) -> String {
        let normalized = amount.normalized
        let magnitude = String(normalized.units.magnitude)
        let scale = normalized.scale
        let padded = magnitude.count <= scale ? String(repeating: "0", count: scale - magnitude.count + 1) + magnitude : magnitude
        let integerPart = padded.dropLast(scale)
        var fraction = String(padded.suffix(scale))
        if fraction.count < minimumDecimals { fraction += String(repeating: "0", count: minimumDecimals - fraction.count) }

        var grouped = ""
        for (offset, digit) in integerPart.enumerated() {
            if offset > 0, (integerPart.count - offset) % 3 == 0 { grouped += rules.groupSeparator }
            grouped.append(digit)
        }
        return fraction.isEmpty ? grouped : grouped + rules.decimalSeparator + fraction
    }

    /// The symbol to write for `code`, or `nil` when the code itself should be written.
    static func symbol(of code: String, language: String, region: String?) -> String? {
        if let home = homeSymbols[code], home.languages.contains(language) { return home.symbol }
        switch code {
        case "EUR": return "€"
        case "GBP": return "£"
        case "USD": return region == "US" ? "$" : "US$"
        default: return nil
        }
    }

    /// Symbols that read unambiguously only in the currency's own languages: `kr` in an English e-mail
    /// could be any of four currencies, so English writes `SEK`.
    private static let homeSymbols: [String: (symbol: String, languages: Set<String>)] = [
        "SEK": ("kr", ["sv"]),
        "NOK": ("kr", ["nb", "nn"]),
        "DKK": ("kr.", ["da"]),
        "ISK": ("kr", ["is"]),
        "CZK": ("Kč", ["cs"]),
        "PLN": ("zł", ["pl"]),
        "CHF": ("CHF", ["de"]),
    ]

    /// Currencies whose minor unit is not the hundredth (ISO 4217).
    private static let minorUnits: [String: Int] = ["JPY": 0, "ISK": 0, "KRW": 0, "CLP": 0, "HUF": 2, "KWD": 3, "BHD": 3]
}

/// A language's separators and where its currency symbols go.
struct NumberRules: Sendable {
    enum SymbolPlacement: Sendable { case beforeNumber, afterNumber }

    let decimalSeparator: String
    let groupSeparator: String
    let symbolPlacement: SymbolPlacement

    static func rules(for language: String) -> NumberRules { byLanguage[language] ?? english }

    static let english = NumberRules(decimalSeparator: ".", groupSeparator: ",", symbolPlacement: .beforeNumber)

    /// CLDR's conventions for the supported languages, with U+00A0 wherever CLDR groups with a space.
    private static let byLanguage: [String: NumberRules] = {
        let spaceGrouped = NumberRules(decimalSeparator: ",", groupSeparator: MoneyText.noBreakSpace, symbolPlacement: .afterNumber)
        let dotGrouped = NumberRules(decimalSeparator: ",", groupSeparator: ".", symbolPlacement: .afterNumber)
        return [
            "en": english, "sv": spaceGrouped, "nb": spaceGrouped, "nn": spaceGrouped, "fi": spaceGrouped,
            "cs": spaceGrouped, "pl": spaceGrouped, "da": dotGrouped, "de": dotGrouped, "is": dotGrouped,
        ]
    }()
}
