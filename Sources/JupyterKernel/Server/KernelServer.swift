import Dispatch
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The kernel core: owns the five sockets, routes requests to handlers, keeps busy/idle order,
/// execution count and history, and hands cells to a `KernelInterpreter`.
///
/// Threads: heartbeat and control each run on their own thread so a long cell never delays
/// liveness checks, interrupts or shutdowns; shell runs on a third thread (with the stack the
/// main thread would have), which is where every interpreter hook but `interrupt()` is called.
/// The thread that calls `run()` waits for all three.
///
/// ```swift
/// let server = try KernelServer(connection: try ConnectionInfo.load(from: path), interpreter: myInterpreter)
/// server.installInterruptSignalHandler()   // SIGINT interrupts the cell instead of killing us
/// let shutdown = server.run()               // blocks until shutdown_request
/// ```
public final class KernelServer: @unchecked Sendable {
    // @unchecked: shell-thread state (`executionCount`, `history`, `requestsToAbort`) is only
    // touched on the shell thread; state shared with control/signal threads is `Locked`;
    // channels lock their own sends.

    /// The connection actually bound (port 0 in the input is replaced by the chosen port).
    public private(set) var connection: ConnectionInfo
    /// This kernel's session id, the `session` of every header it sends.
    public let session: String

    let username: String
    let interpreter: KernelInterpreter
    /// Read once at start: `kernel_info_request` is also answered on the control thread,
    /// and interpreter hooks may only be called on the shell thread.
    let info: KernelInfo
    let log: @Sendable (String) -> Void

    private let context: ZMQContext
    let shell: KernelChannel
    let control: KernelChannel
    let stdin: KernelChannel
    let iopub: KernelChannel
    private let heartbeat: ZMQSocket

    // Shell-thread state.
    var executionCount = 0
    var history = ExecutionHistory()
    /// The requests that were queued when an `execute_request` with `stop_on_error` failed;
    /// the shell loop answers them (executes as "aborted") right after the failed cell's reply.
    var requestsToAbort: [Message]?

    // Shared state.
    let shutdownRequest = Locked<KernelShutdown?>(nil)
    /// Raised by `interrupt()`, cleared when a cell starts; stops a pending `input_request`.
    let interruptRequested = Locked(false)
    private let hasRun = Locked(false)
    /// Kept alive so SIGINT keeps reaching `interrupt()`.
    private var signalSource: DispatchSourceSignal?

    /// How long loops wait for a message before re-checking the shutdown flag.
    static let pollMilliseconds = 100
    /// How often a pending `input_request` checks for an interrupt.
    static let inputPollMilliseconds = 50

    /// Binds all five sockets (so a port in use fails here, before `run()`).
    ///
    /// - Parameter log: where diagnostics go (one line each); standard error when `nil`.
    public init(
        connection: ConnectionInfo, interpreter: KernelInterpreter, log: (@Sendable (String) -> Void)? = nil
    ) throws(ZMQError) {
        let log: @Sendable (String) -> Void = log ?? { StandardError.write($0) }
        let signer = MessageSigner(key: connection.key)
        var bound = connection
        let context = try ZMQContext()

        /// Creates and binds one socket; returns it with the port it is bound to.
        func makeSocket(_ kind: ZMQSocket.Kind, port: Int) throws(ZMQError) -> (ZMQSocket, Int) {
            let socket = try ZMQSocket(context: context, kind: kind)
            // Port 0 means "any free port" (handy for tests); report the one chosen.
            if connection.transport == .tcp && port == 0 {
                try socket.bind(String(connection.endpoint(port: 0).dropLast()) + "*")
                let endpoint = try socket.lastEndpoint()
                let chosen = endpoint.split(separator: ":").last.flatMap { Int($0) } ?? 0
                return (socket, chosen)
            }
            try socket.bind(connection.endpoint(port: port))
            return (socket, port)
        }

        let (shellSocket, shellPort) = try makeSocket(.router, port: connection.shellPort)
        let (controlSocket, controlPort) = try makeSocket(.router, port: connection.controlPort)
        let (stdinSocket, stdinPort) = try makeSocket(.router, port: connection.stdinPort)
        let (iopubSocket, iopubPort) = try makeSocket(.publisher, port: connection.iopubPort)
        let (hbSocket, hbPort) = try makeSocket(.reply, port: connection.hbPort)
        bound.shellPort = shellPort
        bound.controlPort = controlPort
        bound.stdinPort = stdinPort
        bound.iopubPort = iopubPort
        bound.hbPort = hbPort

        self.connection = bound
        self.session = UUID().uuidString.lowercased()
        self.username = getenv("USER").map { String(cString: $0) } ?? "kernel"
        self.interpreter = interpreter
        self.info = interpreter.info
        self.log = log
        self.context = context
        self.shell = KernelChannel(name: "shell", socket: shellSocket, signer: signer, log: log)
        self.control = KernelChannel(name: "control", socket: controlSocket, signer: signer, log: log)
        self.stdin = KernelChannel(name: "stdin", socket: stdinSocket, signer: signer, log: log)
        self.iopub = KernelChannel(name: "iopub", socket: iopubSocket, signer: signer, log: log)
        self.heartbeat = hbSocket
    }

    deinit {
        signalSource?.cancel()
    }

