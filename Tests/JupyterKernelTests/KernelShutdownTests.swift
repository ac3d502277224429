import Foundation
import XCTest

@testable import JupyterKernel

/// Shutdown over control, and a kernel on IPC sockets.
final class KernelShutdownTests: XCTestCase {
    func testShutdownRequestRepliesThenRunReturns() throws {
        let kernel = try RunningKernel()
        defer { kernel.client.close() }
        let client = kernel.client
        let request = try client.send("shutdown_request", ["restart": true], on: client.control)
        XCTAssertEqual(try client.reply(to: request, on: client.control).content, ["status": "ok", "restart": true])
        XCTAssertEqual(try client.iopubMessages(for: request).last?.content["execution_state"], "idle")
        XCTAssertEqual(kernel.waitForExit(), KernelShutdown(restart: true))
    }

    func testIPCTransport() throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("jk-\(UUID().uuidString.prefix(8))").path
        let connection = ConnectionInfo(
            transport: .ipc, ip: prefix, shellPort: 1, iopubPort: 2, stdinPort: 3, controlPort: 4, hbPort: 5, key: "k")
        let kernel = try RunningKernel(connection: connection)
        XCTAssertTrue(FileManager.default.fileExists(atPath: prefix + "-1"))
        let request = try kernel.client.send("kernel_info_request")
        XCTAssertEqual(try kernel.client.reply(to: request).content["status"], "ok")
        kernel.stop()
    }

    func testBindFailureIsAThrownError() throws {
        let kernel = try RunningKernel()
        defer { kernel.stop() }
        var taken = kernel.server.connection
        taken.key = ""
        XCTAssertThrowsError(try KernelServer(connection: taken, interpreter: FakeInterpreter(), log: { _ in })) { error in
            XCTAssertTrue("\(error)".contains("zmq_bind"), "\(error)")
        }
    }
}
