#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One Jupyter message with its dicts parsed: what handlers read and what the kernel sends.
public struct Message: Sendable, Equatable {
    /// ROUTER identities of the sender (replies go back to them), or the IOPub topic.
    public var identities: [Data]
    /// Kept as received so a reply's `parent_header` echoes it exactly (including unknown fields).
    public var header: [String: JSONValue]
    public var parentHeader: [String: JSONValue]
    public var metadata: [String: JSONValue]
    public var content: [String: JSONValue]
    public var buffers: [Data]

    public init(
        identities: [Data] = [], header: [String: JSONValue], parentHeader: [String: JSONValue] = [:],
        metadata: [String: JSONValue] = [:], content: [String: JSONValue] = [:], buffers: [Data] = []
    ) {
        self.identities = identities
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    /// A new message from the kernel with a fresh header; `parent` (the request) becomes
    /// `parent_header`, or `{}` when there is none.
    public init(
        msgType: String, session: String, username: String, parent: Message?,
        content: [String: JSONValue], metadata: [String: JSONValue] = [:], identities: [Data] = []
    ) {
        self.init(
            identities: identities,
            header: MessageHeader(msgType: msgType, session: session, username: username).json,
            parentHeader: parent?.header ?? [:], metadata: metadata, content: content)
    }

    /// `header.msg_type` ("" when absent, which `init(wire:)` never lets through).
    public var msgType: String { header["msg_type"]?.stringValue ?? "" }

    /// `header.msg_id`, for logs.
    public var msgID: String { header["msg_id"]?.stringValue ?? "" }

    /// Parses the dict frames; the header must be an object with string `msg_id` and `msg_type`
    /// (a reply echoes the header as its parent, so a malformed one would spread to the client).
    /// A parent header, metadata or content that is `null` or not an object reads as `{}`
    /// (handlers then fall back to defaults) rather than dropping the request unanswered.
    public init(wire: WireMessage) throws(WireError) {
        let header = try Self.object(wire.header, part: "header", strict: true)
        guard header["msg_type"]?.stringValue != nil else { throw .missingHeaderField("msg_type") }
        guard header["msg_id"]?.stringValue != nil else { throw .missingHeaderField("msg_id") }
        self.init(
            identities: wire.identities, header: header,
            parentHeader: try Self.object(wire.parentHeader, part: "parent_header", strict: false),
            metadata: try Self.object(wire.metadata, part: "metadata", strict: false),
            content: try Self.object(wire.content, part: "content", strict: false),
            buffers: wire.buffers)
    }

    /// Checks the signature over the received bytes, then parses.
    public init(frames: [Data], signer: MessageSigner) throws(WireError) {
        let wire = try WireMessage(frames: frames)
        guard signer.isValid(signature: wire.signature, for: wire.signedParts) else { throw .badSignature }
        try self.init(wire: wire)
    }

    /// Serializes and signs. `parentHeaderJSON`, when given, must be `parentHeader` serialized
    /// (a sender that sends many messages with one parent passes it to serialize it once).
    public func wire(signer: MessageSigner, parentHeaderJSON: Data? = nil) -> WireMessage {
        let parts = [
            JSONValue.object(header).serialized(),
            parentHeaderJSON ?? JSONValue.object(parentHeader).serialized(),
            JSONValue.object(metadata).serialized(),
            JSONValue.object(content).serialized(),
        ]
        return WireMessage(
            identities: identities, signature: signer.signature(for: parts), header: parts[0],
            parentHeader: parts[1], metadata: parts[2], content: parts[3], buffers: buffers)
    }

    private static func object(_ data: Data, part: String, strict: Bool) throws(WireError) -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONValue.parse(data)
        } catch {
            throw .invalidJSON(part: part, reason: error.description)
        }
        if let members = value.objectValue { return members }
        if strict { throw .invalidJSON(part: part, reason: "not a JSON object") }
        return [:]
    }
}
