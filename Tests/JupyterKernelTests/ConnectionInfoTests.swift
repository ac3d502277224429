import Foundation
import XCTest

@testable import JupyterKernel

/// Loading connection files and forming endpoints.
final class ConnectionInfoTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("conn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func write(_ text: String) throws -> String {
        let url = directory.appendingPathComponent("kernel.json")
        try Data(text.utf8).write(to: url)
        return url.path
    }

    private let good = """
        {"shell_port": 53794, "iopub_port": 53795, "stdin_port": 53796, "control_port": 53797,
         "hb_port": 53798, "ip": "127.0.0.1", "key": "a0436f6c-1916-498b", "transport": "tcp",
         "signature_scheme": "hmac-sha256", "kernel_name": "swift-rnn"}
        """

    func testGoodFile() throws {
        let info = try ConnectionInfo.load(from: try write(good))
        XCTAssertEqual(info.transport, .tcp)
        XCTAssertEqual(info.shellPort, 53794)
        XCTAssertEqual(info.hbPort, 53798)
        XCTAssertEqual(info.key, "a0436f6c-1916-498b")
        XCTAssertEqual(info.kernelName, "swift-rnn")
        XCTAssertEqual(info.shellEndpoint, "tcp://127.0.0.1:53794")
        XCTAssertEqual(info.iopubEndpoint, "tcp://127.0.0.1:53795")
        XCTAssertEqual(info.stdinEndpoint, "tcp://127.0.0.1:53796")
        XCTAssertEqual(info.controlEndpoint, "tcp://127.0.0.1:53797")
        XCTAssertEqual(info.hbEndpoint, "tcp://127.0.0.1:53798")
    }

    func testKernelNameIsOptionalAndExtraFieldsAreIgnored() throws {
        let text = good.replacingOccurrences(of: #", "kernel_name": "swift-rnn""#, with: #", "curve_publickey": "x""#)
        XCTAssertNil(try ConnectionInfo.load(from: try write(text)).kernelName)
    }

    func testSignatureSchemeDefaultsToHMACSHA256() throws {
        let text = good.replacingOccurrences(of: #""signature_scheme": "hmac-sha256", "#, with: "")
        XCTAssertEqual(try ConnectionInfo.load(from: try write(text)).signatureScheme, "hmac-sha256")
    }

    func testIPCEndpointsFollowJupyterClient() throws {
        let text = good.replacingOccurrences(of: #""transport": "tcp""#, with: #""transport": "ipc""#)
            .replacingOccurrences(of: #""ip": "127.0.0.1""#, with: #""ip": "/tmp/kernel-1234""#)
        let info = try ConnectionInfo.load(from: try write(text))
        XCTAssertEqual(info.transport, .ipc)
        XCTAssertEqual(info.shellEndpoint, "ipc:///tmp/kernel-1234-53794")
        XCTAssertEqual(info.hbEndpoint, "ipc:///tmp/kernel-1234-53798")
    }

    func testIPv6HostIsBracketed() {
        let info = ConnectionInfo(ip: "::1", shellPort: 1, iopubPort: 2, stdinPort: 3, controlPort: 4, hbPort: 5, key: "")
        XCTAssertEqual(info.shellEndpoint, "tcp://[::1]:1")
    }

    func testMissingFile() {
        let path = directory.appendingPathComponent("absent.json").path
        XCTAssertThrowsError(try ConnectionInfo.load(from: path)) { error in
            XCTAssertEqual(error as? ConnectionInfoError, .unreadableFile(path: path, reason: "no such file"))
            XCTAssertFalse("\(error)".contains("\n"))
        }
    }

    func testBadJSON() throws {
        let path = try write("{\"shell_port\": ")
        XCTAssertThrowsError(try ConnectionInfo.load(from: path)) { error in
            guard case .invalidJSON(let errorPath, _) = error as? ConnectionInfoError else {
                return XCTFail("\(error)")
            }
            XCTAssertEqual(errorPath, path)
            XCTAssertFalse("\(error)".contains("\n"))
        }
        XCTAssertThrowsError(try ConnectionInfo.load(from: try write("[1, 2]")))
    }

    func testMissingAndMistypedFields() throws {
        let noKey = good.replacingOccurrences(of: #""key": "a0436f6c-1916-498b", "#, with: "")
        XCTAssertThrowsError(try ConnectionInfo.load(from: try write(noKey))) { error in
            XCTAssertEqual((error as? ConnectionInfoError).map { "\($0)" }, "connection file \(directory.path)/kernel.json lacks the field \"key\"")
        }
        let stringPort = good.replacingOccurrences(of: "53794", with: "\"53794\"")
        XCTAssertThrowsError(try ConnectionInfo.load(from: try write(stringPort))) { error in
            guard case .invalidField(_, let field, _) = error as? ConnectionInfoError else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "shell_port")
        }
        let badTransport = good.replacingOccurrences(of: #""transport": "tcp""#, with: #""transport": "udp""#)
        XCTAssertThrowsError(try ConnectionInfo.load(from: try write(badTransport))) { error in
            guard case .invalidField(_, let field, _) = error as? ConnectionInfoError else { return XCTFail("\(error)") }
            XCTAssertEqual(field, "transport")
        }
        let badPort = good.replacingOccurrences(of: "53798", with: "70000")
        XCTAssertThrowsError(try ConnectionInfo.load(from: try write(badPort)))
    }

    func testUnsupportedSignatureScheme() throws {
        let md5 = good.replacingOccurrences(of: "hmac-sha256", with: "hmac-md5")
        let path = try write(md5)
        XCTAssertThrowsError(try ConnectionInfo.load(from: path)) { error in
            XCTAssertEqual(error as? ConnectionInfoError, .unsupportedSignatureScheme(path: path, scheme: "hmac-md5"))
            XCTAssertTrue("\(error)".contains("hmac-sha256"))
        }
        // Without a key nothing is signed, so the scheme does not matter.
        let unsigned = md5.replacingOccurrences(of: #""key": "a0436f6c-1916-498b""#, with: #""key": """#)
        XCTAssertEqual(try ConnectionInfo.load(from: try write(unsigned)).key, "")
    }
}
