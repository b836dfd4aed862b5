import Foundation
import XMLCoder

/// The first sheet of an Excel workbook (`.xlsx`, Office Open XML) as rows of text, the way the sheet shows
/// them: shared and inline strings as written, numbers without binary noise (`99.9`, not
/// `99.900000000000006`), cells formatted as dates as `YYYY-MM-DD`. A cell holding a formula reads as `=`
/// and the formula, so a caller that refuses formulas sees one. The archive is read in memory by `ZIPParts`,
/// which never reads past a part's own bytes, and no part may unpack to more than `maximumPartSize` (a small
/// file that unpacks to gigabytes is refused).
public enum XLSXSheet {
    public struct Row: Sendable, Equatable {
        /// As the spreadsheet numbers it (the first row is 1).
        public var number: Int
        public var cells: [String]
    }

    public struct ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    public static let maximumPartSize: UInt64 = 256 << 20

    public static func rows(_ data: Data) throws(ReadError) -> [Row] {
        let archive: ZIPParts
        do {
            archive = try ZIPParts(data)
        } catch {
            throw ReadError(description: "the file is not an .xlsx workbook (not a ZIP archive; a password-protected workbook cannot be read)")
        }
        let decoder = XMLDecoder(trimValueWhitespaces: false)
        decoder.shouldProcessNamespaces = true
        func part<T: Decodable>(_ path: String, as type: T.Type) throws(ReadError) -> T? {
            let bytes: Data
            do {
                guard let contents = try archive.contents(of: path, maximumSize: maximumPartSize) else { return nil }
                bytes = contents
            } catch .tooLarge {
                throw ReadError(description: "\(path) unpacks to more than 256 MB")
            } catch .encrypted {
                throw ReadError(description: "\(path) in the workbook is encrypted (a password-protected workbook cannot be read)")
            } catch .unsupportedMethod(let method) {
                throw ReadError(description: "\(path) in the workbook is packed in a way Excel does not write (method \(method))")
            } catch {
                throw ReadError(description: "\(path) in the workbook is damaged")
            }
            do {
                return try decoder.decode(T.self, from: bytes)
            } catch {
                throw ReadError(description: "\(path) in the workbook is not the XML Excel writes")
            }
        }

        let workbook = try part("xl/workbook.xml", as: Workbook.self)
        guard let workbook else { throw ReadError(description: "the file is a ZIP archive but not an .xlsx workbook (no xl/workbook.xml)") }
        guard let first = workbook.sheets.sheet?.first else { throw ReadError(description: "the workbook has no sheet") }
        var sheetPath = "xl/worksheets/sheet1.xml"
        if let id = first.id, let relations = try part("xl/_rels/workbook.xml.rels", as: Relationships.self),
           let target = relations.Relationship?.first(where: { $0.Id == id })?.Target {
            sheetPath = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        let strings = try part("xl/sharedStrings.xml", as: SharedStrings.self)?.si?.map(\.text) ?? []
        let dateStyles = try part("xl/styles.xml", as: StyleSheet.self)?.dateStyles ?? []
        guard let sheet = try part(sheetPath, as: Worksheet.self) else { throw ReadError(description: "the workbook's first sheet (\(sheetPath)) is missing") }
        let epoch = workbook.workbookPr?.date1904.map { $0 == "1" || $0 == "true" } == true
            ? Date(timeIntervalSince1970: -2_082_844_800)  // 1904-01-01
            : Date(timeIntervalSince1970: -2_209_161_600)  // 1899-12-30: Excel's day 0, past its 1900 leap-year bug

        var rows: [Row] = []
        var previous = 0
        for row in sheet.sheetData.row ?? [] {
            let number = row.r ?? previous + 1
            previous = number
            var cells: [String] = []
            for (position, cell) in (row.c ?? []).enumerated() {
                let column = cell.r.flatMap(columnIndex) ?? position
                guard column < 16_384 else { throw ReadError(description: "row \(number): a cell beyond Excel's last column") }
                while cells.count < column { cells.append("") }
                let text: String
                if let formula = cell.f {
                    text = "=" + (formula.value ?? "")
                } else {
                    switch cell.t {
                    case "s":
                        guard let index = cell.v.flatMap({ Int($0.value ?? "") }), strings.indices.contains(index) else {
                            throw ReadError(description: "row \(number): a cell refers to a shared string that is not there")
                        }
                        text = strings[index]
                    case "inlineStr": text = cell.is?.text ?? ""
                    case "str", "e": text = cell.v?.value ?? ""
                    case "b": text = cell.v?.value == "1" ? "TRUE" : "FALSE"
                    case "d": text = String((cell.v?.value ?? "").prefix(10))
                    default:
                        let raw = cell.v?.value ?? ""
                        if let style = cell.s, dateStyles.contains(style), let serial = Double(raw) {
                            text = day(epoch.addingTimeInterval((serial * 86_400).rounded()))
                        } else {
                            text = shown(raw)
                        }
                    }
                }
                if column < cells.count { cells[column] = text } else { cells.append(text) }
            }
            rows.append(Row(number: number, cells: cells))
        }
        return rows
    }

    /// `C7` → 2.
    static func columnIndex(_ reference: String) -> Int? {
        var index = 0, letters = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65, scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
            letters += 1
        }
        return letters == 0 ? nil : index - 1
    }

