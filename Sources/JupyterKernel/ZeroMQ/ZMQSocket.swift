import CZeroMQ
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One libzmq socket: bind or connect, send and receive multipart messages, poll, close.
///
/// libzmq sockets are not thread-safe: use each from one thread at a time (handing it to a
/// new thread is fine, thread start is a memory barrier). Callers that share one, like the
/// kernel's IOPub publisher, hold a lock around it.
public final class ZMQSocket: @unchecked Sendable {
    /// The socket patterns the kernel and its tests use.
    public enum Kind: Sendable {
        case router, dealer, publisher, subscriber, reply, request

        var rawValue: Int32 {
            switch self {
            case .router: return ZMQ_ROUTER
            case .dealer: return ZMQ_DEALER
            case .publisher: return ZMQ_PUB
            case .subscriber: return ZMQ_SUB
            case .reply: return ZMQ_REP
            case .request: return ZMQ_REQ
            }
        }
    }

    /// The socket pattern it was made with.
    public let kind: Kind
    // Strong reference: the context must outlive its sockets or zmq_ctx_term would hang.
    private let context: ZMQContext
    /// `nil` once closed, so a second close or a use after close throws instead of crashing.
    private var handle: UnsafeMutableRawPointer?

    /// Creates a socket of `kind` in `context`, lingering one second on close.
    public init(context: ZMQContext, kind: Kind) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, kind.rawValue) else { throw ZMQError("zmq_socket") }
        self.context = context
        self.kind = kind
        self.handle = handle
        // libzmq's default linger is infinite: one unreachable peer would make context
        // termination hang. A second is enough to flush a last reply to a live client.
        try setLinger(milliseconds: 1000)
    }

    deinit {
        close()
    }

    /// Listens on `endpoint` (`tcp://...`, `ipc://...`).
    public func bind(_ endpoint: String) throws(ZMQError) {
        let socket = try open("zmq_bind")
        // IPv6 endpoints are refused unless the socket allows IPv6.
        if endpoint.hasPrefix("tcp://[") {
            try setOption(ZMQ_IPV6, Int32(1), name: "ZMQ_IPV6")
        }
        guard zmq_bind(socket, endpoint) == 0 else { throw ZMQError("zmq_bind \(endpoint)") }
    }

    /// Connects to `endpoint` (clients, tests).
    public func connect(_ endpoint: String) throws(ZMQError) {
        let socket = try open("zmq_connect")
        guard zmq_connect(socket, endpoint) == 0 else { throw ZMQError("zmq_connect \(endpoint)") }
    }

    /// The endpoint actually bound (resolves `tcp://127.0.0.1:*` to a port).
    public func lastEndpoint() throws(ZMQError) -> String {
        let socket = try open("zmq_getsockopt")
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        guard zmq_getsockopt(socket, ZMQ_LAST_ENDPOINT, &buffer, &size) == 0 else {
            throw ZMQError("zmq_getsockopt ZMQ_LAST_ENDPOINT")
        }
        return String(cString: buffer)
    }

    /// How long `close` keeps unsent messages (milliseconds; -1 forever, 0 drop them).
    public func setLinger(milliseconds: Int32) throws(ZMQError) {
        try setOption(ZMQ_LINGER, milliseconds, name: "ZMQ_LINGER")
    }

    /// The routing identity a DEALER announces to a ROUTER (the stdin and shell DEALERs
    /// of one client share it, so the kernel can address `input_request`).
    public func setIdentity(_ identity: Data) throws(ZMQError) {
        let socket = try open("zmq_setsockopt")
        let result = identity.withUnsafeBytes { bytes in
            zmq_setsockopt(socket, ZMQ_ROUTING_ID, bytes.baseAddress, bytes.count)
        }
        guard result == 0 else { throw ZMQError("zmq_setsockopt ZMQ_ROUTING_ID") }
    }

    /// Subscribes a SUB socket to topics starting with `prefix` ("" for everything).
    public func subscribe(_ prefix: Data = Data()) throws(ZMQError) {
        let socket = try open("zmq_setsockopt")
        let result = prefix.withUnsafeBytes { bytes in
            zmq_setsockopt(socket, ZMQ_SUBSCRIBE, bytes.baseAddress, bytes.count)
        }
        guard result == 0 else { throw ZMQError("zmq_setsockopt ZMQ_SUBSCRIBE") }
    }

    /// Sends `frames` as one multipart message (libzmq delivers all parts or none).
    public func send(_ frames: [Data]) throws(ZMQError) {
        let socket = try open("zmq_send")
        // An empty message would be a single empty frame; callers always pass at least one.
        let parts = frames.isEmpty ? [Data()] : frames
        for (index, frame) in parts.enumerated() {
            let flags = index < parts.count - 1 ? ZMQ_SNDMORE : 0
            while true {
                let sent = frame.withUnsafeBytes { bytes in zmq_send(socket, bytes.baseAddress, bytes.count, flags) }
                if sent >= 0 { break }
                // A signal (SIGINT while the handler is installed) interrupts the call: retry it.
                if zmq_errno() != EINTR { throw ZMQError("zmq_send") }
            }
        }
    }

    /// Receives one multipart message, blocking until it arrives (poll first to bound the wait).
    public func receive() throws(ZMQError) -> [Data] {
        let socket = try open("zmq_msg_recv")
        var frames: [Data] = []
        var more = true
        while more {
            var message = zmq_msg_t()
            guard zmq_msg_init(&message) == 0 else { throw ZMQError("zmq_msg_init") }
            defer { zmq_msg_close(&message) }
            while zmq_msg_recv(&message, socket, 0) < 0 {
                if zmq_errno() != EINTR { throw ZMQError("zmq_msg_recv") }
            }
            let size = zmq_msg_size(&message)
            if size > 0, let bytes = zmq_msg_data(&message) {
                frames.append(Data(bytes: bytes, count: size))
            } else {
                frames.append(Data())
            }
            more = zmq_msg_more(&message) != 0
        }
        return frames
    }

    /// Whether a message can be received within `timeoutMilliseconds` (0: just look; -1: wait).
    /// An interrupting signal counts as "nothing yet" so callers' loops re-check their flags.
    public func poll(timeoutMilliseconds: Int) throws(ZMQError) -> Bool {
        let socket = try open("zmq_poll")
        var item = zmq_pollitem_t(socket: socket, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        let ready = zmq_poll(&item, 1, timeoutMilliseconds)
        if ready < 0 {
            if zmq_errno() == EINTR { return false }
            throw ZMQError("zmq_poll")
        }
        return ready > 0 && (item.revents & Int16(ZMQ_POLLIN)) != 0
    }

    /// Receives a message if one arrives within `timeoutMilliseconds`, else `nil`.
    public func receive(timeoutMilliseconds: Int) throws(ZMQError) -> [Data]? {
        try poll(timeoutMilliseconds: timeoutMilliseconds) ? receive() : nil
    }

    /// Closes the socket (idempotent); unsent messages linger as set by `setLinger`.
    public func close() {
        guard let handle else { return }
        self.handle = nil
        // zmq_close fails only for an invalid handle (ENOTSOCK), which `handle` being non-nil
        // rules out; there is nothing a caller could do with the error, so it is dropped.
        _ = zmq_close(handle)
    }

    /// The live handle, or an ENOTSOCK error after `close()`.
    private func open(_ operation: String) throws(ZMQError) -> UnsafeMutableRawPointer {
        guard let handle else { throw ZMQError(operation: "\(operation) on a closed socket", code: ENOTSOCK) }
        return handle
    }

    /// Sets an integer socket option.
    private func setOption(_ option: Int32, _ value: Int32, name: String) throws(ZMQError) {
        let socket = try open("zmq_setsockopt")
        var value = value
        guard zmq_setsockopt(socket, option, &value, MemoryLayout<Int32>.size) == 0 else {
            throw ZMQError("zmq_setsockopt \(name)")
        }
    }
}
