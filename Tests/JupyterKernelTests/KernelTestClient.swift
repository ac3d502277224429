import Foundation
import XCTest

@testable import JupyterKernel

/// An in-process Jupyter client over real ZeroMQ (DEALER shell/control/stdin sharing one
/// identity, SUB iopub, REQ heartbeat) that signs what it sends and checks what it receives.
final class KernelTestClient {
    let context: ZMQContext
    let shell: ZMQSocket
    let control: ZMQSocket
    let stdin: ZMQSocket
    let iopub: ZMQSocket
    let heartbeat: ZMQSocket
    let signer: MessageSigner
    let session = UUID().uuidString

    init(connection: ConnectionInfo) throws {
        context = try ZMQContext()
        signer = MessageSigner(key: connection.key)
        let identity = Data(UUID().uuidString.utf8)
        shell = try ZMQSocket(context: context, kind: .dealer)
        control = try ZMQSocket(context: context, kind: .dealer)
        stdin = try ZMQSocket(context: context, kind: .dealer)
        iopub = try ZMQSocket(context: context, kind: .subscriber)
        heartbeat = try ZMQSocket(context: context, kind: .request)
        try shell.setIdentity(identity)
        try stdin.setIdentity(identity)
        for socket in [shell, control, stdin, iopub, heartbeat] { try socket.setLinger(milliseconds: 0) }
        try iopub.subscribe()
        try shell.connect(connection.shellEndpoint)
        try control.connect(connection.controlEndpoint)
        try stdin.connect(connection.stdinEndpoint)
        try iopub.connect(connection.iopubEndpoint)
        try heartbeat.connect(connection.hbEndpoint)
    }

    func close() {
        for socket in [shell, control, stdin, iopub, heartbeat] { socket.close() }
        context.terminate()
    }

    /// Sends a request and returns it (its header identifies replies and IOPub output).
    @discardableResult
    func send(_ msgType: String, _ content: [String: JSONValue] = [:], on socket: ZMQSocket? = nil) throws -> Message {
        let message = Message(msgType: msgType, session: session, username: "tester", parent: nil, content: content)
        try (socket ?? shell).send(message.wire(signer: signer).frames)
        return message
    }

    /// The next message on `socket` within `timeout` seconds, signature checked.
    func receive(on socket: ZMQSocket, timeout: Double = 2) throws -> Message? {
        guard let frames = try socket.receive(timeoutMilliseconds: Int(timeout * 1000)) else { return nil }
        return try Message(frames: frames, signer: signer)
    }

    /// The reply to `request` on `socket` (skipping replies to other requests).
    func reply(to request: Message, on socket: ZMQSocket? = nil, timeout: Double = 2) throws -> Message {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let message = try receive(on: socket ?? shell, timeout: deadline.timeIntervalSinceNow) else { break }
            if message.parentHeader["msg_id"] == request.header["msg_id"] { return message }
        }
        throw ClientError.timeout("no reply to \(request.msgType)")
    }

    /// IOPub messages parented to `request`, through its `idle` status.
    func iopubMessages(for request: Message, timeout: Double = 2) throws -> [Message] {
        var collected: [Message] = []
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let message = try receive(on: iopub, timeout: deadline.timeIntervalSinceNow) else { break }
            guard message.parentHeader["msg_id"] == request.header["msg_id"] else { continue }
            collected.append(message)
            if message.msgType == "status" && message.content["execution_state"] == "idle" { return collected }
        }
        throw ClientError.timeout("no idle for \(request.msgType); got \(collected.map(\.msgType))")
    }

    /// Like jupyter_client's `wait_for_ready`: resends kernel_info until both the reply and an
    /// IOPub message arrive, which proves the SUB subscription reached the kernel.
    func waitForReady() throws {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            let request = try send("kernel_info_request")
            _ = try reply(to: request)
            if try receive(on: iopub, timeout: 0.2) != nil {
                // Drain what is left of the handshake so tests start from a quiet IOPub.
                while try receive(on: iopub, timeout: 0.05) != nil {}
                return
            }
        }
        throw ClientError.timeout("kernel never became ready")
    }

    enum ClientError: Error {
        case timeout(String)
    }
}
