// A training step allocates and frees the same large buffers every batch (a 64 x 100 x 1024 gate
// cache is 26 MB; forward and backward together hold a few hundred MB at 256 units). glibc gives
// freed memory at the top of the heap back to the kernel once it exceeds the trim threshold, so
// every step faulted its pages in again and had them zeroed by the kernel: 14 % of a training
// step's CPU time in page faults (perf, LSTM 64x100, 128 -> 256). Raising the trim threshold keeps
// the freed working set for the next step, as PyTorch's caching allocator does; the resident set
// then stays at the training peak instead of dropping between steps (it is flat across epochs).

#if canImport(Glibc)
import Glibc
#endif

@_silgen_name("mallopt") private func c_mallopt(_ parameter: Int32, _ value: Int32) -> Int32

/// glibc tuning for the training loop.
enum WorkingMemory {
    /// M_TRIM_THRESHOLD (malloc.h): free heap top memory kept before returning it to the kernel.
    private static let trimThreshold: Int32 = -1
    /// M_MMAP_THRESHOLD: allocations at least this large get their own mmap (freed at once).
    private static let mmapThreshold: Int32 = -3

    /// Done once per process, on the first training step.
    static let keepFreedBuffers: Void = {
        _ = c_mallopt(mmapThreshold, 32 << 20)      // glibc's maximum: buffers up to 32 MB come from the heap
        _ = c_mallopt(trimThreshold, 1 << 30)       // keep up to 1 GiB of freed heap for the next step
    }()
}
