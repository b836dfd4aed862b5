import Foundation
import KvittoCore
import Testing

@Suite("Bonus-check files")
struct VoucherFileTests {
    static func parse(_ text: String, _ format: VoucherFile.Format = .csv) throws(VoucherFile.FileError) -> (rows: [VoucherFile.Row], rejected: [VoucherFile.Rejected]) {
        try VoucherFile.parse(Array(text.utf8), format: format, country: "SE")
    }

    @Test func goodRowsAreReadAndEachBadRowIsReportedWithItsNumber() throws {
        let lines = [
            "\u{FEFF}Email,Phone,Code,Amount,Currency,Valid_From,Valid_To",
            "anna@example.se,,BC-1001,100.00,sek,2026-11-01,2027-01-31",
            #",070-123 45 67,"BC-1002, kassa",50,SEK,,"#,
            "nobody,,BC-1003,10.00,SEK,,",
            "bo@example.se,,BC-1004,-5.00,SEK,,",
            "bo@example.se,,BC-1005,5.00,SEK,2027-02-01,2027-01-01",
            #"bo@example.se,,=HYPERLINK("http://x"),5.00,SEK,,"#,
            "bo@example.se,,BC-1001,5.00,SEK,,",
            ",,BC-1006,5.00,SEK,,",
            "",
            #""cé@example.se",,"BC ""7""",1.5,SEK,2026-12-24,"#,
        ]
        let (rows, rejected) = try Self.parse(lines.joined(separator: "\r\n") + "\r\n")
        #expect(rows.map(\.code) == ["BC-1001", "BC-1002, kassa", "BC \"7\""])
        #expect(rows[0].email == "anna@example.se" && rows[0].amount == Money(units: 10_000, scale: 2) && rows[0].currency == "SEK")
        #expect(rows[0].validFrom.map(Timestamp.format) == "2026-11-01T00:00:00.000Z")
        #expect(rows[0].validTo.map(Timestamp.format) == "2027-01-31T23:59:59.999Z", "the last day is valid all day")
        #expect(rows[1].phone == "070-123 45 67" && rows[1].row == 3)
        #expect(rows[2].row == 11, "rows are counted as the spreadsheet shows them, blank ones too")
        #expect(rejected.map(\.row) == [4, 5, 6, 7, 8, 9])
        #expect(rejected.first { $0.row == 7 }?.reason.contains("formula") == true)
        #expect(rejected.first { $0.row == 8 }?.reason.contains("row 2") == true, "a code twice in one file")
    }

    @Test func tabsAndSemicolonsSeparateToo() throws {
        let tsv = try Self.parse("email\tcode\tamount\tcurrency\nanna@example.se\tBC-1\t12,50\tSEK\n", .tsv)
        #expect(tsv.rows.first?.amount == Money(units: 1250, scale: 2), "a decimal comma is read")
        let semicolons = try Self.parse("email;code;amount;currency\nanna@example.se;BC-1;10;SEK\n")
        #expect(semicolons.rows.count == 1)
    }

    @Test(arguments: [
        ("", "empty"),
        ("email,code,amount,currency\nanna@example.se,\"BC-1,10,SEK\n", "never ends"),
        ("email,code,amount,shoe_size\n", "unknown column"),
        ("email,amount,currency\n", "'code' is missing"),
        ("code,amount,currency\n", "'email' or 'phone'"),
        ("email,email,code,amount,currency\n", "twice"),
    ])
    func aFileThatCannotBeReadIsRefusedWhole(text: String, says: String) {
        #expect(throws: VoucherFile.FileError.self) { try Self.parse(text) }
        do { _ = try Self.parse(text) } catch { #expect("\(error)".contains(says), "\(error)") }
    }

    @Test func bytesThatAreNotTextAreRefused() {
        #expect(throws: VoucherFile.FileError.self) { try VoucherFile.parse([0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFE], format: .csv, country: "SE") }
    }
}
