import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoSpreadsheet
import KvittoStorage
import NIOCore

/// Bonus checks: the merchant's import of a file of checks, and the till's redemption.
struct VouchersController {
    let services: KvittoServices
    /// A file of a few hundred thousand checks fits; anything larger is refused before it is read.
    static let maximumFile = 20 << 20

    func register(v1: RouterGroup<KvittoRequestContext>, pos: RouterGroup<KvittoRequestContext>) {
        v1.post("vouchers/import", .ingest, importFile)
        pos.post("bonus-checks/{code}/redeem", .pos, redeem)
    }

    /// `POST /v1/vouchers/import` with the file as the body (`text/csv`, `text/tab-separated-values`, a
    /// `.txt` as `text/plain`: tab-separated, or an `.xlsx` workbook: its first sheet): `{"imported", "updated", "rejected": [{"row", "reason"}]}`. The
    /// good rows are written in one transaction; a file that cannot be read at all stores nothing.
    func importFile(_ call: APICall) async throws -> JSONValue {
        let account = call.account
        let type = (call.request.headers[.contentType] ?? "").split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        enum Kind { case text(VoucherFile.Format), workbook }
        let kind: Kind
        switch type {
        case "text/csv", "application/csv": kind = .text(.csv)
        case "text/tab-separated-values", "text/plain": kind = .text(.tsv)
        case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": kind = .workbook
        default:
            throw KvittoError(code: .invalid,
                              detail: "send the file as text/csv, text/tab-separated-values (a .txt file: text/plain) or an Excel workbook "
                                  + "(application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)",
                              fieldErrors: [FieldError("", "unsupported Content-Type \(type)")], reason: "unsupported-file-type")
        }
        let buffer = try await call.request.readBody(limit: Self.maximumFile, describedAs: "the file")
        let parsed: (rows: [VoucherFile.Row], rejected: [VoucherFile.Rejected])
        do {
            switch kind {
            case .text(let format):
                parsed = try VoucherFile.parse(Array(buffer.readableBytesView), format: format, country: account.defaultCountry)
            case .workbook:
                let sheet = try XLSXSheet.rows(Data(buffer.readableBytesView))
                parsed = try VoucherFile.parse(table: sheet.map { ($0.number, $0.cells) }, country: account.defaultCountry)
            }
        } catch let error as VoucherFile.FileError {
            throw KvittoError(code: .invalid, detail: error.description, fieldErrors: [FieldError("", error.description)], reason: "unreadable-file")
        } catch let error as XLSXSheet.ReadError {
            throw KvittoError(code: .invalid, detail: error.description, fieldErrors: [FieldError("", error.description)], reason: "unreadable-file")
        }
        let rows = parsed.rows
        let now = services.clock.now()
        let result = try await services.store.write { w in try Vouchers.importRows(rows, account: account, in: w, now: now) }
        services.deliveriesQueued()
        return [
            "imported": .number(JSONNumber(result.imported)), "updated": .number(JSONNumber(result.updated)),
            "rejected": .array(parsed.rejected.map { ["row": .number(JSONNumber($0.row)), "reason": .string($0.reason)] }),
        ]
    }

    /// `POST /pos/v2/bonus-checks/{code}/redeem {"amount": "40.00", "idempotency_key": "…", "currency": "SEK"?}`.
    func redeem(_ call: APICall) async throws -> JSONValue {
        let (code, account) = (try call.parameter("code"), call.account)
        let (amount, key, currency) = try await call.decode { r -> (Money, String, String?)? in
            let amountValue = r.value("amount")
            let key = r.string("idempotency_key", required: true, maxLength: 200)
            let currency = r.string("currency", maxLength: 3)?.uppercased()
            let amount = amountValue.flatMap(Money.init(json:))
            if amountValue == nil { r.fail("/amount", "is required") } else if amount == nil { r.fail("/amount", "a decimal amount such as \"40.00\"") }
            guard let amount, let key else { return nil }
            return (amount, key, currency)
        }
        let origin = POSController.origin(call.request)
        let now = services.clock.now()
        let answer = try await services.store.write { w in
            try Vouchers.redeem(code: code, amount: amount, currency: currency, idempotencyKey: key, account: account, origin: origin,
                                in: w, now: now)
        }
        services.deliveriesQueued()
        return answer
    }
}
