import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage

/// Bonus checks for the tills: a file (CSV, tab-separated text or an Excel workbook) uploaded from the page,
/// and the report of what it did, row by row.
extension AdminController {
    func vouchers(_ call: AdminCall, report: [String: Any]? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        var values: [String: Any] = ["title": "Bonus checks"]
        if call.user.mayChange { values["mayImport"] = true }
        if let report { values["report"] = report }
        if let error { values["error"] = error }
        return AdminPages.render("vouchers", call.layout.merging(values) { _, new in new }, status: status)
    }

    func importVouchers(_ call: AdminCall, _ form: AdminForm?) async throws -> Response {
        guard let file = form?.files["file"], !file.bytes.isEmpty else {
            return try await vouchers(call, error: "Choose a file to upload.", status: .unprocessableContent)
        }
        let (user, now) = (call.user, services.clock.now())
        guard let account = try await services.store.read({ r in try r.account(user.accountID) }) else { return Self.forbidden("No such account.") }
        do {
            let kind = try VoucherUpload.kind(contentType: file.contentType, fileName: file.fileName)
            let result = try await VoucherUpload.importFile(file.bytes, kind: kind, account: account, store: services.store, now: now)
            try await services.store.write { w in
                try AdminUsers.audit("vouchers.import", subject: nil,
                                     detail: "imported \(file.fileName ?? "a file"): \(result.imported) new, \(result.updated) updated, \(result.rejected.count) skipped",
                                     by: user, in: w, now: now)
            }
            services.deliveriesQueued()
            return try await vouchers(call, report: [
                "file": file.fileName ?? "", "imported": result.imported, "updated": result.updated,
                "rejected": result.rejected.map { ["row": $0.row, "reason": $0.reason] },
            ])
        } catch let error as KvittoError where error.code == .invalid {
            return try await vouchers(call, error: error.detail, status: .unprocessableContent)
        }
    }
}
