import Foundation
import HTTPTypes
import KvittoCore
import KvittoTestSupport
import NIOCore
import Testing

/// Bonus checks over HTTP: the merchant imports a file, the till shows and redeems the checks.
@Suite("HTTP: bonus checks")
struct VouchersAPITests {
    static let file = """
        email,phone,code,amount,currency,valid_from,valid_to
        anna@example.se,,BC-1001,100.00,SEK,2026-01-01,2099-12-31
        ,070-555 00 02,BC-1002,50.00,SEK,2026-01-01,2099-12-31
        nobody,,BC-1003,10.00,SEK,,
        anna@example.se,,BC-OLD,20.00,SEK,2020-01-01,2020-12-31
        anna@example.se,,BC-LATER,20.00,SEK,2098-01-01,2099-12-31
        anna@example.se,,BC-EUR,20.00,EUR,,

        """

    static func upload(_ api: APIClient, _ key: String, _ text: String, type: String = "text/csv") async throws -> APIClient.Reply {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(key)"
        headers[.contentType] = type
        return try await api.post("/v1/vouchers/import", bytes: Array(text.utf8), headers: headers)
    }

    static func redeem(_ api: APIClient, _ pos: String, _ code: String, _ body: String) async throws -> APIClient.Reply {
        try await api.call(.post, "/pos/v2/bonus-checks/\(code)/redeem", body: body, headers: POSAPITests.till(pos))
    }

