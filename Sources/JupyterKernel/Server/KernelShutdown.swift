/// How `KernelServer.run()` ended: the client's `shutdown_request`, and whether it asked for a restart.
///
/// jupyter_client restarts a kernel by starting a new process, so the executable exits either way;
/// `restart` is informational (a log line, an exit code).
public struct KernelShutdown: Sendable, Equatable {
    /// The `restart` flag of the `shutdown_request`.
    public var restart: Bool

    public init(restart: Bool) {
        self.restart = restart
    }
}
