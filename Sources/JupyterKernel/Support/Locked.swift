import Foundation

/// A value guarded by a lock, for the few flags shared by the shell, control and signal threads.
final class Locked<Value>: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var value: Value

    /// Guards `value`.
    init(_ value: Value) {
        self.value = value
    }

    /// Reads or changes the value while holding the lock.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    /// A snapshot of the value.
    var current: Value {
        withLock { $0 }
    }

    /// Replaces the value.
    func set(_ newValue: Value) {
        withLock { $0 = newValue }
    }
}
