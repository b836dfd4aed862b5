import KvittoCore

// Additions to the canonical types that only mapping platform payloads needs.

extension Money {
    /// `self − other`, exact. Money has no subtraction of its own because the native API never needs one;
    /// platforms give a line's price and discount separately.
    func subtracting(_ other: Money) -> Money { self + Money(units: -other.units, scale: other.scale) }
}

extension Address {
    /// `nil` when every part is empty, so an order without an address carries none rather than a blank one.
    var nonEmpty: Address? {
        [name, line1, line2, postalCode, city, region, country].contains { $0 != nil } ? self : nil
    }
}

extension ContactInput {
    /// Whether the platform told anything about the person at all.
    var isEmpty: Bool { email == nil && phone == nil && firstName == nil && lastName == nil && address == nil }

    /// This contact, with the fields it lacks taken from `other`.
    func filling(from other: ContactInput?) -> ContactInput {
        guard let other else { return self }
        var merged = self
        merged.email = email ?? other.email; merged.phone = phone ?? other.phone
        merged.firstName = firstName ?? other.firstName; merged.lastName = lastName ?? other.lastName
        merged.address = address ?? other.address
        return merged
    }
}

/// `"Olena Kovalenko"` → (`"Olena"`, `"Kovalenko"`): platforms that keep one name field. Everything after the
/// first space is the last name, so double surnames stay whole.
func splitFullName(_ name: String?) -> (first: String?, last: String?) {
    guard let name = name?.trimmedWhitespace, !name.isEmpty else { return (nil, nil) }
    guard let space = name.firstIndex(of: " ") else { return (name, nil) }
    let last = String(name[name.index(after: space)...]).trimmedWhitespace
    return (String(name[..<space]), last.isEmpty ? nil : last)
}
