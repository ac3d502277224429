import Foundation

/// Writes kernel diagnostics to stderr, where Jupyter servers show a kernel's log.
enum StandardError {
    /// Prints `line` with a `[JupyterKernel]` prefix so it stands out in a server's log.
    static func write(_ line: String) {
        FileHandle.standardError.write(Data("[JupyterKernel] \(line)\n".utf8))
    }
}
