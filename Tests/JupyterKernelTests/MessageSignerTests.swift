import Foundation
import XCTest

@testable import JupyterKernel

/// HMAC-SHA256 against RFC 4231's published vectors, and signing of whole messages.
final class MessageSignerTests: XCTestCase {
    private func bytes(_ byte: UInt8, count: Int) -> Data { Data(repeating: byte, count: count) }

    func testRFC4231Vectors() {
        let largeKey = bytes(0xaa, count: 131)
        let cases: [(name: String, key: Data, data: Data, digest: String)] = [
            ("1", bytes(0x0b, count: 20), Data("Hi There".utf8),
             "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
            ("2", Data("Jefe".utf8), Data("what do ya want for nothing?".utf8),
             "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            ("3", bytes(0xaa, count: 20), bytes(0xdd, count: 50),
             "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
            ("4", Data((1...25).map { UInt8($0) }), bytes(0xcd, count: 50),
             "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
            ("6", largeKey, Data("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
             "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
            ("7", largeKey,
             Data("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
             "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
        ]
        for vector in cases {
            let signer = MessageSigner(keyData: vector.key)
            XCTAssertEqual(signer.signature(for: [vector.data]), vector.digest, "RFC 4231 test case \(vector.name)")
            XCTAssertTrue(signer.isValid(signature: vector.digest, for: [vector.data]))
        }
        // Test case 5 publishes only the first 128 bits.
        let truncated = MessageSigner(keyData: bytes(0x0c, count: 20)).signature(for: [Data("Test With Truncation".utf8)])
        XCTAssertTrue(truncated.hasPrefix("a3b6167473100ee06e0c796c2955552b"))
    }

    func testPartsAreSignedInOrderAsOneStream() {
        let signer = MessageSigner(key: "secret")
        let parts = [Data("{\"a\":1}".utf8), Data("{}".utf8), Data("{}".utf8), Data("{\"b\":2}".utf8)]
        XCTAssertEqual(signer.signature(for: parts), signer.signature(for: [parts.reduce(Data(), +)]))
        XCTAssertNotEqual(signer.signature(for: parts), signer.signature(for: parts.reversed()))
    }

    func testEmptyKeySignsNothingAndAcceptsAnything() {
        let signer = MessageSigner(key: "")
        XCTAssertFalse(signer.isEnabled)
        XCTAssertEqual(signer.signature(for: [Data("x".utf8)]), "")
        XCTAssertTrue(signer.isValid(signature: "whatever", for: [Data("x".utf8)]))
    }

    func testVerificationRejectsWrongMissingAndShortSignatures() {
        let signer = MessageSigner(key: "secret")
        let parts = [Data("{}".utf8)]
        let good = signer.signature(for: parts)
        XCTAssertTrue(signer.isValid(signature: good, for: parts))
        XCTAssertTrue(signer.isValid(signature: good.uppercased(), for: parts))
        XCTAssertFalse(signer.isValid(signature: "", for: parts))
        XCTAssertFalse(signer.isValid(signature: String(good.dropLast()), for: parts))
        XCTAssertFalse(signer.isValid(signature: String(good.dropLast()) + (good.last == "0" ? "1" : "0"), for: parts))
        XCTAssertFalse(MessageSigner(key: "other").isValid(signature: good, for: parts))
    }

    func testSignedMessageVerifiesAndTamperedOneDoesNot() throws {
        let signer = MessageSigner(key: "a0436f6c-1916-498b-8eb9-e81ab9368e84")
        let message = Message(
            msgType: "execute_request", session: "s", username: "u", parent: nil, content: ["code": "1 + 1"],
            identities: [Data("client".utf8)])
        let frames = message.wire(signer: signer).frames
        XCTAssertEqual(try Message(frames: frames, signer: signer), message)

        var tampered = frames
        tampered[tampered.count - 1] = Data(#"{"code":"rm -rf /"}"#.utf8)
        XCTAssertThrowsError(try Message(frames: tampered, signer: signer)) { error in
            XCTAssertEqual(error as? WireError, .badSignature)
        }
        var unsigned = frames
        unsigned[2] = Data()
        XCTAssertThrowsError(try Message(frames: unsigned, signer: signer)) { error in
            XCTAssertEqual(error as? WireError, .badSignature)
        }
    }

    func testMatchesPythonHMACOfAJupyterMessage() {
        // python3 -c "import hmac,hashlib; h=hmac.new(b'key',digestmod=hashlib.sha256);
        // [h.update(p) for p in [b'{\"msg_type\":\"x\"}', b'{}', b'{}', b'{\"a\":1}']]; print(h.hexdigest())"
        let signer = MessageSigner(key: "key")
        let parts = [#"{"msg_type":"x"}"#, "{}", "{}", #"{"a":1}"#].map { Data($0.utf8) }
        XCTAssertEqual(signer.signature(for: parts), pythonDigest)
    }
}

/// Computed with Python's hmac module (command in the test above).
private let pythonDigest = "b8fa23123cee9f32574a6e50a43a06546cccb0cb4f1a90b3b499635df408bd60"
