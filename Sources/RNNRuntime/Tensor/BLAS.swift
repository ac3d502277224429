import CBLAS
import Glibc

/// What OpenBLAS runs on, and how to make it pick its fastest kernels.
///
/// Debian's OpenBLAS (0.3.21, DYNAMIC_ARCH) picks kernels by CPU model; on CPUs newer than it
/// knows it falls back to older kernels (here: "Prescott", SSE3), while `OPENBLAS_CORETYPE=SkylakeX`
/// runs its AVX-512 ones. The variable is read by the
/// library's load-time constructor, before `main`, so it cannot be set from inside the process
/// that already has OpenBLAS loaded: it must be in the environment the process starts with
/// (the kernelspec's `env`, or a re-exec: `restartWithFastestKernelsIfNeeded`).
public enum BLAS {
    /// The kernel family OpenBLAS chose at load time, e.g. "Haswell" or "SkylakeX".
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// OpenBLAS's build configuration string (version, DYNAMIC_ARCH, threading).
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// The number of threads OpenBLAS uses for one call.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(newValue)) }
    }

    /// The `OPENBLAS_CORETYPE` worth setting on this machine, or nil when OpenBLAS's own choice is
    /// right or the variable is already set. On this VM OpenBLAS 0.3.21 does not know the CPU model
    /// and falls back to "Prescott" (SSE3, ~32 GFLOP/s) although the CPU has AVX-512 ("SkylakeX",
    /// ~145 GFLOP/s). The choice follows the CPU's flags, because forcing kernels the CPU lacks is SIGILL.
    public static func recommendedCoreType() -> String? {
        guard getenv("OPENBLAS_CORETYPE") == nil else { return nil }
        let flags = cpuFlags()
        let avx512 = ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd"].allSatisfy(flags.contains)
        let avx2 = ["avx2", "fma"].allSatisfy(flags.contains)
        let core = coreName
        if avx512 && !["SkylakeX", "Cooperlake", "SapphireRapids"].contains(core) { return "SkylakeX" }
        if !avx512 && avx2 && !["Haswell", "Zen", "SkylakeX", "Cooperlake", "SapphireRapids"].contains(core) { return "Haswell" }
        return nil
    }

    /// Re-executes the current program with `OPENBLAS_CORETYPE` set when `recommendedCoreType()`
    /// says the loaded kernels are slower than the CPU allows; returns when there is nothing to do
    /// or exec fails. Call it first thing in `main` (the kernel executable does this once per start;
    /// the child sees the variable set and does not loop).
    public static func restartWithFastestKernelsIfNeeded() {
        guard let core = recommendedCoreType() else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
    }

    /// The `flags` line of /proc/cpuinfo as a set (empty when unreadable).
    static func cpuFlags() -> Set<String> {
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0 {
            let text = String(cString: line!)
            if text.hasPrefix("flags") {
                return Set(text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == ":" }).map(String.init))
            }
        }
        return []
    }

    /// Measures single-precision GEMM throughput: the best of `repeats` runs of (m x k) @ (k x n), in GFLOP/s.
    public static func measureSgemm(m: Int, k: Int, n: Int, repeats: Int = 10) -> Double {
        let a = [Float](repeating: 0.5, count: m * k), b = [Float](repeating: 0.25, count: k * n)
        var c = [Float](repeating: 0, count: m * n)
        Tensor.sgemm(a, 0, b, 0, &c, 0, m, k, n)  // warm-up: thread pool and caches
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = monotonicSeconds()
            Tensor.sgemm(a, 0, b, 0, &c, 0, m, k, n)
            best = Swift.min(best, monotonicSeconds() - start)
        }
        return 2 * Double(m) * Double(k) * Double(n) / best / 1e9
    }

    static func monotonicSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
