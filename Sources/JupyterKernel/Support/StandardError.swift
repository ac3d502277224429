#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes kernel diagnostics to stderr, where Jupyter servers show a kernel's log.
enum StandardError {
    /// Prints `line` with a `[JupyterKernel]` prefix so it stands out in a server's log.
    static func write(_ line: String) {
        fputs("[JupyterKernel] \(line)\n", stderr)
    }
}
