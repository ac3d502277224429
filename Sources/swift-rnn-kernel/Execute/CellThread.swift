#if canImport(Glibc)
import Glibc
#endif

/// Runs one cell on its own POSIX thread, as the kernel's shell thread does (same stack size
/// rule, so recursion limits behave alike), and lets the caller wait for it with a deadline.
final class CellThread: @unchecked Sendable {
    // @unchecked: `finished` is guarded by `mutex`; the rest is set before the thread starts.
    // The mutex and condition live at fixed addresses (a Swift property's address is not stable).
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var finished = false
    private var thread = pthread_t()

    /// Starts `body`; returns nil when the system cannot create a thread.
    init?(_ body: @escaping () -> Void) {
        pthread_mutex_init(mutex, nil)
        pthread_cond_init(condition, nil)
        final class Start {
            let body: () -> Void
            let owner: CellThread
            init(_ body: @escaping () -> Void, _ owner: CellThread) { self.body = body; self.owner = owner }
        }
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, CellThread.stackSize())
        let start = Unmanaged.passRetained(Start(body, self)).toOpaque()
        let created = pthread_create(&thread, &attributes, { argument in
            guard let argument else { return nil }
            let start = Unmanaged<Start>.fromOpaque(argument).takeRetainedValue()
            start.body()
            start.owner.markFinished()
            return nil
        }, start)
        guard created == 0 else {
            Unmanaged<Start>.fromOpaque(start).release()
            return nil
        }
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    private func markFinished() {
        pthread_mutex_lock(mutex)
        finished = true
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
    }

    /// Waits until the cell returns or `seconds` pass (nil: no limit); true when it returned.
    func wait(seconds: Double?) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        guard let seconds else {
            while !finished { pthread_cond_wait(condition, mutex) }
            return true
        }
        var deadline = timespec()
        clock_gettime(CLOCK_REALTIME, &deadline)
        let whole = seconds.rounded(.down)
        deadline.tv_sec += Int(min(whole, 1e9))
        deadline.tv_nsec += Int((seconds - whole) * 1e9)
        if deadline.tv_nsec >= 1_000_000_000 { deadline.tv_sec += 1; deadline.tv_nsec -= 1_000_000_000 }
        while !finished {
            if pthread_cond_timedwait(condition, mutex, &deadline) == ETIMEDOUT { return finished }
        }
        return true
    }

    /// Reclaims the thread once it has returned.
    func join() { pthread_join(thread, nil) }

    /// The kernel's rule (JupyterKernel's `interpreterStackSize`): `ulimit -s` clamped to 8...64 MiB.
    static func stackSize() -> Int {
        let minimum = 8 << 20, maximum = 64 << 20
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_STACK.rawValue), &limit) == 0 else { return minimum }
        if limit.rlim_cur == rlim_t.max { return maximum }
        return min(max(Int(limit.rlim_cur), minimum), maximum)
    }
}
