import ArgumentParser
import RNNRuntime

/// The `swift-rnn-kernel` command: runs the kernel (default), installs its kernelspec, or runs a notebook in-process.
@main
struct SwiftRNNKernel: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "swift-rnn-kernel",
        abstract: "A Jupyter kernel for recurrent-neural-network experiments, written in Swift.",
        version: version,
        subcommands: [RunKernel.self, InstallKernelspec.self, ExecuteNotebook.self],
        defaultSubcommand: RunKernel.self
    )

    /// Before anything else: OpenBLAS chose its kernels when it was loaded, and on CPUs newer than
    /// Debian's OpenBLAS knows it picks old SSE3 ones (4-5x slower sgemm); re-execute once with the
    /// OPENBLAS_CORETYPE this CPU supports (same pid, so Jupyter's process handling is unaffected).
    /// Then `execute -p NAME VALUE` takes values such as `-0.5`, which ArgumentParser would read as
    /// options (or are empty), so each pair is rewritten as one `--parameters=NAME=VALUE` first.
    static func main() {
        BLAS.restartWithFastestKernelsIfNeeded()
        main(ExecuteNotebook.rewritingParameterPairs(Array(CommandLine.arguments.dropFirst())))
    }
}
