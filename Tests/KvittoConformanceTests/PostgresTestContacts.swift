import Foundation
import KvittoCore

/// Contacts and creation claims for the PostgreSQL write tests.
extension Contact {
    /// A new contact of `account` known by `email` alone.
    static func withEmail(_ email: String, account: String, at now: Date) -> Contact {
        var contact = Contact(id: KvittoID.make(.contact, at: now), accountID: account, createdAt: now)
        contact.email = email; contact.emailKey = email
        return contact
    }

    /// The claim a writer creating a contact with `email` in `account` takes (see `SQLRepository.insertClaimed`).
    static func emailClaim(_ email: String, account: String) -> String {
        ["email", account, email].joined(separator: "\u{1F}")
    }
}
