#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// The header of a message the kernel sends: id, session, user, time, type and protocol version.
public struct MessageHeader: Sendable, Equatable {
    /// The protocol version the kernel speaks (what jupyter_client 8.x sends; see the reference notes).
    public static let protocolVersion = "5.4"

    public var msgID: String
    public var session: String
    public var username: String
    /// ISO 8601 with microseconds and `Z`, e.g. `2026-11-21T19:30:00.123456Z`.
    public var date: String
    public var msgType: String
    public var version: String

    public init(
        msgType: String, session: String, username: String, msgID: String = MessageHeader.newMessageID(),
        date: Date = Date()
    ) {
        self.msgID = msgID
        self.session = session
        self.username = username
        self.date = Self.timestamp(date)
        self.msgType = msgType
        self.version = Self.protocolVersion
    }

    /// The header as the JSON object on the wire.
    public var json: [String: JSONValue] {
        [
            "msg_id": .string(msgID), "session": .string(session), "username": .string(username),
            "date": .string(date), "msg_type": .string(msgType), "version": .string(version),
        ]
    }

    /// A random (version 4) UUID in lowercase, from the system generator (`getrandom`):
    /// `UUID()` opens, reads and closes /dev/urandom for each id, three system calls on every
    /// message the kernel sends.
    public static func newMessageID() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64, low = generator.next() as UInt64
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * index))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (56 - 8 * index))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Formats `date` in UTC with six fractional digits; `ISO8601DateFormatter` stops at
    /// milliseconds, and jupyter_client (dateutil) parses microseconds.
    public static func timestamp(_ date: Date) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = Int(interval.rounded(.down))
        var micros = Int(((interval - Double(seconds)) * 1_000_000).rounded())
        if micros >= 1_000_000 {  // rounding carried into the next second
            seconds += 1
            micros -= 1_000_000
        }
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        // Hand-padded digits: `String(format:)` is Foundation-only (and slow per message).
        var text = ""
        text.reserveCapacity(27)
        appendDigits(Int(parts.tm_year) + 1900, width: 4, to: &text)
        text.append("-")
        appendDigits(Int(parts.tm_mon) + 1, width: 2, to: &text)
        text.append("-")
        appendDigits(Int(parts.tm_mday), width: 2, to: &text)
        text.append("T")
        appendDigits(Int(parts.tm_hour), width: 2, to: &text)
        text.append(":")
        appendDigits(Int(parts.tm_min), width: 2, to: &text)
        text.append(":")
        appendDigits(Int(parts.tm_sec), width: 2, to: &text)
        text.append(".")
        appendDigits(micros, width: 6, to: &text)
        text.append("Z")
        return text
    }

    /// Appends `value` in decimal, left-padded with zeros to `width` digits.
    private static func appendDigits(_ value: Int, width: Int, to text: inout String) {
        let digits = String(value)
        if digits.count < width { text.append(String(repeating: "0", count: width - digits.count)) }
        text.append(digits)
    }
}
