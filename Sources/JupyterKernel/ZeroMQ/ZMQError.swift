import CZeroMQ

/// A failed libzmq call: which operation, and libzmq's errno and message.
public struct ZMQError: Error, Sendable, Equatable, CustomStringConvertible {
    public var operation: String
    public var code: Int32

    /// Captures `zmq_errno()` right after a failing call.
    init(_ operation: String) {
        self.operation = operation
        self.code = zmq_errno()
    }

    /// An error with an explicit errno (for misuse detected before calling libzmq).
    public init(operation: String, code: Int32) {
        self.operation = operation
        self.code = code
    }

    public var description: String {
        "\(operation): \(String(cString: zmq_strerror(code)))"
    }
}
