import Foundation
import FuzzDriver
import KvittoCore
import KvittoSpreadsheet

/// A bonus-check file as a merchant uploads it: CSV, tab-separated text or an Excel workbook. Each is read
/// into rows and a report of refused rows, or refused whole, whatever the bytes.
@_cdecl("fuzz_vouchers_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, testOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzVouchers(fuzzBytes(data, size))
}

func fuzzVouchers(_ bytes: [UInt8]) -> CInt {
    _ = try? VoucherFile.parse(bytes, format: .csv, country: "SE")
    _ = try? VoucherFile.parse(bytes, format: .tsv, country: "SE")
    if let rows = try? XLSXSheet.rows(Data(bytes)) {
        _ = try? VoucherFile.parse(table: rows.map { (row: $0.number, cells: $0.cells) }, country: "SE")
    }
    return 0
}
