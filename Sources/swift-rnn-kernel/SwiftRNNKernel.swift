import ArgumentParser

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

    /// `execute -p NAME VALUE` takes values such as `-0.5`, which ArgumentParser would read as
    /// options (or are empty), so each pair is rewritten as one `--parameters=NAME=VALUE` first.
    static func main() {
        main(ExecuteNotebook.rewritingParameterPairs(Array(CommandLine.arguments.dropFirst())))
    }
}