    /// Serves until a `shutdown_request` (or `requestShutdown`), then flushes and closes every
    /// socket. Blocks the calling thread until then. Runs once.
    @discardableResult
    public func run() -> KernelShutdown {
        let firstRun = hasRun.withLock { ran -> Bool in
            defer { ran = true }
            return !ran
        }
        guard firstRun else { return shutdownRequest.current ?? KernelShutdown(restart: false) }

        publishStatus("starting", parent: nil)
        let heartbeatThread = NativeThread(named: "jupyter-hb") { [self] in heartbeatLoop() }
        let controlThread = NativeThread(named: "jupyter-control") { [self] in
            serveLoop(on: control, handlers: Self.controlHandlers)
        }
        // Shell gets its own thread rather than the caller's: stack-probing interpreters then see
        // a plain pthread (glibc answers `pthread_getattr_np` for the main thread by parsing
        // /proc/self/maps, about 0.3 ms per call) with the stack size the main thread would have had.
        let shellThread = NativeThread(named: "jupyter-shell", stackSize: interpreterStackSize()) { [self] in
            serveLoop(on: shell, handlers: Self.shellHandlers)
        }
        shellThread.join()
        heartbeatThread.join()
        controlThread.join()

        // Every thread is done with its socket; close them all, then wait (up to each socket's
        // linger) for the shutdown reply and the last `idle` to leave before the process exits.
        for channel in [shell, control, stdin, iopub] { channel.close() }
        heartbeat.close()
        context.terminate()
        return shutdownRequest.current ?? KernelShutdown(restart: false)
    }

    /// Interrupts the running cell (as `interrupt_request` does). Safe from any thread; the
    /// executable can call it from its own SIGINT handling.
    public func interrupt() {
        interruptRequested.set(true)
        interpreter.interrupt()
    }

    /// Stops `run()` as a `shutdown_request` would, without a client (tests, SIGTERM handlers).
    public func requestShutdown(restart: Bool = false) {
        shutdownRequest.withLock { request in
            if request == nil { request = KernelShutdown(restart: restart) }
        }
        // A cell that is still running would keep `run()` from returning.
        interrupt()
    }

    /// Makes SIGINT interrupt the running cell instead of killing the process: ignores the
    /// default action (`signal(SIGINT, SIG_IGN)`) and calls `interrupt()` from a dispatch source.
    /// Jupyter's default `interrupt_mode` is "signal" (SIGINT to the kernel's process group).
    public func installInterruptSignalHandler() {
        guard signalSource == nil else { return }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        source.setEventHandler { [weak self] in self?.interrupt() }
        source.resume()
        signalSource = source
    }

    // MARK: Loops

    /// Receives and serves requests on `channel` until shutdown.
    private func serveLoop(on channel: KernelChannel, handlers: [String: Handler]) {
        while shutdownRequest.current == nil {
            guard channel.poll(timeoutMilliseconds: Self.pollMilliseconds), let request = channel.receive() else {
                continue
            }
            serve(request, on: channel, handlers: handlers)
            // Only the shell thread may read `requestsToAbort`, so test the channel first.
            if channel === shell, let queued = requestsToAbort {
                requestsToAbort = nil
                abort(queued)
            }
        }
    }

    /// Echoes every heartbeat ping unchanged, so clients see the process alive even mid-cell.
    private func heartbeatLoop() {
        while shutdownRequest.current == nil {
            do {
                guard try heartbeat.poll(timeoutMilliseconds: Self.pollMilliseconds) else { continue }
                try heartbeat.send(try heartbeat.receive())
            } catch {
                log("heartbeat: \(error)")
                sleepMilliseconds(Self.pollMilliseconds)
            }
        }
    }

    // MARK: Dispatch

    /// A request handler: returns the reply content, or `nil` for messages without a reply.
    typealias Handler = (KernelServer) -> (Message) -> [String: JSONValue]?

    /// Busy, handler, reply, idle: the order jupyter_kernel_test and nbclient rely on. Output the
    /// handler publishes is sent before the reply because it happens inside the handler.
    func serve(_ request: Message, on channel: KernelChannel, handlers: [String: Handler]) {
        publishStatus("busy", parent: request)
        if let handler = handlers[request.msgType] {
            if let replyContent = handler(self)(request) {
                reply(to: request, on: channel, content: replyContent)
            }
        } else {
            log("\(channel.name): ignoring unknown message type \"\(request.msgType)\"")
        }
        publishStatus("idle", parent: request)
    }

    /// Sends `<type>_reply` for a `<type>_request` back to the requester's identities.
    func reply(to request: Message, on channel: KernelChannel, content: [String: JSONValue]) {
        let type = request.msgType
        let replyType = type.hasSuffix("_request") ? String(type.dropLast("_request".count)) + "_reply" : type + "_reply"
        channel.send(
            Message(
                msgType: replyType, session: session, username: username, parent: request, content: content,
                identities: request.identities))
    }

    /// Publishes on IOPub with the message type as topic (as ipykernel's topics end with it).
    func publish(_ msgType: String, content: [String: JSONValue], parent: Message?) {
        var message = Message(msgType: msgType, session: session, username: username, parent: parent, content: content)
        message.identities = [Data(msgType.utf8)]
        iopub.send(message)
    }

    /// `status` with `execution_state` busy, idle or starting.
    func publishStatus(_ state: String, parent: Message?) {
        publish("status", content: ["execution_state": .string(state)], parent: parent)
    }
}
