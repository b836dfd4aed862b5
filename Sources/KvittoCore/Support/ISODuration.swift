import Foundation

/// An ISO 8601 duration as automations' wait steps take it (`P2D`, `PT30M`, `P1W`, `P1DT12H`). Years and
/// months are refused: their length depends on the calendar, and a wait must mean the same in every account.
public struct ISODuration: Sendable, Equatable {
    public let text: String
    public let seconds: Int

    public init?(_ text: String) {
        var rest = Substring(text.uppercased())
        guard rest.hasPrefix("P"), rest.count > 1 else { return nil }
        rest = rest.dropFirst()
        var total = 0, inTime = false, digits = "", sawPart = false
        for character in rest {
            if character.isASCII, character.isNumber { digits.append(character); continue }
            if character == "T" {
                guard !inTime, digits.isEmpty else { return nil }
                inTime = true
                continue
            }
            guard let value = Int(digits), value <= 100_000 else { return nil }
            digits = ""
            switch (character, inTime) {
            case ("W", false): total += value * 7 * 86_400
            case ("D", false): total += value * 86_400
            case ("H", true): total += value * 3_600
            case ("M", true): total += value * 60
            case ("S", true): total += value
            default: return nil
            }
            sawPart = true
        }
        guard digits.isEmpty, sawPart else { return nil }
        self.text = text.uppercased()
        self.seconds = total
    }
}
