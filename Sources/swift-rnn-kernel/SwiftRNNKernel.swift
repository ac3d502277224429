import ArgumentParser

/// The `swift-rnn-kernel` command: runs the kernel (default) or installs its kernelspec.
@main
struct SwiftRNNKernel: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "swift-rnn-kernel",
        abstract: "A Jupyter kernel for recurrent-neural-network experiments, written in Swift.",
        version: version,
        subcommands: [RunKernel.self, InstallKernelspec.self],
        defaultSubcommand: RunKernel.self
    )
}
