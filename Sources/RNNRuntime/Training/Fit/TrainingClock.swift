#if canImport(Glibc)
import Glibc
#endif

/// Seconds on the monotonic clock (what progress timing and step durations are measured with).
public enum TrainingClock {
    public static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
