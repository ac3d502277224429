import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import JupyterKernel

/// `swift-rnn-kernel --connection-file FILE`: serves one Jupyter session until shutdown.
struct RunKernel: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the kernel on the sockets named in a Jupyter connection file (the default command)."
    )

    @Option(name: [.customLong("connection-file"), .short], help: ArgumentHelp(
        "The connection file Jupyter writes (transport, ip, ports, key, signature_scheme).", valueName: "FILE"))
    var connectionFile: String

    func run() throws {
        let connection: ConnectionInfo
        do {
            connection = try ConnectionInfo.load(from: connectionFile)
        } catch {
            // A client reads one line; exit code 2 tells a wrong invocation from a crash.
            fputs("swift-rnn-kernel: \(error)\n", stderr)
            throw ExitCode(2)
        }
        let server: KernelServer
        do {
            server = try KernelServer(connection: connection, interpreter: NotebookInterpreter())
        } catch {
            fputs("swift-rnn-kernel: cannot open the kernel's sockets: \(error)\n", stderr)
            throw ExitCode(1)
        }
        server.installInterruptSignalHandler()
        server.run()
    }
}
