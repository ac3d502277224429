#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A kernel socket that speaks signed Jupyter messages: verifies what arrives, signs what leaves.
///
/// Sends are serialized with a lock because IOPub is written by both the shell and the control
/// thread; receives happen on the one thread that owns the channel.
final class KernelChannel: @unchecked Sendable {
    // @unchecked: `socket` sends are under `sendLock`; receives stay on the owning thread.
    let name: String
    let socket: ZMQSocket
    private let signer: MessageSigner
    private let log: @Sendable (String) -> Void
    private let sendLock = PlainLock()
    /// The parent_header of the last message sent and its JSON, under `sendLock`: every message
    /// of one request (busy, execute_input, stream..., reply, idle) has the same parent, so it is
    /// serialized once per request instead of once per message.
    private var lastParent: (header: [String: JSONValue], json: Data)?

    /// Wraps `socket`; `name` labels log lines.
    init(name: String, socket: ZMQSocket, signer: MessageSigner, log: @escaping @Sendable (String) -> Void) {
        self.name = name
        self.socket = socket
        self.signer = signer
        self.log = log
    }

    /// Signs and sends `message`; a failure is logged, never thrown, because one lost message
    /// must not bring the kernel down.
    func send(_ message: Message) {
        sendLock.lock()
        defer { sendLock.unlock() }
        let parentJSON: Data
        if let lastParent, lastParent.header == message.parentHeader {
            parentJSON = lastParent.json
        } else {
            parentJSON = JSONValue.object(message.parentHeader).serialized()
            lastParent = (message.parentHeader, parentJSON)
        }
        let frames = message.wire(signer: signer, parentHeaderJSON: parentJSON).frames
        do {
            try socket.send(frames)
        } catch {
            log("\(name): cannot send \(message.msgType): \(error)")
        }
    }

    /// Whether a message is waiting (waits up to `timeoutMilliseconds`).
    func poll(timeoutMilliseconds: Int) -> Bool {
        do {
            return try socket.poll(timeoutMilliseconds: timeoutMilliseconds)
        } catch {
            log("\(name): poll failed: \(error)")
            // Do not spin on a broken socket: wait as long as the poll would have.
            sleepMilliseconds(max(timeoutMilliseconds, 10))
            return false
        }
    }

    /// Receives one message; malformed or badly signed messages are logged and give `nil`,
    /// so nothing a client sends can stop the loop or reach a handler unverified.
    func receive() -> Message? {
        let frames: [Data]
        do {
            frames = try socket.receive()
        } catch {
            log("\(name): receive failed: \(error)")
            return nil
        }
        do {
            return try Message(frames: frames, signer: signer)
        } catch {
            log("\(name): dropped a message: \(error)")
            return nil
        }
    }

    /// Closes the socket; pending sends linger as the socket's linger allows.
    func close() {
        sendLock.lock()
        defer { sendLock.unlock() }
        socket.close()
    }
}
