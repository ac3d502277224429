#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The raw multipart frames of one message, before any JSON parsing:
/// `[identities..., "<IDS|MSG>", signature, header, parent_header, metadata, content, buffers...]`.
///
/// Signatures are checked over these exact bytes: re-serializing parsed JSON would change
/// key order or spacing and break the HMAC.
public struct WireMessage: Sendable, Equatable {
    /// The frame that ends the routing identities.
    public static let delimiter = Data("<IDS|MSG>".utf8)

    /// ROUTER routing frames (or the IOPub topic), in order.
    public var identities: [Data]
    public var signature: String
    public var header: Data
    public var parentHeader: Data
    public var metadata: Data
    public var content: Data
    /// Extra binary frames after content (kept and forwarded, not interpreted).
    public var buffers: [Data]

    public init(
        identities: [Data], signature: String, header: Data, parentHeader: Data, metadata: Data,
        content: Data, buffers: [Data] = []
    ) {
        self.identities = identities
        self.signature = signature
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
        self.buffers = buffers
    }

    /// Splits received frames at the first delimiter.
    public init(frames: [Data]) throws(WireError) {
        guard let delimiterIndex = frames.firstIndex(of: Self.delimiter) else {
            throw .missingDelimiter
        }
        let rest = frames[(delimiterIndex + 1)...]
        guard rest.count >= 5 else { throw .tooFewFrames(count: rest.count) }
        let start = rest.startIndex
        guard let signature = String(data: rest[start], encoding: .utf8) else {
            throw .invalidSignatureEncoding
        }
        self.identities = Array(frames[..<delimiterIndex])
        self.signature = signature
        self.header = rest[start + 1]
        self.parentHeader = rest[start + 2]
        self.metadata = rest[start + 3]
        self.content = rest[start + 4]
        self.buffers = Array(rest[(start + 5)...])
    }

    /// The four dicts the signature covers, in signing order.
    public var signedParts: [Data] { [header, parentHeader, metadata, content] }

    /// The frames to send.
    public var frames: [Data] {
        identities + [Self.delimiter, Data(signature.utf8)] + signedParts + buffers
    }
}
