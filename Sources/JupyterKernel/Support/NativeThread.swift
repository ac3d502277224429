#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A joinable POSIX thread (Foundation's `Thread` is not in FoundationEssentials).
final class NativeThread {
    private var thread: pthread_t?

    /// Starts `body` on a new thread named `name` (as shown by `top -H` and debuggers), with
    /// `stackSize` bytes of stack (`nil`: the system default, 8 MiB on Linux). Stack pages are
    /// only reserved address space until touched, so a large stack costs no resident memory.
    init(named name: String, stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) {
        final class Start {
            let name: String
            let body: @Sendable () -> Void
            init(name: String, body: @escaping @Sendable () -> Void) {
                self.name = name
                self.body = body
            }
        }
        let start = Unmanaged.passRetained(Start(name: name, body: body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        if let stackSize { pthread_attr_setstacksize(&attributes, stackSize) }
        var handle = pthread_t()
        let result = pthread_create(&handle, &attributes, { argument in
            let start = Unmanaged<Start>.fromOpaque(argument!).takeRetainedValue()
            setCurrentThreadName(start.name)
            start.body()
            return nil
        }, start)
        // Only resource exhaustion fails here; a kernel without its heartbeat or control loop
        // would look alive and never answer, so stop loudly instead (as `Thread.start` would).
        guard result == 0 else { fatalError("cannot start thread \(name): error \(result)") }
        thread = handle
    }

    /// Waits for the thread to return (once; later calls return at once).
    func join() {
        guard let thread else { return }
        self.thread = nil
        pthread_join(thread, nil)
    }
}

/// The stack a thread that runs cells gets: the main thread's limit (`ulimit -s`, the stack
/// a cell would have had on the main thread), between 8 and 64 MiB; 64 MiB when unlimited.
func interpreterStackSize() -> Int {
    let minimum = 8 << 20, maximum = 64 << 20
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_STACK.rawValue), &limit) == 0 else { return minimum }
    if limit.rlim_cur == rlim_t.max { return maximum }  // RLIM_INFINITY
    return min(max(Int(limit.rlim_cur), minimum), maximum)
}

/// Names the calling thread for `top -H`, gdb and perf. `pthread_setname_np` is a GNU
/// extension the Glibc module does not import, so it is looked up; Linux keeps 15 bytes.
private func setCurrentThreadName(_ name: String) {
    #if os(Linux)
    typealias SetName = @convention(c) (pthread_t, UnsafePointer<CChar>) -> Int32
    guard let symbol = dlsym(nil, "pthread_setname_np") else { return }
    let setName = unsafeBitCast(symbol, to: SetName.self)
    _ = setName(pthread_self(), String(decoding: name.utf8.prefix(15), as: UTF8.self))
    #endif
}

/// Sleeps the calling thread (for back-off after a failing socket call).
func sleepMilliseconds(_ milliseconds: Int) {
    usleep(useconds_t(max(milliseconds, 0) * 1000))
}
