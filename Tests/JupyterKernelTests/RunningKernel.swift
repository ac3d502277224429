import Foundation
import XCTest

@testable import JupyterKernel

/// A kernel on its own thread plus a connected, ready client; `stop()` shuts it down.
final class RunningKernel {
    let interpreter = FakeInterpreter()
    let server: KernelServer
    let client: KernelTestClient
    private let finished = DispatchSemaphore(value: 0)
    private let result = Locked<KernelShutdown?>(nil)
    let logLines = Locked<[String]>([])

    init(connection: ConnectionInfo? = nil) throws {
        let connection = connection ?? ConnectionInfo(
            shellPort: 0, iopubPort: 0, stdinPort: 0, controlPort: 0, hbPort: 0, key: UUID().uuidString)
        let lines = logLines
        server = try KernelServer(connection: connection, interpreter: interpreter, log: { line in
            lines.withLock { $0.append(line) }
        })
        let server = self.server
        let finished = self.finished
        let result = self.result
        Thread {
            result.set(server.run())
            finished.signal()
        }.start()
        client = try KernelTestClient(connection: server.connection)
        try client.waitForReady()
    }

    /// Waits for `run()` to return (after a shutdown request) and gives its result.
    func waitForExit(timeout: Double = 3) -> KernelShutdown? {
        guard finished.wait(timeout: .now() + timeout) == .success else { return nil }
        finished.signal()  // let a later call (stop) see it too
        return result.current
    }

    func stop() {
        server.requestShutdown()
        XCTAssertNotNil(waitForExit(), "run() did not return")
        client.close()
    }
}
