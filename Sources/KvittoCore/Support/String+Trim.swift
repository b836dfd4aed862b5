extension String {
    /// Without leading and trailing ASCII white space. Foundation's `trimmingCharacters(in:)` bridges
    /// through NSString on Linux, which showed up on the ingest hot path; input fields need no more than this.
    public var trimmedWhitespace: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { !Self.isSpace($0) }),
              let last = bytes.lastIndex(where: { !Self.isSpace($0) })
        else { return "" }
        if first == bytes.startIndex, bytes.index(after: last) == bytes.endIndex { return self }
        return String(self[first...last])
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
}
