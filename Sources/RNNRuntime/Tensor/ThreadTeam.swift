// A small fixed team of threads for loops that need a barrier many times per job (the recurrent
// layers' step loop: each member computes its slice of the gates, then all wait for the new h).
// Workers sleep on a condition variable between jobs (an idle kernel uses no CPU) and spin on an
// atomic phase counter inside a job, where a step takes tens to hundreds of microseconds and a
// futex wake-up would cost as much as the work.

#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A team of `size` threads (the caller is member 0) that runs one job at a time.
final class ThreadTeam: @unchecked Sendable {
    /// One team for the process, as many members as OpenBLAS has threads (the cores it may use).
    static let shared = ThreadTeam(size: Swift.max(1, Swift.min(BLAS.threads, 8)))

    /// Members including the caller (fewer than asked for if a thread could not be started).
    private(set) var size = 1
    private let inUse = Atomic<Bool>(false)
    /// Barrier state: arrivals in the current phase, and the phase number.
    private let arrived = Atomic<Int>(0)
    private let phase = Atomic<Int>(0)
    /// Workers that have finished the current job.
    private let finished = Atomic<Int>(0)

    private var mutex = pthread_mutex_t()
    private var wake = pthread_cond_t()
    /// The job workers run, and a counter they wait on (guarded by `mutex`).
    private var job: ((Int) -> Void)?
    private var jobNumber = 0

    private init(size: Int) {
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&wake, nil)
        while self.size < size && startWorker(self.size) { self.size += 1 }
    }

    /// Runs `body(member)` on every member, the caller as member 0, and returns when all are done.
    /// Returns false without running anything when the team is busy with another caller's job
    /// (the caller then does the work alone). During the job OpenBLAS runs single-threaded: the
    /// members are the parallelism, and OpenBLAS's own threads would only compete for the cores.
    func run(_ body: (Int) -> Void) -> Bool {
        guard size > 1, inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            return false
        }
        let blasThreads = BLAS.threads
        BLAS.threads = 1
        withoutActuallyEscaping(body) { escapable in
            finished.store(0, ordering: .relaxed)
            pthread_mutex_lock(&mutex)
            job = escapable
            jobNumber &+= 1
            pthread_cond_broadcast(&wake)
            pthread_mutex_unlock(&mutex)
            escapable(0)
            var spins = 0
            while finished.load(ordering: .acquiring) < size - 1 { ThreadTeam.pause(&spins) }
            pthread_mutex_lock(&mutex)
            job = nil
            pthread_mutex_unlock(&mutex)
        }
        BLAS.threads = blasThreads  // before the team is free: the next job saves the real value
        inUse.store(false, ordering: .releasing)
        return true
    }

    /// Waits until every member has reached this call (inside a job only; every member must call
    /// it the same number of times).
    func barrier() {
        let current = phase.load(ordering: .acquiring)
        if arrived.add(1, ordering: .acquiringAndReleasing).newValue == size {
            arrived.store(0, ordering: .relaxed)
            phase.store(current &+ 1, ordering: .releasing)
            return
        }
        var spins = 0
        while phase.load(ordering: .acquiring) == current { ThreadTeam.pause(&spins) }
    }

    /// Spin; after a few hundred microseconds, yield the core on every round.
    /// The other members are normally running and about to arrive: yielding early handed
    /// the core to another process for a whole time slice on a busy machine.
    @inline(__always) static func pause(_ spins: inout Int) {
        spins += 1
        if spins > 20_000 { sched_yield() }
    }

    private func workerLoop(_ member: Int) {
        var seen = 0
        while true {
            pthread_mutex_lock(&mutex)
            while jobNumber == seen || job == nil { pthread_cond_wait(&wake, &mutex) }
            seen = jobNumber
            var body = job
            pthread_mutex_unlock(&mutex)
            body?(member)
            body = nil  // released before reporting: `run` checks that the job did not escape
            finished.add(1, ordering: .releasing)
        }
    }

    /// Starts the worker for `member`; false when the system refused a thread.
    private func startWorker(_ member: Int) -> Bool {
        final class Start { let team: ThreadTeam; let member: Int; init(_ t: ThreadTeam, _ m: Int) { team = t; member = m } }
        let start = Unmanaged.passRetained(Start(self, member)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { raw in
            let start = Unmanaged<AnyObject>.fromOpaque(raw!).takeRetainedValue() as! Start
            start.team.workerLoop(start.member)
            return nil
        }, start)
        guard created == 0 else {
            Unmanaged<AnyObject>.fromOpaque(start).release()
            return false
        }
        pthread_detach(thread)
        return true
    }
}
