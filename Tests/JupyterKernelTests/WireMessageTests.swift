import Foundation
import XCTest

@testable import JupyterKernel

/// Framing, parsing and serialization of multipart messages.
final class WireMessageTests: XCTestCase {
    private let signer = MessageSigner(key: "secret")

    private func frames(_ texts: [String]) -> [Data] { texts.map { Data($0.utf8) } }

    func testRoundTripKeepsIdentitiesAndBuffers() throws {
        var message = Message(
            msgType: "comm_msg", session: "session-1", username: "tester", parent: nil,
            content: ["data": ["x": 1.5, "flag": true, "n": 3, "none": nil, "list": ["a", 2]]],
            identities: [Data([0, 1, 2, 255]), Data("second".utf8)])
        message.metadata = ["tag": "m"]
        message.buffers = [Data([9, 8, 7]), Data()]
        let wire = message.wire(signer: signer)
        let frames = wire.frames
        XCTAssertEqual(frames.count, 2 + 1 + 5 + 2)
        XCTAssertEqual(frames[2], WireMessage.delimiter)

        let parsed = try Message(frames: frames, signer: signer)
        XCTAssertEqual(parsed, message)
        XCTAssertEqual(parsed.identities, [Data([0, 1, 2, 255]), Data("second".utf8)])
        XCTAssertEqual(parsed.buffers, [Data([9, 8, 7]), Data()])
        XCTAssertEqual(parsed.content["data"]?["flag"], .bool(true))
        XCTAssertEqual(parsed.content["data"]?["n"], .int(3))
        XCTAssertEqual(parsed.content["data"]?["x"], .double(1.5))
        XCTAssertEqual(try WireMessage(frames: frames), wire)
    }

    func testHeaderHasEveryFieldAndMicrosecondDate() {
        let header = Message(msgType: "status", session: "s", username: "u", parent: nil, content: [:]).header
        XCTAssertEqual(Set(header.keys), ["msg_id", "session", "username", "date", "msg_type", "version"])
        XCTAssertEqual(header["version"], "5.4")
        XCTAssertNotNil(UUID(uuidString: header["msg_id"]?.stringValue ?? ""))
        let date = header["date"]?.stringValue ?? ""
        XCTAssertNotNil(date.range(of: #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$"#, options: .regularExpression), date)
        XCTAssertEqual(MessageHeader.timestamp(Date(timeIntervalSince1970: 1_795_030_200.123456)), "2026-11-18T19:30:00.123456Z")
    }

    func testReplyCarriesRequestHeaderAsParent() {
        let request = Message(
            header: ["msg_id": "abc", "msg_type": "kernel_info_request", "subshell_id": nil, "custom": "kept"])
        let reply = Message(msgType: "kernel_info_reply", session: "s", username: "u", parent: request, content: [:])
        XCTAssertEqual(reply.parentHeader, request.header)
        let orphan = Message(msgType: "status", session: "s", username: "u", parent: nil, content: [:])
        XCTAssertEqual(orphan.wire(signer: signer).parentHeader, Data("{}".utf8))
    }

    func testSignatureCoversTheReceivedBytesNotAReserialization() throws {
        // Spacing and key order differ from what `serialized()` writes; the HMAC must still match.
        let parts = [#"{ "msg_type" : "x",  "msg_id":"1" }"#, "{}", "{}", #"{"b": 1, "a": 2}"#].map { Data($0.utf8) }
        let frames = [WireMessage.delimiter, Data(signer.signature(for: parts).utf8)] + parts
        XCTAssertEqual(try Message(frames: frames, signer: signer).msgType, "x")
    }

    func testMalformedFramesAreTypedErrors() {
        let header = #"{"msg_type":"x","msg_id":"m"}"#
        let cases: [([Data], WireError)] = [
            ([], .missingDelimiter),
            (frames(["id", "sig", header, "{}", "{}", "{}"]), .missingDelimiter),
            (frames(["<IDS|MSG>", "", header, "{}", "{}"]), .tooFewFrames(count: 4)),
            ([WireMessage.delimiter, Data([0xff, 0xfe]), Data(header.utf8)] + frames(["{}", "{}", "{}"]), .invalidSignatureEncoding),
            (frames(["<IDS|MSG>", "", "not json", "{}", "{}", "{}"]), .invalidJSON(part: "header", reason: "")),
            (frames(["<IDS|MSG>", "", "[1,2]", "{}", "{}", "{}"]), .invalidJSON(part: "header", reason: "")),
            (frames(["<IDS|MSG>", "", "{}", "{}", "{}", "{}"]), .missingHeaderField("msg_type")),
            (frames(["<IDS|MSG>", "", #"{"msg_type":7}"#, "{}", "{}", "{}"]), .missingHeaderField("msg_type")),
            // A reply echoes the header as parent: a header without a string msg_id is not answered.
            (frames(["<IDS|MSG>", "", #"{"msg_type":"x"}"#, "{}", "{}", "{}"]), .missingHeaderField("msg_id")),
            (frames(["<IDS|MSG>", "", #"{"msg_type":"x","msg_id":[1]}"#, "{}", "{}", "{}"]), .missingHeaderField("msg_id")),
            (frames(["<IDS|MSG>", "", header, "{}", "{}", "{\"code\": "]), .invalidJSON(part: "content", reason: "")),
        ]
        let unsigned = MessageSigner(key: "")
        for (input, expected) in cases {
            XCTAssertThrowsError(try Message(frames: input, signer: unsigned)) { error in
                switch (error as? WireError, expected) {
                case (.invalidJSON(let part, _), .invalidJSON(let expectedPart, _)):
                    XCTAssertEqual(part, expectedPart)
                default:
                    XCTAssertEqual(error as? WireError, expected)
                }
            }
        }
    }

    func testNonObjectContentReadsAsEmpty() throws {
        let message = try Message(
            frames: frames(["<IDS|MSG>", "", #"{"msg_type":"x","msg_id":"m"}"#, "null", "[]", "42"]), signer: MessageSigner(key: ""))
        XCTAssertEqual(message.content, [:])
        XCTAssertEqual(message.parentHeader, [:])
    }

    func testJSONValueKeepsBooleansAndIntegersApart() throws {
        let value = try JSONValue.parse(Data(#"{"t":true,"one":1,"zero":0,"f":false,"d":2.5,"big":10000000000,"s":"a/b"}"#.utf8))
        XCTAssertEqual(value["t"], .bool(true))
        XCTAssertEqual(value["f"], .bool(false))
        XCTAssertEqual(value["one"], .int(1))
        XCTAssertEqual(value["zero"], .int(0))
        XCTAssertEqual(value["d"], .double(2.5))
        XCTAssertEqual(value["big"], .int(10_000_000_000))
        XCTAssertEqual(try JSONValue.parse(value.serialized()), value)
        XCTAssertEqual(JSONValue.string("a/b").jsonString, #""a/b""#)
        XCTAssertThrowsError(try JSONValue.parse(Data("{".utf8)))
    }
}
