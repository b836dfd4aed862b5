import Foundation

/// A mailbox as merchants write it in settings and test sends: `order@butiken.se` or
/// `Butiken <order@butiken.se>`. One reading for validating the settings and for sending.
public enum MailboxText {
    /// The address and display name, or nil when the address is not one (whitespace or line breaks in it,
    /// or nothing an e-mail key can be made of).
    public static func parse(_ value: String) -> (address: String, displayName: String?)? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        var address = trimmed
        var name: String?
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            let written = trimmed[..<open].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
            name = written.isEmpty ? nil : written
        }
        guard !address.contains(where: { $0.isWhitespace || $0 == "\r" || $0 == "\n" }), EmailKey.make(address) != nil else { return nil }
        return (address, name)
    }

    public static func address(in value: String) -> String? { parse(value)?.address }
}