    @Test func anImportedCheckIsShownAtTheTillAndRedeemedInPartsOnce() async throws {
        let harness = try APIHarness()
        let (_, admin) = try await harness.account()
        try await harness.run { api in
            let pos = try await POSAPITests.posKey(api, admin: admin)
            let report = try await Self.upload(api, admin, Self.file)
            #expect(report.status == .ok && report.json["imported"] == 5 && report.json["updated"] == 0, "\(report.text)")
            #expect(report.json["rejected"]?.arrayValue?.map { $0["row"] } == [4], "the row without an address: \(report.text)")
            let again = try await Self.upload(api, admin, Self.file)
            #expect(again.json["imported"] == 0 && again.json["updated"] == 5, "a re-import updates, never duplicates: \(again.text)")

            let found = try await api.call(.get, "/pos/v2/customers?key_type=email&key=anna%40example.se", headers: POSAPITests.till(pos))
            let customer = try #require(found.json.arrayValue?.first, "\(found.text)")
            let checks = customer["bonus_checks"]?.arrayValue ?? []
            #expect(checks.map { $0["code"] } == ["BC-1001", "BC-EUR", "BC-LATER", "BC-OLD"], "on the till's customer: \(checks)")
            let id = try #require(customer["customer_id"]?.stringValue)
            let card = try await api.call(.get, "/v1/contacts/\(id)", key: admin)
            #expect(card.json["vouchers"]?.arrayValue?.count == 4 && card.json["fields"]?["Sitoo-Contact"]?["bonuschecks"]?.arrayValue?.count == 4,
                    "on the card and in Sitoo-Contact.bonuschecks: \(card.text)")

            let first = try await Self.redeem(api, pos, "BC-1001", #"{"amount": "40.00", "idempotency_key": "reg3-tx-889"}"#)
            #expect(first.status == .ok && first.json["redeemed"] == "40.00" && first.json["remaining"] == "60.00", "\(first.text)")
            let repeated = try await Self.redeem(api, pos, "BC-1001", #"{"amount": "40.00", "idempotency_key": "reg3-tx-889"}"#)
            #expect(repeated.json == first.json, "the same key answers the first answer")
            let after = try await api.call(.get, "/pos/v2/customers?key_type=email&key=anna%40example.se", headers: POSAPITests.till(pos))
            let check = after.json.arrayValue?.first?["bonus_checks"]?.arrayValue?.first { $0["code"] == "BC-1001" }
            #expect(check?["remaining"] == "60.00" && check?["used_at"]?.stringValue != nil, "written back once: \(String(describing: check))")
            let events = try await api.call(.get, "/v1/events?after=0&limit=500", key: admin).json["items"]?.arrayValue ?? []
            #expect(events.filter { $0["type"] == "voucher.redeemed" }.count == 1)

            let refusals: [(String, String, String, HTTPResponse.Status)] = [
                ("BC-1001", #"{"amount": "60.01", "idempotency_key": "k1"}"#, "voucher-over-amount", .unprocessableContent),
                ("BC-OLD", #"{"amount": "1.00", "idempotency_key": "k2"}"#, "voucher-expired", .unprocessableContent),
                ("BC-LATER", #"{"amount": "1.00", "idempotency_key": "k3"}"#, "voucher-not-yet-valid", .unprocessableContent),
                ("BC-EUR", #"{"amount": "1.00", "idempotency_key": "k4"}"#, "voucher-currency", .unprocessableContent),
                ("BC-NOPE", #"{"amount": "1.00", "idempotency_key": "k5"}"#, "voucher-unknown", .notFound),
            ]
            for (code, body, reason, status) in refusals {
                let reply = try await Self.redeem(api, pos, code, body)
                #expect(reply.status == status && reply.json["reason"]?.stringValue == reason, "\(code): \(reply.text)")
            }
            let all = try await Self.redeem(api, pos, "BC-1001", #"{"amount": "60.00", "idempotency_key": "k6"}"#)
            #expect(all.json["remaining"] == "0.00", "\(all.text)")
            let exhausted = try await Self.redeem(api, pos, "BC-1001", #"{"amount": "1.00", "idempotency_key": "k7"}"#)
            #expect(exhausted.json["reason"] == "voucher-exhausted", "\(exhausted.text)")
            let bad = try await Self.redeem(api, pos, "BC-1002", #"{"amount": "many"}"#)
            #expect(Set(bad.json["errors"]?.arrayValue?.compactMap { $0["pointer"]?.stringValue } ?? []) == ["/amount", "/idempotency_key"], "\(bad.text)")

            // Erasure takes the person's checks with them.
            #expect(try await api.call(.delete, "/v1/contacts/\(id)", key: admin).status == .noContent)
            let gone = try await Self.redeem(api, pos, "BC-EUR", #"{"amount": "1.00", "currency": "EUR", "idempotency_key": "k8"}"#)
            #expect(gone.status == .notFound, "\(gone.text)")
        }
    }

    /// A workbook written by a real spreadsheet library (openpyxl): date cells, numbers, a formula.
    static func workbook(_ rows: [[JSONValue]]) async throws -> [UInt8]? {
        guard let python3 = SMTPTestEnvironment.python3 else { return nil }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kvitto-xlsx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("rows.json"), output = directory.appendingPathComponent("checks.xlsx")
        try Data(JSONWriter.string(.array(rows.map(JSONValue.array))).utf8).write(to: input)
        let script = SMTPTestEnvironment.catcherScript.deletingLastPathComponent().appendingPathComponent("make-workbook.py")
        guard try await ChildProcess.outcome(python3.path, [script.path, output.path, input.path]).exitCode == 0 else {
            if SMTPTestEnvironment.isCI { throw HelperFailure(description: "make-workbook.py failed: is openpyxl installed?") }
            return nil
        }
        return Array(try Data(contentsOf: output))
    }

    static let workbookType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    @Test func anExcelWorkbookImportsItsFirstSheetAndRefusesFormulas() async throws {
        let date = { (day: String) -> JSONValue in ["date": .string(day)] }
        let rows: [[JSONValue]] = [
            ["Email", "Phone", "Code", "Amount", "Currency", "Valid_From", "Valid_To"],
            ["anna@example.se", "", "BC-X1", 100, "SEK", date("2026-11-01"), date("2099-01-31")],
            ["", "070-555 00 02", "BC-X2", .number(JSONNumber(99.9)), "sek", "", ""],
            ["kim@example.se", "", "BC-X3", ["formula": "=HYPERLINK(\"http://example.com\",100)"], "SEK", "", ""],
            ["kim@example.se", "", "BC-X4", 10, "SEK", date("2027-02-01"), date("2027-01-01")],
        ]
        guard let file = try await Self.workbook(rows) else {
            print("skipped: python3 with openpyxl is needed to write the test workbook (pip install openpyxl)")
            return
        }
        let harness = try APIHarness()
        let (_, admin) = try await harness.account()
        try await harness.run { api in
            let pos = try await POSAPITests.posKey(api, admin: admin)
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(admin)"
            headers[.contentType] = Self.workbookType
            let report = try await api.post("/v1/vouchers/import", bytes: file, headers: headers)
            #expect(report.status == .ok && report.json["imported"] == 2, "\(report.text)")
            let rejected = report.json["rejected"]?.arrayValue ?? []
            #expect(rejected.map { $0["row"] } == [4, 5], "the formula row and the row that ends before it starts: \(report.text)")
            #expect(rejected.first?["reason"]?.stringValue?.contains("formula") == true, "\(report.text)")

            let found = try await api.call(.get, "/pos/v2/customers?key_type=email&key=anna%40example.se", headers: POSAPITests.till(pos))
            let check = found.json.arrayValue?.first?["bonus_checks"]?.arrayValue?.first
            #expect(check?["code"] == "BC-X1" && check?["amount"] == "100.00" && check?["valid_from"] == "2026-11-01T00:00:00.000Z", "date cells are days: \(found.text)")
            let byPhone = try await api.call(.get, "/pos/v2/customers?key_type=phone&key=0705550002", headers: POSAPITests.till(pos))
            let second = byPhone.json.arrayValue?.first?["bonus_checks"]?.arrayValue?.first
            #expect(second?["amount"] == "99.90" && second?["currency"] == "SEK", "a number cell reads as the sheet shows it: \(byPhone.text)")
            let kim = try await api.call(.get, "/pos/v2/customers?key_type=email&key=kim%40example.se", headers: POSAPITests.till(pos))
            #expect(kim.json.arrayValue?.isEmpty == true, "nothing from the refused rows: \(kim.text)")

            let again = try await api.post("/v1/vouchers/import", bytes: file, headers: headers)
            #expect(again.json["imported"] == 0 && again.json["updated"] == 2, "a re-import updates: \(again.text)")
        }
    }

    @Test func filesThatCannotBeReadStoreNothingAndSayWhy() async throws {
        let harness = try APIHarness()
        let (_, admin) = try await harness.account()
        try await harness.run { api in
            let cases: [(String, String, HTTPResponse.Status, String)] = [
                ("", "text/csv", .unprocessableContent, "empty"),
                ("email,code,amount,currency\nanna@example.se,\"BC-1,10,SEK\n", "text/csv", .unprocessableContent, "never ends"),
                ("PK\u{03}\u{04}not really a zip", Self.workbookType, .unprocessableContent, "not an .xlsx workbook"),
                ("email,code,amount,currency\n", Self.workbookType, .unprocessableContent, "not a ZIP archive"),
                ("email,code,amount,currency\nanna@example.se,BC-F,=1+1,SEK\n", "text/csv", .ok, "formula"),
                ("email,code,amount,currency\n", "application/json", .unprocessableContent, "text/csv"),
            ]
            for (text, type, status, says) in cases {
                let reply = try await Self.upload(api, admin, text, type: type)
                #expect(reply.status == status && reply.text.contains(says), "\(type) \(text.prefix(20)): \(reply.text)")
            }
            // 50 MB: refused once 20 MB have been read, never held whole.
            let big = String(repeating: "anna@example.se,BC-X,1.00,SEK\n", count: 1_750_000)
            let tooLarge = try await Self.upload(api, admin, "email,code,amount,currency\n" + big)
            #expect(tooLarge.status == .contentTooLarge, "\(tooLarge.status)")
            #expect(try await api.call(.get, "/v1/contacts", key: admin).json["items"]?.arrayValue?.isEmpty == true, "nothing stored")
        }
    }
}
