import Crypto
import Foundation
import KvittoCore

/// A FAPI notification: a form body `id=<invoice id>&time=<unix seconds>&security=<sha1 hex>`. It proves
/// nothing by itself — the receiver fetches the invoice it names and checks `security` against it.
public struct FAPINotification: Sendable, Equatable {
    public var invoiceID: String
    public var time: String
    public var security: String

    public init(invoiceID: String, time: String, security: String) {
        self.invoiceID = invoiceID; self.time = time; self.security = security
    }

    /// Reads the `application/x-www-form-urlencoded` body.
    /// - Throws: `KvittoError.invalid` naming each missing or malformed field.
    public init(formBody: some Collection<UInt8>) throws(KvittoError) {
        var fields: [String: String] = [:]
        for pair in String(decoding: formBody, as: UTF8.self).trimmedWhitespace.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (text: Substring) in String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = decode(parts[0]), let value = decode(parts.count > 1 ? parts[1] : "") else { continue }
            fields[name] = value
        }
        var errors: [FieldError] = []
        func digits(_ name: String) -> String? {
            guard let value = fields[name], !value.isEmpty, value.utf8.allSatisfy({ (48...57).contains($0) }) else {
                errors.append(FieldError("/" + name, "must be a decimal number"))
                return nil
            }
            return value
        }
        let id = digits("id"), time = digits("time")
        let security = fields["security"]?.lowercased()
        if security?.count != 40 || security?.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) != true {
            errors.append(FieldError("/security", "must be a 40-digit hexadecimal SHA-1"))
        }
        guard let id, let time, let security, errors.isEmpty else { throw KvittoError.invalid(errors) }
        self.init(invoiceID: id, time: time, security: security)
    }
}

extension PlatformSignature {
    /// FAPI's notification check, as fapi-cz/fapi-client's `SecurityChecker::isValid` computes it:
    /// `sha1(time . invoice.id . invoice.number . md5(item.id . item.name) for each item)`, PHP string
    /// concatenation of the values as the invoice JSON gives them (ids as their exact digits, a null name as
    /// the empty string), lower-case hex.
    /// - Parameters:
    ///   - invoice: the invoice fetched from `GET /invoices/{id}`.
    ///   - time: the notification's `time` field, as sent.
    /// - Returns: the expected `security`, or `nil` when the invoice has no id or number (FAPI's checker
    ///   refuses those too).
    public static func fapiSecurity(invoice: JSONValue, time: String) -> String? {
        func phpString(_ value: JSONValue?) -> String? {
            switch value {
            case .string(let s): s
            case .number(let n): n.text
            case .null, nil: ""
            default: nil
            }
        }
        guard let id = phpString(invoice["id"]), !id.isEmpty, let number = phpString(invoice["number"]), !number.isEmpty
        else { return nil }
        var signed = time + id + number
        for item in invoice["items"]?.arrayValue ?? [] {
            guard let itemID = phpString(item["id"]), let name = phpString(item["name"]) else { return nil }
            signed += hex(Insecure.MD5.hash(data: Data((itemID + name).utf8)))
        }
        return hex(Insecure.SHA1.hash(data: Data(signed.utf8)))
    }

    /// Whether a notification's `security` matches the invoice it names, compared in constant time. The
    /// notification must name this invoice: a valid `security` of another invoice proves nothing about it.
    public static func isValidFAPINotification(_ notification: FAPINotification, invoice: JSONValue) -> Bool {
        let invoiceID = invoice["id"]?.numberValue?.text ?? invoice["id"]?.stringValue
        guard invoiceID == notification.invoiceID,
              let expected = fapiSecurity(invoice: invoice, time: notification.time) else { return false }
        return equalInConstantTime(expected, notification.security.lowercased())
    }

    static func hex(_ digest: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in digest { out.append(digits[Int(byte >> 4)]); out.append(digits[Int(byte & 0x0F)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
