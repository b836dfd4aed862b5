import Foundation
import ZIPFoundation

/// The parts of a ZIP archive held in memory, read by a reader that never looks past an entry's own bytes.
///
/// ZIPFoundation's `Archive.extract` inflates from the archive file until the deflate stream says it has
/// ended. A damaged stream that never says so (fuzz-vouchers found one in a 5 KB file) reads on to the end
/// of the file and then asks for more for ever: one upload kept a thread at full speed until the process was
/// stopped. Here the directory is read by hand, and each part's compressed bytes, exactly as many as the
/// directory gives, are handed to zlib (through ZIPFoundation's `Data.decompress`) in one piece; a stream
/// that has not ended by then is damaged. Output is bounded by the size the directory declares, and the
/// CRC-32 is checked.
struct ZIPParts {
    struct Part {
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    enum Failure: Error, Equatable {
        /// Not a ZIP archive, or one whose directory does not fit the file.
        case notAnArchive
        case encrypted
        case unsupportedMethod(UInt16)
        case tooLarge(declared: UInt64)
        case damaged
    }

    private let data: Data
    private var parts: [String: Part] = [:]

    init(_ data: Data) throws(Failure) {
        self.data = data
        let directory = try Self.centralDirectory(in: data)
        var position = directory.offset
        for _ in 0..<directory.count {
            guard data.uint32(at: position) == 0x0201_4b50, let fixed = data.bytes(at: position, count: 46) else { throw .notAnArchive }
            let nameLength = Int(fixed.uint16(at: 28)), extraLength = Int(fixed.uint16(at: 30)), commentLength = Int(fixed.uint16(at: 32))
            guard let name = data.bytes(at: position + 46, count: nameLength),
                  let extra = data.bytes(at: position + 46 + nameLength, count: extraLength) else { throw .notAnArchive }
            var part = Part(method: fixed.uint16(at: 10), flags: fixed.uint16(at: 8), crc32: fixed.uint32(at: 16),
                            compressedSize: UInt64(fixed.uint32(at: 20)), uncompressedSize: UInt64(fixed.uint32(at: 24)),
                            localHeaderOffset: UInt64(fixed.uint32(at: 42)))
            try Self.applyZIP64(extra, to: &part)
            // Part names are ASCII in every workbook; a name that is not UTF-8 cannot be one a workbook looks up.
            if let path = String(bytes: name, encoding: .utf8), parts[path] == nil { parts[path] = part }
            position += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The unpacked bytes of the part at `path`, or nil when the archive has no such part.
    func contents(of path: String, maximumSize: UInt64) throws(Failure) -> Data? {
        guard let part = parts[path] else { return nil }
        guard part.flags & 1 == 0 else { throw .encrypted }
        guard part.uncompressedSize <= maximumSize else { throw .tooLarge(declared: part.uncompressedSize) }
        // The data starts after the local header, whose name and extra field may differ in length from the directory's.
        guard part.localHeaderOffset <= UInt64(Int.max), data.uint32(at: Int(part.localHeaderOffset)) == 0x0403_4b50,
              let header = data.bytes(at: Int(part.localHeaderOffset), count: 30) else { throw .damaged }
        let start = Int(part.localHeaderOffset) + 30 + Int(header.uint16(at: 26)) + Int(header.uint16(at: 28))
        guard part.compressedSize <= UInt64(Int.max), let compressed = data.bytes(at: start, count: Int(part.compressedSize)) else { throw .damaged }
        let unpacked: Data
        switch part.method {
        case 0:
            guard part.compressedSize == part.uncompressedSize else { throw .damaged }
            unpacked = compressed
        case 8:
            unpacked = try Self.inflate(compressed, declaredSize: part.uncompressedSize)
        default:
            throw .unsupportedMethod(part.method)
        }
        guard UInt64(unpacked.count) == part.uncompressedSize, unpacked.crc32(checksum: 0) == part.crc32 else { throw .damaged }
        return unpacked
    }

    /// A raw deflate stream, given to zlib whole: `Data.decompress` asks its provider again for as long as the
    /// stream has not ended (and for ever once the provider has nothing left), so a second request means the
    /// stream was cut short, and ends the work with an error.
    private static func inflate(_ compressed: Data, declaredSize: UInt64) throws(Failure) -> Data {
        // An empty deflate stream does not exist (the shortest is 2 bytes), and zlib given zero bytes would be asked again for ever.
        guard !compressed.isEmpty else { throw .damaged }
        var output = Data()
        output.reserveCapacity(Int(min(declaredSize, 64 << 20)))
        do {
            // `decode` tells zlib the chunk holds `bufferSize` bytes, so the one chunk must be exactly that long.
            _ = try Data.decompress(size: Int64(compressed.count), bufferSize: compressed.count, skipCRC32: true,
                                    provider: { position, _ in
                                        guard position == 0 else { throw Failure.damaged }
                                        return compressed
                                    },
                                    consumer: { chunk in
                                        output.append(chunk)
                                        if UInt64(output.count) > declaredSize { throw Failure.damaged }
                                    })
        } catch {
            throw .damaged
        }
        return output
    }

    private static func centralDirectory(in data: Data) throws(Failure) -> (offset: Int, count: Int) {
        // The end-of-central-directory record: 22 bytes and a comment of up to 64 KB, so within the last 65,557 bytes.
        guard data.count >= 22 else { throw .notAnArchive }
        var end = data.count - 22
        let lowest = max(0, data.count - 22 - 0xFFFF)
        while end >= lowest, data.uint32(at: end) != 0x0605_4b50 { end -= 1 }
        guard end >= lowest, let record = data.bytes(at: end, count: 22) else { throw .notAnArchive }
        var count = UInt64(record.uint16(at: 10)), size = UInt64(record.uint32(at: 12)), offset = UInt64(record.uint32(at: 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the record points at the larger record.
            guard end >= 20, data.uint32(at: end - 20) == 0x0706_4b50, let locator = data.bytes(at: end - 20, count: 20) else { throw .notAnArchive }
            let at = locator.uint64(at: 8)
            guard at < UInt64(data.count), data.uint32(at: Int(at)) == 0x0606_4b50,
                  let record64 = data.bytes(at: Int(at), count: 56) else { throw .notAnArchive }
            count = record64.uint64(at: 32)
            size = record64.uint64(at: 40)
            offset = record64.uint64(at: 48)
        }
        // Each directory entry takes at least 46 bytes: a count the file cannot hold is not believed.
        guard offset <= UInt64(data.count), size <= UInt64(data.count) - offset, count <= size / 46 else { throw .notAnArchive }
        return (Int(offset), Int(count))
    }

    /// The ZIP64 extra field (id 1) holds, in this order, the sizes and offset whose 32-bit fields are all ones.
    private static func applyZIP64(_ extra: Data, to part: inout Part) throws(Failure) {
        var position = 0
        while position + 4 <= extra.count {
            let id = extra.uint16(at: position), length = Int(extra.uint16(at: position + 2))
            guard let field = extra.bytes(at: position + 4, count: length) else { throw .notAnArchive }
            if id == 1 {
                var next = 0
                func take() throws(Failure) -> UInt64 {
                    guard next + 8 <= field.count else { throw .notAnArchive }
                    defer { next += 8 }
                    return field.uint64(at: next)
                }
                if part.uncompressedSize == 0xFFFF_FFFF { part.uncompressedSize = try take() }
                if part.compressedSize == 0xFFFF_FFFF { part.compressedSize = try take() }
                if part.localHeaderOffset == 0xFFFF_FFFF { part.localHeaderOffset = try take() }
                return
            }
            position += 4 + length
        }
    }
}

private extension Data {
    /// `count` bytes from `offset` (counted from the start, whatever the slice), or nil when they are not all there.
    func bytes(at offset: Int, count: Int) -> Data? {
        guard offset >= 0, count >= 0, offset <= self.count - count else { return nil }
        let start = startIndex + offset
        return Data(self[start..<start + count])
    }

    func uint16(at offset: Int) -> UInt16 {
        guard let bytes = bytes(at: offset, count: 2) else { return 0 }
        return bytes.withUnsafeBytes { UInt16(littleEndian: $0.loadUnaligned(as: UInt16.self)) }
    }

    func uint32(at offset: Int) -> UInt32 {
        guard let bytes = bytes(at: offset, count: 4) else { return 0 }
        return bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
    }

    func uint64(at offset: Int) -> UInt64 {
        guard let bytes = bytes(at: offset, count: 8) else { return 0 }
        return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
    }
}
