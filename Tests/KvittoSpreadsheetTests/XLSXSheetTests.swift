import Foundation
import KvittoSpreadsheet
import Testing
import ZIPFoundation

/// The parts of the Office Open XML format a merchant's workbook may use, written by hand where openpyxl
/// (the end-to-end tests' writer) does not write them: shared and rich-text strings, Excel's 1904 date
/// system, custom date formats, gaps between cells and rows, shared formulas, a sheet behind a renamed part.
@Suite("XLSX: the first sheet as text")
struct XLSXSheetTests {
    static func workbook(_ parts: [String: String], compressed: Bool = true) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, text) in parts.sorted(by: { $0.key < $1.key }) {
            let bytes = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count),
                                 compressionMethod: compressed ? .deflate : .none) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return try #require(archive.data)
    }

    static let main = #"xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#

    static func parts(sheet: String, strings: String? = nil, styles: String? = nil, date1904: Bool = false) -> [String: String] {
        var parts = [
            "xl/workbook.xml": #"<workbook \#(main)><workbookPr\#(date1904 ? #" date1904="1""# : "")/><sheets><sheet name="Checks" sheetId="7" r:id="rId3"/><sheet name="Other" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
            "xl/_rels/workbook.xml.rels": #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="worksheet" Target="worksheets/checks.xml"/></Relationships>"#,
            "xl/worksheets/sheet1.xml": #"<worksheet \#(main)><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>wrong sheet</t></is></c></row></sheetData></worksheet>"#,
            "xl/worksheets/checks.xml": #"<worksheet \#(main)><sheetData>\#(sheet)</sheetData></worksheet>"#,
        ]
        parts["xl/sharedStrings.xml"] = strings.map { #"<sst \#(main)>\#($0)</sst>"# }
        parts["xl/styles.xml"] = styles.map { #"<styleSheet \#(main)>\#($0)</styleSheet>"# }
        return parts
    }

    @Test func stringsNumbersDatesAndGapsReadAsTheSheetShowsThem() throws {
        let strings = #"<si><t>email</t></si><si><t xml:space="preserve"> code </t></si><si><r><t>Anna</t></r><r><rPr><b/></rPr><t>@example.se</t></r><rPh><t>ア</t></rPh></si>"#
        let styles = #"<numFmts count="1"><numFmt numFmtId="164" formatCode="[$-41D]d\ mmmm\ yyyy;@"/><numFmt numFmtId="165" formatCode="0.00&quot; kr&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs>"#
        let sheet = """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
            <row r="3"><c r="A3" t="s"><v>2</v></c><c r="B3"><v>99.900000000000006</v></c><c r="C3" s="1"><v>46327</v></c>\
            <c r="D3" s="2"><v>46418.75</v></c><c r="E3" s="3"><v>12.5</v></c><c r="F3" t="b"><v>1</v></c><c r="G3"><v>46701234567</v></c></row>
            <row r="4"><c r="B4"><f t="shared" si="0" ref="B4:B5">B3*2</f><v>199.8</v></c><c r="C4"><f t="shared" si="0"/><v>1</v></c></row>
            """
        let rows = try XLSXSheet.rows(Self.workbook(Self.parts(sheet: sheet, strings: strings, styles: styles)))
        #expect(rows.map(\.number) == [1, 3, 4], "rows keep the sheet's numbers, gaps and all")
        #expect(rows[0].cells == ["email", "", " code "], "a gap between cells is an empty cell; spaces kept as written")
        #expect(rows[1].cells == ["Anna@example.se", "99.9", "2026-11-01", "2027-01-31", "12.5", "TRUE", "46701234567"],
                "rich text joined (no phonetic guide), binary noise gone, date formats as days: \(rows[1].cells)")
        #expect(rows[2].cells == ["", "=B3*2", "="], "formulas read as formulas, shared ones too")
    }

    @Test func the1904DateSystemIsHonoured() throws {
        let sheet = #"<row r="1"><c r="A1" s="1"><v>44865</v></c></row>"#
        let rows = try XLSXSheet.rows(Self.workbook(Self.parts(sheet: sheet, styles: #"<cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>"#, date1904: true), compressed: false))
        #expect(rows.first?.cells == ["2026-11-01"], "\(rows)")
    }

    @Test func whatIsNotAWorkbookIsRefusedWithAReason() throws {
        let notZip = #expect(throws: XLSXSheet.ReadError.self) { try XLSXSheet.rows(Data("email,code\n".utf8)) }
        #expect(notZip?.description.contains("not a ZIP archive") == true)
        let noWorkbook = #expect(throws: XLSXSheet.ReadError.self) { try XLSXSheet.rows(Self.workbook(["word/document.xml": "<w/>"])) }
        #expect(noWorkbook?.description.contains("no xl/workbook.xml") == true)
        var broken = Self.parts(sheet: "<row><c><v>1</v></c>")
        broken["xl/worksheets/checks.xml"] = "<worksheet><sheetData><row>"
        let damaged = #expect(throws: XLSXSheet.ReadError.self) { try XLSXSheet.rows(Self.workbook(broken)) }
        #expect(damaged?.description.contains("checks.xml") == true, "\(String(describing: damaged))")
        let missingString = #expect(throws: XLSXSheet.ReadError.self) {
            try XLSXSheet.rows(Self.workbook(Self.parts(sheet: #"<row r="2"><c r="A2" t="s"><v>5</v></c></row>"#, strings: "<si><t>x</t></si>")))
        }
        #expect(missingString?.description.contains("row 2") == true)
    }

    /// Found by fuzz-vouchers: an end-of-central-directory record whose directory lies past the end of the
    /// file (22 bytes in all) trapped inside ZIPFoundation's in-memory reader and took the server down. It is
    /// a workbook that cannot be read, like any other.
    @Test func aDirectoryPointingPastTheEndIsRefusedNotACrash() throws {
        let bytes = try #require(Data(base64Encoded: "UEsFBgAAAAAJAAkAPgIAADERAAAAAA=="))
        let refused = #expect(throws: XLSXSheet.ReadError.self) { try XLSXSheet.rows(bytes) }
        #expect(refused != nil, "a reason, not a trap")
    }

    /// A ZIP archive written byte by byte, for what no ZIP writer writes on purpose: each part's raw
    /// (already packed) bytes, method and declared size as given, the sizes in a ZIP64 field when asked.
    static func handMadeArchive(_ parts: [(path: String, method: UInt16, packed: [UInt8], size: Int, crc: UInt32)], zip64: Bool = false) -> Data {
        func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
        var file: [UInt8] = [], directory: [UInt8] = []
        for part in parts {
            let name = Array(part.path.utf8), offset = file.count
            file += le(UInt32(0x0403_4b50)) + le(UInt16(20)) + le(UInt16(0)) + le(part.method) + le(UInt32(0)) + le(part.crc)
                + le(UInt32(part.packed.count)) + le(UInt32(part.size)) + le(UInt16(name.count)) + le(UInt16(0)) + name + part.packed
            let extra = zip64 ? le(UInt16(1)) + le(UInt16(24)) + le(UInt64(part.size)) + le(UInt64(part.packed.count)) + le(UInt64(offset)) : []
            let small: (UInt32, UInt32, UInt32) = zip64 ? (.max, .max, .max) : (UInt32(part.packed.count), UInt32(part.size), UInt32(offset))
            directory += le(UInt32(0x0201_4b50)) + le(UInt16(45)) + le(UInt16(45)) + le(UInt16(0)) + le(part.method) + le(UInt32(0))
                + le(part.crc) + le(small.0) + le(small.1) + le(UInt16(name.count)) + le(UInt16(extra.count)) + le(UInt16(0))
                + le(UInt16(0)) + le(UInt16(0)) + le(UInt32(0)) + le(small.2) + name + extra
        }
        let directoryOffset = file.count
        file += directory
        if zip64 {
            let record = file.count
            file += le(UInt32(0x0606_4b50)) + le(UInt64(44)) + le(UInt16(45)) + le(UInt16(45)) + le(UInt32(0)) + le(UInt32(0))
                + le(UInt64(parts.count)) + le(UInt64(parts.count)) + le(UInt64(directory.count)) + le(UInt64(directoryOffset))
            file += le(UInt32(0x0706_4b50)) + le(UInt32(0)) + le(UInt64(record)) + le(UInt32(1))
        }
        file += le(UInt32(0x0605_4b50)) + le(UInt16(0)) + le(UInt16(0))
            + (zip64 ? le(UInt16.max) + le(UInt16.max) + le(UInt32.max) + le(UInt32.max)
                     : le(UInt16(parts.count)) + le(UInt16(parts.count)) + le(UInt32(directory.count)) + le(UInt32(directoryOffset)))
            + le(UInt16(0))
        return Data(file)
    }

    /// Found by fuzz-vouchers (a 5 KB workbook whose deflate streams were damaged): a stream that never ends
    /// kept ZIPFoundation's reader asking the file for more after its end, for ever, at full speed: one
    /// upload took a thread for good. The shortest such stream: a stored block that promises 65,535 bytes and
    /// holds 3, in a part followed by others, so that the bytes after it are not the end of the file.
    @Test func aDeflateStreamThatNeverEndsIsRefusedNotAHang() throws {
        let workbook = Self.parts(sheet: "")["xl/workbook.xml"]!
        let cutShort: [UInt8] = [0x00, 0xFF, 0xFF, 0x00, 0x00] + Array("<wo".utf8)
        let bytes = Self.handMadeArchive([
            (path: "xl/workbook.xml", method: 8, packed: cutShort, size: workbook.utf8.count, crc: 0),
            (path: "xl/worksheets/sheet1.xml", method: 0, packed: Array("<worksheet/>".utf8), size: 12, crc: Data("<worksheet/>".utf8).crc32(checksum: 0)),
        ])
        let refused = #expect(throws: XLSXSheet.ReadError.self) { try XLSXSheet.rows(bytes) }
        #expect(refused?.description == "xl/workbook.xml in the workbook is damaged", "\(String(describing: refused))")
    }

    /// What the directory says is held to: a part whose bytes unpack to more than it declares, or to other
    /// bytes than its CRC-32 says, is damaged; an unknown packing method and an encrypted part are named.
    @Test func aPartIsCheckedAgainstItsDirectoryEntry() throws {
        let text = Array("<workbook/>".utf8), crc = Data(text).crc32(checksum: 0)
        func refusal(method: UInt16 = 0, size: Int = text.count, crc: UInt32 = crc) -> String? {
            let bytes = Self.handMadeArchive([(path: "xl/workbook.xml", method: method, packed: text, size: size, crc: crc)])
            return (#expect(throws: XLSXSheet.ReadError.self) { try XLSXSheet.rows(bytes) })?.description
        }
        #expect(refusal(crc: crc ^ 1) == "xl/workbook.xml in the workbook is damaged")
        #expect(refusal(size: text.count - 1) == "xl/workbook.xml in the workbook is damaged")
        #expect(refusal(method: 12)?.contains("method 12") == true, "bzip2 is not something Excel writes")
        #expect(refusal(size: Int(XLSXSheet.maximumPartSize) + 1) == "xl/workbook.xml unpacks to more than 256 MB")
    }

    /// Writers that stream (and so cannot know sizes in advance) may put them in ZIP64 fields; such a
    /// workbook reads like any other.
    @Test func aWorkbookWithZIP64SizesReads() throws {
        let parts = Self.parts(sheet: #"<row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c></row>"#)
        let stored = parts.sorted(by: { $0.key < $1.key }).map { path, text in
            (path: path, method: UInt16(0), packed: Array(text.utf8), size: text.utf8.count, crc: Data(text.utf8).crc32(checksum: 0))
        }
        let rows = try XLSXSheet.rows(Self.handMadeArchive(stored, zip64: true))
        #expect(rows.map(\.cells) == [["code"]])
    }
}
