import Crypto
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Signs and checks messages with HMAC-SHA256 over header, parent_header, metadata and content.
///
/// With an empty key (allowed by the connection file) signatures are empty and every message
/// is accepted, as jupyter_client does.
public struct MessageSigner: Sendable {
    /// An HMAC already keyed, copied for each message so the key is not set up again every
    /// time (a third of the cost of signing a message); `nil` when signing is off.
    private let keyed: HMAC<SHA256>?

    /// A signer keyed with the UTF-8 bytes of the connection file's `key`.
    public init(key: String) {
        self.init(keyData: Data(key.utf8))
    }

    /// A signer keyed with raw bytes (RFC 4231 test keys are not text).
    public init(keyData: Data) {
        self.keyed = keyData.isEmpty ? nil : HMAC<SHA256>(key: SymmetricKey(data: keyData))
    }

    /// Whether messages are signed at all.
    public var isEnabled: Bool { keyed != nil }

    /// The lowercase hex HMAC of `parts` fed in order (header, parent_header, metadata, content).
    public func signature(for parts: [Data]) -> String {
        guard var hmac = keyed else { return "" }
        for part in parts { hmac.update(data: part) }
        return Self.hex(Data(hmac.finalize()))
    }

    /// Whether `signature` matches `parts`; compares in constant time so a forger cannot learn
    /// the digest byte by byte from response timing.
    public func isValid(signature: String, for parts: [Data]) -> Bool {
        guard isEnabled else { return true }
        let expected = Array(self.signature(for: parts).utf8)
        // Python's hexdigest is lowercase; accept uppercase hex from other clients too.
        let received = Array(signature.lowercased().utf8)
        guard expected.count == received.count else { return false }
        var difference: UInt8 = 0
        for index in expected.indices { difference |= expected[index] ^ received[index] }
        return difference == 0
    }

    /// Lowercase hex of `bytes`.
    static func hex(_ bytes: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