    /// A stored number as Excel shows it in a General cell: whole numbers without a point, others to 15
    /// significant digits (what a double holds reliably), so `0.1 + 0.2` reads `0.3`.
    static func shown(_ raw: String) -> String {
        guard let value = Double(raw), value.isFinite else { return raw }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format: "%.15g", value)
        if text.contains("e") { return text }
        if text.contains(".") { while text.hasSuffix("0") { text.removeLast() } }
        return text
    }

    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }
}

// MARK: the parts of the package read, as XMLCoder decodes them (attributes and child elements alike are keys)

private struct Workbook: Decodable {
    struct Sheets: Decodable { var sheet: [Sheet]? }
    struct Sheet: Decodable {
        var name: String?
        /// The relationship naming the sheet's part (`r:id`; the prefix is whatever the writer declared).
        var id: String?
        struct Key: CodingKey {
            var stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            name = try container.decodeIfPresent(String.self, forKey: Key(stringValue: "name"))
            id = container.allKeys.first { $0.stringValue == "id" || $0.stringValue.hasSuffix(":id") }
                .flatMap { try? container.decode(String.self, forKey: $0) }
        }
    }
    struct Properties: Decodable { var date1904: String? }
    var sheets: Sheets
    var workbookPr: Properties?
}

private struct Relationships: Decodable {
    struct Relationship: Decodable { var Id: String; var Target: String }
    var Relationship: [Relationship]?
}

/// Element text, with or without attributes (`<t xml:space="preserve"> a</t>`).
private struct Text: Decodable {
    var value: String?
    enum CodingKeys: String, CodingKey { case value = "" }
}

/// A string item: plain (`<t>`) or rich text in runs (`<r><t>`); phonetic guides (`<rPh>`) are not text.
private struct StringItem: Decodable {
    struct Run: Decodable { var t: Text? }
    var t: Text?
    var r: [Run]?
    var text: String { t?.value ?? (r ?? []).map { $0.t?.value ?? "" }.joined() }
}

private struct SharedStrings: Decodable { var si: [StringItem]? }

private struct StyleSheet: Decodable {
    struct Formats: Decodable { var numFmt: [Format]? }
    struct Format: Decodable { var numFmtId: Int; var formatCode: String }
    struct CellFormats: Decodable { var xf: [CellFormat]? }
    struct CellFormat: Decodable { var numFmtId: Int? }
    var numFmts: Formats?
    var cellXfs: CellFormats?

    /// Indexes of the cell formats that show a number as a date: Excel's built-in date formats, and custom
    /// formats with a day or a year in them (quoted text and `[colour]` sections aside).
    var dateStyles: Set<Int> {
        let builtIn = Set(14...22).union(45...47)
        var custom: Set<Int> = []
        for format in numFmts?.numFmt ?? [] {
            let code = format.formatCode.replacing(/"[^"]*"|\[[^\]]*\]|\\./, with: "").lowercased()
            if code.contains("d") || code.contains("y") { custom.insert(format.numFmtId) }
        }
        var styles: Set<Int> = []
        for (index, format) in (cellXfs?.xf ?? []).enumerated() {
            if let id = format.numFmtId, builtIn.contains(id) || custom.contains(id) { styles.insert(index) }
        }
        return styles
    }
}

private struct Worksheet: Decodable {
    struct SheetData: Decodable { var row: [Row]? }
    struct Row: Decodable { var r: Int?; var c: [Cell]? }
    struct Cell: Decodable {
        var r: String?
        var t: String?
        var s: Int?
        var v: Text?
        var f: Text?
        var `is`: StringItem?
    }
    var sheetData: SheetData
}
