import Foundation

/// A bonus-check file as merchants export it from a spreadsheet: a header row naming the columns (`email`,
/// `phone`, `code`, `amount`, `currency`, `valid_from`, `valid_to`, in any order and case), then one check
/// a row. CSV (comma or semicolon, RFC 4180 quoting) or TSV. Every row is checked on its own: a bad row is
/// reported with its number (the header is row 1) and skipped, the others are kept.
public enum VoucherFile {
    public enum Format: Sendable { case csv, tsv }

    public struct Row: Sendable, Equatable {
        public var row: Int
        public var email: String?
        public var phone: String?
        public var code: String
        public var amount: Money
        public var currency: String
        /// Days as written (`2026-11-01`): the first and last day the check may be used, UTC.
        public var validFrom: Date?
        public var validTo: Date?

        public init(row: Int, email: String?, phone: String?, code: String, amount: Money, currency: String, validFrom: Date?, validTo: Date?) {
            self.row = row; self.email = email; self.phone = phone; self.code = code; self.amount = amount; self.currency = currency
            self.validFrom = validFrom; self.validTo = validTo
        }
    }

    public struct Rejected: Sendable, Equatable {
        public var row: Int
        public var reason: String
    }

    public struct FileError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    static let columns = ["email", "phone", "code", "amount", "currency", "valid_from", "valid_to"]

    /// - Parameter country: the account's, for phone numbers written nationally.
    public static func parse(_ bytes: [UInt8], format: Format, country: String) throws(FileError) -> (rows: [Row], rejected: [Rejected]) {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }  // Excel's UTF-8 byte order mark
        guard let text = String(validating: body, as: UTF8.self) else { throw FileError(description: "the file is not UTF-8 text") }
        let firstLine = text.prefix { $0 != "\n" && $0 != "\r\n" }
        let separator: Character = format == .tsv ? "\t" : (firstLine.contains(";") && !firstLine.contains(",") ? ";" : ",")
        return try parse(table: try records(text, separator: separator).map { ($0.line, $0.fields) }, country: country)
    }

    /// The same checks over a table already read (the first sheet of a workbook): `row` as the sheet numbers it.
    public static func parse(table: [(row: Int, cells: [String])], country: String) throws(FileError) -> (rows: [Row], rejected: [Rejected]) {
        let records = table.map { Record(line: $0.row, fields: $0.cells) }
        guard let header = records.first?.fields, !header.allSatisfy({ $0.isEmpty }) else { throw FileError(description: "the file is empty") }
        let names = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var index: [String: Int] = [:]
        // A column without a heading (a trailing separator, a blank column in a sheet) is not read.
        for (position, name) in names.enumerated() where !name.isEmpty {
            guard columns.contains(name) else { throw FileError(description: "unknown column '\(name)'; the columns are \(columns.joined(separator: ", "))") }
            guard index[name] == nil else { throw FileError(description: "the column '\(name)' appears twice") }
            index[name] = position
        }
        for required in ["code", "amount", "currency"] where index[required] == nil {
            throw FileError(description: "the column '\(required)' is missing")
        }
        guard index["email"] != nil || index["phone"] != nil else { throw FileError(description: "a column 'email' or 'phone' is needed") }

        var rows: [Row] = [], rejected: [Rejected] = []
        var codes: [String: Int] = [:]
        for record in records.dropFirst() where !record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            func cell(_ name: String) -> String? {
                guard let position = index[name], position < record.fields.count else { return nil }
                let value = record.fields[position].trimmingCharacters(in: .whitespaces)
                return value.isEmpty ? nil : value
            }
            func reject(_ reason: String) { rejected.append(Rejected(row: record.line, reason: reason)) }
            if record.fields.count > names.count { reject("more cells than columns"); continue }
            // A cell a spreadsheet would run as a formula is refused, not stored for the next export to run.
            if let formula = record.fields.first(where: { $0.hasPrefix("=") || $0.hasPrefix("@") }) {
                reject("a formula (\(formula.prefix(20))) is not a value"); continue
            }
            let email = cell("email"), phone = cell("phone")
            if let email, EmailKey.make(email) == nil { reject("email: not an e-mail address"); continue }
            if let phone, PhoneNumber.normalize(phone, defaultCountry: country) == nil { reject("phone: not a phone number"); continue }
            guard email != nil || phone != nil else { reject("an e-mail or a phone number is needed"); continue }
            guard let code = cell("code"), code.count <= 100 else { reject("code: missing or longer than 100 characters"); continue }
            guard let amountText = cell("amount"), let amount = Money(parsing: amountText.replacingOccurrences(of: ",", with: ".")),
                  amount.isPositive, amount.scale <= 2 else {
                reject("amount: a positive amount such as 100.00"); continue
            }
            guard let currency = cell("currency")?.uppercased(), currency.count == 3, currency.allSatisfy(\.isLetter) else {
                reject("currency: a three-letter code such as SEK"); continue
            }
            var from: Date?, to: Date?
            if let text = cell("valid_from") {
                guard let day = day(text) else { reject("valid_from: a date such as 2026-11-01"); continue }
                from = day
            }
            if let text = cell("valid_to") {
                guard let day = day(text) else { reject("valid_to: a date such as 2027-01-31"); continue }
                to = day.addingTimeInterval(86_400 - 0.001)
            }
            if let from, let to, to < from { reject("valid_to is before valid_from"); continue }
            if let earlier = codes[code] { reject("code \(code) is on row \(earlier) already"); continue }
            codes[code] = record.line
            rows.append(Row(row: record.line, email: email, phone: phone, code: code, amount: amount, currency: currency,
                            validFrom: from, validTo: to))
        }
        return (rows, rejected)
    }

    /// `YYYY-MM-DD` as the start of that day, UTC.
    static func day(_ text: String) -> Date? {
        guard text.count == 10, let parsed = Timestamp.parse(text + "T00:00:00Z") else { return nil }
        return parsed
    }

    struct Record { var line: Int; var fields: [String] }

    /// RFC 4180 records: quoted fields may hold separators, line breaks and doubled quotes. A quote left open
    /// at the end of the file is an error for the whole file (where the row ends cannot be known).
    static func records(_ text: String, separator: Character) throws(FileError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = [], field = ""
        var quoted = false, fieldStarted = false
        var line = 1, recordLine = 1
        var characters = text.makeIterator()
        var pending: Character? = nil
        func next() -> Character? { if let p = pending { pending = nil; return p }; return characters.next() }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    let after = next()
                    if after == "\"" { field.append("\"") } else { quoted = false; pending = after }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case "\"" where !fieldStarted && field.isEmpty:
                quoted = true; fieldStarted = true
            case separator:
                fields.append(field); field = ""; fieldStarted = false
            case "\n", "\r\n", "\r":
                fields.append(field); field = ""; fieldStarted = false
                records.append(Record(line: recordLine, fields: fields)); fields = []
                line += 1; recordLine = line
            default:
                field.append(c); fieldStarted = true
            }
        }
        if quoted { throw FileError(description: "a quoted cell that starts on row \(recordLine) never ends") }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append(Record(line: recordLine, fields: fields)) }
        return records
    }
}
