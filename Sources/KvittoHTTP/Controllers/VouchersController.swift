import Foundation
import HTTPTypes
import Hummingbird
import KvittoCore
import KvittoStorage
import NIOCore

/// Bonus checks: the merchant's import of a file of checks, and the till's redemption.
struct VouchersController {
    let services: KvittoServices

    func register(v1: RouterGroup<KvittoRequestContext>, pos: RouterGroup<KvittoRequestContext>) {
        v1.post("vouchers/import", .ingest, importFile)
        pos.post("bonus-checks/{code}/redeem", .pos, redeem)
    }

    /// `POST /v1/vouchers/import` with the file as the body (`text/csv`, `text/tab-separated-values`, a
    /// `.txt` as `text/plain`: tab-separated, or an `.xlsx` workbook: its first sheet): `{"imported", "updated", "rejected": [{"row", "reason"}]}`. The
    /// good rows are written in one transaction; a file that cannot be read at all stores nothing.
    func importFile(_ call: APICall) async throws -> JSONValue {
        let kind = try VoucherUpload.kind(contentType: call.request.headers[.contentType] ?? "")
        let buffer = try await call.request.readBody(limit: VoucherUpload.maximumFile, describedAs: "the file")
        let result = try await VoucherUpload.importFile(Array(buffer.readableBytesView), kind: kind, account: call.account, store: services.store,
                                                        now: services.clock.now())
        services.deliveriesQueued()
        return [
            "imported": .number(JSONNumber(result.imported)), "updated": .number(JSONNumber(result.updated)),
            "rejected": .array(result.rejected.map { ["row": .number(JSONNumber($0.row)), "reason": .string($0.reason)] }),
        ]
    }

    /// `POST /pos/v2/bonus-checks/{code}/redeem {"amount": "40.00", "idempotency_key": "…", "currency": "SEK"?}`.
    func redeem(_ call: APICall) async throws -> JSONValue {
        let (code, account) = (try call.parameter("code"), call.account)
        let (amount, key, currency) = try await call.decode { r -> (Money, String, String?)? in
            let amount = r.money("amount", required: true)
            let key = r.string("idempotency_key", required: true, maxLength: 200)
            let currency = r.string("currency", maxLength: 3)?.uppercased()
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
