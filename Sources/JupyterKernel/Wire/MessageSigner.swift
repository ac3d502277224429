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
    /// Raw key bytes (Data is Sendable; `SymmetricKey` is not marked so), `nil` when signing is off.
    private let key: Data?

    /// A signer keyed with the UTF-8 bytes of the connection file's `key`.
    public init(key: String) {
        self.init(keyData: Data(key.utf8))
    }

    /// A signer keyed with raw bytes (RFC 4231 test keys are not text).
    public init(keyData: Data) {
        self.key = keyData.isEmpty ? nil : keyData
    }

    /// Whether messages are signed at all.
    public var isEnabled: Bool { key != nil }

    /// The lowercase hex HMAC of `parts` fed in order (header, parent_header, metadata, content).
    public func signature(for parts: [Data]) -> String {
        guard let key else { return "" }
        var hmac = HMAC<SHA256>(key: SymmetricKey(data: key))
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
