/// An error from a tensor operation, worded as NumPy words it, tagged with the Python exception
/// the notebook language should raise (`ValueError`, `IndexError`, `TypeError`).
///
/// Every public API that takes user-controlled shapes or indices throws this instead of trapping:
/// a bad cell must give an error message, never crash the kernel.
public struct TensorError: Error, Equatable, CustomStringConvertible {
    /// The Python exception class this error maps to.
    public enum Kind: String, Sendable {
        case valueError = "ValueError"
        case indexError = "IndexError"
        case typeError = "TypeError"
        case runtimeError = "RuntimeError"
        case notImplementedError = "NotImplementedError"
    }

    public let kind: Kind
    /// NumPy's message, without the exception name.
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The Python exception class name, e.g. `ValueError`.
    public var pythonExceptionName: String { kind.rawValue }

    /// `ValueError: cannot reshape array of size 6 into shape (4,)`.
    public var description: String { "\(kind.rawValue): \(message)" }

    static func value(_ message: String) -> TensorError { TensorError(.valueError, message) }
    static func index(_ message: String) -> TensorError { TensorError(.indexError, message) }
    static func type(_ message: String) -> TensorError { TensorError(.typeError, message) }
}
