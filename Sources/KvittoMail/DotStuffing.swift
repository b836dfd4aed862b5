/// The DATA-phase transparency of RFC 5321 §4.5.2.
///
/// The end of a message is a line holding a single `.`, so any message line that
/// starts with `.` gets a second one which the server strips again. Without it a
/// body line such as `.` (or a crafted `.\r\nMAIL FROM:…`) would end the message
/// early and smuggle commands into the session.
public enum SMTPDotStuffing {
    /// The bytes to write after the server's 354 reply: the message with every line
    /// start `.` doubled, a final CRLF if the message lacked one, and the `.` CRLF terminator.
    ///
    /// A line starts after any LF, so bare-LF input cannot sneak a terminator past this either.
    public static func dataPhasePayload<Bytes: Collection>(for message: Bytes) -> [UInt8] where Bytes.Element == UInt8 {
        let dot = UInt8(ascii: ".")
        let carriageReturn = UInt8(ascii: "\r")
        let lineFeed = UInt8(ascii: "\n")

        var payload: [UInt8] = []
        payload.reserveCapacity(message.count + message.count / 64 + 5)
        var atLineStart = true
        for byte in message {
            if atLineStart && byte == dot {
                payload.append(dot)
            }
            payload.append(byte)
            atLineStart = byte == lineFeed
        }
        if !payload.isEmpty && !payload.ends(with: [carriageReturn, lineFeed]) {
            payload.append(contentsOf: [carriageReturn, lineFeed])
        }
        payload.append(contentsOf: [dot, carriageReturn, lineFeed])
        return payload
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
