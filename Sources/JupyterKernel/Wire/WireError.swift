/// Why received frames are not a Jupyter message; the kernel logs it and drops the message.
public enum WireError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `<IDS|MSG>` frame separates routing identities from the message.
    case missingDelimiter
    /// Fewer than the five frames (signature, header, parent, metadata, content) after the delimiter.
    case tooFewFrames(count: Int)
    /// The signature frame is not UTF-8 text.
    case invalidSignatureEncoding
    /// A dict frame is not valid JSON, or not a JSON object.
    case invalidJSON(part: String, reason: String)
    /// The header lacks a string field the kernel needs (`msg_id`, `msg_type`).
    case missingHeaderField(String)
    /// The signature does not match the key (or is missing).
    case badSignature

    public var description: String {
        switch self {
        case .missingDelimiter: return "no <IDS|MSG> delimiter frame"
        case .tooFewFrames(let count): return "\(count) frames after <IDS|MSG>, need at least 5"
        case .invalidSignatureEncoding: return "signature frame is not UTF-8"
        case .invalidJSON(let part, let reason): return "\(part) frame: \(reason)"
        case .missingHeaderField(let field): return "header lacks a string \"\(field)\""
        case .badSignature: return "invalid signature"
        }
    }
}
