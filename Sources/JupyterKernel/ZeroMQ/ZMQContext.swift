import CZeroMQ

/// Owns a libzmq context (its I/O thread); sockets keep it alive until they are gone.
public final class ZMQContext: @unchecked Sendable {
    // libzmq contexts are thread-safe, so sharing the handle across threads is fine.
    let handle: UnsafeMutableRawPointer
    private var terminated = false

    /// Creates a context with libzmq's default single I/O thread.
    public init() throws(ZMQError) {
        guard let handle = zmq_ctx_new() else { throw ZMQError("zmq_ctx_new") }
        self.handle = handle
    }

    /// Waits until every socket is closed and their lingering messages are sent (or the
    /// linger time passed), then frees the context. Call only after closing all sockets,
    /// else it blocks forever; a process about to `exit` needs it so the last reply leaves.
    public func terminate() {
        guard !terminated else { return }
        terminated = true
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }

    deinit {
        terminate()
    }
}
