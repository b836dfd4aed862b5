/// The e-mail identity rule of SPEC §2: trim and lower-case, nothing provider-specific, junk never counts.
public enum EmailKey {
    /// The key an e-mail address is matched by, or `nil` when the value cannot identify anyone.
    public static func make(_ raw: String) -> String? {
        let key = raw.trimmedWhitespace.lowercased()
        guard isPlausible(key), !junk.contains(key) else { return nil }
        return key
    }

    /// Addresses people type into forms when they do not want to give one.
    static let junk: Set<String> = [
        "test@test", "test@test.com", "test@example.com", "a@a", "a@a.com", "no@email", "noemail@noemail.com",
        "none@none", "none@none.com", "email@email.com", "x@x", "x@x.com", "asdf@asdf", "asdf@asdf.com",
    ]

    /// One `@` with something on both sides and no spaces: what a mailbox needs, no more.
    static func isPlausible(_ key: String) -> Bool {
        // Bytes, not Characters: this runs for every order and Unicode property look-ups are slow.
        var ats = 0, atIndex = 0, index = 0
        for byte in key.utf8 {
            switch byte {
            case UInt8(ascii: "@"): ats += 1; atIndex = index
            case 0x00...0x20, 0x7F: return false
            default: break
            }
            index += 1
        }
        return index <= 254 && ats == 1 && atIndex > 0 && atIndex < index - 1
    }
}

import Foundation
