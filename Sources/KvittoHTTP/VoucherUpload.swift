import Foundation
import KvittoCore
import KvittoSpreadsheet
import KvittoStorage

/// A file of bonus checks as it arrives (the API's body, or a file the admin's form uploads): its kind by its
/// content type, or by its name's extension where a browser says no more than `application/octet-stream`.
enum VoucherUpload {
    enum Kind { case text(VoucherFile.Format), workbook }

    /// A file of a few hundred thousand checks fits; anything larger is refused before it is read.
    static let maximumFile = 20 << 20

    static func kind(contentType: String, fileName: String? = nil) throws -> Kind {
        let type = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        switch type {
        case "text/csv", "application/csv": return .text(.csv)
        case "text/tab-separated-values", "text/plain": return .text(.tsv)
        case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": return .workbook
        default:
            switch fileName.map({ URL(fileURLWithPath: $0).pathExtension.lowercased() }) {
            case "csv": return .text(.csv)
            case "tsv", "txt": return .text(.tsv)
            case "xlsx": return .workbook
            default:
                throw KvittoError(code: .invalid,
                                  detail: "send the file as text/csv, text/tab-separated-values (a .txt file: text/plain) or an Excel workbook "
                                      + "(application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)",
                                  fieldErrors: [FieldError("", "unsupported Content-Type \(type)")], reason: "unsupported-file-type")
            }
        }
    }

    /// The file's rows, and the rows it skipped with why; a file that cannot be read at all is a 422.
    static func read(_ bytes: [UInt8], kind: Kind, country: String) throws -> (rows: [VoucherFile.Row], rejected: [VoucherFile.Rejected]) {
        do {
            switch kind {
            case .text(let format):
                return try VoucherFile.parse(bytes, format: format, country: country)
            case .workbook:
                let sheet = try XLSXSheet.rows(Data(bytes))
                return try VoucherFile.parse(table: sheet.map { ($0.number, $0.cells) }, country: country)
            }
        } catch let error as VoucherFile.FileError {
            throw KvittoError(code: .invalid, detail: error.description, fieldErrors: [FieldError("", error.description)], reason: "unreadable-file")
        } catch let error as XLSXSheet.ReadError {
            throw KvittoError(code: .invalid, detail: error.description, fieldErrors: [FieldError("", error.description)], reason: "unreadable-file")
        }
    }

    /// Reads and imports a file; the good rows are written in one transaction.
    static func importFile(_ bytes: [UInt8], kind: Kind, account: Account, store: any KvittoStore,
                           now: Date) async throws -> (imported: Int, updated: Int, rejected: [VoucherFile.Rejected]) {
        let parsed = try read(bytes, kind: kind, country: account.defaultCountry)
        let rows = parsed.rows
        let result = try await store.write { w in try Vouchers.importRows(rows, account: account, in: w, now: now) }
        return (result.imported, result.updated, parsed.rejected)
    }
}
